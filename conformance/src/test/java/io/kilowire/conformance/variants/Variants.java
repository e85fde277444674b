package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
