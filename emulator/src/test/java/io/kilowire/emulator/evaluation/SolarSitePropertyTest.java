package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import io.kilowire.emulator.site.SiteSimulation;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded solar days on the whole stack (stations, EVs that follow their pilot after a delay, the
 * site's PV, battery and meters in virtual time): clouds, EVs arriving in random modes, a battery
 * behind a zero-export limit, and the grid, PV and battery meters falling silent for seconds to
 * minutes. Measured at the grid connection (building + EVs − PV − battery, what the fuse carries):
 * the current goes above the fuse only within the EV response window after the EVs' budget went
 * down, never beyond.
 */
class SolarSitePropertyTest {
  private static final Duration DAY = Duration.ofHours(12);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13})
  void cloudsArrivalsAndSilentMetersNeverOverloadTheFuseBeyondTheResponseWindow(long seed) {
    Random r = new Random(seed);
    SiteFile site = SiteFileParser.parse(yaml(r), true, "solar-" + seed);
    try (SiteRun run = new SiteRun(site, null)) {
      Instant start = run.startedAt();
      SiteEvaluation.Meter meter = new SiteEvaluation.Meter(site, start, DAY, null);
      run.simulation().observer(meter);
      run.start();
      SiteSimulation sim = run.simulation();
      int dropouts = 0;
      Instant t = start;
      Instant end = start.plus(DAY);
      while (t.isBefore(end)) {
        t = t.plusSeconds(60 + r.nextInt(400));
        run.runUntil(t);
        int which = r.nextInt(4); // the PV's meter twice as often: clouds pass meanwhile
        sim.meterOnline(which != 0);
        sim.energyMetersOnline(which != 1 && which != 3, which != 2);
        dropouts++;
        t = t.plusSeconds(5 + r.nextInt(r.nextBoolean() ? 60 : 300));
        run.runUntil(t);
        sim.meterOnline(true);
        sim.energyMetersOnline(true, true);
      }
      assertThat(dropouts).isGreaterThan(60);
      assertThat(meter.evWh).as("seed %d: the EVs charged", seed).isGreaterThan(20_000);
      assertThat(meter.pvWh).as("seed %d: the sun shone", seed).isGreaterThan(20_000);
      assertThat(meter.beyondS)
          .as("seed %d: seconds above the fuse beyond the response window", seed)
          .isZero();
    }
  }

  /** A home with 12 kWp, a battery, zero export, random clouds and three EVs in random modes. */
  private static String yaml(Random r) {
    String[] modes = {"grid", "solar-first", "solar-only"};
    StringBuilder y =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                """
                name: solar-property
                start: "2026-06-06T06:00:00Z"
                timezone: UTC
                gridLimitA: 25
                marginA: 1
                mode: dynamic
                meterFallbackBudgetA: 8
                step: 1s
                evResponseDelay: %ds
                building:
                  profile: residential
                  peakA: [%d, %d, %d]
                evses:
                  - {station: 1, evse: 1, wiring: L1L2L3, hardwareMaxA: 16, chargingMode: %s}
                  - {station: 1, evse: 2, wiring: L2L3L1, hardwareMaxA: 16, chargingMode: %s}
                  - {station: 2, evse: 1, wiring: L3, hardwareMaxA: 32, chargingMode: %s}
                arrivals:
                  - {at: "07:%02d", station: 1, evse: 1, batteryKwh: 60, soc: 20, maxA: 16, phases: 3, departure: "16:30"}
                  - {at: "09:%02d", station: 1, evse: 2, batteryKwh: 50, soc: 30, energyKwh: 20, maxA: 16, phases: 3, departure: "15:00"}
                  - {at: "10:%02d", station: 2, evse: 1, batteryKwh: 40, soc: 10, maxA: 32, phases: 1, departure: "17:00"}
                pv:
                  peakKw: 12
                  sunrise: "05:00"
                  sunset: "21:00"
                  clouds:
                """,
                1 + r.nextInt(5),
                6 + r.nextInt(8),
                4 + r.nextInt(8),
                5 + r.nextInt(8),
                modes[r.nextInt(3)],
                modes[r.nextInt(3)],
                modes[r.nextInt(3)],
                r.nextInt(60),
                r.nextInt(60),
                r.nextInt(60)));
    CloudLines.append(y, r, 7 * 60 + r.nextInt(60), 17 * 60, 5, 40, 0.1, 0.7, 20, 60);
    y.append(
        String.format(
            Locale.ROOT,
            "battery: {capacityKwh: %d, maxChargeKw: %d, maxDischargeKw: %d, minSoc: 10,"
                + " initialSoc: %d}%n",
            5 + r.nextInt(15),
            2 + r.nextInt(5),
            2 + r.nextInt(5),
            15 + r.nextInt(60)));
    y.append("exportLimitKw: 0\n");
    return y.toString();
  }
}
