package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.atLeast;
import static io.kilowire.conformance.script.Expect.greaterThan;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.notEmpty;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Expect.sizeAtMost;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;
import static io.kilowire.conformance.script.Verbs.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Block N, Diagnostics, beyond the logs ({@link Diagnostics}): variable monitoring (N02-N08:
 * monitoring reports by criteria and component variables, base, level, set and clear monitors, the
 * events a monitor raises) and customer information (N09, N10: report and clear by token,
 * identifier or certificate).
 */
public final class MonitoringAndCustomers {
  private MonitoringAndCustomers() {}

  private static final String REQUEST_ID = "requestId";

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> all = new ArrayList<>();
    all.add(
        monitoring("TC_N_01_CSMS", "Monitoring report: by criterion", "N02.FR.05")
            .main(
                report("all Delta monitors", "DeltaMonitoring", "EmptyResultSet"),
                report("all threshold monitors", "ThresholdMonitoring", "Accepted"),
                monitorsReported(station("Power"), "UpperThreshold")));
    all.add(
        monitoring("TC_N_02_CSMS", "Monitoring report: by component and variable", "N02.FR.05")
            .main(
                report(
                    "the monitors on Power of the ChargingStation",
                    null,
                    "EmptyResultSet",
                    station("Power")),
                report(
                    "the monitors on AvailabilityState of EVSE #1",
                    null,
                    "Accepted",
                    evse("AvailabilityState")),
                monitorsReported(evse("AvailabilityState"), "Delta")));
    all.add(
        monitoring(
                "TC_N_03_CSMS",
                "Monitoring report: by criterion and component variable",
                "N02.FR.05")
            .main(
                report(
                    "the Delta monitors on AvailabilityState of EVSE #1",
                    "DeltaMonitoring",
                    "EmptyResultSet",
                    evse("AvailabilityState")),
                report(
                    "the threshold monitors on Power of the ChargingStation",
                    "ThresholdMonitoring",
                    "Accepted",
                    station("Power")),
                monitorsReported(station("Power"), "UpperThreshold")));
    all.add(
        monitoring(
                "TC_N_60_CSMS",
                "Monitoring report: by criterion and a list of component variables",
                "N02.FR.05")
            .main(
                report(
                    "the threshold monitors on Power of the ChargingStation and of EVSE #1",
                    "ThresholdMonitoring",
                    "EmptyResultSet",
                    station("Power"),
                    evse("Power")),
                report(
                    "the Delta monitors on AvailabilityState of the ChargingStation and of EVSE"
                        + " #1",
                    "DeltaMonitoring",
                    "Accepted",
                    station("AvailabilityState"),
                    evse("AvailabilityState")),
                monitorsReported(station("AvailabilityState"), "Delta")));
    all.add(
        monitoring("TC_N_47_CSMS", "Monitoring report: all monitors", "N02.FR.01")
            .main(
                trigger(
                    "GetMonitoringReport",
                    Payload.empty(),
                    "Make the CSMS ask this station for a report of all its monitors"),
                expectCall(
                        "GetMonitoringReport",
                        check(REQUEST_ID, atLeast(0)),
                        check("monitoringCriteria", absent()),
                        check("componentVariable", absent()))
                    .capture(REQUEST_ID, REQUEST_ID),
                respond(obj("status", "Accepted")),
                monitorsReported(evse("AvailabilityState"), "Delta")));
    all.add(
        monitoring("TC_N_05_CSMS", "Set the monitoring base", "N03.FR.03")
            .main(base("All"), base("FactoryDefault"), base("HardWiredOnly")));
    all.add(
        monitoring("TC_N_08_CSMS", "Set a variable monitor", "N04.FR.01")
            .main(
                setMonitors(
                    "a Delta monitor of severity 8 on AvailabilityState of EVSE #1",
                    evse("AvailabilityState"))));
    all.add(
        monitoring(
                "TC_N_09_CSMS",
                "Set variable monitors on two components in one request",
                "N04.FR.01")
            .main(
                setMonitors(
                    "Delta monitors of severity 8 on AvailabilityState of EVSE #1 and of the"
                        + " ChargingStation, in one request",
                    evse("AvailabilityState"),
                    station("AvailabilityState"))));
    all.add(
        monitoring("TC_N_16_CSMS", "Set the monitoring level", "N05.FR.01")
            .main(level(4, "Accepted", check("severity", is(4), "N05.FR.01"))));
    all.add(
        monitoring("TC_N_17_CSMS", "Set the monitoring level: out of range", "N05.FR.02")
            .main(level(10, "Rejected", check("severity", present()))));
    all.add(
        monitoring(
                "TC_N_18_CSMS",
                "Clear monitors: no more per request than the station takes",
                "N06.FR.02")
            .before(
                trigger(
                    "GetVariables",
                    Payload.of(
                        obj(
                            "getVariableData",
                            arr(
                                obj(
                                    "component",
                                    obj("name", "MonitoringCtrlr"),
                                    "variable",
                                    obj(
                                        "name",
                                        "ItemsPerMessage",
                                        "instance",
                                        "ClearVariableMonitoring"))))),
                    "Make the CSMS read MonitoringCtrlr.ItemsPerMessage[ClearVariableMonitoring]"
                        + " of this station"),
                expectCall("GetVariables"),
                respond(
                    obj(
                        "getVariableResult",
                        arr(
                            obj(
                                "attributeStatus",
                                "Accepted",
                                "attributeValue",
                                "2",
                                "component",
                                obj("name", "MonitoringCtrlr"),
                                "variable",
                                obj(
                                    "name",
                                    "ItemsPerMessage",
                                    "instance",
                                    "ClearVariableMonitoring"))))))
            .main(
                trigger(
                    "ClearVariableMonitoring",
                    Payload.of(obj("id", arr(1, 2, 3))),
                    "Make the CSMS clear the monitors 1, 2 and 3 of this station (it takes at"
                        + " most two per request)"),
                expectCall("ClearVariableMonitoring", check("id", sizeAtMost(2), "N06.FR.02"))
                    .capture("id", "first"),
                respond(MonitoringAndCustomers::cleared),
                expectCall("ClearVariableMonitoring", check("id", sizeAtMost(2), "N06.FR.02"))
                    .capture("id", "second"),
                respond(MonitoringAndCustomers::cleared),
                verify(
                    "the two requests clear the three monitors",
                    ctx -> distinct(ctx.var("first"), ctx.var("second")) == 3,
                    "the two ClearVariableMonitoringRequests do not name the three monitors",
                    "N06.FR.02")));
    all.add(
        monitoring("TC_N_44_CSMS", "Clear monitors: the station rejects it", "N06.FR.04")
            .main(
                trigger(
                    "ClearVariableMonitoring",
                    Payload.of(obj("id", arr(7))),
                    "Make the CSMS clear monitor 7 of this station"),
                expectCall("ClearVariableMonitoring", check("id", notEmpty())),
                respond(obj("clearMonitoringResult", arr(obj("status", "Rejected", "id", 7))))));
    all.add(
        monitoring("TC_N_21_CSMS", "Alert event: a monitor built into the firmware", "N07.FR.03")
            .main(
                exchange(
                    "NotifyEvent",
                    ctx -> {
                      // a hardwired monitor alerting that the EVSE went Faulted
                      ObjectNode event =
                          Messages.notifyEvent(
                              ctx,
                              "Alerting",
                              "Faulted",
                              obj("name", "EVSE", "evse", obj("id", ctx.evseId())),
                              "AvailabilityState",
                              "HardWiredMonitor");
                      ((ObjectNode) event.path("eventData").get(0)).put("variableMonitoringId", 1);
                      return event;
                    })));
    all.add(
        monitoring("TC_N_24_CSMS", "Periodic monitor events", "N07.FR.16")
            .main(
                exchange("NotifyEvent", event("Periodic", "Available", null, 1)),
                exchange("NotifyEvent", event("Periodic", "Available", null, 2))));
    all.add(
        monitoring("TC_N_48_CSMS", "Alert event: a monitor on a write-only variable", "N07.FR.13")
            .main(exchange("NotifyEvent", event("Delta", "", null, 1))));
    all.add(
        monitoring("TC_N_49_CSMS", "Alert event: a threshold cleared after a reboot", "N07.FR.14")
            .main(exchange("NotifyEvent", event("Alerting", "Available", true, 1))));
    all.add(
        monitoring("TC_N_50_CSMS", "Alert event: periodic", "N07.FR.16")
            .main(exchange("NotifyEvent", event("Periodic", "Available", null, 1))));

