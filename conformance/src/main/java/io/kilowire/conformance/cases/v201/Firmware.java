package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.CertificateMaterial;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Block L, Firmware Management: secure firmware updates (L01, L02) through every status, the reboot
 * into the new version and each failure the station can report; publishing firmware as a local
 * controller (L03) and unpublishing it (L04).
 */
public final class Firmware {
  /** Where the cases ask the CSMS to fetch firmware from. */
  static final String LOCATION = "https://firmware.example/kilowire-2.0.bin";

  /** Where a second update request fetches from. */
  static final String SECOND_LOCATION = "https://firmware.example/kilowire-2.1.bin";

  /** The MD5 of the image the publish cases name (any 32 hex digits do for the CSMS). */
  static final String CHECKSUM = "9e107d9d372bb6826bd81d3542a419d6";

  /** The case variables holding the requestIds of the CSMS's updates. */
  static final String REQUEST = "firmwareRequestId";

  static final String SECOND_REQUEST = "secondFirmwareRequestId";

  private Firmware() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        start("TC_L_01_CSMS", "A secure firmware update installs and the station reboots into it")
            .useCases("L01")
            .requirements("L01.FR.01", "L01.FR.11", "L01.FR.15")
            .main(
                update(Timing.NOW),
                respond(obj("status", "Accepted")),
                statuses(REQUEST, "Downloading", "Downloaded", "SignatureVerified"),
                rebootInto(REQUEST)),
        start("TC_L_02_CSMS", "A secure firmware update waits for its install time")
            .useCases("L01")
            .main(
                update(Timing.INSTALL_LATER),
                respond(obj("status", "Accepted")),
                statuses(
                    REQUEST, "Downloading", "Downloaded", "SignatureVerified", "InstallScheduled"),
                rebootInto(REQUEST)),
        start("TC_L_03_CSMS", "A secure firmware update waits for its retrieve time")
            .useCases("L01")
            .main(
                update(Timing.RETRIEVE_LATER),
                respond(obj("status", "Accepted")),
                statuses(
                    REQUEST, "DownloadScheduled", "Downloading", "Downloaded", "SignatureVerified"),
                rebootInto(REQUEST)),
        start("TC_L_04_CSMS", "The station refuses an update signed with a revoked certificate")
            .useCases("L01")
            .main(update(Timing.NOW), respond(obj("status", "RevokedCertificate"))),
        start("TC_L_05_CSMS", "The station refuses an update signed with an invalid certificate")
            .useCases("L01")
            .requirements("L01.FR.02")
            .main(
                update(Timing.NOW),
                respond(obj("status", "InvalidCertificate")),
                securityEvent("InvalidFirmwareSigningCertificate")),
        start("TC_L_06_CSMS", "The downloaded firmware's signature does not verify")
            .useCases("L01")
            .requirements("L01.FR.03")
            .main(
                update(Timing.NOW),
                respond(obj("status", "Accepted")),
                statuses(REQUEST, "Downloading", "Downloaded", "InvalidSignature"),
                securityEvent("InvalidFirmwareSignature")),
        start("TC_L_07_CSMS", "The firmware download fails")
            .useCases("L01")
            .main(
                update(Timing.NOW),
                respond(obj("status", "Accepted")),
                statuses(REQUEST, "Downloading", "DownloadFailed")),
        start("TC_L_08_CSMS", "The installed firmware fails its verification")
            .useCases("L01")
            .main(
                update(Timing.NOW),
                respond(obj("status", "Accepted")),
                statuses(
                    REQUEST,
                    "Downloading",
                    "Downloaded",
                    "SignatureVerified",
                    "Installing",
                    "InstallVerificationFailed")),
        start("TC_L_09_CSMS", "The installation fails after the reboot")
            .useCases("L01")
            .main(
                update(Timing.NOW),
                respond(obj("status", "Accepted")),
                statuses(REQUEST, "Downloading", "Downloaded", "SignatureVerified"),
                reboot(REQUEST, "InstallationFailed")),
        start("TC_L_10_CSMS", "A second update cancels the one downloading")
            .useCases("L01")
            .requirements("L01.FR.24")
            .main(
                update(Timing.NOW),
                respond(obj("status", "Accepted")),
                statuses(REQUEST, "Downloading"),
                secondUpdate(),
                respond(obj("status", "AcceptedCanceled")),
                statuses(SECOND_REQUEST, "Downloading", "Downloaded", "SignatureVerified"),
                rebootInto(SECOND_REQUEST)),
        start("TC_L_11_CSMS", "A station that cannot cancel the update in progress rejects another")
            .useCases("L01")
            .requirements("L01.FR.27")
            .main(
                update(Timing.NOW),
                respond(obj("status", "Accepted")),
                statuses(REQUEST, "Downloading"),
                secondUpdate(),
                respond(obj("status", "Rejected")),
                statuses(REQUEST, "Downloaded", "SignatureVerified"),
                rebootInto(REQUEST)),
        start("TC_L_13_CSMS", "An update waits for the running transaction to end")
            .useCases("L01")
            .before(States.energyTransferStarted())
            .main(
                update(Timing.NOW),
                respond(obj("status", "Accepted")),
                statuses(REQUEST, "DownloadScheduled"),
                States.stopAuthorized(),
                States.evConnectedPostSession(),
                States.evDisconnected(),
                statuses(REQUEST, "Downloading", "Downloaded", "SignatureVerified"),
                rebootInto(REQUEST)),
        start("TC_L_17_CSMS", "Publish firmware as a local controller")
            .useCases("L03")
            .main(
                publish(),
                respond(obj("status", "Accepted")),
                published("Downloading", "Downloaded", "ChecksumVerified"),
                exchange(
                    "PublishFirmwareStatusNotification",
                    ctx ->
                        obj(
                            "status",
                            "Published",
                            "requestId",
                            ctx.var(REQUEST),
                            "location",
                            arr("http://192.168.1.2/firmware/kilowire-2.0.bin")))),
        start("TC_L_19_CSMS", "The firmware to publish has the wrong checksum")
            .useCases("L03")
            .main(
                publish(),
                respond(obj("status", "Accepted")),
                published("Downloading", "Downloaded", "InvalidChecksum")),
        start("TC_L_20_CSMS", "Publishing the firmware fails")
            .useCases("L03")
            .main(
                publish(),
                respond(obj("status", "Accepted")),
                published("Downloading", "Downloaded", "ChecksumVerified", "PublishFailed")),
        start("TC_L_21_CSMS", "Unpublish published firmware")
            .useCases("L04")
            .main(unpublish(), respond(obj("status", "Unpublished"))),
        start("TC_L_22_CSMS", "Unpublish firmware the station does not publish")
            .useCases("L04")
            .main(unpublish(), respond(obj("status", "NoFirmware"))),
        start("TC_L_23_CSMS", "Unpublish firmware still downloading")
            .useCases("L04")
            .main(unpublish(), respond(obj("status", "DownloadOngoing"))),
        start("TC_L_24_CSMS", "The download of the firmware to publish fails")
            .useCases("L03")
            .main(
                publish(),
                respond(obj("status", "Accepted")),
                published("Downloading", "DownloadFailed")));
  }

  private static ConformanceCase.Builder start(String id, String title) {
    return Start.of(id, title).profile(Profile.CORE);
  }

  /** When the update's retrieve and install times lie. */
  private enum Timing {
    NOW,
    RETRIEVE_LATER,
    INSTALL_LATER
  }

  /** Asks the CSMS for a signed update from {@link #LOCATION}; expects it, keeps its id. */
  private static List<Step> update(Timing timing) {
    return steps(
        trigger(
            "UpdateFirmware",
            ctx -> obj("firmware", firmware(ctx, LOCATION, timing)),
            "Make the CSMS send this station a signed firmware update from " + LOCATION),
        expectUpdate(LOCATION, REQUEST));
  }

  private static List<Step> secondUpdate() {
    return steps(
        trigger(
            "UpdateFirmware",
            ctx -> obj("firmware", firmware(ctx, SECOND_LOCATION, Timing.NOW)),
            "Make the CSMS send this station another firmware update, from " + SECOND_LOCATION),
        expectUpdate(SECOND_LOCATION, SECOND_REQUEST));
  }

  private static Step.ExpectCall expectUpdate(String location, String variable) {
    return expectCall(
            "UpdateFirmware",
            check("firmware.location", is(location)),
            check("firmware.retrieveDateTime", present()),
            check("firmware.signingCertificate", present(), "L01.FR.11"),
            check("firmware.signature", present()),
            check("requestId", present()))
        .capture("requestId", variable);
  }

  private static ObjectNode firmware(CaseContext ctx, String location, Timing timing) {
    ObjectNode f =
        obj(
            "location",
            location,
            "retrieveDateTime",
            (timing == Timing.RETRIEVE_LATER ? ctx.now().plus(Duration.ofMinutes(5)) : ctx.now())
                .truncatedTo(ChronoUnit.SECONDS)
                .toString(),
            "signingCertificate",
            CertificateMaterial.ROOT_PEM,
            "signature",
            "c2lnbmF0dXJlLW9mLXRoZS1maXJtd2FyZQ==");
    if (timing == Timing.INSTALL_LATER) {
      f.put(
          "installDateTime",
          ctx.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return f;
  }

  /** FirmwareStatusNotifications with the update's requestId, each answered. */
  private static List<Step> statuses(String variable, String... statuses) {
    List<Step> out = new ArrayList<>();
    for (String s : statuses) {
      out.addAll(
          exchange(
              "FirmwareStatusNotification",
              ctx -> obj("status", s, "requestId", ctx.var(variable))));
    }
    return out;
  }

  /** Installing, InstallRebooting, the reboot, the connectors, then Installed. */
  private static List<Step> rebootInto(String variable) {
    return reboot(variable, "Installed");
  }

  private static List<Step> reboot(String variable, String outcome) {
    return steps(
        statuses(variable, "Installing", "InstallRebooting"),
        reconnect(Credentials.configured()),
        States.bootAccepted("FirmwareUpdate"),
        States.everyConnector("Available"),
        statuses(variable, outcome));
  }

  private static List<Step> securityEvent(String type) {
    return exchange("SecurityEventNotification", ctx -> obj("type", type, "timestamp", ctx.now()));
  }

  private static List<Step> publish() {
    return steps(
        trigger(
            "PublishFirmware",
            Payload.of(obj("location", LOCATION, "checksum", CHECKSUM)),
            "Make the CSMS ask this station to publish the firmware at " + LOCATION),
        expectCall(
                "PublishFirmware",
                check("location", is(LOCATION)),
                check("checksum", is(CHECKSUM)),
                check("requestId", present()))
            .capture("requestId", REQUEST));
  }

  private static List<Step> published(String... statuses) {
    List<Step> out = new ArrayList<>();
    for (String s : statuses) {
      out.addAll(
          exchange(
              "PublishFirmwareStatusNotification",
              ctx -> obj("status", s, "requestId", ctx.var(REQUEST))));
    }
    return out;
  }

  private static List<Step> unpublish() {
    return steps(
        trigger(
            "UnpublishFirmware",
            Payload.of(obj("checksum", CHECKSUM)),
            "Make the CSMS ask this station to stop publishing the firmware " + CHECKSUM),
        expectCall("UnpublishFirmware", check("checksum", is(CHECKSUM))));
  }
}
