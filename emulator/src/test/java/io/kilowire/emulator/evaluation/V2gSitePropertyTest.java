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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * V2G site evenings in virtual time, the whole stack (2.1 stations, ISO 15118 EVs on bidirectional
 * EVSEs, the sandbox asking the V2G EVs to feed back in the peak), one random site per seed: a fuse
 * of 20-40 A, two to five EVSEs (three-phase rotations and single-phase), V2G and plain EVs
 * arriving before and during the peak, a building that jumps, and a CSMS asking each V2G EV for
 * more than the fuse can take back from several. At every step, at the outputs:
 *
 * <ul>
 *   <li>import: what the stations offer for charging is at most the balancer's allocation, and the
 *       grid current is within the fuse but within the EVs' response window after a lower budget;
 *   <li>export: the discharge offered to the EVs on a grid phase adds up to at most the site's
 *       headroom (fuse − margin), and the grid never exports more than the fuse;
 *   <li>no EV feeds back more than it is offered (beyond its response delay) or below its state of
 *       charge floor, and none without BPT: a plain EV is never offered a discharge nor feeds back.
 * </ul>
 */
class V2gSitePropertyTest {
  private static final Instant START = Instant.parse("2026-03-02T15:00:00Z");
  private static final Duration HOURS = Duration.ofHours(6);
  private static final Duration RESPONSE_WINDOW = Duration.ofSeconds(6);
  private static final List<String> WIRING = List.of("L1L2L3", "L2L3L1", "L3L1L2", "L1", "L2");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void bothDirectionsStayWithinTheLimitsAtEveryStep(long seed) {
    Random random = new Random(seed);
    SiteFile site = SiteFileParser.parse(yaml(random), true, "v2g-property");
    Checker checker = new Checker(site);
    try (SiteRun run = new SiteRun(site, null, true)) {
      checker.run = run;
      run.simulation().observer(checker);
      run.start();
      run.runUntil(START.plus(HOURS));
    }
    assertThat(checker.steps).isGreaterThan(20_000);
    assertThat(checker.fedBackAs)
        .as("seed %d: some EV fed back (else the test proves nothing)", seed)
        .isPositive();
    assertThat(checker.problems).as("seed %d", seed).isEmpty();
  }

  private static String yaml(Random random) {
    int fuse = 20 + random.nextInt(21);
    int evses = 2 + random.nextInt(4);
    StringBuilder y = new StringBuilder();
    y.append("start: \"").append(START).append("\"\n");
    y.append("gridLimitA: ").append(fuse).append("\nmarginA: 1\nmode: dynamic\nstep: 1s\n");
    y.append("evResponseDelay: ").append(1 + random.nextInt(4)).append("s\n");
    y.append("building:\n  series:\n");
    for (int h = 15; h <= 21; h++) {
      for (int m = 0; m < 60; m += 20) {
        y.append(
            String.format(
                Locale.ROOT,
                "    - {t: \"%02d:%02d\", a: [%d, %d, %d]}%n",
                h,
                m,
                random.nextInt(fuse / 2),
                random.nextInt(fuse / 2),
                random.nextInt(fuse / 2)));
      }
    }
    y.append("evses:\n");
    for (int e = 1; e <= evses; e++) {
      y.append(
          String.format(
              Locale.ROOT,
              "  - {station: %d, evse: %d, wiring: %s, hardwareMaxA: 32}%n",
              (e + 1) / 2,
              2 - e % 2,
              WIRING.get(random.nextInt(WIRING.size()))));
    }
    y.append("arrivals:\n");
    for (int e = 1; e <= evses; e++) {
      int soc = 30 + random.nextInt(50);
      boolean v2g = e <= 2 || random.nextInt(3) > 0; // at least two feed back
      y.append(
          String.format(
              Locale.ROOT,
              "  - {at: \"%02d:%02d\", station: %d, evse: %d, batteryKwh: %d, soc: %d, targetSoc: %d,"
                  + " maxA: %d, phases: %d, departure: \"%02d:%02d\"%s}%n",
              15 + random.nextInt(4),
              random.nextInt(60),
              (e + 1) / 2,
              2 - e % 2,
              20 + random.nextInt(60),
              soc,
              Math.min(100, soc + 10 + random.nextInt(30)),
              10 + random.nextInt(23),
              random.nextBoolean() ? 3 : 1,
              19 + random.nextInt(2),
              random.nextInt(60),
              v2g
                  ? String.format(
                      Locale.ROOT,
                      ", v2g: {maxA: %d, minSoc: %d}",
                      6 + random.nextInt(27),
                      10 + random.nextInt(soc - 10))
                  : ""));
    }
    y.append(
        String.format(
            Locale.ROOT,
            "v2g: {from: \"%02d:%02d\", until: \"%02d:%02d\", dischargeA: %d}%n",
            16 + random.nextInt(2),
            random.nextInt(60),
            19 + random.nextInt(2),
            random.nextInt(60),
            8 + random.nextInt(25)));
    return y.toString();
  }

