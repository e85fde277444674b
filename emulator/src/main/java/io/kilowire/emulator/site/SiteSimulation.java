package io.kilowire.emulator.site;

import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.loadmanagement.EvseDemand;
import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.LoadBalancer;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.core.loadmanagement.energy.BatteryState;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.site.BalancedEvse;
import io.kilowire.core.site.SiteBalancing;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import io.kilowire.emulator.trace.SiteTrace;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A site around emulated stations: a site meter (the building load at the simulated time plus what
 * the EVs draw, mapped onto the grid phases through each EVSE's wiring), the EVs of the site file
 * arriving and leaving every day, and the core's {@link SiteBalancing} (its {@link LoadBalancer})
 * stepping at every reading and at each allocation's next step, capping each EVSE. Runs on {@code
 * scheduler}; reaches the stations through their own thread (in virtual time that is the same
 * thread).
 */
public final class SiteSimulation implements AutoCloseable {
  private final SiteFile site;
  private final List<EmulatedStation> stations;
  private final TaskScheduler scheduler;
  private final @Nullable SiteTrace trace;
  private final Console console;
  private final SiteBalancing balancing;
  private final Map<String, EmulatedStation.EvseState> snapshot = new HashMap<>();
  private final Map<String, Instant> departures = new HashMap<>();
  private volatile boolean closed;
  private @Nullable Observer observer;
  private boolean meterOnline = true;
  private boolean pvMeterOnline = true;
  private boolean batteryMeterOnline = true;
  private @Nullable PvReading lastPv;
  private @Nullable BatteryReading lastBattery;
  private final @Nullable BatteryState battery;
  private double energyWh;
  private double worstOvershootA;
  private int arrived;
  private int steps;
  // What each EVSE may feed back (the fuse's export side), as last told to it; absent: no cap.
  private final Map<String, Double> dischargeCaps = new HashMap<>();

  /**
   * @param stations the emulated stations, the site's station 1 first
   * @throws IllegalArgumentException when the balancer finds the site inconsistent
   */
  public SiteSimulation(
      SiteFile site,
      List<EmulatedStation> stations,
      TaskScheduler scheduler,
      @Nullable SiteTrace trace,
      Console console) {
    if (stations.size() < site.stations()) {
      throw new IllegalArgumentException(
          "the site needs " + site.stations() + " stations, got " + stations.size());
    }
    this.site = site;
    this.stations = List.copyOf(stations);
    this.scheduler = scheduler;
    this.trace = trace;
    this.console = console;
    SiteBalancing.Builder b = SiteBalancing.builder(site.config(), scheduler);
    for (SiteFile.Evse e : site.evses()) {
      b.evse(e.slot().id(), new EmulatedEvse(e));
    }
    b.listener((allocation, reading) -> switchPhases(allocation));
    this.balancing = b.build();
    GridModel grid = site.grid();
    if (grid != null) {
      // The stations' grid sensors read the site's grid model at the site's time of day.
      for (int i = 0; i < site.stations(); i++) {
        stations
            .get(i)
            .hardware()
            .attachGridSensor(() -> grid.at(LocalTime.ofInstant(scheduler.now(), site.zone())));
      }
    }
    var spec = site.config().energy().battery();
    this.battery = spec == null ? null : new BatteryState(spec);
  }

  /** Starts metering and balancing, and brings the day's EVs. */
  public void start() {
    Instant now = scheduler.now();
    for (SiteFile.Arrival a : site.arrivals()) {
      at(next(a.at(), now), () -> arrive(a));
    }
    for (SiteFile.DemandResponseWindow w : site.demandResponses()) {
      at(next(w.from(), now), () -> demandResponse(w));
    }
    scheduler.schedule(Duration.ZERO, this::step);
  }

  /** What a site run reports as it goes (the evaluation, tests); called on the site's thread. */
  public interface Observer {
    /** After every balancer step: the building's load, what the EVs drew, the allocation. */
    void step(Instant at, PhaseCurrents buildingA, PhaseCurrents evA, Allocation allocation);

    /**
     * Before each {@link #step}: what the PV produced (after curtailment to the export limit), what
     * the inverter held back to keep the export limit, what the battery gave (discharging positive)
     * since the last one, and its state of charge.
     */
    default void energy(
        Instant at, double pvW, double curtailedW, double batteryW, double batterySocPercent) {}

    /**
     * After every step: what the EVs took and what they fed back (W, each at least 0), and the
     * lowest state of charge above its floor of any V2G EV plugged in (percentage points; NaN
     * without one).
     */
    default void evFlow(Instant at, double importW, double exportW, double socAboveFloor) {}

