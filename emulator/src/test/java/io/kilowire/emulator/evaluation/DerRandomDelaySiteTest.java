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
 * EnterService's randomDelay in a site run: each emulated station draws it from its own seeded
 * source, so two identical runs bring the EVSE back into service at the same moment (a {@code
 * --speed max} run is reproducible), and the draw does delay the return.
 */
class DerRandomDelaySiteTest {
  private static final String SITE =
      """
      name: over-frequency-trip
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
          - {t: "17:00", value: 50.6}
          - {t: "17:05", value: 50.0}
      """;

  private static final Instant GRID_BACK = Instant.parse("2026-12-07T17:05:00Z");

  @Test
  void twoIdenticalRunsComeBackIntoServiceAtTheSameMoment() {
    Instant first = backInService();
    Instant second = backInService();
    assertThat(first)
        .as("back after the grid plus a part of the hour's randomDelay")
        .isAfter(GRID_BACK.plusSeconds(60));
    assertThat(second).as("the same draw in the same run").isEqualTo(first);
  }

  /** When the EVSE offers its EV current again after the over-frequency trip. */
  private static Instant backInService() {
    SiteFile site = SiteFileParser.parse(SITE, true, "over-frequency-trip");
    try (SiteRun run = new SiteRun(site, null)) {
      run.start();
      StationRuntime runtime = run.station(1).runtime();
      runtime.execute(
          () -> {
            runtime
                .station()
                .der()
                .set(
                    new DerControl(
                        "hf",
                        DerControlType.HF_MUST_TRIP,
                        true,
                        0,
                        null,
                        null,
                        new DerSetting.Curve(
                            List.of(new DerSetting.Point(BigDecimal.ZERO, new BigDecimal("50.5"))),
                            DerUnit.NOT_APPLICABLE,
                            null,
                            null)));
            runtime
                .station()
                .der()
                .set(
                    new DerControl(
                        "es",
                        DerControlType.ENTER_SERVICE,
                        true,
                        0,
                        null,
                        null,
                        new DerSetting.EnterService(
                            new BigDecimal("110"),
                            new BigDecimal("90"),
                            new BigDecimal("50.1"),
                            new BigDecimal("49.9"),
                            BigDecimal.ZERO,
                            new BigDecimal("3600"),
                            null)));
          });
      SimulatedHardware hardware = run.station(1).hardware();
      run.runUntil(GRID_BACK.minusSeconds(60));
      assertThat(hardware.pilotOfferA(1)).as("tripped").isZero();
      Instant t = GRID_BACK;
      while (t.isBefore(GRID_BACK.plus(Duration.ofHours(2)))) {
        run.runUntil(t);
        if (hardware.pilotOfferA(1) > 0) {
          return t;
        }
        t = t.plusSeconds(5);
      }
      throw new AssertionError("never back in service");
    }
  }
}
