package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.boot;
import static io.kilowire.conformance.cases.v201.Messages.status;
import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.absentOr;
import static io.kilowire.conformance.script.Expect.atLeast;
import static io.kilowire.conformance.script.Expect.containsElement;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.oneOf;
import static io.kilowire.conformance.script.Expect.sizeAtMost;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.configure;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectError;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;
import static io.kilowire.conformance.script.Verbs.verify;
import static io.kilowire.conformance.script.Verbs.waitFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.ConnectionSteps;
import io.kilowire.conformance.cases.Features;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Block B, Provisioning: booting, variables, reports, resets, network profiles. */
public final class Provisioning {
  /**
   * Either condition: Pending is implemented, or unknown stations are not refused at connection.
   */
  static final Features PENDING_OR_REJECTED =
      Features.anyOf(Features.has("C-44"), Features.not("AQ-6"));

  private Provisioning() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_B_01_CSMS", "Cold boot: a known station is accepted")
            .useCases("B01")
            .requirements("B01.FR.02")
            .unbooted()
            .main(States.booted()),
        Start.of("TC_B_02_CSMS", "Cold boot: Pending first, Accepted after the interval")
            .useCases("B02")
            .requirements("B02.FR.01", "B02.FR.06")
            .features(Features.has("C-44"))
            .unbooted()
            .main(
                holdNextBoot("Pending"),
                send("BootNotification", boot("PowerUp")),
                expectResult(check("status", is("Pending"), "B02.FR.01"))
                    .capture("interval", "interval"),
                waitInterval(),
                States.bootAccepted("PowerUp"),
                States.everyConnector("Available")),
        Start.of("TC_B_30_CSMS", "Boot held Pending or Rejected: other calls get SecurityError")
            .useCases("B02", "B03")
            .requirements("B02.FR.09", "B03.FR.07")
            .features(PENDING_OR_REJECTED)
            .unbooted()
            .main(
                holdNextBoot("Pending"),
                exchange(
                    "BootNotification",
                    boot("PowerUp"),
                    check("status", oneOf("Pending", "Rejected"))),
                send("StatusNotification", status("Available")),
                expectError("SecurityError")),
        Start.of("TC_B_31_CSMS", "Boot held Pending or Rejected: the CSMS triggers a new boot")
            .useCases("B02", "F06")
            .features(PENDING_OR_REJECTED)
            .unbooted()
            .main(
                holdNextBoot("Pending"),
                exchange(
                    "BootNotification",
                    boot("PowerUp"),
                    check("status", oneOf("Pending", "Rejected"))),
                trigger(
                    "TriggerMessage",
                    Payload.of(obj("requestedMessage", "BootNotification")),
                    "Make the CSMS ask this station, with TriggerMessage, for a new BootNotification"),
                expectCall("TriggerMessage", check("requestedMessage", is("BootNotification"))),
                respond(obj("status", "Accepted")),
                States.bootAccepted("Triggered"),
                States.everyConnector("Available")),
        Start.of("TC_B_06_CSMS", "Get variables: one value")
            .useCases("B06")
            .requirements(
                "B06.FR.01", "B06.FR.02", "B06.FR.03", "B06.FR.04", "B06.FR.10", "B06.FR.11")
            .main(
                getVariables(
                    "Make the CSMS read OCPPCommCtrlr.OfflineThreshold of this station",
                    variable("OCPPCommCtrlr", "OfflineThreshold", null))),
        Start.of("TC_B_07_CSMS", "Get variables: several values in one request")
            .useCases("B06")
            .requirements("B06.FR.01", "B06.FR.02", "B06.FR.03")
            .features(Features.has("C-45"))
            .main(
                getVariables(
                    "Make the CSMS read OCPPCommCtrlr.OfflineThreshold and"
                        + " AuthCtrlr.AuthorizeRemoteStart of this station in one request",
                    variable("OCPPCommCtrlr", "OfflineThreshold", null),
                    variable("AuthCtrlr", "AuthorizeRemoteStart", null))),
        Start.of("TC_B_08_CSMS", "Get variables: no more per request than the station takes")
            .useCases("B06")
            .requirements("B06.FR.05")
            .before(
                trigger(
                    "GetVariables",
                    Payload.of(
                        obj(
                            "getVariableData",
                            arr(variable("DeviceDataCtrlr", "ItemsPerMessage", "GetVariables")))),
                    "Make the CSMS read DeviceDataCtrlr.ItemsPerMessage[GetVariables] of this"
                        + " station"),
                expectCall("GetVariables"),
                respond(ctx -> variablesResult(ctx, "4")))
            .main(
                trigger(
                    "GetVariables",
                    Payload.of(
                        obj(
                            "getVariableData",
                            arr(
                                variable("DeviceDataCtrlr", "ItemsPerMessage", "GetReport"),
                                variable("DeviceDataCtrlr", "ItemsPerMessage", "GetVariables"),
                                variable("DeviceDataCtrlr", "BytesPerMessage", "GetReport"),
                                variable("DeviceDataCtrlr", "BytesPerMessage", "GetVariables"),
                                variable("AuthCtrlr", "AuthorizeRemoteStart", null)))),
                    "Make the CSMS read these five variables of this station (it takes at most"
                        + " four per request)"),
                expectCall("GetVariables", check("getVariableData", sizeAtMost(4), "B06.FR.05"))
                    .capture("getVariableData", "first"),
                respond(ctx -> variablesResult(ctx, "4")),
                expectCall("GetVariables", check("getVariableData", sizeAtMost(4), "B06.FR.05"))
                    .capture("getVariableData", "second"),
                respond(ctx -> variablesResult(ctx, "4")),
                verify(
                    "the two requests ask for all five variables",
                    ctx -> distinctVariables(ctx.var("first"), ctx.var("second")) == 5,
                    "the two GetVariablesRequests do not ask for the five variables between them",
                    "B06.FR.05")),
        Start.of("TC_B_09_CSMS", "Set variables: one value")
            .useCases("B05")
            .requirements("B05.FR.01", "B05.FR.02", "B05.FR.03", "B05.FR.10", "B05.FR.12")
            .main(
                setVariables(
                    "Make the CSMS set OCPPCommCtrlr.OfflineThreshold of this station to 123",
                    setting("OCPPCommCtrlr", "OfflineThreshold", "123"))),
        Start.of("TC_B_10_CSMS", "Set variables: several values in one request")
            .useCases("B05")
            .requirements("B05.FR.01", "B05.FR.02", "B05.FR.03")
            .features(Features.has("C-46"))
            .main(
                setVariables(
                    "Make the CSMS set OCPPCommCtrlr.OfflineThreshold to 123 and"
                        + " AuthCtrlr.AuthorizeRemoteStart to false in one request",
                    setting("OCPPCommCtrlr", "OfflineThreshold", "123"),
                    setting("AuthCtrlr", "AuthorizeRemoteStart", "false"))),
        Start.of("TC_B_12_CSMS", "Get base report: ConfigurationInventory")
            .useCases("B07")
            .requirements("B07.FR.07")
            .features(Features.has("C-17"))
            .main(baseReport("ConfigurationInventory")),
        Start.of("TC_B_13_CSMS", "Get base report: FullInventory")
            .useCases("B07")
            .requirements("B07.FR.08")
            .features(Features.has("C-50.2"))
            .main(baseReport("FullInventory")),
        Start.of("TC_B_14_CSMS", "Get base report: SummaryInventory")
            .useCases("B07")
            .requirements("B07.FR.09")
            .profile(Profile.ADVANCED_DEVICE_MANAGEMENT)
            .main(baseReport("SummaryInventory")),
        Start.of(
                "TC_B_18_CSMS", "Get custom report: criteria and component/variable, empty and not")
            .useCases("B08")
            .requirements("B08.FR.01", "B08.FR.03")
            .profile(Profile.ADVANCED_DEVICE_MANAGEMENT)
            .main(
                customReport("Problem"),
                respond(obj("status", "EmptyResultSet")),
                customReport("Available"),
                respond(obj("status", "Accepted")),
                exchange(
                    "NotifyReport",
                    ctx ->
                        report(
                            ctx,
                            arr(
                                obj(
                                    "component",
                                    obj("name", "EVSE", "evse", obj("id", ctx.evseId())),
                                    "variable",
                                    obj("name", "AvailabilityState"),
                                    "variableAttribute",
                                    arr(obj("type", "Actual", "value", "Available"))))))),
        Start.of("TC_B_20_CSMS", "Reset the station without a transaction: OnIdle")
            .useCases("B11")
            .requirements("B11.FR.04")
            .main(
                reset("OnIdle", false, "Make the CSMS reset this station when idle"),
                respond(obj("status", "Accepted")),
                reconnect(Credentials.configured()),
                States.bootAccepted("RemoteReset"),
                States.everyConnector("Available")),
        Start.of("TC_B_21_CSMS", "Reset the station during a transaction: OnIdle")
            .useCases("B12")
            .requirements("B12.FR.01", "B12.FR.03", "E07.FR.03")
            .before(States.energyTransferStarted())
            .main(
                reset("OnIdle", false, "Make the CSMS reset this station once it is idle"),
                respond(obj("status", "Scheduled")),
                stopAndUnplug(),
                reconnect(Credentials.configured()),
                States.bootAccepted("ScheduledReset"),
                States.everyConnector("Available")),
        Start.of("TC_B_22_CSMS", "Reset the station during a transaction: Immediate")
            .useCases("B12")
            .before(States.energyTransferStarted())
            .main(
                reset("Immediate", false, "Make the CSMS reset this station immediately"),
                respond(obj("status", "Accepted")),
                endedByReset(),
                reconnect(Credentials.configured()),
                States.bootAccepted("RemoteReset"),
                connectorsAfterReset()),
        Start.of("TC_B_25_CSMS", "Reset an EVSE without a transaction")
            .useCases("B11")
            .requirements("B11.FR.04")
            .features(Features.has("C-13"))
            .main(
                reset("OnIdle", true, "Make the CSMS reset the configured EVSE of this station"),
                respond(obj("status", "Accepted"))),
        Start.of("TC_B_26_CSMS", "Reset an EVSE during a transaction: OnIdle")
            .useCases("B12")
            .requirements("B12.FR.07")
            .features(Features.has("C-13"))
            .before(States.energyTransferStarted())
            .main(
                reset("OnIdle", true, "Make the CSMS reset the charging EVSE once it is idle"),
                respond(obj("status", "Scheduled")),
                stopAndUnplug()),
        Start.of("TC_B_27_CSMS", "Reset an EVSE during a transaction: Immediate")
            .useCases("B12")
            .features(Features.has("C-13"))
            .before(States.energyTransferStarted())
            .main(
                reset("Immediate", true, "Make the CSMS reset the charging EVSE immediately"),
                respond(obj("status", "Accepted")),
                endedByReset()),
        Start.of("TC_B_42_CSMS", "Set a new network connection profile: accepted")
            .useCases("B09")
            .requirements("B09.FR.01")
            .main(setNetworkProfile(0), respond(obj("status", "Accepted"))),
        Start.of("TC_B_44_CSMS", "Set a new network connection profile: the station fails")
            .useCases("B09")
            .requirements("B09.FR.03")
            .main(setNetworkProfile(0), respond(obj("status", "Failed"))),
        // The 2025-09 errata's subprotocol case: OCPP-J 3.1.2 names the exact version in
        // Sec-WebSocket-Protocol, so an offer of an unknown version alone must not be upgraded.
        ConformanceCase.v201("TC_B_58_CSMS", "WebSocket subprotocol negotiation")
            .useCases("OCPP-J 3.1.2")
            .requirements("OCPP-J 3.1.2")
            // the accepted probe is a connection of this station: a CSMS may close any older one
            .connectsItself()
            .main(
                expand(
                    "negotiate the version the case is played on",
                    ctx ->
                        ConnectionSteps.subprotocolNegotiated(
                            ctx.version().subprotocol(), States.booted()))));
  }

  /** Asks the CSMS to answer the station's next boot with {@code status}. */
  static Step holdNextBoot(String status) {
    return configure(
        "BootNotification",
        Payload.of(obj("status", status)),
        "Make the CSMS answer this station's next BootNotification with status " + status);
  }

  /** Waits the interval the CSMS gave with its Pending answer (at least a second). */
  static Step waitInterval() {
    return expand(
        "wait the interval of the Pending answer",
        ctx -> List.of(waitFor(Duration.ofSeconds(Math.max(1, ctx.var("interval").asInt(1))))));
  }

  /** A GetVariableData / component-variable pair; {@code instance} may be null. */
  static ObjectNode variable(
      String component, String variable, @org.jspecify.annotations.Nullable String instance) {
    return obj(
        "component",
        obj("name", component),
        "variable",
        obj("name", variable, "instance", instance));
  }

  static ObjectNode setting(String component, String variable, String value) {
    ObjectNode data = variable(component, variable, null);
    data.put("attributeValue", value);
    return data;
  }

  /** Asks the CSMS to read variables; checks it asks for each, then answers every one. */
  private static List<Step> getVariables(String instruction, ObjectNode... variables) {
    io.kilowire.conformance.script.Check[] checks =
        new io.kilowire.conformance.script.Check[variables.length * 2];
    for (int i = 0; i < variables.length; i++) {
      checks[2 * i] =
          check(
              "getVariableData",
              containsElement(
                  "component.name",
                  variables[i].at("/component/name").asText(),
                  "variable.name",
                  variables[i].at("/variable/name").asText()),
              "B06.FR.01");
      checks[2 * i + 1] =
          check(
              "getVariableData[" + i + "].attributeType",
              absentOr("Actual", "Target", "MinSet", "MaxSet"));
    }
    return steps(
        trigger(
            "GetVariables",
            Payload.of(obj("getVariableData", arr((Object[]) variables))),
            instruction),
        expectCall("GetVariables", checks),
        respond(ctx -> variablesResult(ctx, null)));
  }

  /** A GetVariablesResponse answering every requested variable as Accepted. */
  static ObjectNode variablesResult(
      CaseContext ctx, @org.jspecify.annotations.Nullable String value) {
    ArrayNode results = arr();
    for (JsonNode data : ctx.var(CaseContext.LAST_CALL).path("getVariableData")) {
      String name = data.at("/variable/name").asText();
      results.add(
          obj(
              "attributeStatus",
              "Accepted",
              "attributeType",
              data.path("attributeType").isMissingNode() ? null : data.path("attributeType"),
              "attributeValue",
              value != null ? value : name.equals("AuthorizeRemoteStart") ? "false" : "60",
              "component",
              data.get("component"),
              "variable",
              data.get("variable")));
    }
    return obj("getVariableResult", results);
  }

  private static int distinctVariables(JsonNode first, JsonNode second) {
    Set<String> seen = new HashSet<>();
    for (JsonNode list : List.of(first, second)) {
      for (JsonNode data : list) {
        seen.add(data.path("component").toString() + data.path("variable").toString());
      }
    }
    return seen.size();
  }

  private static List<Step> setVariables(String instruction, ObjectNode... settings) {
    io.kilowire.conformance.script.Check[] checks =
        new io.kilowire.conformance.script.Check[settings.length * 2];
    for (int i = 0; i < settings.length; i++) {
      checks[2 * i] =
          check(
              "setVariableData",
              containsElement(
                  "component.name",
                  settings[i].at("/component/name").asText(),
                  "variable.name",
                  settings[i].at("/variable/name").asText(),
                  "attributeValue",
                  settings[i].get("attributeValue").asText()),
              "B05.FR.01");
      checks[2 * i + 1] = check("setVariableData[" + i + "].attributeType", absentOr("Actual"));
    }
    return steps(
        trigger(
            "SetVariables",
            Payload.of(obj("setVariableData", arr((Object[]) settings))),
            instruction),
        expectCall("SetVariables", checks),
        respond(Provisioning::variablesSet));
  }

  /** A SetVariablesResponse accepting every setting of the last SetVariablesRequest. */
  static ObjectNode variablesSet(CaseContext ctx) {
    ArrayNode results = arr();
    for (JsonNode data : ctx.var(CaseContext.LAST_CALL).path("setVariableData")) {
      results.add(
          obj(
              "attributeStatus",
              "Accepted",
              "component",
              data.get("component"),
              "variable",
              data.get("variable")));
    }
    return obj("setVariableResult", results);
  }

  private static List<Step> baseReport(String base) {
    return steps(
        trigger(
            "GetBaseReport",
            Payload.of(obj("reportBase", base)),
            "Make the CSMS ask this station for its " + base + " report"),
        expectCall("GetBaseReport", check("requestId", atLeast(0)), check("reportBase", is(base)))
            .capture("requestId", "requestId"),
        respond(obj("status", "Accepted")),
        exchange(
            "NotifyReport",
            ctx ->
                report(
                    ctx,
                    arr(
                        obj(
                            "component",
                            obj("name", "OCPPCommCtrlr"),
                            "variable",
                            obj("name", "OfflineThreshold"),
                            "variableAttribute",
                            arr(obj("type", "Actual", "value", "60", "mutability", "ReadWrite")),
                            "variableCharacteristics",
                            obj(
                                "unit",
                                "s",
                                "dataType",
                                "integer",
                                "supportsMonitoring",
                                false))))));
  }

  /** A single NotifyReport page for the report the CSMS asked for. */
  private static ObjectNode report(CaseContext ctx, ArrayNode data) {
    return obj(
        "requestId",
        ctx.var("requestId").asInt(),
        "generatedAt",
        ctx.now(),
        "seqNo",
        0,
        "tbc",
        false,
        "reportData",
        data);
  }

  private static Step.ExpectCall customReportCall(String criterion) {
    return expectCall(
            "GetReport",
            check("componentCriteria", containsElementText(criterion)),
            check("componentVariable[0].component.name", is("EVSE")),
            check(
                "componentVariable[0].component.evse.id",
                is("the configured EVSE", CaseContext::evseId)),
            check("componentVariable[0].variable.name", is("AvailabilityState")))
        .capture("requestId", "requestId");
  }

  private static io.kilowire.conformance.script.Expectation containsElementText(String value) {
    return io.kilowire.conformance.script.Expect.that(
        "a list holding " + value,
        v -> {
          for (JsonNode e : v) {
            if (e.asText().equals(value)) {
              return true;
            }
          }
          return false;
        });
  }

  private static List<Step> customReport(String criterion) {
    return steps(
        trigger(
            "GetReport",
            ctx ->
                obj(
                    "componentCriteria",
                    arr(criterion),
                    "componentVariable",
                    arr(
                        obj(
                            "component",
                            obj("name", "EVSE", "evse", obj("id", ctx.evseId())),
                            "variable",
                            obj("name", "AvailabilityState")))),
            "Make the CSMS ask this station for EVSE "
                + "#1 AvailabilityState of all "
                + criterion
                + " components"),
        customReportCall(criterion));
  }

  private static List<Step> reset(String type, boolean evse, String instruction) {
    return steps(
        trigger(
            "Reset",
            ctx -> obj("type", type, "evseId", evse ? Messages.activeEvse(ctx) : null),
            instruction),
        evse
            ? expectCall(
                "Reset",
                check("type", is(type)),
                check("evseId", is("the configured EVSE", Messages::activeEvse)))
            : expectCall("Reset", check("type", is(type))));
  }

  /** The driver stops and unplugs: StopAuthorized, then the transaction ends. */
  private static List<Step> stopAndUnplug() {
    return steps(
        exchange(
            "TransactionEvent",
            transactionEvent("Updated", "StopAuthorized")
                .chargingState("EVConnected")
                .idToken(TokenRole.VALID)),
        exchange(
            "TransactionEvent",
            transactionEvent("Ended", "EVCommunicationLost")
                .chargingState("Idle")
                .stoppedReason("EVDisconnected")),
        States.flag(States.AUTHORIZED, false),
        States.flag(States.EV_CONNECTED, false));
  }

  private static List<Step> endedByReset() {
    return steps(
        exchange(
            "TransactionEvent",
            transactionEvent("Ended", "ResetCommand")
                .chargingState("EVConnected")
                .stoppedReason("ImmediateReset")),
        States.flag(States.AUTHORIZED, false));
  }

  /** After a reset with the EV still plugged in: its connector Occupied, the others Available. */
  private static Step connectorsAfterReset() {
    return expand(
        "report every connector after the reset",
        ctx -> {
          List<Step> out = new java.util.ArrayList<>();
          for (LabConfiguration.Evse evse : ctx.lab().evses()) {
            for (int c = 1; c <= evse.connectors(); c++) {
              String state =
                  evse.id() == ctx.evseId() && c == ctx.connectorId() ? "Occupied" : "Available";
              out.addAll(
                  steps(
                      exchange("StatusNotification", status(state, evse.id(), c)),
                      exchange("NotifyEvent", Messages.availabilityEvent(state, evse.id(), c))));
            }
          }
          return out;
        });
  }

  /**
   * The CSMS sends the configured network connection profile, on the station's security profile
   * raised by {@code raise}.
   */
  static List<Step> setNetworkProfile(int raise) {
    return steps(
        trigger(
            "SetNetworkProfile",
            ctx -> {
              LabConfiguration.NetworkProfile p = ctx.lab().networkProfile();
              return obj(
                  "configurationSlot",
                  p.configurationSlot(),
                  "connectionData",
                  obj(
                      "ocppVersion",
                      "OCPP20",
                      "ocppTransport",
                      "JSON",
                      "ocppCsmsUrl",
                      p.ocppCsmsUrl(),
                      "messageTimeout",
                      p.messageTimeout(),
                      "securityProfile",
                      ctx.station().securityProfile() + raise,
                      "ocppInterface",
                      p.ocppInterface()));
            },
            "Make the CSMS send this station a new network connection profile for its"
                + " configured slot"),
        expectCall(
            "SetNetworkProfile",
            check(
                "configurationSlot",
                is("the configured slot", ctx -> ctx.lab().networkProfile().configurationSlot())),
            check(
                "connectionData.messageTimeout",
                is(
                    "the configured messageTimeout",
                    ctx -> ctx.lab().networkProfile().messageTimeout())),
            check(
                "connectionData.ocppCsmsUrl",
                is("the configured ocppCsmsUrl", ctx -> ctx.lab().networkProfile().ocppCsmsUrl())),
            check(
                "connectionData.ocppInterface",
                is(
                    "the configured ocppInterface",
                    ctx -> ctx.lab().networkProfile().ocppInterface())),
            check("connectionData.ocppTransport", is("JSON")),
            check("connectionData.ocppVersion", is("OCPP20")),
            check(
                "connectionData.securityProfile",
                is(
                    raise == 0
                        ? "the station's security profile"
                        : "the station's security profile + " + raise,
                    ctx -> ctx.station().securityProfile() + raise),
                raise == 0 ? "" : "A05.FR.04")));
  }
}
