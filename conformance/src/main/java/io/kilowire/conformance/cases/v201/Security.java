package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.containsElement;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.compute;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectRefused;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.CertificateSteps;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.ConnectionSteps;
import io.kilowire.conformance.cases.Features;
import io.kilowire.conformance.cases.Profile;
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
        Start.of("TC_A_04_CSMS", "TLS with a valid server certificate")
            .useCases("A00")
            .requirements(
                "A00.FR.306",
                "A00.FR.307",
                "A00.FR.312",
                "A00.FR.318",
                "A00.FR.502",
                "A00.FR.503",
                "A00.FR.508",
                "A00.FR.510")
            .securityProfiles(2, 3)
            .ownTlsConnection()
            .main(
                ConnectionSteps.tlsChecked(
                    Step.CheckTls.Scope.SERVER_CERTIFICATE, States.booted())),
        Start.of("TC_A_06_CSMS", "TLS: a station offering only TLS 1.1 is turned away")
            .useCases("A00")
            .requirements("A00.FR.314", "A00.FR.315", "A00.FR.418")
            .securityProfiles(2, 3)
            .ownTlsConnection()
            .main(ConnectionSteps.tlsChecked(Step.CheckTls.Scope.REFUSES_TLS11, States.booted())),
        Start.of("TC_A_07_CSMS", "TLS with a valid client certificate")
            .useCases("A00")
            .requirements("A00.FR.409", "A00.FR.410", "A00.FR.415", "A00.FR.416", "A00.FR.421")
            .securityProfiles(3)
            .ownTlsConnection()
            .main(ConnectionSteps.tlsChecked(Step.CheckTls.Scope.HANDSHAKE, States.booted())),
        Start.of("TC_A_08_CSMS", "TLS: a client certificate the CSMS cannot trust is refused")
            .useCases("A00")
            .requirements("A00.FR.405", "A00.FR.407", "A00.FR.409", "A00.FR.410")
            .securityProfiles(3)
            .ownTlsConnection()
            .main(
                expectRefused(Credentials.untrustedClientCertificate()),
                reconnect(Credentials.configured()),
                States.booted()),
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
                States.booted()),
        Start.of("TC_A_19_CSMS", "Raise the station's security profile from 2 to 3")
            .useCases("A05")
            .requirements("A05.FR.04", "A05.FR.07")
            .profile(Profile.ADVANCED_SECURITY)
            .securityProfiles(2)
            .before(
                renew("SignChargingStationCertificate", "ChargingStationCertificate", "Accepted"),
                CertificateSteps.keepSignedCertificate())
            .main(
                Provisioning.setNetworkProfile(1),
                respond(obj("status", "Accepted")),
                trigger(
                    "SetVariables",
                    ctx ->
                        obj(
                            "setVariableData",
                            arr(
                                obj(
                                    "attributeValue",
                                    String.valueOf(ctx.lab().networkProfile().configurationSlot()),
                                    "component",
                                    obj("name", "OCPPCommCtrlr"),
                                    "variable",
                                    obj("name", "NetworkConfigurationPriority")))),
                    "Make the CSMS put the new profile's slot first in this station's"
                        + " NetworkConfigurationPriority"),
                expectCall(
                    "SetVariables",
                    check(
                        "setVariableData",
                        containsElement(
                            "component.name",
                            "OCPPCommCtrlr",
                            "variable.name",
                            "NetworkConfigurationPriority"),
                        "A05.FR.04")),
                respond(ctx -> Provisioning.variablesSet(ctx)),
                trigger(
                    "Reset",
                    io.kilowire.conformance.script.Payload.of(obj("type", "Immediate")),
                    "Make the CSMS reboot this station"),
                expectCall("Reset"),
                respond(obj("status", "Accepted")),
                ConnectionSteps.backOnProfile3(States.booted())),
        Start.of("TC_A_11_CSMS", "Renew the station certificate on request of the CSMS")
            .useCases("A02", "F06")
            .requirements("A02.FR.11", "A02.FR.14", "F06.FR.01")
            .profile(Profile.ADVANCED_SECURITY)
            .securityProfiles(3)
            .main(
                renew("SignChargingStationCertificate", "ChargingStationCertificate", "Accepted")),
        Start.of("TC_A_12_CSMS", "Renew the V2G certificate on request of the CSMS")
            .useCases("A02", "F06")
            .requirements("A02.FR.11", "F06.FR.01")
            .profile(Profile.ISO15118)
            .main(renew("SignV2GCertificate", "V2GCertificate", "Accepted")),
        Start.of("TC_A_13_CSMS", "Renew the combined certificate on request of the CSMS")
            .useCases("A02")
            .requirements("A02.FR.11")
            .profile(Profile.ISO15118)
            .features(Features.has("ISO-3"))
            .securityProfiles(3)
            .main(renew("SignCombinedCertificate", null, "Accepted")),
        Start.of("TC_A_14_CSMS", "Renew the station certificate: the station refuses the new one")
            .useCases("A02")
            .profile(Profile.ADVANCED_SECURITY)
            .securityProfiles(3)
            .main(
                renew("SignChargingStationCertificate", "ChargingStationCertificate", "Rejected")));
  }

  /**
   * Reusable state RenewChargingStationCertificate (and its V2G and combined variants): the CSMS
   * triggers a CSR, accepts it, and sends the signed chain, which the station answers {@code
   * answer}.
   */
  static List<Step> renew(
      String requested, @org.jspecify.annotations.Nullable String certificateType, String answer) {
    return steps(
        trigger(
            "TriggerMessage",
            io.kilowire.conformance.script.Payload.of(obj("requestedMessage", requested)),
            "Make the CSMS ask this station, with TriggerMessage, for " + requested),
        expectCall("TriggerMessage", check("requestedMessage", is(requested), "F06.FR.01")),
        respond(obj("status", "Accepted")),
        CertificateSteps.makeCsr(),
        send(
            "SignCertificate",
            ctx -> obj("csr", ctx.text(CertificateSteps.CSR), "certificateType", certificateType)),
        expectResult(check("status", is("Accepted"), "A02.FR.11")),
        certificateType == null
            ? expectCall(
                "CertificateSigned",
                check("certificateChain", CertificateSteps.chainForTheCsr(), "A02.FR.11"))
            : expectCall(
                "CertificateSigned",
                check("certificateChain", CertificateSteps.chainForTheCsr(), "A02.FR.11"),
                check("certificateType", is(certificateType))),
        respond(obj("status", answer)));
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
