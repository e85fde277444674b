package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.der.DerControl;
import io.kilowire.core.der.DerControlType;
import io.kilowire.core.der.DerSetting;
import io.kilowire.core.der.DerUnit;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import io.kilowire.emulator.station.SimulatedHardware;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The site's grid model reaches the stations through their grid sensor, and an emulated station
 * acts on its DER controls: during an under-frequency event at the evening peak, what the EVSE
 * offers its EV (read from the simulated pilot, not from the station) falls along the FreqWatt
 * curve, and comes back with the frequency.
 */
class GridEventSiteTest {
  private static final String SITE =
      """
      name: under-frequency
      start: "2026-12-07T16:00:00Z"
      timezone: UTC
      gridLimitA: 100
      mode: dynamic
      step: 5s
      building:
        profile: flat
        peakA: [5, 5, 5]
      evses:
        - {station: 1, evse: 1, wiring: L1L2L3, hardwareMaxA: 32}
      arrivals:
        - {at: "16:05", station: 1, evse: 1, batteryKwh: 200, soc: 10, targetSoc: 90, maxA: 32, phases: 3, departure: "23:00"}
      grid:
        nominalFrequencyHz: 50
        frequencyHz:
          - {t: "00:00", value: 50.0}
          - {t: "17:00", value: 49.9}
          - {t: "17:10", value: 49.85}
          - {t: "17:20", value: 49.75}
          - {t: "17:30", value: 50.0}
      """;

  /** A FreqWatt curve scheduled from 17:10 to 17:20, within the event. */
  private static final String EVENING_WINDOW =
      """
        der:
          - id: evening
            type: FreqWatt
            yUnit: PctMaxW
            curve: [{x: 49.8, y: 0}, {x: 50.0, y: -100}]
            from: "17:10"
            until: "17:20"
      """;

  @Test
  void theOfferFallsWithTheFrequencyAlongTheCurveAndComesBack() {
    SiteFile site = SiteFileParser.parse(SITE, true, "under-frequency");
    try (SiteRun run = new SiteRun(site, null)) {
      run.start();
      StationRuntime runtime = run.station(1).runtime();
      // The CSMS's part (a 2.1 SetDERControl; the sandbox speaks 1.6 here): a default FreqWatt
      // curve, full charging at 50 Hz, none at 49.8 Hz.
      runtime.execute(
          () ->
              runtime
                  .station()
                  .der()
                  .set(
                      new DerControl(
                          "fw",
                          DerControlType.FREQ_WATT,
                          true,
                          0,
                          null,
                          null,
                          new DerSetting.Curve(
                              List.of(point(49.8, 0), point(50.0, -100)),
                              DerUnit.PCT_MAX_W,
                              null,
                              null))));
      theOutputsFollowTheCurve(run);
    }
  }

  /**
   * The same event with the curve in the site file ({@code grid.der}): the sandbox CSMS sets it on
   * the station (2.1 SetDERControl, answered Accepted) and the outputs follow it: the offer and
   * what the EV draws fall with the frequency and come back.
   */
  @Test
  void theSandboxSetsTheSitesCurveAndTheOutputsFollowIt() {
    String site =
        SITE
            + """
              der:
                - id: fw
                  type: FreqWatt
                  priority: 1
                  yUnit: PctMaxW
                  curve: [{x: 49.8, y: 0}, {x: 50.0, y: -100}]
            """;
    SiteFile parsed = SiteFileParser.parse(site, true, "under-frequency-der");
    try (SiteRun run = new SiteRun(parsed, null)) {
      run.start();
      Instant t0 = run.startedAt();
      run.runUntil(t0.plus(Duration.ofMinutes(1)));
      assertThat(run.station(1).runtime().station().der().all())
          .as("the sandbox set the curve")
          .hasSize(1);
      theOutputsFollowTheCurve(run);
    }
  }

  /**
   * A scheduled curve from the site file ({@code from} / {@code until}): the sandbox sets it with
   * the window's startTime and duration, and the outputs follow it only within the window — the
   * frequency is low from 17:00 to 17:30, the curve acts from 17:10 to 17:20.
   */
  @Test
  void aScheduledCurveActsOnlyInItsWindow() {
    String site = SITE + EVENING_WINDOW;
    SiteFile parsed = SiteFileParser.parse(site, true, "under-frequency-window");
    try (SiteRun run = new SiteRun(parsed, null)) {
      run.start();
      Instant t0 = run.startedAt();
      SimulatedHardware hardware = run.station(1).hardware();
      run.runUntil(t0.plus(Duration.ofMinutes(1)));
      List<io.kilowire.core.der.DerControls.Held> held =
          run.station(1).runtime().station().der().all();
      assertThat(held).hasSize(1);
      DerControl evening = held.get(0).control();
      assertThat(evening.isDefault()).isFalse();
      assertThat(evening.start()).isEqualTo(Instant.parse("2026-12-07T17:10:00Z"));
      assertThat(evening.durationSeconds()).isEqualByComparingTo("600");

      run.runUntil(t0.plus(Duration.ofMinutes(65))); // 17:05, 49.9 Hz, before the window
      assertThat(hardware.pilotOfferA(1)).as("before the window").isGreaterThan(20);
      assertThat(hardware.drawA(1)).isGreaterThan(20);
      run.runUntil(t0.plus(Duration.ofMinutes(75))); // 17:15, 49.85 Hz: a quarter of 32 A
      assertThat(hardware.pilotOfferA(1)).as("in the window").isLessThanOrEqualTo(8);
      assertThat(hardware.drawA(1)).isLessThanOrEqualTo(8);
      run.runUntil(t0.plus(Duration.ofMinutes(85))); // 17:25, 49.75 Hz, after the window
      assertThat(hardware.pilotOfferA(1)).as("after the window").isGreaterThan(20);
      assertThat(hardware.drawA(1)).isGreaterThan(20);
    }
  }

