package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.rpc.Payload;

/** A payload held as a JSON tree. */
record JsonPayload(JsonNode node) implements Payload {
  @Override
  public String json() {
    return node.toString();
  }

  @Override
  public String toString() {
    return json();
  }
}
