package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The Firmware Management profile: UpdateFirmware (3.15) and GetDiagnostics (3.16). */
public final class FirmwareManagement {
  /** Where the cases ask the Central System to fetch firmware from. */
  static final String FIRMWARE = "https://firmware.example/kilowire-2.0.bin";

  /** Where the cases ask the Central System to have diagnostics uploaded. */
  static final String DIAGNOSTICS = "https://logs.example/upload/";

  private FirmwareManagement() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        start("TC_044_1_CSMS", "Update the firmware: download and install")
            .main(
                update(),
                respond(obj()),
                firmwareStatus("Downloading", "Downloaded"),
                States.everyConnector("Unavailable"),
                firmwareStatus("Installing"),
                reboot(),
                firmwareStatus("Installed")),
        start("TC_044_2_CSMS", "Update the firmware: the download fails")
            .main(update(), respond(obj()), firmwareStatus("Downloading", "DownloadFailed")),
        start("TC_044_3_CSMS", "Update the firmware: the installation fails")
            .main(
                update(),
                respond(obj()),
                firmwareStatus("Downloading", "Downloaded"),
                States.everyConnector("Unavailable"),
                firmwareStatus("Installing"),
                reboot(),
                firmwareStatus("InstallationFailed")),
        start("TC_045_1_CSMS", "Get the diagnostics")
            .main(
                getDiagnostics(),
                respond(obj("fileName", "diagnostics.log")),
                diagnosticsStatus("Uploading", "Uploaded")),
        start("TC_045_2_CSMS", "Get the diagnostics: the upload fails")
            .main(
                getDiagnostics(),
                respond(obj("fileName", "diagnostics.log")),
                diagnosticsStatus("Uploading", "UploadFailed")));
  }

  private static ConformanceCase.Builder start(String id, String title) {
    return Start.of(id, title, Profile.FIRMWARE_MANAGEMENT);
  }

  private static List<Step> update() {
    return steps(
        trigger(
            "UpdateFirmware",
            ctx ->
                obj(
                    "location",
                    FIRMWARE,
                    "retrieveDate",
                    ctx.now().truncatedTo(ChronoUnit.SECONDS).toString()),
            "Make the Central System send this charge point a firmware update from " + FIRMWARE),
        expectCall(
            "UpdateFirmware", check("location", is(FIRMWARE)), check("retrieveDate", present())));
  }

  private static List<Step> getDiagnostics() {
    return steps(
        trigger(
            "GetDiagnostics",
            Payload.of(obj("location", DIAGNOSTICS)),
            "Make the Central System ask this charge point for its diagnostics at " + DIAGNOSTICS),
        expectCall("GetDiagnostics", check("location", is(DIAGNOSTICS))));
  }

  /** The reboot into the new firmware: a new connection, the boot, every connector Available. */
  private static List<Step> reboot() {
    return steps(
        reconnect(Credentials.configured()),
        States.bootAccepted(),
        States.everyConnector("Available"));
  }

  private static List<Step> firmwareStatus(String... statuses) {
    List<Step> out = new ArrayList<>();
    for (String s : statuses) {
      out.addAll(exchange("FirmwareStatusNotification", Payload.of(obj("status", s))));
    }
    return out;
  }

  private static List<Step> diagnosticsStatus(String... statuses) {
    List<Step> out = new ArrayList<>();
    for (String s : statuses) {
      out.addAll(exchange("DiagnosticsStatusNotification", Payload.of(obj("status", s))));
    }
    return out;
  }
}
