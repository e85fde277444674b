package io.kilowire.conformance.driver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.script.Json;

/**
 * What a trigger step asks of the CSMS, as the driver receives it: {@code
 * {"case","stationId","action","payload","instruction","kind"}}. With kind {@code send}, the CSMS
 * is to send {@code action} with at least the fields of {@code payload} to the station; with kind
 * {@code answer}, it is to answer the station's next {@code action} with them (e.g. a
 * BootNotification answered Pending). See docs/CONFORMANCE.md, "Writing a driver".
 */
public record TriggerRequest(
    String caseId,
    String stationId,
    String action,
    ObjectNode payload,
    String instruction,
    String kind) {

  /** The JSON object a driver receives. */
  public ObjectNode toJson() {
    return Json.obj(
        "case",
        caseId,
        "stationId",
        stationId,
        "action",
        action,
        "payload",
        payload,
        "instruction",
        instruction,
        "kind",
        kind);
  }
}
