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

  private static final List<Variant> ALL =
      java.util.stream.Stream.of(variants(), ReservationVariants.all(), FileTransferVariants.all())
          .flatMap(List::stream)
          .toList();

  /** The variants, the same instances on every call. */
  static List<Variant> all() {
    return ALL;
  }

  private static List<Variant> variants() {
    List<Variant> all = new java.util.ArrayList<>(base());
    all.addAll(CertificateVariants.all());
    all.addAll(DisplayVariants.all());
    all.addAll(DiagnosticsVariants.all());
    all.addAll(CostVariants.all());
    all.addAll(V21Variants.all());
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
        new Variant(
            "local-list-wrong-type",
            "sends the local list with the other update type and version 0") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("SendLocalList")) {
              return frame;
            }
            String type = payload(frame).path("updateType").asText();
            set(frame, "updateType", type.equals("Full") ? "Differential" : "Full");
            if (type.equals("Full")) {
              set(
                  frame,
                  "localAuthorizationList",
                  Json.arr(
                      Json.obj(
                          "idToken",
                          Json.obj("idToken", "X", "type", "Central"),
                          "idTokenInfo",
                          Json.obj("status", "Accepted"))));
            } else {
              remove(frame, "localAuthorizationList");
            }
            return set(frame, "versionNumber", 0);
          }
        },
        new Variant(
            "rare-trigger-reasons-refused",
            "refuses (CALLERROR) TransactionEvents with trigger reasons beyond the common ones") {
          final java.util.Set<String> rare =
              java.util.Set.of(
                  "EVDetected",
                  "SignedDataReceived",
                  "EVConnectTimeout",
                  "EVDeparted",
                  "Deauthorized",
                  "MeterValueClock",
                  "MeterValuePeriodic",
                  "Trigger",
                  "ChargingRateChanged",
                  "ResetCommand");

          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent")
                    && rare.contains(request.path("triggerReason").asText())
                ? error(frame, "NotSupported")
                : frame;
          }
        },
        new Variant(
            "started-answer-invalid",
            "answers a TransactionEvent Started with a schema-invalid payload") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent") && has(request, "eventType", "Started")
                ? set(frame, "totalCost", "free")
                : frame;
          }
        },
        new Variant(
            "suspended-states-refused",
            "refuses (CALLERROR) TransactionEvents whose charging state is SuspendedEV/EVSE") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            String state = Json.at(request, "transactionInfo.chargingState").asText();
            return action.equals("TransactionEvent") && state.startsWith("Suspended")
                ? error(frame, "InternalError")
                : frame;
          }
        },
        new Variant(
            "offline-events-refused", "refuses (CALLERROR) TransactionEvents sent offline") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent") && request.path("offline").asBoolean(false)
                ? error(frame, "InternalError")
                : frame;
          }
        },
        new Variant(
            "transaction-status-misaddressed",
            "asks for the status of another transaction (or of one when asked for none)") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("GetTransactionStatus")
                ? set(frame, "transactionId", "SOME-OTHER")
                : frame;
          }
        },
        new Variant(
            "trigger-wrong-message", "triggers Heartbeat whatever it was asked to trigger") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("TriggerMessage")) {
              return frame;
            }
            String asked = payload(frame).path("requestedMessage").asText();
            remove(frame, "evse");
            return set(
                frame,
                "requestedMessage",
                asked.equals("Heartbeat") ? "StatusNotification" : "Heartbeat");
          }
        },
        new Variant("unlock-wrong-connector", "unlocks another connector than the one asked") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("UnlockConnector")
                ? set(frame, "connectorId", payload(frame).path("connectorId").asInt() + 1)
                : frame;
          }
        },
        new Variant(
            "never-operative-again",
            "sends Inoperative when asked to make something Operative again") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("ChangeAvailability")
                    && has(payload(frame), "operationalStatus", "Operative")
                ? set(frame, "operationalStatus", "Inoperative")
                : frame;
          }
        },
        new Variant(
            "idle-updates-refused",
            "refuses (CALLERROR) a TransactionEvent Updated with charging state Idle") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent")
                    && has(request, "eventType", "Updated")
                    && Json.at(request, "transactionInfo.chargingState").asText().equals("Idle")
                ? error(frame, "InternalError")
                : frame;
          }
        },
        new Variant(
            "problem-events-refused",
            "refuses (CALLERROR) NotifyEvent reporting a component's Problem") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("NotifyEvent") && request.toString().contains("\"Problem\"")
                ? error(frame, "InternalError")
                : frame;
          }
        },
        new Variant(
            "meter-values-refused", "refuses (CALLERROR) clock-aligned and sampled meter values") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            String text = request.toString();
            boolean periodic =
                text.contains("Sample.Clock")
                    || text.contains("Sample.Periodic")
                    || text.contains("\"Trigger\"");
            return (action.equals("MeterValues") || action.equals("TransactionEvent")) && periodic
                ? error(frame, "InternalError")
                : frame;
          }
        },
        new Variant(
            "begin-meter-values-refused",
            "refuses (CALLERROR) TransactionEvents carrying Transaction.Begin meter values") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("TransactionEvent")
                    && request.toString().contains("Transaction.Begin")
                ? error(frame, "InternalError")
                : frame;
          }
        },
        new Variant(
            "data-transfer-accepted", "answers any DataTransfer Accepted and refuses custom data") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            if (action.equals("DataTransfer")) {
              return set(frame, "status", "Accepted");
            }
            return request.has("customData") ? error(frame, "FormationViolation") : frame;
          }
        },
        new Variant(
            "profile-misdirected",
            "sends charging profiles with another purpose, limit, stack level and id") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("SetChargingProfile")) {
              return frame;
            }
            ObjectNodeEdit.profile(payload(frame));
            return frame;
          }
        },
        new Variant("clear-misdirected", "clears another profile, by other criteria") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("ClearChargingProfile")) {
              return frame;
            }
            if (payload(frame).has("chargingProfileId")) {
              set(frame, "chargingProfileId", payload(frame).path("chargingProfileId").asInt() + 1);
            }
            return set(frame, "chargingProfileCriteria.stackLevel", 99);
          }
        },
        new Variant(
            "profiles-query-misdirected",
            "asks for the profiles of another EVSE, purpose, stack level and source") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("GetChargingProfiles")) {
              return frame;
            }
            set(frame, "evseId", payload(frame).path("evseId").asInt(0) + 5);
            set(frame, "chargingProfile.chargingProfilePurpose", "TxProfile");
            set(frame, "chargingProfile.stackLevel", 99);
            set(frame, "chargingProfile.chargingLimitSource", Json.arr("SO"));
            return set(frame, "chargingProfile.chargingProfileId", Json.arr(1));
          }
        },
        new Variant("composite-misdirected", "asks for the composite schedule of another EVSE") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("GetCompositeSchedule")
                ? set(frame, "evseId", payload(frame).path("evseId").asInt() + 1)
                : frame;
          }
        },
        new Variant(
            "external-limits-refused",
            "refuses (CALLERROR) NotifyChargingLimit and ClearedChargingLimit") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("NotifyChargingLimit") || action.equals("ClearedChargingLimit")
                ? error(frame, "NotImplemented")
                : frame;
          }
        },
        new Variant(
            "ev-schedules-misjudged",
            "rejects the EV's charging needs and inverts its verdict on the EV's schedule") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            if (action.equals("NotifyEVChargingNeeds")) {
              return set(frame, "status", "Rejected");
            }
            if (action.equals("NotifyEVChargingSchedule")) {
              String status = payload(frame).path("status").asText();
              return set(frame, "status", status.equals("Accepted") ? "Rejected" : "Accepted");
            }
            return frame;
          }
        },
        new Variant(
            "preparing-and-faults-refused",
            "refuses (CALLERROR) 1.6 StatusNotifications Preparing and Faulted") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            String status = request.path("status").asText();
            return action.equals("StatusNotification")
                    && (status.equals("Preparing") || status.equals("Faulted"))
                ? error(frame, "InternalError")
                : frame;
          }
        },
        new Variant(
            "accepts-any-password", "completes the WebSocket upgrade whatever the credentials") {
          @Override
          io.kilowire.conformance.sandbox.SandboxLinks.Gate gate() {
            return (id, user, password) -> true;
          }
        },
        new Variant(
            "any-subprotocol",
            "upgrades the connection with the first subprotocol offered, one it does not speak"
                + " included") {
          @Override
          io.kilowire.conformance.sandbox.SandboxLinks.SubprotocolChoice subprotocols() {
            return offered -> offered.get(0);
          }
        },
        new Variant(
            "password-switched-regardless",
            "switches to a new station password when it sends it, whatever the station answers") {
          final java.util.Map<String, String> sent = new java.util.concurrent.ConcurrentHashMap<>();

          @Override
          ArrayNode call(String action, ArrayNode frame) {
            JsonNode data = payload(frame);
            if (action.equals("SetVariables") && data.toString().contains("BasicAuthPassword")) {
              sent.put("station", Json.at(data, "setVariableData[0].attributeValue").asText());
            } else if (action.equals("ChangeConfiguration")
                && has(data, "key", "AuthorizationKey")) {
              sent.put(
                  "station",
                  new String(
                      java.util.HexFormat.of().parseHex(data.path("value").asText()),
                      java.nio.charset.StandardCharsets.UTF_8));
            }
            return frame;
          }

          @Override
          io.kilowire.conformance.sandbox.SandboxLinks.Gate gate() {
            return (id, user, password) -> {
              String expected = sent.getOrDefault("station", "kilowire-sandbox-01");
              return id.equals(user) && expected.equals(password);
            };
          }
        },
        new Variant(
            "new-password-ignored",
            "keeps the old station password although the station accepted a new one") {
          @Override
          io.kilowire.conformance.sandbox.SandboxLinks.Gate gate() {
            return (id, user, password) ->
                id.equals(user) && "kilowire-sandbox-01".equals(password);
          }
        },
        new Variant(
            "signs-another-key",
            "answers a CSR with a certificate of another key, typed as a V2G certificate") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("CertificateSigned")) {
              return frame;
            }
            set(
                frame,
                "certificateChain",
                io.kilowire.conformance.cases.CertificateMaterial.ROOT_PEM);
            return payload(frame).has("certificateType")
                ? set(frame, "certificateType", "V2GCertificate")
                : frame;
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
        },
        new Variant(
            "contracts-unchecked",
            "takes every ISO 15118 contract certificate as valid without asking its OCSP"
                + " responder") {
          @Override
          io.kilowire.emulator.sandbox.ContractCheck contractCheck() {
            return (emaid, chain, hashData, now) ->
                io.kilowire.core.ocpp.v201.AuthorizeCertificateStatus.ACCEPTED;
          }
        },
        new Variant(
            "no-certificate-status",
            "leaves certificateStatus out of AuthorizeResponse (a missing field)") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("Authorize") ? remove(frame, "certificateStatus") : frame;
          }
        });
  }
}
