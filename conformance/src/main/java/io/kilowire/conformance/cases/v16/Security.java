package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.compute;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectRefused;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.CertificateMaterial;
import io.kilowire.conformance.cases.CertificateSteps;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.ConnectionSteps;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Expect;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** The OCPP 1.6 security extension's Central System cases. */
public final class Security {
  /** The password a case sets and then takes back (16 characters). */
  static final String NEW_PASSWORD = "kilowire-new-pw1";

  private Security() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        sec("TC_073_CSMS", "Update the charge point's Basic-auth password")
            .securityProfiles(1, 2)
            .main(
                changeKey(
                    hex(NEW_PASSWORD),
                    "Make the Central System give this charge point a new"
                        + " Basic-auth password (AuthorizationKey, hex-encoded)"),
                respond(obj("status", "Accepted")),
                compute(
                    "the new password",
                    ctx ->
                        ctx.set(
                            "newPassword",
                            new String(
                                HexFormat.of().parseHex(ctx.var("authorizationKey").asText()),
                                StandardCharsets.UTF_8))),
                reconnect(Credentials.passwordFrom("newPassword")),
                States.bootAccepted(),
                state(
                    "restore the configured password",
                    changeKeyBack(),
                    respond(obj("status", "Accepted")),
                    reconnect(Credentials.configured()))),
        sec("TC_074_CSMS", "Sign a charge point certificate on request of the Central System")
            .securityProfiles(3)
            .main(signedCertificate("Accepted")),
        sec("TC_077_CSMS", "The charge point refuses its new certificate and reports it")
            .securityProfiles(3)
            .main(signedCertificate("Rejected"), securityEvent("InvalidChargePointCertificate")),
        sec("TC_075_1_CSMS", "Install a manufacturer root certificate")
            .main(
                install("ManufacturerRootCertificate", "Accepted"),
                listInstalled("ManufacturerRootCertificate")),
        sec("TC_075_2_CSMS", "Install a Central System root certificate")
            .main(
                install("CentralSystemRootCertificate", "Accepted"),
                listInstalled("CentralSystemRootCertificate")),
        sec("TC_076_CSMS", "Delete an installed certificate")
            .main(
                listInstalled("CentralSystemRootCertificate"),
                trigger(
                    "DeleteCertificate",
                    ctx -> obj("certificateHashData", CertificateMaterial.hashData()),
                    "Make the Central System delete the Central System root certificate it just"
                        + " listed"),
                expectCall(
                    "DeleteCertificate",
                    check("certificateHashData.serialNumber", is(CertificateMaterial.SERIAL)),
                    check(
                        "certificateHashData.issuerNameHash",
                        is(CertificateMaterial.ISSUER_NAME_HASH))),
                respond(obj("status", "Accepted"))),
        sec("TC_078_CSMS", "An invalid Central System certificate is reported")
            .main(
                install("CentralSystemRootCertificate", "Rejected"),
                exchange(
                    "SecurityEventNotification",
                    ctx ->
                        obj(
                            "type",
                            "InvalidCentralSystemCertificate",
                            "timestamp",
                            ctx.now(),
                            "techInfo",
                            "the certificate was refused"))),
        sec("TC_079_CSMS", "Get the security log")
            .main(
                trigger(
                    "GetLog",
                    Payload.of(
                        obj(
                            "logType",
                            "SecurityLog",
                            "log",
                            obj("remoteLocation", "https://logs.example/upload"))),
                    "Make the Central System ask this charge point to upload its security log"),
                expectCall(
                        "GetLog",
                        check("logType", is("SecurityLog")),
                        check("log.remoteLocation", present()),
                        check("requestId", present()))
                    .capture("requestId", "requestId"),
                respond(obj("status", "Accepted", "filename", "security.log")),
                exchange("LogStatusNotification", logStatus("Uploading")),
                exchange("LogStatusNotification", logStatus("Uploaded"))),
        sec("TC_080_CSMS", "Secure firmware update")
            .main(
                signedUpdate(),
                respond(obj("status", "Accepted")),
                firmwareStatus("Downloading"),
                firmwareStatus("Downloaded"),
                firmwareStatus("SignatureVerified"),
                exchange("StatusNotification", Messages.status(0, "Unavailable")),
                firmwareStatus("Installing"),
                firmwareStatus("InstallRebooting"),
                reconnect(Credentials.configured()),
                States.bootAccepted(),
                securityEvent("FirmwareUpdated"),
                exchange("StatusNotification", Messages.status(0, "Available")),
                firmwareStatus("Installed")),
        sec("TC_081_CSMS", "Secure firmware update with an invalid signature")
            .main(
                signedUpdate(),
                respond(obj("status", "Accepted")),
                firmwareStatus("Downloading"),
                firmwareStatus("Downloaded"),
                firmwareStatus("InvalidSignature"),
                securityEvent("InvalidFirmwareSignature")),
        sec("TC_083_CSMS", "Raise the charge point's security profile from 2 to 3")
            .securityProfiles(2)
            .before(signedCertificate("Accepted"), CertificateSteps.keepSignedCertificate())
            .main(
                trigger(
                    "ChangeConfiguration",
                    ctx ->
                        obj(
                            "key",
                            "SecurityProfile",
                            "value",
                            String.valueOf(ctx.station().securityProfile() + 1)),
                    "Make the Central System raise this charge point's SecurityProfile by one"),
                expectCall(
                    "ChangeConfiguration",
                    check("key", is("SecurityProfile")),
                    check(
                        "value",
                        is(
                            "the configured profile + 1",
                            ctx -> String.valueOf(ctx.station().securityProfile() + 1)))),
                respond(obj("status", "Accepted")),
                trigger(
                    "Reset",
                    Payload.of(obj("type", "Hard")),
                    "Make the Central System reboot this charge point"),
                expectCall("Reset"),
                respond(obj("status", "Accepted")),
                ConnectionSteps.backOnProfile3(States.booted())),
        ConformanceCase.v16(
                "TC_085_CSMS", "Basic authentication with valid credentials", Profile.SECURITY)
            .securityProfiles(1, 2)
            .main(
                expectRefused(Credentials.none()),
                reconnect(Credentials.configured()),
                States.booted()),
        ConformanceCase.v16("TC_086_CSMS", "TLS with a valid server certificate", Profile.SECURITY)
            .securityProfiles(2, 3)
            .ownTlsConnection()
            .main(
                ConnectionSteps.tlsChecked(
                    Step.CheckTls.Scope.SERVER_CERTIFICATE, States.booted())),
        ConformanceCase.v16("TC_087_CSMS", "TLS with a valid client certificate", Profile.SECURITY)
            .securityProfiles(3)
            .ownTlsConnection()
            .main(ConnectionSteps.tlsChecked(Step.CheckTls.Scope.HANDSHAKE, States.booted())),
        ConformanceCase.v16("TC_088_CSMS", "WebSocket subprotocol negotiation", Profile.SECURITY)
            // the accepted probe is a connection of this station: a CSMS may close any older one
            .connectsItself()
            .main(ConnectionSteps.subprotocolNegotiated("ocpp1.6", States.booted())));
  }

  /** ExtendedTriggerMessage for a CSR, the CSR accepted, the chain answered {@code answer}. */
  private static List<Step> signedCertificate(String answer) {
    return steps(
        trigger(
            "ExtendedTriggerMessage",
            Payload.of(obj("requestedMessage", "SignChargePointCertificate")),
            "Make the Central System ask this charge point, with ExtendedTriggerMessage, for a"
                + " certificate signing request"),
        expectCall(
            "ExtendedTriggerMessage", check("requestedMessage", is("SignChargePointCertificate"))),
        respond(obj("status", "Accepted")),
        CertificateSteps.makeCsr(),
        io.kilowire.conformance.script.Verbs.send(
            "SignCertificate", ctx -> obj("csr", ctx.text(CertificateSteps.CSR))),
        io.kilowire.conformance.script.Verbs.expectResult(check("status", is("Accepted"))),
        expectCall(
            "CertificateSigned", check("certificateChain", CertificateSteps.chainForTheCsr())),
        respond(obj("status", answer)));
  }

  private static ConformanceCase.Builder sec(String id, String title) {
    return Start.of(id, title, Profile.SECURITY);
  }

  static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Step> changeKey(String value, String instruction) {
    return steps(
        trigger(
            "ChangeConfiguration",
            Payload.of(obj("key", "AuthorizationKey", "value", value)),
            instruction),
        expectCall(
                "ChangeConfiguration",
                check("key", is("AuthorizationKey")),
                check(
                    "value",
                    Expect.that(
                        "a key of 16 to 20 bytes, hex-encoded",
                        (com.fasterxml.jackson.databind.JsonNode v) ->
                            v.isTextual() && v.textValue().matches("[0-9a-fA-F]{32,40}"))))
            .capture("value", "authorizationKey"));
  }

  private static List<Step> changeKeyBack() {
    return steps(
        trigger(
            "ChangeConfiguration",
            ctx ->
                obj(
                    "key",
                    "AuthorizationKey",
                    "value",
                    hex(String.valueOf(ctx.station().password()))),
            "Make the Central System set this charge point's Basic-auth password back to the"
                + " configured one"),
        expectCall("ChangeConfiguration", check("key", is("AuthorizationKey"))));
  }

  private static List<Step> install(String type, String answer) {
    return steps(
        trigger(
            "InstallCertificate",
            Payload.of(obj("certificateType", type, "certificate", CertificateMaterial.ROOT_PEM)),
            "Make the Central System install the test root certificate on this charge point as "
                + type),
        expectCall(
            "InstallCertificate",
            check("certificateType", is(type)),
            check("certificate", present())),
        respond(obj("status", answer)));
  }

  private static List<Step> listInstalled(String type) {
    return steps(
        trigger(
            "GetInstalledCertificateIds",
            Payload.of(obj("certificateType", type)),
            "Make the Central System list this charge point's " + type + " certificates"),
        expectCall("GetInstalledCertificateIds", check("certificateType", is(type))),
        respond(
            obj(
                "status",
                "Accepted",
                "certificateHashData",
                io.kilowire.conformance.script.Json.arr(CertificateMaterial.hashData()))));
  }

  private static List<Step> signedUpdate() {
    return steps(
        trigger(
            "SignedUpdateFirmware",
            ctx ->
                obj(
                    "firmware",
                    obj(
                        "location",
                        "https://firmware.example/kilowire.bin",
                        "retrieveDateTime",
                        ctx.now().plus(Duration.ofMinutes(2)),
                        "signingCertificate",
                        CertificateMaterial.ROOT_PEM,
                        "signature",
                        "c2lnbmF0dXJlLW9mLXRoZS1maXJtd2FyZQ==")),
            "Make the Central System send this charge point a signed firmware update"),
        expectCall(
                "SignedUpdateFirmware",
                check("firmware.location", present()),
                check("firmware.signingCertificate", present()),
                check("firmware.signature", present()))
            .capture("requestId", "requestId"));
  }

  private static List<Step> firmwareStatus(String status) {
    return exchange(
        "SignedFirmwareStatusNotification",
        ctx -> obj("status", status, "requestId", ctx.var("requestId")));
  }

  private static Payload logStatus(String status) {
    return ctx -> obj("status", status, "requestId", ctx.var("requestId"));
  }

  private static List<Step> securityEvent(String type) {
    return exchange("SecurityEventNotification", ctx -> obj("type", type, "timestamp", ctx.now()));
  }
}
