package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Step;
import java.util.ArrayList;
import java.util.List;

/** Block G, Availability: ChangeAvailability of the station, an EVSE, a connector; lock failure. */
public final class Availability {
  /** What a ChangeAvailability addresses. */
  enum Scope {
    STATION,
    EVSE,
    CONNECTOR
  }

  private Availability() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_G_03_CSMS", "Change availability of an EVSE: operative to inoperative")
            .useCases("G03")
            .main(unavailable(Scope.EVSE)),
        Start.of("TC_G_04_CSMS", "Change availability of an EVSE: inoperative to operative")
            .useCases("G03")
            .before(unavailable(Scope.EVSE))
            .main(
                change(Scope.EVSE, "Operative"),
                respond(obj("status", "Accepted")),
                States.connectorReport("Available")),
        Start.of("TC_G_05_CSMS", "Change availability of the station: operative to inoperative")
            .useCases("G04")
            .main(unavailable(Scope.STATION)),
        Start.of("TC_G_06_CSMS", "Change availability of the station: inoperative to operative")
            .useCases("G04")
            .before(unavailable(Scope.STATION))
            .main(
                change(Scope.STATION, "Operative"),
                respond(obj("status", "Accepted")),
                States.everyConnector("Available")),
        Start.of("TC_G_07_CSMS", "Change availability of a connector: operative to inoperative")
            .useCases("G03")
            .main(unavailable(Scope.CONNECTOR)),
        Start.of("TC_G_08_CSMS", "Change availability of a connector: inoperative to operative")
            .useCases("G03")
            .before(unavailable(Scope.CONNECTOR))
            .main(
                change(Scope.CONNECTOR, "Operative"),
                respond(obj("status", "Accepted")),
                States.connectorReport("Available")),
        Start.of("TC_G_11_CSMS", "Change availability of an EVSE during a transaction")
            .useCases("G03")
            .before(States.energyTransferStarted())
            .main(
                change(Scope.EVSE, "Inoperative"),
                respond(obj("status", "Scheduled")),
                endOfSession(),
                States.connectorReport("Unavailable")),
        Start.of("TC_G_14_CSMS", "Change availability of the station during a transaction")
            .useCases("G04")
            .before(States.energyTransferStarted())
            .main(
                change(Scope.STATION, "Inoperative"),
                respond(obj("status", "Scheduled")),
                otherConnectors("Unavailable"),
                endOfSession(),
                exchange("StatusNotification", Messages.status("Unavailable"))),
        Start.of("TC_G_17_CSMS", "Change availability of a connector during a transaction")
            .useCases("G03")
            .before(States.energyTransferStarted())
            .main(
                change(Scope.CONNECTOR, "Inoperative"),
                respond(obj("status", "Scheduled")),
                endOfSession(),
                exchange("StatusNotification", Messages.status("Unavailable"))),
        Start.of("TC_G_20_CSMS", "Connector lock failure is reported")
            .useCases("G05")
            .requirements("G05.FR.03")
            .main(
                exchange(
                    "NotifyEvent",
                    ctx ->
                        Messages.notifyEvent(
                            ctx,
                            "Delta",
                            "true",
                            obj(
                                "name",
                                "ConnectorPlugRetentionLock",
                                "evse",
                                obj("id", ctx.evseId(), "connectorId", ctx.connectorId())),
                            "Problem",
                            "HardWiredNotification"))));
  }

  /** Reusable state Unavailable: the CSMS makes {@code scope} Inoperative; reported Unavailable. */
  static Step.State unavailable(Scope scope) {
    return state(
        "Unavailable",
        change(scope, "Inoperative"),
        respond(obj("status", "Accepted")),
        scope == Scope.STATION
            ? States.everyConnector("Unavailable")
            : States.connectorReport("Unavailable"));
  }

  /** The CSMS sends ChangeAvailability {@code status} for {@code scope}. */
  static List<Step> change(Scope scope, String status) {
    List<Check> checks = new ArrayList<>();
    checks.add(check("operationalStatus", is(status)));
    switch (scope) {
      case STATION -> checks.add(check("evse", absent()));
      case EVSE -> {
        checks.add(check("evse.id", is("the configured EVSE", Messages::activeEvse)));
        checks.add(check("evse.connectorId", absent()));
      }
      case CONNECTOR -> {
        checks.add(check("evse.id", is("the configured EVSE", Messages::activeEvse)));
        checks.add(
            check("evse.connectorId", is("the configured connector", ctx -> ctx.connectorId())));
      }
    }
    String what =
        switch (scope) {
          case STATION -> "this station";
          case EVSE -> "the configured EVSE";
          case CONNECTOR -> "the configured connector";
        };
    return steps(
        trigger(
            "ChangeAvailability",
            ctx ->
                obj(
                    "operationalStatus",
                    status,
                    "evse",
                    scope == Scope.STATION
                        ? null
                        : obj(
                            "id",
                            Messages.activeEvse(ctx),
                            "connectorId",
                            scope == Scope.CONNECTOR ? ctx.connectorId() : null)),
            "Make the CSMS set " + what + " " + status),
        expectCall("ChangeAvailability", checks.toArray(Check[]::new)));
  }

  /** The driver stops, unplugs, and the transaction ends. */
  private static List<Step> endOfSession() {
    return steps(States.stopAuthorized(), States.evConnectedPostSession(), States.evDisconnected());
  }

  /** StatusNotification {@code status} for every connector but the configured one. */
  private static Step otherConnectors(String status) {
    return expand(
        "report the other connectors " + status,
        ctx -> {
          List<Step> out = new ArrayList<>();
          for (LabConfiguration.Evse evse : ctx.lab().evses()) {
            for (int c = 1; c <= evse.connectors(); c++) {
              if (evse.id() != ctx.evseId() || c != ctx.connectorId()) {
                out.addAll(exchange("StatusNotification", Messages.status(status, evse.id(), c)));
              }
            }
          }
          return out;
        });
  }
}