    /** An EV is about to leave; {@code unmetWh} is the energy it still wanted. */
    default void departed(Instant at, SiteFile.Arrival arrival, double unmetWh) {}
  }

  /** Sets the observer (null: none). Call before {@link #start()}. */
  public void observer(@Nullable Observer observer) {
    this.observer = observer;
  }

  /**
   * Lets the site meter report (true, the default) or fall silent (false): while silent the
   * balancer keeps getting the last reading it had, which goes stale, so its safe budget applies.
   */
  public void meterOnline(boolean online) {
    this.meterOnline = online;
  }

  /**
   * Lets the PV's and the battery's meters report (true, the default) or fall silent: while silent
   * the balancer keeps their last reading, which goes stale (zero production, zero discharge).
   */
  public void energyMetersOnline(boolean pv, boolean battery) {
    this.pvMeterOnline = pv;
    this.batteryMeterOnline = battery;
  }

  public LoadBalancer balancer() {
    return balancing.balancer();
  }

  /** Energy the site's EVs took so far. */
  public double energyWh() {
    return energyWh;
  }

  /** The largest amount by which the EVs' total exceeded their budget on a phase at a reading. */
  public double worstOvershootA() {
    return worstOvershootA;
  }

  private void at(Instant when, Runnable task) {
    scheduler.schedule(
        Duration.between(scheduler.now(), when),
        () -> {
          if (!closed) {
            task.run();
          }
        });
  }

  /** The next instant at {@code time} of day in the site's zone, not before {@code from}. */
  private Instant next(LocalTime time, Instant from) {
    ZonedDateTime z = from.atZone(site.zone());
    ZonedDateTime candidate = z.toLocalDate().atTime(time).atZone(site.zone());
    if (candidate.toInstant().isBefore(from)) {
      candidate = z.toLocalDate().plusDays(1).atTime(time).atZone(site.zone());
    }
    return candidate.toInstant();
  }

  private void arrive(SiteFile.Arrival a) {
    Instant now = scheduler.now();
    at(next(a.at(), now.plusSeconds(1)), () -> arrive(a));
    EmulatedStation station = stations.get(a.station() - 1);
    EvseSlot slot = slot(a.station(), a.evse());
    EvModel ev = a.ev();
    if (ev.phases() > slot.wiring().size()) {
      // A three-phase car on a single-phase EVSE draws on one phase.
      ev = ev.withPhases(slot.wiring().size());
    }
    if (!station.arriveEv(a.evse(), ev, a.socPercent())) {
      console.line("site", station.id() + " EVSE " + a.evse() + " is taken; the EV drives on");
      return;
    }
    arrived++;
    Instant leaves = next(a.departure(), now.plusSeconds(1));
    departures.put(slot.id(), leaves);
    at(
        leaves,
        () -> {
          departures.remove(slot.id());
          Observer o = observer;
          if (o != null) {
            EmulatedStation.EvseState s = station.evseState(a.evse());
            EvModel m = s.ev();
            Double soc = s.socPercent();
            o.departed(scheduler.now(), a, m == null || soc == null ? 0 : m.energyNeededWh(soc));
          }
          station.departEv(a.evse());
        });
  }

  private void demandResponse(SiteFile.DemandResponseWindow w) {
    Instant now = scheduler.now();
    Instant until = next(w.until(), now.plusSeconds(1));
    DemandResponse request = new DemandResponse(w.limitKw(), until, "EMS");
    // The balancer shares the site's limit among all EVSEs; each station also holds it as its
    // external constraint, so the CSMS sees it (2.0.1 NotifyChargingLimit, GetCompositeSchedule).
    balancing.balancer().demandResponse(request);
    stations.forEach(s -> s.externalLimit(request));
    console.line(
        "site", String.format(Locale.ROOT, "demand response: EVs at most %.1f kW", w.limitKw()));
    at(
        until,
        () -> {
          balancing.balancer().demandResponse(null);
          stations.forEach(s -> s.externalLimit(null));
          console.line("site", "demand response ended");
        });
    at(next(w.from(), now.plusSeconds(1)), () -> demandResponse(w));
  }

  private EvseSlot slot(int station, int evse) {
    for (SiteFile.Evse e : site.evses()) {
      if (e.station() == station && e.evse() == evse) {
        return e.slot();
      }
    }
    throw new IllegalArgumentException("no EVSE " + SiteFile.slotId(station, evse));
  }

