package io.kilowire.emulator.evaluation;

import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.AllocationMode;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.Tariff;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import io.kilowire.emulator.site.SiteSimulation;
import io.kilowire.emulator.station.EvModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One site for a simulated day with one budget mode, measured: what the EVs got, what they still
 * wanted when they left, the peak demand and every second the grid current was above the grid
 * limit.
 */
public final class SiteEvaluation {
  /** How long an EV may take to follow a lower pilot (IEC 61851-1). */
  public static final Duration RESPONSE_WINDOW = EvModel.MAX_RESPONSE_DELAY;

  /** The budgets and charging modes compared. */
  public enum Mode {
    /**
     * A fixed installer setting: fuse − margin − the building's highest load of the day (on its
     * highest phase), shared by the EVs charging; the meter is not read.
     */
    STATIC,
    /** Kilowire's dynamic budget: fuse − margin − the measured building load, every reading. */
    DYNAMIC,
    /** The dynamic budget, every EVSE solar-first: the minimum from the grid, the surplus above. */
    SOLAR_FIRST,
    /** The dynamic budget, every EVSE solar-only: the surplus alone, the grid for departures. */
    SOLAR_ONLY,
    /** The dynamic budget, every EVSE in cost mode: the cheapest hours before each departure. */
    COST,
    /**
     * The dynamic budget, and in the site's V2G peak the CSMS asks the V2G EVs to feed back (OCPP
     * 2.1 CentralSetpoint); on a V2G site every other mode runs the same stations without it.
     */
    V2G;

    /**
     * The modes that make sense for {@code site}: the solar ones only with PV, cost only with
     * tariffs whose import price changes during the day.
     */
    public static List<Mode> forSite(SiteFile site) {
      List<Mode> modes = new ArrayList<>(List.of(STATIC, DYNAMIC));
      SiteEnergy energy = site.config().energy();
      if (energy.pv() != null) {
        modes.addAll(List.of(SOLAR_FIRST, SOLAR_ONLY));
      }
      Tariff tariff = energy.tariff();
      if (tariff != null
          && tariff.periods().stream().mapToDouble(Tariff.Period::importPerKwh).distinct().count()
              > 1) {
        modes.add(COST);
      }
      if (site.v2g() != null) {
        modes.add(V2G);
      }
      return List.copyOf(modes);
    }

    /** The name in tables: {@code static}, {@code solar-first}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * What one run measured.
   *
   * @param budgetA the static budget per phase (STATIC), or NaN
   * @param wantedKwh what the EVs that came wanted
   * @param deliveredKwh what they got
   * @param unmetKwh what they still wanted when they left
   * @param deliverableKwh the reference: {@link DeliverableBound}
   * @param peak15minKw the highest 15-minute average of the grid power (building + EVs)
   * @param peakA the highest grid current per phase
   * @param violations episodes with the grid current above the grid limit on a phase
   * @param withinWindowS seconds of those within {@link #RESPONSE_WINDOW} after the EVs' budget on
   *     that phase went down
   * @param beyondWindowS the other seconds
   * @param pvKwh what the PV produced (after curtailment to the export limit)
   * @param curtailedKwh what the inverter held back to keep the export limit
   * @param boughtKwh energy taken from the grid
   * @param exportedKwh energy fed into the grid
   * @param cost what the bought energy cost less what the exported earned, by the tariffs; NaN
   *     without tariffs
   * @param evFedBackKwh what the EVs fed back (V2G)
   * @param peakInV2gWindowKw the highest 15-minute average of the grid import within the site's V2G
   *     peak window (whatever the mode); NaN without one
   * @param socAboveFloor the lowest state of charge above its floor of any V2G EV while plugged in,
   *     percentage points (negative: below it); NaN without V2G EVs
   * @param wall how long the run took
   */
  public record Result(
      String site,
      Mode mode,
      double budgetA,
      double wantedKwh,
      double deliveredKwh,
      double unmetKwh,
      double deliverableKwh,
      double peak15minKw,
      PhaseCurrents peakA,
      int violations,
      double withinWindowS,
      double beyondWindowS,
      double pvKwh,
      double curtailedKwh,
      double boughtKwh,
      double exportedKwh,
      double cost,
      double evFedBackKwh,
      double peakInV2gWindowKw,
      double socAboveFloor,
      Duration wall,
      Curves curves) {
    /**
     * The share of what the sun could give that the site used: neither exported nor curtailed; NaN
     * without PV.
     */
    public double selfConsumption() {
      double could = pvKwh + curtailedKwh;
      return could == 0 ? Double.NaN : Math.max(0, pvKwh - exportedKwh) / could;
    }

    /** Delivered ÷ deliverable. */
    public double deliveredShare() {
      return deliverableKwh == 0 ? 1 : deliveredKwh / deliverableKwh;
    }
  }

