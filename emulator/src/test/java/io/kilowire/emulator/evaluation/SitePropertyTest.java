package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.BudgetSource;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import io.kilowire.emulator.site.SiteSimulation;
import io.kilowire.emulator.station.EvModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A small site for a few simulated hours per seed, the whole stack in virtual time: random arrivals
 * and departures, EVs that taper and follow the pilot after up to 5 s, a building load that jumps,
 * the site meter falling silent (stale → the safe budget), the CSMS out of reach. At every reading:
 * what the stations offer adds up to at most the EVs' budget on every grid phase, and the grid
 * current (building + what the EVs draw) is above the grid limit only within the response window
 * after that budget went down.
 */
class SitePropertyTest {
  private static final double LIMIT_A = 63;
  private static final double MARGIN_A = 3;
  private static final double BUILDING_PEAK_A = 40;
  private static final Duration HOURS = Duration.ofHours(3);
  private static final Duration STALE_AFTER = Duration.ofSeconds(15);
  private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");

  /** Slot wiring of the four EVSEs: two three-phase (rotated), two single-phase. */
  private static final List<String> WIRING = List.of("L1L2L3", "L2L3L1", "L3", "L1");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void theStationsStayWithinTheBudgetAndTheGridWithinItsLimitBeyondTheResponseWindow(long seed) {
    Random random = new Random(seed);
    Duration delay = Duration.ofMillis(random.nextInt(5001));
    TreeMap<Instant, PhaseCurrents> building = building(random);
    SiteFile site = SiteFileParser.parse(yaml(random, delay, building), true, "property");

    Checker checker = new Checker(site);
    try (SiteRun run = new SiteRun(site, null)) {
      checker.run = run;
      run.simulation().observer(checker);
      run.start();
      meterDropouts(random, run.simulation(), run, building);
      csmsOutages(random, run);
      run.runUntil(START.plus(HOURS));
    }

    assertThat(checker.steps).as("readings").isGreaterThan(3 * 3600 - 10);
    assertThat(checker.evWh).as("energy delivered").isGreaterThan(1000);
    assertThat(checker.staleSteps).as("steps on the safe budget").isPositive();
    assertThat(checker.overSteps)
        .as("readings above the grid limit (within the response window)")
        .isLessThan(checker.steps / 100);
  }

  /** A new level per phase every 2 to 20 minutes, each at most {@link #BUILDING_PEAK_A}. */
  private static TreeMap<Instant, PhaseCurrents> building(Random random) {
    TreeMap<Instant, PhaseCurrents> levels = new TreeMap<>();
    for (Instant t = START; t.isBefore(START.plus(HOURS)); ) {
      levels.put(t, new PhaseCurrents(level(random), level(random), level(random)));
      t = t.plusSeconds(120 + random.nextInt(18 * 60));
    }
    return levels;
  }

  private static double level(Random random) {
    return Math.round(random.nextDouble() * (BUILDING_PEAK_A - 5) * 10) / 10.0 + 5;
  }

  private static String yaml(
      Random random, Duration delay, TreeMap<Instant, PhaseCurrents> building) {
    StringBuilder y = new StringBuilder();
    y.append(
        String.format(
            Locale.ROOT,
            """
            name: property
            start: "%s"
            gridLimitA: %.0f
            marginA: %.0f
            meterFallbackBudgetA: %.0f
            evResponseDelay: %dms
            building:
              series:
            """,
            START,
            LIMIT_A,
            MARGIN_A,
            LIMIT_A - MARGIN_A - BUILDING_PEAK_A,
            delay.toMillis()));
    building.forEach(
        (t, a) ->
            y.append(
                String.format(
                    Locale.ROOT,
                    "    - {t: \"%s\", a: [%.1f, %.1f, %.1f]}%n",
                    time(t),
                    a.l1(),
                    a.l2(),
                    a.l3())));
    y.append("evses:\n");
    for (int i = 0; i < WIRING.size(); i++) {
      y.append(
          String.format(
              Locale.ROOT,
              "  - {station: %d, evse: %d, wiring: %s, hardwareMaxA: %d}%n",
              i / 2 + 1,
              i % 2 + 1,
              WIRING.get(i),
              WIRING.get(i).length() == 2 ? 16 : 32));
    }
    y.append("arrivals:\n");
    for (int i = 0; i < WIRING.size(); i++) {
      Instant t = START.plusSeconds(random.nextInt(600));
      while (true) {
        Instant leaves = t.plusSeconds(600 + random.nextInt(50 * 60));
        if (!leaves.isBefore(START.plus(HOURS))) {
          break;
        }
        // Small batteries near the taper, so that EVs taper, finish and wait for their departure.
        y.append(
            String.format(
                Locale.ROOT,
                "  - {at: \"%s\", station: %d, evse: %d, batteryKwh: %d, soc: %d, targetSoc: %d,"
                    + " maxA: %d, phases: %d, departure: \"%s\"}%n",
                time(t),
                i / 2 + 1,
                i % 2 + 1,
                8 + random.nextInt(30),
                40 + random.nextInt(50),
                90 + random.nextInt(11),
                10 + random.nextInt(23),
                random.nextBoolean() ? 3 : 1,
                time(leaves)));
        t = leaves.plusSeconds(60 + random.nextInt(15 * 60));
      }
    }
    return y.toString();
  }

