package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kilowire.conformance.script.Json;
import java.util.List;

/** The faulty variants of block N (monitoring, customer information). */
final class DiagnosticsVariants {
  private DiagnosticsVariants() {}

  static List<Variant> all() {
    return List.of(
        new Variant(
            "monitoring-misdirected",
            "asks for monitoring reports by other criteria and no component variables, sets every"
                + " base to All and monitors as UpperThreshold, sends levels as text and clears"
                + " an empty list") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return switch (action) {
              case "GetMonitoringReport" -> {
                boolean delta = payload(frame).toString().contains("DeltaMonitoring");
                set(
                    frame,
                    "monitoringCriteria",
                    Json.arr(delta ? "ThresholdMonitoring" : "DeltaMonitoring"));
                yield remove(frame, "componentVariable");
              }
              case "SetMonitoringBase" -> set(frame, "monitoringBase", "All");
              case "SetVariableMonitoring" -> {
                payload(frame)
                    .path("setMonitoringData")
                    .forEach(
                        d ->
                            ((com.fasterxml.jackson.databind.node.ObjectNode) d)
                                .put("type", "UpperThreshold"));
                yield frame;
              }
              case "SetMonitoringLevel" ->
                  set(frame, "severity", payload(frame).path("severity").asText());
              case "ClearVariableMonitoring" -> set(frame, "id", Json.arr());
              default -> frame;
            };
          }

          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("NotifyEvent") && request.toString().contains("CustomMonitor")
                ? error(frame, "InternalError")
                : frame;
          }
        },
        new Variant(
            "hardwired-events-answered",
            "answers NotifyEvent from a hardwired monitor with a body (N07.FR.03: empty;"
                + " schema-invalid)") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("NotifyEvent") && request.toString().contains("HardWiredMonitor")
                ? set(frame, "status", "Accepted")
                : frame;
          }
        },
        new Variant(
            "customer-flags-swapped",
            "swaps report and clear in CustomerInformation (clears what it meant to read)") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("CustomerInformation")) {
              return frame;
            }
            boolean report = payload(frame).path("report").asBoolean();
            boolean clear = payload(frame).path("clear").asBoolean();
            return set(set(frame, "report", clear), "clear", report);
          }
        });
  }
}
