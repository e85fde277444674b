package io.kilowire.emulator.station;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.transport.OcppTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the station writes on its link, as an operator may shape it: raw frames sent past the RPC
 * session (negative tests), and, for OCPP 1.6, the errorCode of a Faulted StatusNotification when
 * the emulated hardware names a ChargePointErrorCode the core's {@code FaultCode} does not have
 * (the core reports those as OtherError). Sits outside the frame observers, so traces and the event
 * stream show the frames as they go on the wire.
 */
final class StationWire implements OcppTransport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OcppTransport observed;
  private final Map<Integer, String> errorCodes = new ConcurrentHashMap<>();

  StationWire(OcppTransport observed) {
    this.observed = observed;
  }

  @Override
  public void connect(Listener listener) {
    observed.connect(listener);
  }

  @Override
  public boolean send(String frame) {
    return observed.send(errorCodes.isEmpty() ? frame : withErrorCode(frame));
  }

  /** Sends {@code frame} as it is: no session, no correlation, no check. */
  boolean sendRaw(String frame) {
    return observed.send(frame);
  }

  @Override
  public void close() {
    observed.close();
  }

  @Override
  public boolean isOpen() {
    return observed.isOpen();
  }

  /** The 1.6 errorCode a Faulted connector reports instead of OtherError; null: OtherError. */
  void errorCode(int connector, @Nullable String code) {
    if (code == null) {
      errorCodes.remove(connector);
    } else {
      errorCodes.put(connector, code);
    }
  }

  private String withErrorCode(String frame) {
    if (!frame.contains("\"StatusNotification\"")) {
      return frame;
    }
    try {
      JsonNode node = JSON.readTree(frame);
      if (node instanceof ArrayNode call
          && call.size() == 4
          && call.get(0).asInt() == 2
          && "StatusNotification".equals(call.get(2).asText())
          && call.get(3) instanceof ObjectNode payload
          && "Faulted".equals(payload.path("status").asText())
          && "OtherError".equals(payload.path("errorCode").asText())) {
        String code = errorCodes.get(payload.path("connectorId").asInt(-1));
        if (code != null) {
          payload.put("errorCode", code);
          return JSON.writeValueAsString(call);
        }
      }
    } catch (java.io.IOException e) {
      // not JSON: sent as it is
    }
    return frame;
  }
}