  private static String time(Instant t) {
    return LocalTime.ofInstant(t, java.time.ZoneOffset.UTC).toString();
  }

  /**
   * The meter falls silent 5 to 6 times for 5 s to 5 min. While a reading is pending (up to {@link
   * #STALE_AFTER}) the margin covers what the building may add: a dropout starts only where the
   * building does not rise by more than the margin before the balancer calls the reading stale.
   */
  private static void meterDropouts(
      Random random,
      SiteSimulation simulation,
      SiteRun run,
      TreeMap<Instant, PhaseCurrents> building) {
    int placed = 0;
    for (int tries = 0; placed < 5 && tries < 1000; tries++) {
      Instant from = START.plusSeconds(60 + random.nextInt((int) HOURS.toSeconds() - 600));
      Duration length = Duration.ofSeconds(5 + random.nextInt(300));
      if (placed == 0) {
        length = Duration.ofSeconds(60 + random.nextInt(240)); // at least one goes stale
      }
      PhaseCurrents before = building.floorEntry(from).getValue();
      Instant watched = from.plus(STALE_AFTER).plusSeconds(2);
      boolean safe =
          building.subMap(from, false, watched, true).values().stream()
              .allMatch(
                  b ->
                      b.l1() <= before.l1() + MARGIN_A
                          && b.l2() <= before.l2() + MARGIN_A
                          && b.l3() <= before.l3() + MARGIN_A);
      if (!safe) {
        continue;
      }
      placed++;
      run.clock()
          .schedule(
              Duration.between(START, from).plusMillis(500), () -> simulation.meterOnline(false));
      run.clock()
          .schedule(
              Duration.between(START, from.plus(length)).plusMillis(500),
              () -> simulation.meterOnline(true));
    }
    assertThat(placed).as("meter dropouts placed").isPositive();
  }

  /** Each station loses its CSMS a few times for 30 s to 10 min. */
  private static void csmsOutages(Random random, SiteRun run) {
    for (int station = 1; station <= WIRING.size() / 2; station++) {
      int s = station;
      for (int i = 0; i < 3; i++) {
        Duration from = Duration.ofSeconds(random.nextInt((int) HOURS.toSeconds()));
        Duration length = Duration.ofSeconds(30 + random.nextInt(600));
        run.clock().schedule(from, () -> run.link(s).setReachable(false));
        run.clock().schedule(from.plus(length), () -> run.link(s).setReachable(true));
      }
    }
  }

  /** Checks every reading. */
  private static final class Checker implements SiteSimulation.Observer {
    private final SiteFile site;
    SiteRun run;
    private final double[] lastAvailable = {Double.NaN, Double.NaN, Double.NaN};
    private final List<Instant> decreases = new ArrayList<>(List.of(START, START, START));
    int steps;
    int overSteps;
    int staleSteps;
    double evWh;

    Checker(SiteFile site) {
      this.site = site;
    }

    @Override
    public void step(Instant at, PhaseCurrents buildingA, PhaseCurrents evA, Allocation a) {
      steps++;
      evWh += (evA.l1() + evA.l2() + evA.l3()) * 230 / 3600;
      if (a.source() == BudgetSource.METER_FALLBACK) {
        staleSteps++;
      }
      PhaseCurrents offered = PhaseCurrents.ZERO;
      for (SiteFile.Evse e : site.evses()) {
        var hardware = run.station(e.station()).hardware();
        EvModel ev = hardware.ev(e.evse());
        double offer = hardware.pilotOfferA(e.evse());
        assertThat(offer)
            .as("%s: EVSE %s offers at most its allocation", at, e.slot().id())
            .isLessThanOrEqualTo(a.limitA(e.slot().id()) + 1e-6);
        int phases = ev == null ? 0 : Math.min(ev.phases(), e.slot().wiring().size());
        for (int i = 0; i < phases; i++) {
          Phase p = e.slot().wiring().get(i);
          offered = offered.with(p, offered.get(p) + offer);
        }
      }
      boolean over = false;
      for (Phase p : Phase.values()) {
        int i = p.ordinal();
        double available = a.availableA().get(p);
        assertThat(a.commandedA().get(p))
            .as("%s %s: commanded within the budget", at, p)
            .isLessThanOrEqualTo(available + 1e-6);
        assertThat(offered.get(p))
            .as("%s %s: the pilots offer within the budget", at, p)
            .isLessThanOrEqualTo(available + 1e-6);
        if (available < lastAvailable[i] - 1e-6) {
          decreases.set(i, at);
        }
        lastAvailable[i] = available;
        double grid = buildingA.get(p) + evA.get(p);
        if (grid > LIMIT_A + 1e-6) {
          over = true;
          assertThat(at)
              .as(
                  "%s %s: grid %.1f A above %.0f A more than %s after the budget went down (at %s)",
                  at, p, grid, LIMIT_A, EvModel.MAX_RESPONSE_DELAY, decreases.get(i))
              .isBeforeOrEqualTo(decreases.get(i).plus(EvModel.MAX_RESPONSE_DELAY));
        }
      }
      if (over) {
        overSteps++;
      }
    }
  }
}