  /**
   * A multi-day run: the scheduled curve's window comes back every day. The sandbox sets the next
   * day's window once a window ends, so on the second day too the offer and the EV's draw fall only
   * from 17:10 to 17:20 (the frequency is low from 17:00 to 17:30 every day).
   */
  @Test
  void aScheduledCurveActsInEachDaysWindow() {
    String site = SITE + EVENING_WINDOW;
    SiteFile parsed = SiteFileParser.parse(site, true, "under-frequency-days");
    try (SiteRun run = new SiteRun(parsed, null)) {
      run.start();
      SimulatedHardware hardware = run.station(1).hardware();
      for (int day = 0; day < 2; day++) {
        Instant evening = run.startedAt().plus(Duration.ofDays(day)).plus(Duration.ofHours(1));
        run.runUntil(evening.plus(Duration.ofMinutes(5))); // 17:05, 49.9 Hz, before the window
        assertThat(hardware.pilotOfferA(1)).as("day %d before the window", day).isGreaterThan(20);
        assertThat(hardware.drawA(1)).as("day %d before the window", day).isGreaterThan(20);
        run.runUntil(evening.plus(Duration.ofMinutes(15))); // 17:15, 49.85 Hz: a quarter of 32 A
        assertThat(hardware.pilotOfferA(1)).as("day %d in the window", day).isLessThanOrEqualTo(8);
        assertThat(hardware.drawA(1)).as("day %d in the window", day).isLessThanOrEqualTo(8);
        run.runUntil(evening.plus(Duration.ofMinutes(25))); // 17:25, 49.75 Hz, after the window
        assertThat(hardware.pilotOfferA(1)).as("day %d after the window", day).isGreaterThan(20);
        assertThat(hardware.drawA(1)).as("day %d after the window", day).isGreaterThan(20);
      }
    }
  }

  /**
   * From 16:00 on: what the EVSE offers (the simulated pilot) and what the EV draws fall along the
   * curve in the event and come back with the frequency.
   */
  private static void theOutputsFollowTheCurve(SiteRun run) {
    Instant t0 = run.startedAt();
    SimulatedHardware hardware = run.station(1).hardware();
    run.runUntil(t0.plus(Duration.ofMinutes(50))); // 16:50, 50 Hz
    assertThat(hardware.pilotOfferA(1)).as("50 Hz").isGreaterThan(20);
    assertThat(hardware.drawA(1)).as("50 Hz: the EV draws").isGreaterThan(20);
    run.runUntil(t0.plus(Duration.ofMinutes(65))); // 17:05, 49.9 Hz: half of 32 A
    assertThat(hardware.pilotOfferA(1)).as("49.9 Hz").isLessThanOrEqualTo(16).isGreaterThan(10);
    assertThat(hardware.drawA(1)).as("49.9 Hz: the EV draws").isLessThanOrEqualTo(16);
    run.runUntil(t0.plus(Duration.ofMinutes(75))); // 17:15, 49.85 Hz: a quarter
    assertThat(hardware.pilotOfferA(1)).as("49.85 Hz").isLessThanOrEqualTo(8).isGreaterThan(6);
    run.runUntil(t0.plus(Duration.ofMinutes(85))); // 17:25, 49.75 Hz: nothing
    assertThat(hardware.pilotOfferA(1)).as("49.75 Hz").isZero();
    assertThat(hardware.drawA(1)).as("the EV stopped drawing").isZero();
    run.runUntil(t0.plus(Duration.ofMinutes(100))); // 17:40, 50 Hz again
    assertThat(hardware.pilotOfferA(1)).as("back at 50 Hz").isGreaterThan(20);
    assertThat(hardware.drawA(1)).as("back at 50 Hz: the EV draws").isGreaterThan(20);
  }

  private static DerSetting.Point point(double x, double y) {
    return new DerSetting.Point(BigDecimal.valueOf(x), BigDecimal.valueOf(y));
  }
}