  /** Checks every step of the site. */
  private static final class Checker implements SiteSimulation.Observer {
    private final SiteFile site;
    private final double limitA;
    private final double headroomA;
    SiteRun run;
    int steps;
    double fedBackAs;
    final List<String> problems = new ArrayList<>();
    private final Map<Phase, Double> lastBudget = new EnumMap<>(Phase.class);
    private final Map<Phase, Instant> lastDecrease = new EnumMap<>(Phase.class);
    // Per EVSE (slot id): the last instant its discharge offer went down.
    private final Map<String, Instant> dischargeDown = new java.util.HashMap<>();
    private final Map<String, Double> lastDischarge = new java.util.HashMap<>();

    Checker(SiteFile site) {
      this.site = site;
      this.limitA = site.config().gridLimitA();
      this.headroomA = site.config().headroomA();
    }

    private void problem(Instant at, String what) {
      if (problems.size() < 20) {
        problems.add(at + ": " + what);
      }
    }

    @Override
    public void step(Instant at, PhaseCurrents buildingA, PhaseCurrents evA, Allocation a) {
      steps++;
      Map<Phase, Double> discharge = new EnumMap<>(Phase.class);
      for (SiteFile.Evse e : site.evses()) {
        SimulatedHardware hw = run.station(e.station()).hardware();
        String id = e.slot().id();
        EvModel ev = hw.ev(e.evse());
        double offered = hw.dischargeOfferA(e.evse());
        double draw = hw.drawA(e.evse());
        Double soc = hw.socPercent(e.evse());
        double before = lastDischarge.getOrDefault(id, 0.0);
        if (offered < before) {
          dischargeDown.put(id, at);
        }
        lastDischarge.put(id, offered);
        if (hw.offeredA(e.evse()) > a.limitA(id) + 1e-6) {
          problem(at, id + " offered " + hw.offeredA(e.evse()) + " A > allocation " + a.limitA(id));
        }
        if (ev == null || !ev.v2g()) {
          if (offered > 0 || draw < 0) {
            problem(at, id + " without BPT: offered " + offered + " back, draws " + draw);
          }
          continue;
        }
        Instant down = dischargeDown.get(id);
        boolean settled = down == null || at.isAfter(down.plus(RESPONSE_WINDOW));
        if (settled && -draw > offered + 0.05) {
          problem(at, id + " feeds back " + -draw + " A, offered " + offered);
        }
        if (draw < 0) {
          fedBackAs += -draw;
          if (soc != null && soc < ev.minSocPercent() - 0.1) {
            problem(at, id + " feeds back at " + soc + " %, floor " + ev.minSocPercent());
          }
        }
        List<Phase> wiring = e.slot().wiring();
        for (int i = 0; i < Math.min(hw.phases(e.evse()), wiring.size()); i++) {
          discharge.merge(wiring.get(i), offered, Double::sum);
        }
      }
      for (Phase p : Phase.values()) {
        double sum = discharge.getOrDefault(p, 0.0);
        if (sum > headroomA + 1e-6) {
          problem(at, p + ": discharge offered " + sum + " A > headroom " + headroomA);
        }
        double grid = buildingA.get(p) + evA.get(p);
        if (-grid > limitA + 1e-6) {
          problem(at, p + ": exports " + -grid + " A > fuse " + limitA);
        }
        double budget = a.availableA().get(p);
        Double last = lastBudget.put(p, budget);
        if (last != null && budget < last - 0.05) {
          lastDecrease.put(p, at);
        }
        Instant d = lastDecrease.get(p);
        boolean inWindow = d != null && !at.isAfter(d.plus(RESPONSE_WINDOW));
        if (grid > limitA + 1e-6 && !inWindow) {
          problem(at, p + ": imports " + grid + " A > fuse " + limitA);
        }
      }
    }
  }
}
