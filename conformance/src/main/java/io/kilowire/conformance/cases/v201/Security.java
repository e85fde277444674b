package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.containsElement;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.compute;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectRefused;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Step;
import java.util.List;

/** Block A, Security: Basic authentication and the BasicAuthPassword update. */
public final class Security {
  /** The password a case sets and then takes back (16 to 40 characters). */
  static final String NEW_PASSWORD = "kilowire-new-password-01";

  private Security() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_A_01_CSMS", "Basic authentication: valid user name and password")
            .useCases("A00", "B01")
            .requirements("A00.FR.204", "B01.FR.02")
            .securityProfiles(1, 2)
            .unbooted()
            .main(reconnect(Credentials.configured()), States.booted()),
        Start.of("TC_A_02_CSMS", "Basic authentication: the user name is not the station id")
            .useCases("A00")
            .requirements("A00.FR.204")
            .securityProfiles(1, 2)
            .unbooted()
            .main(expectRefused(Credentials.wrongUser())),
        Start.of("TC_A_03_CSMS", "Basic authentication: a wrong password")
            .useCases("A00")
            .requirements("A00.FR.204")
            .securityProfiles(1, 2)
            .unbooted()
            .main(expectRefused(Credentials.randomPassword())),
        Start.of("TC_A_09_CSMS", "Update the BasicAuthPassword: accepted")
            .useCases("A01")
            .requirements("A01.FR.02", "A01.FR.03")
            .securityProfiles(1, 2)
            .main(
                setPassword(ctx -> NEW_PASSWORD),
                respond(ctx -> Provisioning.variablesSet(ctx)),
                compute("the new password", ctx -> ctx.set("newPassword", NEW_PASSWORD)),
                reconnect(Credentials.passwordFrom("newPassword")),
                States.booted(),
                state(
                    "restore the configured password",
                    setPassword(ctx -> String.valueOf(ctx.station().password())),
                    respond(ctx -> Provisioning.variablesSet(ctx)),
                    reconnect(Credentials.configured()))),
        Start.of("TC_A_10_CSMS", "Update the BasicAuthPassword: rejected, the old one stays")
            .useCases("A01")
            .requirements("A01.FR.02", "A01.FR.04", "A01.FR.05")
            .securityProfiles(1, 2)
            .main(
                setPassword(ctx -> NEW_PASSWORD),
                respond(
                    ctx ->
                        obj(
                            "setVariableResult",
                            arr(
                                obj(
                                    "attributeStatus",
                                    "Rejected",
                                    "component",
                                    obj("name", "SecurityCtrlr"),
                                    "variable",
                                    obj("name", "BasicAuthPassword"))))),
                reconnect(Credentials.configured()),
                States.booted()));
  }

  /** The CSMS sets SecurityCtrlr.BasicAuthPassword. */
  private static List<Step> setPassword(java.util.function.Function<CaseContext, String> password) {
    return steps(
        trigger(
            "SetVariables",
            ctx ->
                obj(
                    "setVariableData",
                    arr(
                        obj(
                            "attributeValue",
                            password.apply(ctx),
                            "component",
                            obj("name", "SecurityCtrlr"),
                            "variable",
                            obj("name", "BasicAuthPassword")))),
            "Make the CSMS give this station a new BasicAuthPassword"),
        expectCall(
            "SetVariables",
            check(
                "setVariableData",
                containsElement(
                    "component.name", "SecurityCtrlr", "variable.name", "BasicAuthPassword"),
                "A01.FR.02")));
  }
}