  /**
   * One reading of the site meter (the building load plus what the EVs draw now): the core's {@link
   * SiteBalancing} steps on it and pushes the limits to the stations.
   */
  void step() {
    if (closed) {
      return;
    }
    Instant now = scheduler.now();
    SiteConfig config = site.config();
    PhaseCurrents building = site.building().at(now.atZone(site.zone()).toLocalTime());
    PhaseCurrents ev = PhaseCurrents.ZERO;
    snapshot.clear();
    double importW = 0;
    double exportW = 0;
    double socAboveFloor = Double.NaN;
    for (SiteFile.Evse e : site.evses()) {
      EmulatedStation.EvseState s = stations.get(e.station() - 1).evseState(e.evse());
      snapshot.put(e.slot().id(), s);
      List<Phase> wiring = e.slot().wiring();
      int phases = phases(s, wiring);
      for (int i = 0; i < phases; i++) {
        ev = ev.with(wiring.get(i), ev.get(wiring.get(i)) + s.drawA());
      }
      double w = s.drawA() * phases * config.nominalVoltageV();
      importW += Math.max(0, w);
      exportW += Math.max(0, -w);
      EvModel m = s.ev();
      Double soc = s.socPercent();
      if (m != null && m.v2g() && soc != null) {
        double above = soc - m.minSocPercent();
        socAboveFloor = Double.isNaN(socAboveFloor) ? above : Math.min(socAboveFloor, above);
      }
    }
    capDischarge();
    SiteEnergy energy = config.energy();
    double v = config.nominalVoltageV();
    double pvW = energy.pvKwAt(now.atZone(site.zone()).toLocalTime()) * 1000;
    double batteryW = 0;
    if (battery != null) {
      battery.run(site.step().toMillis() / 1000.0);
      batteryW = battery.powerW();
    }
    double potentialW = pvW;
    Double exportLimitKw = energy.exportLimitKw();
    if (exportLimitKw != null) {
      // the inverter curtails what the grid may not take
      double netW = building.plus(ev).total() * v - pvW - batteryW;
      double over = -exportLimitKw * 1000 - netW;
      if (over > 0) {
        pvW = Math.max(0, pvW - over);
      }
    }
    PhaseCurrents grid = building.plus(ev).minus(PhaseCurrents.all((pvW + batteryW) / 3 / v));
    if (energy.pv() != null || battery != null) {
      if (energy.pv() != null && pvMeterOnline) {
        lastPv = new PvReading(now, pvW);
      }
      if (battery != null && batteryMeterOnline) {
        lastBattery = new BatteryReading(now, batteryW, battery.socPercent());
      }
      balancing.energyReadings(lastPv, lastBattery);
    }
    SiteReading reading =
        new SiteReading(
            now,
            new PerPhase(grid.l1(), grid.l2(), grid.l3()),
            (grid.l1() + grid.l2() + grid.l3()) * config.nominalVoltageV());
    Allocation allocation;
    try {
      // A silent meter sends nothing: the balancing keeps its newest reading until it goes stale.
      allocation = meterOnline ? balancing.reading(reading) : balancing.step();
    } finally {
      snapshot.clear();
    }
    // The stations have the new limits by now.
    if (battery != null) {
      battery.follow(allocation.batteryW());
    }
    Observer o = observer;
    if (o != null) {
      o.energy(
          now,
          pvW,
          potentialW - pvW,
          batteryW,
          battery == null ? Double.NaN : battery.socPercent());
      o.step(now, building, ev, allocation);
      o.evFlow(now, importW, exportW, socAboveFloor);
    }
    PhaseCurrents available = allocation.availableA();
    for (Phase p : Phase.values()) {
      worstOvershootA = Math.max(worstOvershootA, ev.get(p) - available.get(p));
      if (trace != null) {
        trace.record(
            now,
            p,
            new SiteTrace.Row(config.gridLimitA(), building.get(p), ev.get(p), available.get(p)));
      }
    }
    if (trace != null) {
      trace.flush();
    }
    double hours = site.step().toMillis() / 3_600_000.0;
    energyWh += (ev.l1() + ev.l2() + ev.l3()) * config.nominalVoltageV() * hours;
    steps++;
    scheduler.schedule(site.step(), this::step);
  }

  /**
   * The phases the EV draws on now (its own, at most those the EVSE switched to), at most the
   * EVSE's wiring; all of them without an EV.
   */
  private static int phases(EmulatedStation.EvseState s, List<Phase> wiring) {
    return s.ev() == null ? wiring.size() : Math.min(s.phases(), wiring.size());
  }

