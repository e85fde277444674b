package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kilowire.conformance.script.Json;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The faulty CSMS variants: each the sandbox with one deliberate defect. */
final class Variants {
  private Variants() {}

  private static final List<Variant> ALL = variants();

  /** The variants, the same instances on every call. */
  static List<Variant> all() {
    return ALL;
  }

  private static List<Variant> variants() {
    List<Variant> all = new java.util.ArrayList<>(base());
    all.addAll(CertificateVariants.all());
    return List.copyOf(all);
  }

  private static List<Variant> base() {
    return List.of(
        new Variant("boot-rejected", "answers every BootNotification with status Rejected") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("BootNotification") ? set(frame, "status", "Rejected") : frame;
          }
        },
        new Variant(
            "never-pending", "ignores its set-up and accepts a boot it should hold Pending") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("BootNotification") && has(payload(frame), "status", "Pending")
                ? set(frame, "status", "Accepted")
                : frame;
          }
        },
        new Variant("accepts-all-tokens", "answers every token Accepted, whatever its status") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            if (payload(frame).has("idTokenInfo")) {
              return set(frame, "idTokenInfo.status", "Accepted");
            }
            if (payload(frame).has("idTagInfo")) {
              return set(frame, "idTagInfo.status", "Accepted");
            }
            return frame;
          }
        },
        new Variant(
            "no-token-info-in-transaction",
            "leaves idTokenInfo out of TransactionEventResponse (a missing field)") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent") ? remove(frame, "idTokenInfo") : frame;
          }
        },
        new Variant(
            "start-transaction-schema-invalid",
            "answers StartTransaction without idTagInfo (schema-invalid)") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("StartTransaction") ? remove(frame, "idTagInfo") : frame;
          }
        },
        new Variant("heartbeat-extra-field", "adds a field no schema knows to HeartbeatResponse") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("Heartbeat") ? set(frame, "serverName", "sandbox") : frame;
          }
        },
        new Variant(
            "wrong-transaction-id",
            "sends RequestStopTransaction / RemoteStopTransaction for another transaction") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (action.equals("RequestStopTransaction")) {
              return set(frame, "transactionId", "NOT-THE-RUNNING-ONE");
            }
            if (action.equals("RemoteStopTransaction")) {
              return set(frame, "transactionId", 999_999);
            }
            return frame;
          }
        },
        new Variant(
            "remote-start-wrong-token", "remote-starts for a token other than the one asked for") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (action.equals("RequestStartTransaction")) {
              return set(frame, "idToken.idToken", "SOMEONE-ELSE");
            }
            if (action.equals("RemoteStartTransaction")) {
              return set(frame, "idTag", "SOMEONE-ELSE");
            }
            return frame;
          }
        },
        new Variant(
            "no-security-error",
            "answers the calls of a station whose boot it did not accept instead of refusing"
                + " them with SecurityError") {
          @Override
          ArrayNode errorReply(String action, JsonNode request, ArrayNode frame) {
            return frame.get(2).asText().equals("SecurityError")
                ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .arrayNode()
                    .add(3)
                    .add(frame.get(1))
                    .add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
                : frame;
          }
        },
        new Variant("schema-invalid-calls", "adds a field no schema knows to every call it sends") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return set(frame, "note", "not in any schema");
          }
        },
        new Variant("reset-wrong-type", "sends Reset with the other type (OnIdle for Immediate)") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("Reset")) {
              return frame;
            }
            String type = payload(frame).path("type").asText();
            return set(frame, "type", type.equals("OnIdle") ? "Immediate" : "OnIdle");
          }
        },
        new Variant(
            "variables-misaddressed",
            "asks for and sets variables of another component, and ignores ItemsPerMessage") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            String list =
                action.equals("GetVariables")
                    ? "getVariableData"
                    : action.equals("SetVariables") ? "setVariableData" : null;
            if (list == null) {
              return frame;
            }
            com.fasterxml.jackson.databind.node.ArrayNode data =
                (com.fasterxml.jackson.databind.node.ArrayNode) payload(frame).get(list);
            for (JsonNode d : data) {
              ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("component"))
                  .put("name", "SampledDataCtrlr");
            }
            if (data.size() >= 4) {
              data.add(data.get(0).deepCopy());
            }
            return frame;
          }
        },
        new Variant(
            "report-wrong-criteria",
            "asks for another base report, and for other components in custom reports") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (action.equals("GetBaseReport")) {
              String base = payload(frame).path("reportBase").asText();
              return set(
                  frame,
                  "reportBase",
                  base.equals("FullInventory") ? "SummaryInventory" : "FullInventory");
            }
            if (action.equals("GetReport")) {
              return set(frame, "componentCriteria", Json.arr("Enabled"));
            }
            return frame;
          }
        },
        new Variant(
            "network-profile-wrong-version",
            "sends a network profile for OCPP 1.5 on another slot") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("SetNetworkProfile")) {
              return frame;
            }
            set(frame, "connectionData.ocppVersion", "OCPP15");
            return set(
                frame, "configurationSlot", payload(frame).path("configurationSlot").asInt() + 1);
          }
        },
        new Variant("never-sends", "never sends what the driver asked for") {
          @Override
          @Nullable ArrayNode call(String action, ArrayNode frame) {
            return null;
          }
        },
        new Variant(
            "late-authorize", "answers Authorize after the response timeout (a late answer)") {
          @Override
          Duration delay(String action, ArrayNode frame) {
            return action.equals("Authorize") ? Duration.ofSeconds(60) : Duration.ZERO;
          }
        },
        new Variant(
            "drops-transaction-end", "never answers a TransactionEvent Ended (a missing answer)") {
          @Override
          @Nullable ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent") && has(request, "eventType", "Ended")
                ? null
                : frame;
          }
        },
        new Variant(
            "wrong-error-code",
            "answers StopTransaction with CALLERROR InternalError instead of a result") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("StopTransaction") ? error(frame, "InternalError") : frame;
          }
        });
  }
}