  /**
   * Per minute of the run, for plots: the highest value within the minute of the building's load,
   * the EVs' draw and the grid current, each on its highest phase, and the EVs' budget on the
   * lowest; and the minute's average power, all phases, of the PV (after curtailment), the battery
   * (discharging positive), the grid (import positive, export negative) and the EVs, and the
   * battery's state of charge at the minute's end (NaN without a battery).
   */
  public record Curves(
      double[] buildingA,
      double[] evA,
      double[] gridA,
      double[] budgetA,
      double gridLimitA,
      double[] pvKw,
      double[] batteryKw,
      double[] gridKw,
      double[] evKw,
      double[] batterySocPercent,
      double[] evFeedA) {}

  private SiteEvaluation() {}

  /** The site with the budget of {@code mode}. */
  public static SiteFile variant(SiteFile site, Mode mode) {
    SiteConfig c = site.config();
    SiteConfig v =
        new SiteConfig(
            c.gridLimitA(),
            c.gridLimitKw(),
            c.nominalVoltageV(),
            c.safetyMarginA(),
            c.continuousLoadRule(),
            mode == Mode.STATIC ? AllocationMode.STATIC : AllocationMode.DYNAMIC,
            mode == Mode.STATIC ? staticBudgetA(site) : c.staticBudgetA(),
            c.circuits(),
            c.evses(),
            c.meterStaleAfter(),
            c.meterFallbackBudgetA(),
            c.minCurrentA(),
            c.rampInterval(),
            c.rampStepA(),
            c.rotationPeriod(),
            c.demandCapKw(),
            c.demandWindow(),
            c.energy().toBuilder().mode(chargingMode(mode)).evses(Map.of()).build());
    return new SiteFile(
        site.name(),
        v,
        site.start(),
        site.zone(),
        site.step(),
        site.building(),
        site.evses(),
        site.arrivals(),
        site.demandResponses(),
        mode == Mode.V2G ? site.v2g() : null,
        site.grid());
  }

  private static ChargingMode chargingMode(Mode mode) {
    return switch (mode) {
      case STATIC, DYNAMIC, V2G -> ChargingMode.GRID;
      case SOLAR_FIRST -> ChargingMode.SOLAR_FIRST;
      case SOLAR_ONLY -> ChargingMode.SOLAR_ONLY;
      case COST -> ChargingMode.COST;
    };
  }

  /** Fuse − margin − the building's highest load of the day on any phase, at least 0. */
  public static double staticBudgetA(SiteFile site) {
    return SiteFileParser.staticShareA(site.config().headroomA(), site.building());
  }

  /** Runs {@code site} for {@code duration} in virtual time with the budget of {@code mode}. */
  public static Result run(SiteFile site, Mode mode, Duration duration, @Nullable Path trace) {
    return run(site, mode, duration, trace, done -> {});
  }

