package io.kilowire.core.loadmanagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.loadmanagement.energy.Battery;
import io.kilowire.core.loadmanagement.energy.BatteryState;
import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.EvseEnergy;
import io.kilowire.core.loadmanagement.energy.PvArray;
import io.kilowire.core.loadmanagement.energy.PvProfile;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.SolarRules;
import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.core.metering.SiteReadings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded simulated days on random sites with PV and often a battery: the sun rises and sets, clouds
 * come and go, the building's load moves, EVs arrive (some with departures) and leave, and the
 * grid, PV and battery meters drop out. The battery follows the balancer's setpoint within its
 * limits and state of charge. After every step the EVs' commanded currents are checked against the
 * world as it is at that step: the fuse and the kW contract hold while counting only the production
 * and discharge that a fresh reading vouches for (with a stale grid meter: the building as last
 * measured, and no sun and no battery at all). So an excursion can last only until the next reading
 * plus the time the EVs take to follow a lower pilot (the EV response window). Also: a solar-only
 * EV without a departure does not charge once the night has lasted {@code stopAfter}, and the
 * battery's setpoint keeps its limits and state of charge. The seed is in the test name; a failure
 * names the seed and the time.
 */
class SolarDayPropertyTest {
  private static final double TOL = 1e-6;
  private static final double V = 230;
  private static final Instant DAWN = Instant.parse("2026-06-01T04:30:00Z");
  private static final Instant DUSK = Instant.parse("2026-06-01T22:30:00Z");

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 12).map(i -> i * 104_729L);
  }

  /** An EV parked at an EVSE. */
  private static final class Car {
    final Instant arrived;
    final int phases;
    final double maxA;
    final @Nullable Instant departure;
    final @Nullable Double wh;
    double wantA;

    Car(Random r, Instant now) {
      arrived = now;
      phases = r.nextInt(4) == 0 ? 1 : 3;
      maxA = r.nextBoolean() ? 16 : 32;
      departure = r.nextInt(3) == 0 ? now.plusSeconds(1800 + r.nextInt(30_000)) : null;
      wh = departure != null ? 2000.0 + r.nextInt(40_000) : null;
      wantA = maxA;
    }
  }

  private static SiteConfig randomSite(Random r, Random export) {
    List<List<Phase>> wirings =
        List.of(
            List.of(Phase.L1, Phase.L2, Phase.L3),
            List.of(Phase.L2, Phase.L3, Phase.L1),
            List.of(Phase.L3, Phase.L1, Phase.L2),
            List.of(Phase.L2));
    List<EvseSlot> evses = new ArrayList<>();
    Map<String, EvseEnergy> evseEnergy = new HashMap<>();
    // the modes that use the sun; cost has its own days (CostDayPropertyTest)
    ChargingMode[] modes = {ChargingMode.GRID, ChargingMode.SOLAR_FIRST, ChargingMode.SOLAR_ONLY};
    int n = 2 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      List<Phase> wiring = wirings.get(r.nextInt(wirings.size()));
      evses.add(new EvseSlot("e" + i, null, wiring, r.nextBoolean() ? 32 : 16, 32, 0));
      boolean switching = wiring.size() == 3 && r.nextBoolean();
      ChargingMode own = r.nextInt(3) == 0 ? modes[r.nextInt(modes.length)] : null;
      if (own != null || switching) {
        evseEnergy.put("e" + i, new EvseEnergy(own, switching));
      }
    }
    double grid = 32 + r.nextInt(70);
    double peakKw = 5 + r.nextInt(120);
    SiteEnergy.Builder energy =
        SiteEnergy.builder()
            .zone(ZoneOffset.UTC)
            .pv(
                new PvArray(
                    new PvProfile.ClearSky(
                        peakKw, LocalTime.of(5, r.nextInt(60)), LocalTime.of(20, r.nextInt(60))),
                    List.of()))
            .mode(modes[r.nextInt(modes.length)])
            .evses(evseEnergy)
            .solar(
                new SolarRules(
                    Duration.ofSeconds(r.nextInt(120)),
                    Duration.ofSeconds(r.nextInt(600)),
                    Duration.ofSeconds(5 + r.nextInt(20)),
                    0.3 + r.nextDouble() * 0.7));
    if (r.nextInt(3) > 0) {
      double minSoc = r.nextInt(30);
      double maxSoc = 70 + r.nextInt(31);
      energy.battery(
          new Battery(
              5 + r.nextInt(200),
              2 + r.nextInt(50),
              2 + r.nextInt(50),
              minSoc,
              maxSoc,
              0.8 + r.nextDouble() * 0.2,
              minSoc + r.nextDouble() * (maxSoc - minSoc)));
    }
    return SiteConfig.builder(grid)
        .gridLimitKw(r.nextBoolean() ? (8 + r.nextInt(17)) * grid * 3 * V / 12_000 : null)
        .safetyMarginA(r.nextInt(4))
        .continuousLoadRule(r.nextBoolean())
        .meterFallbackBudgetA((double) r.nextInt((int) grid))
        .evses(evses)
        .meterStaleAfter(Duration.ofSeconds(5 + r.nextInt(20)))
        .ramp(Duration.ofSeconds(r.nextInt(10)), 1 + r.nextInt(10))
        .demandCap(r.nextInt(3) == 0 ? 10.0 + r.nextInt(60) : null, Duration.ofMinutes(15))
        .energy(energy.exportLimitKw(exportLimitKw(export)).build())
        .build();
  }

  private static double minPhase(PhaseCurrents c) {
    return Math.min(c.l1(), Math.min(c.l2(), c.l3()));
  }

  private static void check(boolean ok, Supplier<String> what, Supplier<String> state) {
    if (!ok) {
      throw new AssertionError(what.get() + " — " + state.get());
    }
  }

  private static void atMost(
      double actual, double limit, Supplier<String> what, Supplier<String> state) {
    if (actual > limit + TOL) {
      throw new AssertionError(
          what.get() + ": " + actual + " above " + limit + " — " + state.get());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aDayOfSunCloudsArrivalsAndDropoutsKeepsTheFuseAndTheContract(long seed) {
    Random r = new Random(seed);
    SiteConfig site = randomSite(r, new Random(seed * 31 + 7));
    SiteEnergy energy = site.energy();
    LoadBalancer lb = new LoadBalancer(site);
    Battery spec = energy.battery();
    BatteryState battery = spec == null ? null : new BatteryState(spec);
    double headroom = site.headroomA();
    Double kw = site.gridLimitKw();
    Map<String, Car> cars = new HashMap<>();
    Map<String, Double> limits = new HashMap<>();
    Map<String, Integer> phasesInUse = new HashMap<>();
    double[] building = {r.nextInt(20), r.nextInt(20), r.nextInt(20)};
    double cloud = 1;
    boolean gridAlive = true;
    boolean pvAlive = true;
    boolean batteryAlive = true;
    SiteReading grid = null;
    PvReading pv = null;
    BatteryReading batteryReading = null;
    double[] seenBuilding = building.clone();
    double setpoint = 0;
    Instant nightSince = null;
    int solarSteps = 0;
    int creditSteps = 0;
    Instant now = DAWN;
    while (now.isBefore(DUSK)) {
      double dt = 1 + r.nextInt(10);
      now = now.plusSeconds((long) dt);
      if (battery != null) {
        battery.run(dt);
        battery.follow(setpoint);
      }
      // the world moves
      switch (r.nextInt(40)) {
        case 0, 1 -> {
          EvseSlot s = site.evses().get(r.nextInt(site.evses().size()));
          cars.putIfAbsent(s.id(), new Car(r, now));
        }
        case 2 -> cars.remove(site.evses().get(r.nextInt(site.evses().size())).id());
        case 3, 4 -> building[r.nextInt(3)] = r.nextDouble() * site.gridLimitA() * 0.7;
        case 5, 6, 7 -> cloud = r.nextInt(3) == 0 ? 1 : 0.05 + r.nextDouble() * 0.9;
        case 8 -> gridAlive = !gridAlive || r.nextInt(3) > 0;
        case 9 -> pvAlive = !pvAlive || r.nextInt(3) > 0;
        case 10 -> batteryAlive = !batteryAlive || r.nextInt(3) > 0;
        case 11 -> {
          if (!cars.isEmpty()) {
            Car c = new ArrayList<>(cars.values()).get(r.nextInt(cars.size()));
            c.wantA = r.nextInt(3) == 0 ? 0 : r.nextDouble() * c.maxA;
          }
        }
        default -> {}
      }
      for (Map.Entry<String, Car> e : new ArrayList<>(cars.entrySet())) {
        Instant dep = e.getValue().departure;
        if (dep != null && !now.isBefore(dep)) {
          cars.remove(e.getKey());
        }
      }
      LocalTime time = now.atZone(ZoneOffset.UTC).toLocalTime();
      double clearW = energy.pv().profile().kwAt(time) * 1000;
      double pvW = clearW * cloud;
      double batteryW = battery == null ? 0 : battery.powerW();
      nightSince = clearW > 0 ? null : nightSince == null ? now : nightSince;

      // the EVs draw what they were offered, up to what they want, on the phases in use
      List<EvseDemand> demands = new ArrayList<>();
      double[] meterA = building.clone();
      for (EvseSlot s : site.evses()) {
        Car c = cars.get(s.id());
        if (c == null) {
          continue;
        }
        double draw = Math.min(limits.getOrDefault(s.id(), 0.0), c.wantA);
        int used = Math.min(phasesInUse.getOrDefault(s.id(), c.phases), Math.min(c.phases, 3));
        used = Math.min(used, s.wiring().size());
        double[] perEvsePhase = new double[3];
        for (int i = 0; i < used; i++) {
          perEvsePhase[i] = draw;
          meterA[s.wiring().get(i).ordinal()] += draw;
        }
        demands.add(
            new EvseDemand(
                s.id(),
                true,
                c.arrived,
                c.phases,
                c.maxA,
                new PhaseCurrents(perEvsePhase[0], perEvsePhase[1], perEvsePhase[2]),
                0,
                c.departure,
                c.wh));
      }
      Double exportLimitKw = energy.exportLimitKw();
      double potentialW = pvW;
      if (exportLimitKw != null) {
        // the inverter curtails what the grid may not take
        double loadW = (meterA[0] + meterA[1] + meterA[2]) * V - batteryW;
        pvW = Math.min(pvW, Math.max(0, loadW + exportLimitKw * 1000));
      }
      boolean curtailed = pvW < potentialW - 1;
      double suppliedA = (pvW + batteryW) / 3 / V;
      if (gridAlive) {
        grid =
            new SiteReading(
                now,
                new PerPhase(meterA[0] - suppliedA, meterA[1] - suppliedA, meterA[2] - suppliedA),
                0);
        seenBuilding = building.clone();
      }
      if (pvAlive) {
        pv = new PvReading(now, pvW);
      }
      if (batteryAlive && battery != null) {
        batteryReading = new BatteryReading(now, batteryW, battery.socPercent());
      }
      Allocation a = lb.stepOn(now, new SiteReadings(grid, pv, batteryReading), demands);
      setpoint = a.batteryW();
      double pvSeenW = pvW;

      boolean gridFresh = grid != null && now.isBefore(grid.at().plus(site.meterStaleAfter()));
      Duration stale = energy.solar().readingStaleAfter();
      boolean pvFresh = pv != null && now.isBefore(pv.at().plus(stale));
      boolean batteryFresh =
          batteryReading != null && now.isBefore(batteryReading.at().plus(stale));
      // what a fresh reading vouches for of the sun and the battery, per phase; charging is load
      double creditA =
          ((pvFresh ? pvW : 0) + (batteryFresh ? batteryW : Math.min(0, batteryW))) / 3 / V;
      PhaseCurrents cmd = a.commandedA();
      Instant at = now;
      Supplier<String> state =
          () ->
              "seed "
                  + seed
                  + " at "
                  + at
                  + ": building "
                  + Arrays.toString(building)
                  + " pv "
                  + pvSeenW
                  + (pvFresh ? " fresh" : " stale")
                  + " battery "
                  + batteryW
                  + (batteryFresh ? " fresh " : " stale ")
                  + a;
      if (gridAlive) {
        // the grid reading of this step measured the world as it is: the fuse holds for it
        for (Phase p : Phase.values()) {
          double nonEv = building[p.ordinal()] - creditA;
          atMost(nonEv + cmd.get(p), Math.max(headroom, nonEv), () -> "fuse " + p, state);
        }
        if (kw != null) {
          double nonEv = building[0] + building[1] + building[2] - 3 * creditA;
          atMost(
              (nonEv + cmd.total()) * V / 1000, Math.max(kw, nonEv * V / 1000), () -> "kW", state);
        }
        creditSteps += creditA > 1 && cmd.total() > 0 ? 1 : 0;
      } else if (!gridFresh) {
        check(a.source() == BudgetSource.METER_FALLBACK, () -> "stale source", state);
        if (grid != null) {
          // no sun and no battery counted: the building as last measured
          for (Phase p : Phase.values()) {
            double seen = seenBuilding[p.ordinal()];
            atMost(seen + cmd.get(p), Math.max(headroom, seen), () -> "stale fuse " + p, state);
          }
        }
        check(a.batteryW() == 0, () -> "battery with a stale grid meter", state);
      }
      check(cmd.within(a.availableA(), TOL), () -> "budget", state);

      // after a night as long as stopAfter, no solar-only EV without a departure charges
      if (nightSince != null
          && !now.isBefore(nightSince.plus(energy.solar().stopAfter()).plusSeconds(1))) {
        for (EvseSlot s : site.evses()) {
          Car c = cars.get(s.id());
          if (c != null
              && c.departure == null
              && energy.modeOf(s.id()) == ChargingMode.SOLAR_ONLY) {
            check(a.limitA(s.id()) == 0, () -> "solar-only at night " + s.id(), state);
          }
        }
      }
      // the battery's setpoint: within its limits, its state of charge, and only when seen
      double setW = a.batteryW();
      if (spec == null || !batteryFresh) {
        check(setW == 0, () -> "battery unseen", state);
      } else {
        check(
            setW >= -spec.maxChargeKw() * 1000 - TOL && setW <= spec.maxDischargeKw() * 1000 + TOL,
            () -> "battery power",
            state);
        double soc = batteryReading.socPercent();
        check(setW <= 0 || soc > spec.minSocPercent(), () -> "discharge at reserve", state);
        check(setW >= 0 || soc < spec.maxSocPercent(), () -> "charge when full", state);
      }
      // the inverter holds back sun the battery could take: the EVs and the battery are offered
      // more than they take now, to find it
      double evDrawW =
          (meterA[0] + meterA[1] + meterA[2] - building[0] - building[1] - building[2]) * V;
      if (curtailed
          && spec != null
          && gridAlive
          && pvAlive
          && batteryAlive
          && site.demandCapKw() == null
          && batteryReading.socPercent() < spec.maxSocPercent()
          && batteryW > -spec.maxChargeKw() * 1000 + 1
          && minPhase(a.availableA().minus(cmd)) * 3 * V >= ExportLimit.PROBE_W
          && (kw == null || (kw * 1000 / V - a.buildingA().total()) * V >= ExportLimit.PROBE_W)) {
        atMost(
            evDrawW - batteryW + 0.5,
            cmd.total() * V - setW,
            () -> "nobody offered more while curtailed",
            state);
      }
      for (EvseSlot s : site.evses()) {
        double limit = a.limitA(s.id());
        check(limit == 0 || limit >= site.minCurrentA() - TOL, () -> "minimum " + s.id(), state);
        if (cars.containsKey(s.id())) {
          limits.put(s.id(), limit);
          Integer ph = a.phases().get(s.id());
          if (ph != null) {
            phasesInUse.put(s.id(), ph);
          }
        } else {
          check(limit == 0, () -> "idle " + s.id(), state);
          limits.remove(s.id());
          phasesInUse.remove(s.id());
        }
      }
      solarSteps += pvW > 0 && cmd.total() > 0 ? 1 : 0;
    }
    // the days are not empty: EVs charged in the sun, on production the readings vouched for
    assertThat(solarSteps)
        .as("seed %d: steps with sun and an EV charging", seed)
        .isGreaterThan(500);
    assertThat(creditSteps).as("seed %d: steps counting on the sun or battery", seed).isPositive();
  }

  /** An export limit on three sites in four, zero on two of them (its own random stream). */
  private static @Nullable Double exportLimitKw(Random r) {
    int pick = r.nextInt(4);
    return pick == 0 ? null : pick <= 2 ? 0.0 : (double) r.nextInt(10);
  }
}
