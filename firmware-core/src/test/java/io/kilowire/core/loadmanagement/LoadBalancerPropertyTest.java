package io.kilowire.core.loadmanagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.fallback.FallbackMonitor;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.SiteReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random sites and event sequences (arrivals, departures, tapering, building-load changes,
 * meter dropouts, CSMS outages, demand response) checked against the hard rules after every step.
 * The seed is in the test name; a failure message names the seed and the step.
 */
class LoadBalancerPropertyTest {
  private static final double TOL = 1e-6;
  private static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 60).map(i -> i * 7_919L);
  }

  /** An EV parked at an EVSE. */
  private static final class Car {
    final Instant arrived;
    final int phases;
    final double maxA;
    final int priority;
    final @Nullable Instant departure;
    final @Nullable Double wh;
    double taperA;

    Car(Random r, Instant now) {
      arrived = now;
      phases = r.nextInt(4) == 0 ? 1 : 3;
      maxA = r.nextInt(5) == 0 ? 16 : 32;
      priority = r.nextInt(6) == 0 ? 1 : 0;
      departure = r.nextBoolean() ? now.plusSeconds(600 + r.nextInt(20_000)) : null;
      wh = departure != null && r.nextBoolean() ? 1000.0 + r.nextInt(40_000) : null;
      taperA = maxA;
    }
  }

  private static SiteConfig randomSite(Random r) {
    List<Circuit> circuits = new ArrayList<>();
    int nCircuits = r.nextInt(4);
    for (int i = 0; i < nCircuits; i++) {
      String parent = i > 0 && r.nextBoolean() ? "c" + r.nextInt(i) : null;
      circuits.add(new Circuit("c" + i, parent, 10 + r.nextInt(50)));
    }
    List<List<Phase>> rotations =
        List.of(
            List.of(Phase.L1, Phase.L2, Phase.L3),
            List.of(Phase.L2, Phase.L3, Phase.L1),
            List.of(Phase.L3, Phase.L1, Phase.L2));
    List<EvseSlot> evses = new ArrayList<>();
    int n = 2 + r.nextInt(7);
    for (int i = 0; i < n; i++) {
      List<Phase> wiring =
          r.nextInt(4) == 0 ? List.of(Phase.values()[r.nextInt(3)]) : rotations.get(r.nextInt(3));
      String circuit = nCircuits > 0 && r.nextBoolean() ? "c" + r.nextInt(nCircuits) : null;
      double hw = r.nextBoolean() ? 32 : 16;
      double cable = r.nextInt(3) == 0 ? 20 : 32;
      evses.add(new EvseSlot("e" + i, circuit, wiring, hw, cable, r.nextInt(5) == 0 ? 1 : 0));
    }
    double grid = 25 + r.nextInt(100);
    return SiteConfig.builder(grid)
        // a contract from two thirds to twice what the fuse carries: the building (up to the
        // fuse per phase) may leave the EVs nothing, but not most of the time
        .gridLimitKw(r.nextBoolean() ? (8 + r.nextInt(17)) * grid * 3 * 230 / 12_000 : null)
        .safetyMarginA(r.nextInt(4))
        .continuousLoadRule(r.nextBoolean())
        .mode(r.nextInt(4) == 0 ? AllocationMode.STATIC : AllocationMode.DYNAMIC)
        .staticBudgetA(Math.max(0, Math.min(grid * 0.8 - 4, 10 + r.nextInt(60))))
        .meterFallbackBudgetA(r.nextBoolean() ? null : (double) r.nextInt((int) grid))
        .circuits(circuits)
        .evses(evses)
        .meterStaleAfter(Duration.ofSeconds(10 + r.nextInt(30)))
        .ramp(Duration.ofSeconds(r.nextInt(10)), 1 + r.nextInt(10))
        .rotationPeriod(Duration.ofMinutes(1 + r.nextInt(20)))
        .demandCap(r.nextInt(3) == 0 ? 5.0 + r.nextInt(40) : null, Duration.ofMinutes(15))
        .build();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyStepKeepsTheFusesCircuitsSlotsMinimumAndRamp(long seed) {
    Random r = new Random(seed);
    SiteConfig site = randomSite(r);
    LoadBalancer lb = new LoadBalancer(site);
    FallbackMonitor fallback =
        new FallbackMonitor(
            new FallbackConfig(
                site.meterStaleAfter(),
                Duration.ofSeconds(30),
                r.nextBoolean() ? 6.0 + r.nextInt(20) : null,
                10),
            T0);
    fallback.csmsConnection(T0, true);
    double v = site.nominalVoltageV();
    Map<String, Car> cars = new HashMap<>();
    Map<String, Double> limits = new HashMap<>();
    Map<String, Instant> lastRaise = new HashMap<>();
    double[] building = {r.nextInt(30), r.nextInt(30), r.nextInt(30)};
    boolean meterAlive = true;
    boolean online = true;
    // the building load as the last meter reading saw it
    double[] seen = building.clone();
    @Nullable SiteReading meter = null;
    Instant now = T0;
    double fuse = site.gridLimitA() * (site.continuousLoadRule() ? 0.8 : 1);

    int charging = 0;
    for (int step = 0; step < 1_500; step++) {
      String where = "seed " + seed + " step " + step;
      now = now.plusMillis(200 + r.nextInt(30_000));
      switch (r.nextInt(12)) {
        case 0, 1 -> {
          EvseSlot s = site.evses().get(r.nextInt(site.evses().size()));
          cars.putIfAbsent(s.id(), new Car(r, now));
        }
        case 2 -> cars.remove(site.evses().get(r.nextInt(site.evses().size())).id());
        case 3 -> {
          Car c = cars.isEmpty() ? null : pick(r, cars);
          if (c != null) {
            c.taperA = r.nextInt(3) == 0 ? 0 : r.nextDouble() * c.maxA;
          }
        }
        case 4, 5 -> building[r.nextInt(3)] = r.nextDouble() * site.gridLimitA();
        case 6 -> meterAlive = !meterAlive;
        case 7 -> {
          online = !online;
          fallback.csmsConnection(now, online);
        }
        case 8 ->
            lb.demandResponse(
                r.nextBoolean()
                    ? null
                    : new DemandResponse(
                        r.nextDouble() * 30, now.plusSeconds(r.nextInt(3600)), "EMS"));
        default -> {}
      }
      // what the EVs draw now: what they were offered, up to their own wish
      List<EvseDemand> demands = new ArrayList<>();
      double[] meterA = building.clone();
      for (EvseSlot s : site.evses()) {
        Car c = cars.get(s.id());
        if (c == null) {
          continue;
        }
        double offered = limits.getOrDefault(s.id(), 0.0);
        double draw = Math.min(offered, c.taperA);
        int used = Math.min(c.phases, s.wiring().size());
        double[] perEvsePhase = new double[3];
        for (int i = 0; i < used; i++) {
          perEvsePhase[i] = draw;
          meterA[s.wiring().get(i).ordinal()] += draw;
        }
        Double cap = fallback.capA();
        demands.add(
            new EvseDemand(
                s.id(),
                true,
                c.arrived,
                c.phases,
                cap == null ? c.maxA : Math.min(c.maxA, cap),
                new PhaseCurrents(perEvsePhase[0], perEvsePhase[1], perEvsePhase[2]),
                c.priority,
                c.departure,
                c.wh));
      }
      if (meterAlive) {
        meter = new SiteReading(now, new PerPhase(meterA[0], meterA[1], meterA[2]), 0);
        fallback.siteMeterReading(now, now);
        seen = building.clone();
      }
      fallback.evaluate(now);
      Allocation a = lb.step(now, meter, demands);

      // the budget per grid phase holds
      assertThat(a.commandedA().within(a.availableA(), TOL)).as(where + " " + a).isTrue();
      boolean fresh = meter != null && now.isBefore(meter.at().plus(site.meterStaleAfter()));
      if (site.mode() == AllocationMode.DYNAMIC && fresh) {
        // and so does the fuse, with the building load the reading measured
        for (Phase p : Phase.values()) {
          assertThat(seen[p.ordinal()] + a.commandedA().get(p))
              .as(where + " fuse " + p)
              .isLessThanOrEqualTo(Math.max(fuse - site.safetyMarginA(), seen[p.ordinal()]) + TOL);
        }
      } else if (site.mode() == AllocationMode.DYNAMIC) {
        Double fb = site.meterFallbackBudgetA();
        double safe = fb == null ? site.staticBudgetA() : fb;
        assertThat(a.source()).as(where).isEqualTo(BudgetSource.METER_FALLBACK);
        assertThat(a.commandedA().max()).as(where).isLessThanOrEqualTo(safe + TOL);
        if (meter != null) {
          // the building does not vanish with the meter: what its last reading left free holds
          for (Phase p : Phase.values()) {
            assertThat(seen[p.ordinal()] + a.commandedA().get(p))
                .as(where + " stale fuse " + p)
                .isLessThanOrEqualTo(
                    Math.max(fuse - site.safetyMarginA(), seen[p.ordinal()]) + TOL);
          }
        }
      }
      // every circuit
      for (Circuit c : site.circuits()) {
        PhaseCurrents sum = PhaseCurrents.ZERO;
        for (EvseSlot s : site.evses()) {
          if (isUnder(site, s, c.id()) && cars.containsKey(s.id())) {
            sum = sum.plus(onGrid(s, cars.get(s.id()), a.limitA(s.id())));
          }
        }
        double limit = c.limitA() * (site.continuousLoadRule() ? 0.8 : 1);
        assertThat(sum.max()).as(where + " circuit " + c.id()).isLessThanOrEqualTo(limit + TOL);
      }
      // the kW contract and demand response
      double total = a.commandedA().l1() + a.commandedA().l2() + a.commandedA().l3();
      Double kw = site.gridLimitKw();
      if (kw != null && a.source() != BudgetSource.STATIC && meter != null) {
        // fresh or stale, the kW contract counts the building as the last reading saw it
        double b = seen[0] + seen[1] + seen[2];
        assertThat((total + b) * v / 1000)
            .as(where + " kW")
            .isLessThanOrEqualTo(Math.max(kw, b * v / 1000) + TOL);
      }
      DemandResponse dr = lb.demandResponse();
      if (dr != null && now.isBefore(dr.until())) {
        assertThat(total * v / 1000)
            .as(where + " demand response")
            .isLessThanOrEqualTo(dr.limitKw() + TOL);
      }
      // every EVSE: slot, EV, fallback cap, minimum or nothing, ramp
      for (EvseSlot s : site.evses()) {
        double limit = a.limitA(s.id());
        Car c = cars.get(s.id());
        assertThat(limit).as(where + " slot " + s.id()).isLessThanOrEqualTo(s.maxA() + TOL);
        if (c == null) {
          assertThat(limit).as(where + " idle " + s.id()).isZero();
          limits.remove(s.id());
          lastRaise.remove(s.id());
          continue;
        }
        assertThat(limit).as(where + " ev max " + s.id()).isLessThanOrEqualTo(c.maxA + TOL);
        Double cap = fallback.capA();
        if (cap != null) {
          assertThat(limit).as(where + " fallback cap").isLessThanOrEqualTo(cap + TOL);
        }
        assertThat(limit == 0 || limit >= site.minCurrentA() - TOL)
            .as(where + " minimum " + s.id() + " " + limit)
            .isTrue();
        if (a.waiting().contains(s.id())) {
          assertThat(limit).as(where + " waiting " + s.id()).isZero();
        }
        double before = limits.getOrDefault(s.id(), 0.0);
        if (limit > before + TOL) {
          if (before == 0) {
            assertThat(limit)
                .as(where + " start " + s.id())
                .isLessThanOrEqualTo(Math.max(site.minCurrentA(), site.rampStepA()) + TOL);
          } else {
            assertThat(limit - before)
                .as(where + " ramp step " + s.id())
                .isLessThanOrEqualTo(site.rampStepA() + TOL);
            Instant prev = lastRaise.get(s.id());
            if (prev != null) {
              assertThat(Duration.between(prev, now))
                  .as(where + " ramp interval " + s.id())
                  .isGreaterThanOrEqualTo(site.rampInterval());
            }
          }
          lastRaise.put(s.id(), now);
        }
        limits.put(s.id(), limit);
      }
      Instant next = a.nextStep();
      assertThat(next == null || next.isAfter(now)).as(where + " next step").isTrue();
      charging += a.commandedA().max() > 0 ? 1 : 0;
    }
    assertThat(charging).as("seed %d: steps with an EV charging", seed).isGreaterThan(100);
  }

  private static Car pick(Random r, Map<String, Car> cars) {
    List<Car> all = new ArrayList<>(cars.values());
    return all.get(r.nextInt(all.size()));
  }

  private static boolean isUnder(SiteConfig site, EvseSlot s, String circuit) {
    String at = s.circuit();
    while (at != null) {
      if (at.equals(circuit)) {
        return true;
      }
      String current = at;
      at =
          site.circuits().stream()
              .filter(c -> c.id().equals(current))
              .findFirst()
              .map(Circuit::parent)
              .orElse(null);
    }
    return false;
  }

  private static PhaseCurrents onGrid(EvseSlot s, Car c, double limit) {
    PhaseCurrents out = PhaseCurrents.ZERO;
    int used = Math.min(c.phases, s.wiring().size());
    for (int i = 0; i < used; i++) {
      Phase p = s.wiring().get(i);
      out = out.with(p, out.get(p) + limit);
    }
    return out;
  }
}