  /**
   * As {@link #run(SiteFile, Mode, Duration, Path)}, telling {@code progress} the fraction of the
   * simulated time done, every simulated hour.
   */
  public static Result run(
      SiteFile site,
      Mode mode,
      Duration duration,
      @Nullable Path trace,
      java.util.function.DoubleConsumer progress) {
    long wallStart = System.nanoTime();
    SiteFile s = variant(site, mode);
    Meter meter;
    Instant start;
    try (SiteRun run = new SiteRun(s, trace, site.v2g() != null)) {
      start = run.startedAt();
      meter = new Meter(s, start, duration, site.v2g());
      run.simulation().observer(meter);
      run.start();
      Instant end = start.plus(duration);
      for (Instant t = start; t.isBefore(end); ) {
        t = t.plus(Duration.ofHours(1));
        if (t.isAfter(end)) {
          t = end;
        }
        run.runUntil(t);
        progress.accept(Duration.between(start, t).toMillis() / (double) duration.toMillis());
      }
    }
    double wantedWh =
        DeliverableBound.visits(s, start, start.plus(duration)).stream()
            .mapToDouble(DeliverableBound.Visit::wantedWh)
            .sum();
    double deliverableWh = DeliverableBound.deliverableWh(s, start, duration);
    return new Result(
        s.name(),
        mode,
        mode == Mode.STATIC ? s.config().staticBudgetA() : Double.NaN,
        wantedWh / 1000,
        meter.evWh / 1000,
        meter.unmetWh / 1000,
        deliverableWh / 1000,
        meter.peak15minKw(),
        new PhaseCurrents(meter.peakA[0], meter.peakA[1], meter.peakA[2]),
        meter.violations,
        meter.withinS,
        meter.beyondS,
        meter.pvWh / 1000,
        meter.curtailedWh / 1000,
        meter.boughtWh / 1000,
        meter.exportedWh / 1000,
        s.config().energy().tariff() == null ? Double.NaN : meter.cost,
        meter.evExportWh / 1000,
        meter.peakInWindowKw(),
        meter.socAboveFloor,
        Duration.ofNanos(System.nanoTime() - wallStart),
        meter.curves());
  }

  /** Watches the site at every step. */
  static final class Meter implements SiteSimulation.Observer {
    private final SiteFile site;
    private final Instant start;
    private final double dtS;
    private final double voltage;
    private final double limitA;
    private final double[] blockWh;
    private final double[] building;
    private final double[] ev;
    private final double[] grid;
    private final double[] budget;
    private final double[] evFeed;
    private final double[] pvKw;
    private final double[] batteryKw;
    private final double[] gridKw;
    private final double[] evKw;
    private final double[] soc;
    private final double perMinute;
    final double[] peakA = new double[3];
    private final double[] lastBudget = {Double.NaN, Double.NaN, Double.NaN};
    private final @Nullable Instant[] lastDecrease = new Instant[3];
    private final boolean[] over = new boolean[3];
    double evWh;
    double unmetWh;
    double pvWh;
    double curtailedWh;
    double boughtWh;
    double exportedWh;
    double cost;
    private double supplyA;
    private final SiteFile.@Nullable V2gPeak v2g;
    private final boolean[] blockInWindow;
    double evExportWh;
    double socAboveFloor = Double.NaN;
    int violations;
    double withinS;
    double beyondS;

    Meter(SiteFile site, Instant start, Duration duration, SiteFile.@Nullable V2gPeak v2g) {
      this.site = site;
      this.v2g = v2g;
      this.start = start;
      this.dtS = site.step().toMillis() / 1000.0;
      this.voltage = site.config().nominalVoltageV();
      this.limitA = site.config().gridLimitA();
      int minutes = (int) duration.toMinutes();
      blockWh = new double[(minutes + 14) / 15];
      blockInWindow = new boolean[blockWh.length];
      building = new double[minutes];
      ev = new double[minutes];
      grid = new double[minutes];
      budget = new double[minutes];
      evFeed = new double[minutes];
      Arrays.fill(budget, Double.MAX_VALUE);
      pvKw = new double[minutes];
      batteryKw = new double[minutes];
      gridKw = new double[minutes];
      evKw = new double[minutes];
      soc = new double[minutes];
      Arrays.fill(soc, Double.NaN);
      perMinute = Math.max(1, 60 / dtS);
    }

    @Override
    public void energy(
        Instant at, double pvW, double curtailedW, double batteryW, double batterySocPercent) {
      long second = Duration.between(start, at).toSeconds();
      if (second < 0 || second / 60 >= building.length) {
        supplyA = 0;
        return;
      }
      supplyA = (pvW + batteryW) / 3 / voltage;
      pvWh += pvW * dtS / 3600;
      curtailedWh += curtailedW * dtS / 3600;
      int minute = (int) (second / 60);
      pvKw[minute] += pvW / 1000 / perMinute;
      batteryKw[minute] += batteryW / 1000 / perMinute;
      soc[minute] = batterySocPercent;
    }

