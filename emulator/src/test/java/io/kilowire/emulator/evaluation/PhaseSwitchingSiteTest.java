package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import io.kilowire.emulator.site.SiteSimulation;
import io.kilowire.emulator.station.EvModel;
import io.kilowire.emulator.station.SimulatedHardware;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A solar day on a home with two phase-switching EVSEs, checked at the outputs: what the emulated
 * EVs draw (read from the hardware, not from the balancer) stays within the fuse, and each EV draws
 * on the phases the balancer counts for it.
 */
class PhaseSwitchingSiteTest {
  private static final double GRID_LIMIT_A = 25;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theEvsDrawOnThePhasesTheBalancerCountsAndWithinTheFuse(long seed) {
    SiteFile site = SiteFileParser.parse(yaml(new Random(seed)), true, "switching-" + seed);
    try (SiteRun run = new SiteRun(site, null)) {
      Checker checker = new Checker(site, run);
      run.simulation().observer(checker);
      run.start();
      run.runUntil(run.startedAt().plusSeconds(20 * 3600));
      assertThat(checker.readings).as("readings").isGreaterThan(10_000);
      assertThat(checker.switches).as("phase switches carried out").isGreaterThanOrEqualTo(2);
      assertThat(checker.onePhaseReadings).as("readings charging on one phase").isPositive();
      assertThat(checker.threePhaseReadings).as("readings charging on three phases").isPositive();
    }
  }

  /** A home with 10 kWp, clouds drawn from the seed, two three-phase EVs in solar-only mode. */
  private static String yaml(Random random) {
    StringBuilder y =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                """
                name: switching
                start: "2026-06-06T00:00:00Z"
                timezone: UTC
                gridLimitA: %.0f
                marginA: 1
                mode: dynamic
                chargingMode: solar-only
                step: 5s
                evResponseDelay: 2s
                building:
                  profile: residential
                  peakA: [8, 6, 7]
                evses:
                  - {station: 1, evse: 1, wiring: L1L2L3, hardwareMaxA: 16, phaseSwitching: true}
                  - {station: 1, evse: 2, wiring: L2L3L1, hardwareMaxA: 16, phaseSwitching: true}
                arrivals:
                  - {at: "07:%02d", station: 1, evse: 1, batteryKwh: 60, soc: %d, targetSoc: 90, maxA: 16, phases: 3, departure: "19:30"}
                  - {at: "09:%02d", station: 1, evse: 2, batteryKwh: 50, soc: %d, targetSoc: 90, maxA: 16, phases: 3, departure: "19:45"}
                pv:
                  peakKw: 10
                  sunrise: "05:00"
                  sunset: "21:00"
                  clouds:
                """,
                GRID_LIMIT_A,
                random.nextInt(60),
                20 + random.nextInt(30),
                random.nextInt(60),
                20 + random.nextInt(30)));
    CloudLines.append(y, random, 8 * 60 + random.nextInt(60), 18 * 60, 10, 50, 0.2, 0.6, 30, 90);
    return y.toString();
  }

  /** Checks every reading against what the hardware's EVs draw. */
  private static final class Checker implements SiteSimulation.Observer {
    private final SiteFile site;
    private final SiteRun run;
    private final Map<String, Integer> countedBefore = new HashMap<>();
    private final Map<String, Integer> drawnBefore = new HashMap<>();
    private final Map<Phase, Instant> lastDecrease = new HashMap<>();
    private final Map<Phase, Double> lastAvailable = new HashMap<>();
    private double pvW;
    int readings;
    int switches;
    int onePhaseReadings;
    int threePhaseReadings;

    Checker(SiteFile site, SiteRun run) {
      this.site = site;
      this.run = run;
    }

    @Override
    public void energy(
        Instant at, double pvW, double curtailedW, double batteryW, double batterySocPercent) {
      this.pvW = pvW;
    }

    @Override
    public void step(Instant at, PhaseCurrents buildingA, PhaseCurrents evA, Allocation a) {
      readings++;
      PhaseCurrents drawn = PhaseCurrents.ZERO;
      for (SiteFile.Evse e : site.evses()) {
        String id = e.slot().id();
        SimulatedHardware hardware = run.station(e.station()).hardware();
        EvModel ev = hardware.ev(e.evse());
        int phases = ev == null ? 0 : hardware.phases(e.evse());
        double draw = hardware.drawA(e.evse());
        for (int i = 0; i < phases; i++) {
          Phase p = e.slot().wiring().get(i);
          drawn = drawn.with(p, drawn.get(p) + draw);
        }
        // what a switching EVSE's EV is counted on; none while it wants nothing
        Integer counted = a.phases().get(id);
        // the decision of this very reading reaches the EV after it; until then it pauses
        boolean justDecided = counted != null && !counted.equals(countedBefore.get(id));
        if (draw > 0 && !justDecided) {
          assertThat(counted).as("%s %s: drawing, so the balancer counts it", at, id).isNotNull();
          assertThat(phases)
              .as("%s %s: drawing %.1f A on the phases the balancer counts", at, id, draw)
              .isEqualTo(counted);
          if (phases == 1) {
            onePhaseReadings++;
          } else if (phases == 3) {
            threePhaseReadings++;
          }
        }
        if (ev == null) {
          drawnBefore.remove(id);
        } else {
          Integer before = drawnBefore.put(id, phases);
          if (before != null && before != phases) {
            switches++;
          }
        }
        if (counted == null) {
          countedBefore.remove(id);
        } else {
          countedBefore.put(id, counted);
        }
      }
      for (Phase p : Phase.values()) {
        double available = a.availableA().get(p);
        if (available < lastAvailable.getOrDefault(p, Double.NaN) - 1e-6) {
          lastDecrease.put(p, at);
        }
        lastAvailable.put(p, available);
        double grid = buildingA.get(p) + drawn.get(p) - pvW / 3 / 230;
        if (grid > GRID_LIMIT_A + 1e-6) {
          assertThat(at)
              .as(
                  "%s %s: grid %.1f A above the %.0f A fuse beyond the EV response window",
                  at, p, grid, GRID_LIMIT_A)
              .isBeforeOrEqualTo(
                  lastDecrease.getOrDefault(p, Instant.EPOCH).plus(EvModel.MAX_RESPONSE_DELAY));
        }
      }
    }
  }
}
