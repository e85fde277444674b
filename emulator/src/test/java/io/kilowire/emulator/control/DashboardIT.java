package io.kilowire.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium over the DevTools protocol): the emulator jar
 * runs a small site against a CSMS on 127.0.0.1, the page lists its stations, a click on "Plug in"
 * plugs an EV and presents the token typed in the page, and the page then shows the transaction,
 * the EV's draw and the site's power against its limit, with the PV and the battery. The screenshot
 * taken at the end is the one in docs/dashboard.png (copied from target/ by hand when the page
 * changes).
 */
class DashboardIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aClickPlugsAnEvAndThePageShowsTheTransaction() throws Exception {
    Path site = dir.resolve("site.yaml");
    Files.writeString(
        site,
        """
        name: dashboard
        gridLimitA: 40
        building: {profile: flat, peakA: [12, 10, 11]}
        evses:
          - {station: 1, evse: 1}
          - {station: 1, evse: 2}
          - {station: 2, evse: 1, wiring: L2}
        # PV that gives 5 kW whatever the hour, and a battery, for the site plot
        pv: {series: [{t: "00:00", kw: 5}, {t: "23:59", kw: 5}]}
        battery: {capacityKwh: 20, maxChargeKw: 5, maxDischargeKw: 5, initialSoc: 50}
        """);
    try (TestCsms csms = TestCsms.start(OcppVersion.V16);
        EmulatorProcess emulator =
            EmulatorProcess.start(
                dir,
                "run",
                "--csms",
                csms.uri().toString(),
                "--site",
                site.toString(),
                "--control-port",
                "0",
                "--control-token",
                "dash-token");
        HeadlessChromium browser = HeadlessChromium.start(dir)) {
      URI control = emulator.controlUri();
      csms.awaitCall("KW-EMU-002", "BootNotification", WAIT);
      browser.open(control.resolve("/?token=dash-token"));

      await()
          .alias("the station list")
          .atMost(WAIT)
          .until(
              () -> browser.text().contains("KW-EMU-001") && browser.text().contains("KW-EMU-002"));
      await().atMost(WAIT).until(() -> browser.text().contains("events: live"));
      browser.click("tr[data-station='KW-EMU-001']");
      await()
          .alias("the station's EVSE cards")
          .atMost(WAIT)
          .until(
              () ->
                  browser
                      .evaluate("!!document.querySelector(\"[data-test='plug-1']\")")
                      .asBoolean());
      browser.evaluate(
          "(() => { const t = document.querySelector(\"[data-test='token-1']\");"
              + " t.value = 'DASHTAG0001'; return true; })()");
      browser.click("[data-test='plug-1']");

      csms.awaitCall(
          "KW-EMU-001",
          "StartTransaction",
          p -> p.path("idTag").asText().equals("DASHTAG0001"),
          WAIT);
      await()
          .alias("the transaction on the page")
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(browser.text())
                      .contains("for DASHTAG0001")
                      .contains("Charging")
                      .containsPattern("draws [1-9][0-9.]* A"));
      await()
          .alias("the site plot")
          .atMost(WAIT)
          .until(
              () ->
                  browser
                      .evaluate(
                          "!document.querySelector('#site').hidden"
                              // limit, site, EVs, and the grid's net power, PV, battery
                              + " && document.querySelectorAll('#site-plot path').length === 6"
                              + " && document.querySelector('#site-plot path:nth-child(3)')"
                              + ".getAttribute('d').split('L').length > 8")
                      .asBoolean());
      await()
          .alias("PV and battery on the site plot")
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(browser.text())
                      .contains("PV 5.0 kW")
                      .containsPattern("battery -?[0-9.]+ kW at [0-9]+ %")
                      .containsPattern("grid -?[0-9.]+ kW"));
      await()
          .alias("frames of the selected station")
          .atMost(WAIT)
          .until(() -> browser.text().contains("\"StartTransaction\""));
      browser.screenshot(Path.of("target", "dashboard.png"));
      assertThat(Files.size(Path.of("target", "dashboard.png"))).isGreaterThan(10_000);
    }
  }
}