    @Override
    public void step(Instant at, PhaseCurrents buildingA, PhaseCurrents evA, Allocation a) {
      long second = Duration.between(start, at).toSeconds();
      int minute = (int) (second / 60);
      if (second < 0 || minute >= building.length) {
        return;
      }
      PhaseCurrents gridA = buildingA.plus(evA).minus(PhaseCurrents.all(supplyA));
      double totalA = gridA.l1() + gridA.l2() + gridA.l3();
      double wh = totalA * voltage * dtS / 3600;
      blockWh[minute / 15] += wh;
      if (v2g != null && inWindow(at.atZone(site.zone()).toLocalTime(), v2g)) {
        blockInWindow[minute / 15] = true;
      }
      Tariff tariff = site.config().energy().tariff();
      Tariff.Period price = tariff == null ? null : tariff.at(at.atZone(site.zone()).toLocalTime());
      if (wh > 0) {
        boughtWh += wh;
        cost += price == null ? 0 : wh / 1000 * price.importPerKwh();
      } else {
        exportedWh -= wh;
        cost += price == null ? 0 : wh / 1000 * price.exportPerKwh();
      }
      evWh += (evA.l1() + evA.l2() + evA.l3()) * voltage * dtS / 3600;
      gridKw[minute] += totalA * voltage / 1000 / perMinute;
      evKw[minute] += evA.total() * voltage / 1000 / perMinute;
      for (Phase p : Phase.values()) {
        int i = p.ordinal();
        double g = gridA.get(p);
        double available = a.availableA().get(p);
        peakA[i] = Math.max(peakA[i], g);
        building[minute] = Math.max(building[minute], buildingA.get(p));
        ev[minute] = Math.max(ev[minute], evA.get(p));
        evFeed[minute] = Math.max(evFeed[minute], -evA.get(p));
        grid[minute] = Math.max(grid[minute], g);
        budget[minute] = Math.min(budget[minute], available);
        if (available < lastBudget[i] - 0.05) {
          lastDecrease[i] = at;
        }
        lastBudget[i] = available;
        boolean violating = Math.abs(g) > limitA + 1e-6;
        if (violating && !over[i]) {
          violations++;
        }
        over[i] = violating;
        if (violating) {
          Instant d = lastDecrease[i];
          if (d != null && !at.isAfter(d.plus(RESPONSE_WINDOW))) {
            withinS += dtS;
          } else {
            beyondS += dtS;
          }
        }
      }
    }

    @Override
    public void departed(Instant at, SiteFile.Arrival arrival, double unmet) {
      unmetWh += unmet;
    }

    @Override
    public void evFlow(Instant at, double importW, double exportW, double aboveFloor) {
      long second = Duration.between(start, at).toSeconds();
      if (second < 0 || second / 60 >= building.length) {
        return;
      }
      evExportWh += exportW * dtS / 3600;
      // step() counted the EVs' net draw; what they took is that plus what they fed back.
      evWh += exportW * dtS / 3600;
      if (!Double.isNaN(aboveFloor)) {
        socAboveFloor =
            Double.isNaN(socAboveFloor) ? aboveFloor : Math.min(socAboveFloor, aboveFloor);
      }
    }

    private static boolean inWindow(java.time.LocalTime t, SiteFile.V2gPeak w) {
      return w.from().isBefore(w.until())
          ? !t.isBefore(w.from()) && t.isBefore(w.until())
          : !t.isBefore(w.from()) || t.isBefore(w.until());
    }

    /** The highest 15-minute grid import within the V2G window; NaN without one. */
    double peakInWindowKw() {
      if (v2g == null) {
        return Double.NaN;
      }
      double max = 0;
      for (int i = 0; i < blockWh.length; i++) {
        if (blockInWindow[i]) {
          max = Math.max(max, blockWh[i] / 0.25 / 1000);
        }
      }
      return max;
    }

    double peak15minKw() {
      double max = 0;
      for (double wh : blockWh) {
        max = Math.max(max, wh / 0.25 / 1000);
      }
      return max;
    }

    Curves curves() {
      double[] b = budget.clone();
      for (int i = 0; i < b.length; i++) {
        b[i] = b[i] == Double.MAX_VALUE ? 0 : b[i];
      }
      return new Curves(
          building.clone(),
          ev.clone(),
          grid.clone(),
          b,
          site.config().gridLimitA(),
          pvKw.clone(),
          batteryKw.clone(),
          gridKw.clone(),
          evKw.clone(),
          soc.clone(),
          evFeed.clone());
    }
  }
}