    all.add(
        customer("TC_N_27_CSMS", "Customer information: report, with data", "N09.FR.01")
            .main(customerInformation(true, false, TOKEN, "Accepted"), customerData(true)));
    all.add(
        customer("TC_N_28_CSMS", "Customer information: report, no data", "N09.FR.01")
            .main(customerInformation(true, false, TOKEN, "Accepted"), customerData(false)));
    all.add(
        customer("TC_N_29_CSMS", "Customer information: rejected", "N09.FR.01")
            .main(customerInformation(true, false, TOKEN, "Rejected")));
    all.add(
        customer("TC_N_30_CSMS", "Customer information: clear and report, with data", "N10.FR.01")
            .main(customerInformation(true, true, TOKEN, "Accepted"), customerData(true)));
    all.add(
        customer("TC_N_31_CSMS", "Customer information: clear and report, no data", "N10.FR.01")
            .main(customerInformation(true, true, TOKEN, "Accepted"), customerData(false)));
    all.add(
        customer("TC_N_32_CSMS", "Customer information: clear without report", "N10.FR.01")
            .main(customerInformation(false, true, TOKEN, "Accepted"), customerData(false)));
    all.add(
        customer(
                "TC_N_62_CSMS",
                "Customer information: clear and report by customer identifier",
                "N10.FR.01")
            .main(customerInformation(true, true, IDENTIFIER, "Accepted"), customerData(true)));
    all.add(
        customer(
                "TC_N_63_CSMS",
                "Customer information: clear and report by customer certificate",
                "N10.FR.01")
            .main(customerInformation(true, true, CERTIFICATE, "Accepted"), customerData(true)));
    all.add(
        customer(
                "TC_N_46_CSMS",
                "Customer information: clear, then update the local list",
                "N10.FR.01")
            .main(
                customerInformation(true, true, TOKEN, "Accepted"),
                customerData(true),
                trigger(
                    "SendLocalList",
                    ctx ->
                        obj(
                            "versionNumber",
                            LocalList.STATION_VERSION + 1,
                            "updateType",
                            "Differential",
                            "localAuthorizationList",
                            arr(obj("idToken", Messages.idToken(ctx, TokenRole.VALID)))),
                    "Make the CSMS remove the cleared customer's token from this station's"
                        + " local list"),
                expectCall("GetLocalListVersion").asOptional(),
                respond(obj("versionNumber", LocalList.STATION_VERSION)),
                expectCall(
                    "SendLocalList",
                    check("updateType", is("Differential")),
                    check("versionNumber", greaterThan(LocalList.STATION_VERSION)),
                    check("localAuthorizationList", notEmpty())),
                respond(obj("status", "Accepted"))));
    return all;
  }

  private static ConformanceCase.Builder monitoring(String id, String title, String requirement) {
    return Start.of(id, title)
        .profile(Profile.ADVANCED_DEVICE_MANAGEMENT)
        .useCases(requirement.substring(0, 3))
        .requirements(requirement);
  }

  private static ConformanceCase.Builder customer(String id, String title, String requirement) {
    return Start.of(id, title).useCases(requirement.substring(0, 3)).requirements(requirement);
  }

  // ------------------------------------------------------------------------------ monitoring

  private static ObjectNode station(String variable) {
    return obj("component", obj("name", "ChargingStation"), "variable", obj("name", variable));
  }

  private static ComponentVariable evse(String variable) {
    return ctx ->
        obj(
            "component",
            obj("name", "EVSE", "evse", obj("id", ctx.evseId())),
            "variable",
            obj("name", variable));
  }

  /** A component variable, fixed or built from the case (the configured EVSE). */
  @FunctionalInterface
  private interface ComponentVariable {
    ObjectNode build(CaseContext ctx);
  }

  private static ComponentVariable fixed(ObjectNode node) {
    return ctx -> node.deepCopy();
  }

  /** Each one a {@link ComponentVariable}, or a fixed {@link ObjectNode} made one. */
  private static List<ComponentVariable> componentVariables(Object... items) {
    List<ComponentVariable> out = new ArrayList<>();
    for (Object c : items) {
      out.add(c instanceof ComponentVariable cv ? cv : fixed((ObjectNode) c));
    }
    return out;
  }

  private static List<Step> report(
      String what, @Nullable String criterion, String status, Object... componentVariables) {
    List<ComponentVariable> asked = componentVariables(componentVariables);
    List<Check> checks = new ArrayList<>();
    checks.add(check(REQUEST_ID, atLeast(0)));
    checks.add(
        check(
            "monitoringCriteria",
            criterion == null
                ? absent()
                : io.kilowire.conformance.script.Expect.that(
                    "a list holding " + criterion, v -> holds(v, criterion)),
            "N02.FR.05"));
    for (int i = 0; i < asked.size(); i++) {
      ComponentVariable want = asked.get(i);
      String at = "componentVariable[" + i + "]";
      checks.add(check(at, isComponentVariable(want), "N02.FR.10"));
    }
    return steps(
        trigger(
            "GetMonitoringReport",
            ctx -> {
              ArrayNode list = arr();
              asked.forEach(c -> list.add(c.build(ctx)));
              ObjectNode p = list.isEmpty() ? obj() : obj("componentVariable", list);
              if (criterion != null) {
                p.set("monitoringCriteria", arr(criterion));
              }
              return p;
            },
            "Make the CSMS ask this station for a report of " + what),
        expectCall("GetMonitoringReport", checks.toArray(Check[]::new))
            .capture(REQUEST_ID, REQUEST_ID),
        respond(obj("status", status)));
  }

  /** The station's NotifyMonitoringReport page: one monitor of {@code type} on the variable. */
  private static List<Step> monitorsReported(Object componentVariable, String type) {
    ComponentVariable cv = componentVariables(componentVariable).get(0);
    return exchange(
        "NotifyMonitoringReport",
        ctx -> {
          ObjectNode monitor = cv.build(ctx);
          monitor.set(
              "variableMonitoring",
              arr(
                  obj(
                      "id",
                      1,
                      "transaction",
                      false,
                      "value",
                      type.equals("Delta") ? 1 : 11000,
                      "type",
                      type,
                      "severity",
                      8)));
          if (ctx.version() == io.kilowire.core.ocpp.OcppVersion.V21) {
            // 2.1 requires each monitor to say what set it: here the CSMS did.
            ((ObjectNode) monitor.get("variableMonitoring").get(0))
                .put("eventNotificationType", "CustomMonitor");
          }
          return obj(
              REQUEST_ID,
              ctx.var(REQUEST_ID).asInt(),
              "seqNo",
              0,
              "generatedAt",
              ctx.now(),
              "monitor",
              arr(monitor));
        });
  }

  private static List<Step> base(String base) {
    return steps(
        trigger(
            "SetMonitoringBase",
            Payload.of(obj("monitoringBase", base)),
            "Make the CSMS set the monitoring base " + base + " on this station"),
        expectCall("SetMonitoringBase", check("monitoringBase", is(base), "N03.FR.03")),
        respond(obj("status", "Accepted")));
  }

  private static List<Step> level(int severity, String status, Check check) {
    return steps(
        trigger(
            "SetMonitoringLevel",
            Payload.of(obj("severity", severity)),
            "Make the CSMS set the monitoring level " + severity + " on this station"),
        expectCall("SetMonitoringLevel", check),
        respond(obj("status", status)));
  }

  private static List<Step> setMonitors(String what, Object... componentVariables) {
    List<ComponentVariable> wanted = componentVariables(componentVariables);
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      ComponentVariable want = wanted.get(i);
      String at = "setMonitoringData[" + i + "]";
      checks.add(check(at + ".type", is("Delta"), "N04.FR.01"));
      checks.add(check(at + ".severity", is(8)));
      checks.add(check(at, isComponentVariable(want)));
    }
    return steps(
        trigger(
            "SetVariableMonitoring",
            ctx -> {
              ArrayNode data = arr();
              for (ComponentVariable c : wanted) {
                ObjectNode d = c.build(ctx);
                d.put("value", 1).put("type", "Delta").put("severity", 8);
                data.add(d);
              }
              return obj("setMonitoringData", data);
            },
            "Make the CSMS set " + what + " on this station"),
        expectCall("SetVariableMonitoring", checks.toArray(Check[]::new)),
        respond(
            ctx -> {
              ArrayNode results = arr();
              int id = 1;
              for (JsonNode d : ctx.var(CaseContext.LAST_CALL).path("setMonitoringData")) {
                results.add(
                    obj(
                        "id",
                        id++,
                        "status",
                        "Accepted",
                        "type",
                        d.path("type").asText(),
                        "severity",
                        d.path("severity").asInt(),
                        "component",
                        d.path("component"),
                        "variable",
                        d.path("variable")));
              }
              return obj("setMonitoringResult", results);
            }));
  }

  private static ObjectNode cleared(CaseContext ctx) {
    ArrayNode results = arr();
    for (JsonNode id : ctx.var(CaseContext.LAST_CALL).path("id")) {
      results.add(obj("status", "Accepted", "id", id.asInt()));
    }
    return obj("clearMonitoringResult", results);
  }

  /** A monitor's event on the ChargingStation's AvailabilityState. */
  private static Payload event(
      String trigger, String value, @Nullable Boolean cleared, int eventId) {
    return ctx -> {
      ObjectNode event =
          Messages.notifyEvent(
              ctx,
              trigger,
              value,
              obj("name", "ChargingStation"),
              "AvailabilityState",
              "CustomMonitor");
      ObjectNode data = (ObjectNode) event.path("eventData").get(0);
      data.put("eventId", eventId).put("variableMonitoringId", 1);
      if (cleared != null) {
        data.put("cleared", cleared);
      }
      return event;
    };
  }

  private static io.kilowire.conformance.script.Expectation isComponentVariable(
      ComponentVariable want) {
    return io.kilowire.conformance.script.Expect.that(
        "the component variable asked for",
        (JsonNode v, CaseContext ctx) -> sameComponentVariable(v, want.build(ctx)));
  }

  private static boolean sameComponentVariable(JsonNode got, ObjectNode want) {
    JsonNode gc = got.path("component");
    JsonNode wc = want.path("component");
    return gc.path("name").asText().equals(wc.path("name").asText())
        && gc.path("evse").path("id").asInt(-1) == wc.path("evse").path("id").asInt(-1)
        && got.path("variable").path("name").asText().equals(want.at("/variable/name").asText());
  }

  private static boolean holds(JsonNode list, String value) {
    for (JsonNode e : list) {
      if (e.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static int distinct(JsonNode first, JsonNode second) {
    Set<Integer> ids = new HashSet<>();
    first.forEach(id -> ids.add(id.asInt()));
    second.forEach(id -> ids.add(id.asInt()));
    return ids.size();
  }

  // ---------------------------------------------------------------------- customer information

  private static final String TOKEN = "idToken";
  private static final String IDENTIFIER = "customerIdentifier";
  private static final String CERTIFICATE = "customerCertificate";

  /** The CSMS asks for (and/or clears) a customer's data, by {@code by}. */
  private static List<Step> customerInformation(
      boolean report, boolean clear, String by, String status) {
    List<Check> checks = new ArrayList<>();
    checks.add(check(REQUEST_ID, atLeast(0)));
    checks.add(check("report", is(report), "N09.FR.01"));
    checks.add(check("clear", is(clear), "N10.FR.01"));
    switch (by) {
      case TOKEN -> {
        checks.add(
            check(
                "idToken.idToken",
                is("the valid token", ctx -> ctx.token(TokenRole.VALID).idToken())));
        checks.add(check("idToken.type", is("its type", ctx -> ctx.token(TokenRole.VALID).type())));
      }
      case IDENTIFIER -> checks.add(check(IDENTIFIER, is("OpenChargeAlliance")));
      default ->
          checks.add(
              check(
                  "customerCertificate.serialNumber",
                  is(CUSTOMER_CERTIFICATE.get("serialNumber").asText())));
    }
    String describe =
        (report && clear ? "report and clear" : clear ? "clear" : "report")
            + " what this station knows of the customer "
            + switch (by) {
              case TOKEN -> "with the valid token";
              case IDENTIFIER -> "OpenChargeAlliance";
              default -> "with this certificate";
            };
    return steps(
        trigger(
            "CustomerInformation",
            ctx -> {
              ObjectNode p = obj("report", report, "clear", clear);
              switch (by) {
                case TOKEN -> p.set(TOKEN, Messages.idToken(ctx, TokenRole.VALID));
                case IDENTIFIER -> p.put(IDENTIFIER, "OpenChargeAlliance");
                default -> p.set(CERTIFICATE, CUSTOMER_CERTIFICATE.deepCopy());
              }
              return p;
            },
            "Make the CSMS " + describe),
        expectCall("CustomerInformation", checks.toArray(Check[]::new))
            .capture(REQUEST_ID, REQUEST_ID),
        respond(obj("status", status)));
  }

  private static final ObjectNode CUSTOMER_CERTIFICATE =
      obj(
          "hashAlgorithm",
          "SHA256",
          "issuerNameHash",
          "5e8d3f7a1c2b4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60",
          "issuerKeyHash",
          "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
          "serialNumber",
          "c0ffee");

  /** The station's NotifyCustomerInformation for the request: some data, or none. */
  private static List<Step> customerData(boolean some) {
    return exchange(
        "NotifyCustomerInformation",
        ctx ->
            obj(
                "data",
                some ? "2 transactions, last on EVSE 1; token in the local list" : "",
                "seqNo",
                0,
                "generatedAt",
                ctx.now(),
                REQUEST_ID,
                ctx.var(REQUEST_ID).asInt()));
  }
}