  /**
   * The export side of the fuse: what the V2G EVs may feed back together on a grid phase is the
   * site's headroom (fuse − margin), shared equally among the EVSEs whose V2G EV draws on it, so
   * the grid never exports more than the fuse carries whatever the building does. Each EVSE is told
   * its share ({@link EmulatedStation#localDischargeLimit}) when it changes; a CSMS's smaller
   * setpoint stays as it is.
   */
  private void capDischarge() {
    Map<Phase, Integer> feeding = new java.util.EnumMap<>(Phase.class);
    for (SiteFile.Evse e : site.evses()) {
      EmulatedStation.EvseState s = snapshot.get(e.slot().id());
      if (s != null && s.ev() != null && s.ev().v2g()) {
        List<Phase> wiring = e.slot().wiring();
        for (int i = 0; i < phases(s, wiring); i++) {
          feeding.merge(wiring.get(i), 1, Integer::sum);
        }
      }
    }
    double headroom = site.config().headroomA();
    for (SiteFile.Evse e : site.evses()) {
      EmulatedStation.EvseState s = snapshot.get(e.slot().id());
      Double cap = null;
      if (s != null && s.ev() != null && s.ev().v2g()) {
        double share = Double.POSITIVE_INFINITY;
        List<Phase> wiring = e.slot().wiring();
        for (int i = 0; i < phases(s, wiring); i++) {
          share = Math.min(share, headroom / feeding.get(wiring.get(i)));
        }
        cap = Math.max(0, Math.floor(share * 10) / 10);
      }
      if (!java.util.Objects.equals(dischargeCaps.get(e.slot().id()), cap)) {
        if (cap == null) {
          dischargeCaps.remove(e.slot().id());
        } else {
          dischargeCaps.put(e.slot().id(), cap);
        }
        stations.get(e.station() - 1).localDischargeLimit(e.evse(), cap);
      }
    }
  }

  /** The EVSEs carry out the phases the balancer counts their EVs on (after every step). */
  private void switchPhases(Allocation allocation) {
    for (SiteFile.Evse e : site.evses()) {
      Integer phases = allocation.phases().get(e.slot().id());
      if (phases != null) {
        stations.get(e.station() - 1).switchPhases(e.evse(), phases);
      }
    }
  }

  /**
   * An emulated EVSE as the balancing sees it: the demand from its EV model (what it accepts at its
   * state of charge, its departure and the energy it still wants), the limit to the station.
   */
  private final class EmulatedEvse implements BalancedEvse {
    private final SiteFile.Evse evse;

    EmulatedEvse(SiteFile.Evse evse) {
      this.evse = evse;
    }

    @Override
    public EvseDemand demand(EvseSlot slot, Instant now) {
      EmulatedStation.EvseState s = snapshot.get(slot.id());
      if (s == null) {
        s = stations.get(evse.station() - 1).evseState(evse.evse());
      }
      EvModel model = s.ev();
      Double soc = s.socPercent();
      int drawing = phases(s, slot.wiring());
      double d = s.drawA();
      // An EV that reached its target within this reading still drew during it: it stays active
      // (wanting 0 A) until its draw shows 0, or the balancer would count that as building load.
      if (model == null || soc == null || s.sessionStart() == null || (model.done(soc) && d == 0)) {
        return EvseDemand.idle(slot.id());
      }
      // The phases the EV can charge on, not the ones it is switched to now: a balancer that may
      // switch the EVSE chooses among them.
      int phases = Math.min(model.phases(), slot.wiring().size());
      return new EvseDemand(
          slot.id(),
          true,
          s.sessionStart(),
          phases,
          // What a station can know: the EV's maximum (ISO 15118 or its nameplate), not how far
          // it tapers now; the balancer finds the taper from the measured draw.
          model.maxCurrentA(),
          new PhaseCurrents(d, drawing >= 2 ? d : 0, drawing >= 3 ? d : 0),
          slot.priority(),
          departures.get(slot.id()),
          model.energyNeededWh(soc));
    }

    @Override
    public void limit(double amps) {
      stations.get(evse.station() - 1).localLimit(evse.evse(), amps);
    }
  }

  /** A line for the end of the run. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s: %d EV arrival(s), %.1f kWh delivered, %d readings",
        site.name(),
        arrived,
        energyWh / 1000,
        steps);
  }

  @Override
  public void close() {
    closed = true;
    balancing.close();
    if (trace != null) {
      trace.close();
    }
  }
}
