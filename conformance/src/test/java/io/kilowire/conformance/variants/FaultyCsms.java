package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kilowire.conformance.script.Json;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppTransport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Puts a {@link Variant} between the sandbox and the station: wraps the sandbox's end of each
 * in-memory link, remembers the station's CALLs so a reply can be judged with the CALL it answers,
 * and lets the variant rewrite, drop or delay what the sandbox sends.
 */
final class FaultyCsms implements UnaryOperator<OcppTransport> {
  private final Variant variant;
  private final TaskScheduler scheduler;

  FaultyCsms(Variant variant, TaskScheduler scheduler) {
    this.variant = variant;
    this.scheduler = scheduler;
  }

  @Override
  public OcppTransport apply(OcppTransport sandboxEnd) {
    Map<String, JsonNode> stationCalls = new HashMap<>();
    int[] connection = {0};
    return new OcppTransport() {
      @Override
      public void connect(Listener listener) {
        sandboxEnd.connect(
            new Listener() {
              @Override
              public void onOpen(OcppVersion negotiated) {
                connection[0]++;
                listener.onOpen(negotiated);
              }

              @Override
              public void onMessage(String frame) {
                JsonNode parsed = Json.parse(frame);
                if (parsed != null && parsed.isArray() && parsed.path(0).asInt() == 2) {
                  stationCalls.put(parsed.path(1).asText(), parsed);
                }
                listener.onMessage(frame);
              }

              @Override
              public void onClose(CloseReason reason, boolean remote) {
                stationCalls.clear();
                listener.onClose(reason, remote);
              }
            });
      }

      @Override
      public boolean send(String frame) {
        JsonNode parsed = Json.parse(frame);
        if (!(parsed instanceof ArrayNode array) || array.size() < 3) {
          return sandboxEnd.send(frame);
        }
        int type = array.get(0).asInt();
        ArrayNode out = array;
        String action = "";
        if (type == 2) {
          action = array.get(2).asText();
          out = variant.call(action, array);
        } else if (type == 3 || type == 4) {
          JsonNode call = stationCalls.remove(array.get(1).asText());
          if (call != null) {
            action = call.get(2).asText();
            out =
                type == 3
                    ? variant.result(action, call.get(3), array)
                    : variant.errorReply(action, call.get(3), array);
          }
        }
        if (out == null) {
          return true;
        }
        String text = Json.text(out);
        Duration delay = variant.delay(action, out);
        if (delay.isZero()) {
          return sandboxEnd.send(text);
        }
        int sentOn = connection[0];
        scheduler.schedule(
            delay,
            () -> {
              // A late frame belongs to its connection; a new one never sees it.
              if (connection[0] == sentOn) {
                sandboxEnd.send(text);
              }
            });
        return true;
      }

      @Override
      public void close() {
        sandboxEnd.close();
      }

      @Override
      public boolean isOpen() {
        return sandboxEnd.isOpen();
      }
    };
  }
}
