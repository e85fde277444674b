package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import java.util.List;

/** The OCPP 1.6 Remote Trigger profile's Central System cases. */
public final class RemoteTrigger {
  private RemoteTrigger() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of(
                "TC_054_CSMS",
                "Trigger each message a charge point can send",
                Profile.REMOTE_TRIGGER)
            .main(
                triggered("MeterValues", true),
                respond(obj("status", "Accepted")),
                exchange(
                    "MeterValues",
                    ctx ->
                        obj(
                            "connectorId",
                            Messages.connector(ctx),
                            "meterValue",
                            arr(
                                obj(
                                    "timestamp",
                                    ctx.now(),
                                    "sampledValue",
                                    arr(
                                        obj(
                                            "value",
                                            "1250",
                                            "context",
                                            "Trigger",
                                            "measurand",
                                            "Energy.Active.Import.Register",
                                            "unit",
                                            "Wh")))))),
                triggered("Heartbeat", false),
                respond(obj("status", "Accepted")),
                exchange("Heartbeat", Payload.empty()),
                triggered("StatusNotification", true),
                respond(obj("status", "Accepted")),
                exchange("StatusNotification", Messages.status("Available")),
                triggered("DiagnosticsStatusNotification", false),
                respond(obj("status", "Accepted")),
                exchange("DiagnosticsStatusNotification", Payload.of(obj("status", "Idle"))),
                triggered("FirmwareStatusNotification", false),
                respond(obj("status", "Accepted")),
                exchange("FirmwareStatusNotification", Payload.of(obj("status", "Idle")))),
        Start.of("TC_055_CSMS", "A trigger the charge point rejects", Profile.REMOTE_TRIGGER)
            .main(triggered("MeterValues", true), respond(obj("status", "Rejected"))));
  }

  private static List<Step> triggered(String message, boolean connector) {
    return steps(
        trigger(
            "TriggerMessage",
            ctx ->
                obj(
                    "requestedMessage",
                    message,
                    "connectorId",
                    connector ? Messages.connector(ctx) : null),
            "Make the Central System ask this charge point, with TriggerMessage, for " + message),
        connector
            ? expectCall(
                "TriggerMessage",
                check("requestedMessage", is(message)),
                check("connectorId", is("the configured connector", Messages::connector)))
            : expectCall("TriggerMessage", check("requestedMessage", is(message))));
  }
}
