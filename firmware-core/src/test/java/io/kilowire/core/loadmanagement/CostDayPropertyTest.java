package io.kilowire.core.loadmanagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.PvArray;
import io.kilowire.core.loadmanagement.energy.PvProfile;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.SolarRules;
import io.kilowire.core.loadmanagement.energy.Tariff;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.core.metering.SiteReadings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded simulated days on random sites with random time-of-day tariffs: the building's load moves,
 * EVs arrive (most with a departure and an energy need) and leave, and the site meter drops out for
 * up to five minutes. The same day runs twice, every EVSE in {@code grid} mode and every EVSE in
 * {@code cost} mode (the world's randomness does not depend on what the balancer does). In cost
 * mode the fuse and the kW contract hold at every step, the EVs' energy costs less on average than
 * in grid mode, and the departures the grid mode met are met too (what the EVs still wanted when
 * they left is no more than in grid mode, within the energy of one EV-minute per departure). The
 * seed is in the test name; a failure names the seed and the time.
 */
class CostDayPropertyTest {
  private static final double TOL = 1e-6;
  private static final double V = 230;
  private static final Instant START = Instant.parse("2026-03-02T12:00:00Z");
  private static final Duration DAY = Duration.ofHours(30);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 12).map(i -> i * 7_919L);
  }

  /** An EV parked at an EVSE. */
  private static final class Car {
    final Instant arrived;
    final int phases;
    final double maxA;
    final @Nullable Instant departure;
    double wh;
    final double needAtArrival;
    final boolean wantsEnergy;

    Car(Random r, Instant now) {
      arrived = now;
      phases = r.nextInt(4) == 0 ? 1 : 3;
      maxA = r.nextBoolean() ? 16 : 32;
      boolean leaves = r.nextInt(5) > 0;
      departure = leaves ? now.plusSeconds(3600 + r.nextInt(15 * 3600)) : null;
      wh = 2000.0 + r.nextInt(40_000);
      wantsEnergy = leaves || r.nextBoolean();
      needAtArrival = wh;
    }

    /** Its need fits in the planned share of its maximum power over its stay. */
    boolean comfortable(double share, EvseSlot slot) {
      double kw = Math.min(maxA, slot.maxA()) * Math.min(phases, slot.wiring().size()) * V / 1000;
      double hours = Duration.between(arrived, departure).toSeconds() / 3600.0;
      return needAtArrival / 1000 <= share * kw * hours;
    }
  }

  /** What one run measured. */
  private record Day(
      double evKwh,
      double evCost,
      double unmetKwh,
      Map<String, Double> unmetWhByCar,
      java.util.Set<String> comfortable) {
    double pricePerKwh() {
      return evCost / evKwh;
    }
  }

  private static Tariff randomTariff(Random r) {
    int n = 2 + r.nextInt(3);
    List<Tariff.Period> periods = new ArrayList<>();
    int hour = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      hour += 1 + r.nextInt(Math.max(1, (23 - hour) / (n - i)));
      periods.add(
          new Tariff.Period(
              LocalTime.of(Math.min(hour, 23), 0), 0.05 + r.nextInt(45) / 100.0, 0.04));
    }
    return new Tariff(periods);
  }

  private static SiteConfig randomSite(Random r, ChargingMode mode, boolean roomy, double sunKw) {
    List<EvseSlot> evses = new ArrayList<>();
    int n = 2 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      evses.add(
          new EvseSlot(
              "e" + i,
              null,
              i % 2 == 0 ? Sites.L123 : Sites.L231,
              r.nextBoolean() ? 32 : 16,
              32,
              0));
    }
    double grid = 40 + r.nextInt(80);
    if (roomy) {
      // the building takes at most 70 % of the fuse: the rest carries every EVSE's maximum
      grid = (n * 32 + 10) / 0.25;
    }
    SiteEnergy energy =
        SiteEnergy.builder()
            .zone(ZoneOffset.UTC)
            .tariff(randomTariff(r))
            .mode(mode)
            .solar(SolarRules.DEFAULTS)
            .pv(
                sunKw > 0
                    ? new PvArray(
                        new PvProfile.ClearSky(sunKw, LocalTime.of(6, 0), LocalTime.of(19, 0)),
                        List.of())
                    : null)
            .build();
    return SiteConfig.builder(grid)
        .gridLimitKw(r.nextBoolean() && !roomy ? (8 + r.nextInt(17)) * grid * 3 * V / 12_000 : null)
        .safetyMarginA(r.nextInt(4))
        .meterFallbackBudgetA(roomy ? grid : (double) r.nextInt((int) grid / 2))
        .evses(evses)
        .meterStaleAfter(Duration.ofSeconds(60 + r.nextInt(120)))
        .ramp(Duration.ofSeconds(r.nextInt(10)), 1 + r.nextInt(10))
        .energy(energy)
        .build();
  }

  private static Day run(long seed, ChargingMode mode, boolean roomy) {
    return run(seed, mode, roomy, false);
  }

  /**
   * @param sunny with a PV array of 5–60 kWp (its own random stream) and its meter; the EVs' cost
   *     is then what they add to the site's bill (import at the import price, less export at the
   *     export price)
   */
  private static Day run(long seed, ChargingMode mode, boolean roomy, boolean sunny) {
    Random r = new Random(seed);
    double sunKw = sunny ? 5 + new Random(seed * 17 + 3).nextInt(56) : 0;
    SiteConfig site = randomSite(r, mode, roomy, sunKw);
    double share = site.energy().solar().urgentShare();
    Tariff tariff = site.energy().tariff();
    LoadBalancer lb = new LoadBalancer(site);
    double headroom = site.headroomA();
    Double kw = site.gridLimitKw();
    Map<String, Car> cars = new HashMap<>();
    Map<String, Double> limits = new HashMap<>();
    double[] building = {r.nextInt(20), r.nextInt(20), r.nextInt(20)};
    Instant meterBackAt = START;
    SiteReading grid = null;
    double evWh = 0;
    double evCost = 0;
    double unmetWh = 0;
    Map<String, Double> unmetByCar = new HashMap<>();
    java.util.Set<String> comfortable = new java.util.HashSet<>();
    Instant end = START.plus(DAY);
    Instant now = START;
    while (now.isBefore(end)) {
      double dt = 5 + r.nextInt(55);
      now = now.plusSeconds((long) dt);
      Tariff.Period period = tariff.at(now.atZone(ZoneOffset.UTC).toLocalTime());
      double price = period.importPerKwh();
      double pvW = site.energy().pvKwAt(now.atZone(ZoneOffset.UTC).toLocalTime()) * 1000;
      double stepEvW = 0;
      switch (r.nextInt(30)) {
        case 0, 1 -> {
          EvseSlot s = site.evses().get(r.nextInt(site.evses().size()));
          cars.putIfAbsent(s.id(), new Car(r, now));
        }
        case 2 -> {
          // a car without a departure leaves whenever its owner likes
          String id = site.evses().get(r.nextInt(site.evses().size())).id();
          Car c = cars.get(id);
          if (c != null && c.departure == null) {
            cars.remove(id);
          }
        }
        case 3, 4 -> building[r.nextInt(3)] = r.nextDouble() * site.gridLimitA() * 0.7;
        case 5 -> meterBackAt = now.plusSeconds(30 + r.nextInt(300));
        default -> {}
      }
      // the EVs drew what they were offered over the last dt, up to their need
      for (EvseSlot s : site.evses()) {
        Car c = cars.get(s.id());
        if (c == null) {
          continue;
        }
        double phases = Math.min(c.phases, s.wiring().size());
        double wh = Math.min(c.wh, limits.getOrDefault(s.id(), 0.0) * phases * V * dt / 3600);
        if (c.wantsEnergy) {
          c.wh -= wh;
        }
        evWh += wh;
        stepEvW += wh * 3600 / dt;
        if (!sunny) {
          evCost += wh / 1000 * price;
        }
      }
      if (sunny) {
        // what the EVs add to the site's bill over the step
        double buildingW = (building[0] + building[1] + building[2]) * V;
        evCost +=
            (bill(buildingW + stepEvW - pvW, period) - bill(buildingW - pvW, period)) * dt / 3600;
      }
      for (Map.Entry<String, Car> e : new ArrayList<>(cars.entrySet())) {
        Car c = e.getValue();
        if (c.departure != null && !now.isBefore(c.departure)) {
          cars.remove(e.getKey());
          unmetWh += Math.max(0, c.wh);
          unmetByCar.put(e.getKey() + "@" + c.arrived, Math.max(0, c.wh));
          if (c.comfortable(
              share,
              site.evses().stream()
                  .filter(x -> x.id().equals(e.getKey()))
                  .findFirst()
                  .orElseThrow())) {
            comfortable.add(e.getKey() + "@" + c.arrived);
          }
        }
      }
      List<EvseDemand> demands = new ArrayList<>();
      double[] meterA = building.clone();
      for (EvseSlot s : site.evses()) {
        Car c = cars.get(s.id());
        if (c == null) {
          continue;
        }
        boolean full = c.wantsEnergy && c.wh <= 0;
        double draw = full ? 0 : Math.min(limits.getOrDefault(s.id(), 0.0), c.maxA);
        int used = Math.min(c.phases, s.wiring().size());
        double[] perEvsePhase = new double[3];
        for (int i = 0; i < used; i++) {
          perEvsePhase[i] = draw;
          meterA[s.wiring().get(i).ordinal()] += draw;
        }
        demands.add(
            new EvseDemand(
                s.id(),
                !full,
                c.arrived,
                c.phases,
                c.maxA,
                new PhaseCurrents(perEvsePhase[0], perEvsePhase[1], perEvsePhase[2]),
                0,
                c.departure,
                c.wantsEnergy ? Math.max(0, c.wh) : null));
      }
      boolean gridAlive = !now.isBefore(meterBackAt);
      double pvA = pvW / 3 / V;
      if (gridAlive) {
        grid =
            new SiteReading(
                now, new PerPhase(meterA[0] - pvA, meterA[1] - pvA, meterA[2] - pvA), 0);
      }
      Allocation a =
          lb.stepOn(
              now, new SiteReadings(grid, sunny ? new PvReading(now, pvW) : null, null), demands);
      PhaseCurrents cmd = a.commandedA();
      Instant at = now;
      String state = "seed " + seed + " " + mode + " at " + at + ": " + a;
      if (gridAlive) {
        for (Phase p : Phase.values()) {
          double nonEv = building[p.ordinal()] - pvA;
          assertThat(nonEv + cmd.get(p))
              .as("fuse %s — %s", p, state)
              .isLessThanOrEqualTo(Math.max(headroom, nonEv) + TOL);
        }
        if (kw != null) {
          double nonEv = building[0] + building[1] + building[2] - 3 * pvA;
          assertThat((nonEv + cmd.total()) * V / 1000)
              .as("kW — %s", state)
              .isLessThanOrEqualTo(Math.max(kw, nonEv * V / 1000) + TOL);
        }
      }
      assertThat(cmd.within(a.availableA(), TOL)).as("budget — %s", state).isTrue();
      limits.clear();
      for (EvseSlot s : site.evses()) {
        if (cars.containsKey(s.id())) {
          limits.put(s.id(), a.limitA(s.id()));
        }
      }
    }
    return new Day(evWh / 1000, evCost, unmetWh / 1000, unmetByCar, comfortable);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aDayOnTariffsKeepsTheFuseAndCostsLessThanGridMode(long seed) {
    Day grid = run(seed, ChargingMode.GRID, false);
    Day cost = run(seed, ChargingMode.COST, false);
    assertThat(cost.unmetWhByCar().keySet())
        .isEqualTo(grid.unmetWhByCar().keySet())
        .hasSizeGreaterThan(3);
    assertThat(cost.pricePerKwh())
        .as("seed %d: price per kWh, cost mode against grid mode", seed)
        .isLessThan(grid.pricePerKwh());
  }

  /** The site's bill for {@code netW} over an hour: import bought, export sold. */
  private static double bill(double netW, Tariff.Period period) {
    return netW > 0 ? netW / 1000 * period.importPerKwh() : netW / 1000 * period.exportPerKwh();
  }

  /**
   * Under the sun the cost mode plans its cheap hours without counting on the sun, so on a day
   * whose sunny hours are dearer than its cheapest ones it may pay a little more than the grid mode
   * (which takes the sun whenever it comes): the EVs' kWh costs no more than in grid mode on 11 of
   * the 12 seeds and at most 1 % more on any (taking the sun outside the cheap hours brought it
   * from 10 to 11).
   */
  @Test
  void underTheSunCostModeKeepsTheFuseAndItsEvsCostNoMoreThanInGridMode() {
    int cheaperOrEqual = 0;
    for (long seed : seeds().toArray()) {
      Day grid = run(seed, ChargingMode.GRID, false, true);
      Day cost = run(seed, ChargingMode.COST, false, true);
      assertThat(cost.evKwh()).as("seed %d: the EVs charged", seed).isGreaterThan(20);
      assertThat(cost.pricePerKwh())
          .as("seed %d: what a kWh adds to the bill, cost mode against grid mode", seed)
          .isLessThanOrEqualTo(grid.pricePerKwh() * 1.01);
      cheaperOrEqual += cost.pricePerKwh() <= grid.pricePerKwh() ? 1 : 0;
    }
    assertThat(cheaperOrEqual).as("seeds where cost mode is no dearer").isGreaterThanOrEqualTo(11);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void onASiteWithRoomForEveryEvTheDeparturesThatFitThePlanAreMet(long seed) {
    Day cost = run(seed, ChargingMode.COST, true);
    Day grid = run(seed, ChargingMode.GRID, true);
    assertThat(cost.comfortable()).hasSizeGreaterThan(2);
    assertThat(cost.pricePerKwh()).isLessThan(grid.pricePerKwh());
    // within an EV-minute at its most
    double minuteWh = 32 * 3 * V / 60;
    for (String car : cost.comfortable()) {
      assertThat(cost.unmetWhByCar().get(car))
          .as("seed %d: unmet at the departure of %s", seed, car)
          .isLessThanOrEqualTo(minuteWh);
    }
  }
}
