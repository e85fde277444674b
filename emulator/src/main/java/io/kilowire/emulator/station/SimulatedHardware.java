package io.kilowire.emulator.station;

import io.kilowire.core.hal.CpState;
import io.kilowire.core.hal.Iso15118Link.CertificateBackend;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateAnswer;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateRequest;
import io.kilowire.core.hal.Iso15118Link.EvChargingNeeds;
import io.kilowire.core.hal.PilotConfig;
import io.kilowire.core.hal.PilotController;
import io.kilowire.core.hal.PilotDuty;
import io.kilowire.core.hal.PilotFault;
import io.kilowire.core.hal.PilotOutput;
import io.kilowire.core.hal.PilotSignal;
import io.kilowire.core.hal.iso15118.HlcCoordinator;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.EvControlMode;
import io.kilowire.core.station.FaultCode;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.display.DisplayMessage;
import io.kilowire.emulator.trace.PilotTrace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The electrical side of an emulated station: per EVSE the core's {@link PilotController} driving a
 * simulated control pilot and contactor, an EV that reads the duty cycle (IEC 61851-1) and draws
 * what it says up to its own maximum, and a meter that integrates that draw. Runs on the station's
 * thread, so it needs no locking.
 */
public final class SimulatedHardware implements StationHardware {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedHardware.class);
  public static final double NOMINAL_VOLTAGE = 230.0;

  private final Clock clock;
  // What each EVSE's hardware can carry, per phase (index 0 unused).
  private final double[] maxCurrentA;
  private final Evse[] evses;
  private @Nullable TaskScheduler scheduler;
  private @Nullable PilotTrace trace;
  private BiConsumer<Integer, FaultCode> faults = (evse, code) -> {};
  private @Nullable SimulatedIso15118Link hlcLink;
  private @Nullable HlcCoordinator hlc;
  // The EVSEs' power electronics can feed energy back (ISO 15118-20 BPT, OCPP 2.1 V2X).
  private boolean bidirectional;
  private BiConsumer<Integer, Boolean> charging = (evse, on) -> {};
  private OutputListener outputListener = (at, evse, offeredA, pilotA, drawA) -> {};
  // Further listeners (the control API's event stream, metrics): they see what onOutput's sees.
  private final java.util.List<OutputListener> moreOutputListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile @Nullable DisplayMessage displayed;
  private final java.util.Map<Integer, String> costs =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<Integer, io.kilowire.core.authorization.PersonalMessage.Text>
      tariffs = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.List<TariffListener> tariffListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.List<CostListener> costListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.List<Consumer<@Nullable DisplayMessage>> displayListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Sees an EVSE's outputs and its EV's draw whenever any of them may have changed. */
  public interface OutputListener {
    /**
     * @param offeredA what the station wants offered (its limit, 0 with energy off)
     * @param pilotA what the EV reads from the pilot (or the ISO 15118 link) now
     * @param drawA what the EV draws per phase now
     */
    void changed(Instant at, int evse, double offeredA, double pilotA, double drawA);
  }

  private final class Evse implements PilotOutput {
    final int id;
    boolean offered;
    // Nothing until the station says: a limit is in force before the pilot first offers current.
    double limitA;
    @Nullable EvModel ev;
    // What the EV follows: the offer (duty cycle or ISO 15118) as it stood one response delay ago.
    double followedA;
    // And, over ISO 15118-20 BPT, the discharge limit and the target per phase (null: none).
    double followedDischargeA;
    @Nullable Double followedTargetA;
    // 2.1: the reactive current the station asked for, per phase, positive inductive (null: none).
    @Nullable Double reactiveA;
    // Energy fed back, Wh: the import register never runs backwards.
    double exportedWh;
    // What the EV draws on: its own phases, at most those the phase contactor connects.
    int phases = 3;
    int contactorPhases = 3;
    double energyWh;
    double drawA;
    Instant since;
    @Nullable Double soc;
    @Nullable PilotController pilot;
    PilotSignal signal = PilotSignal.CONSTANT_HIGH;
    boolean contactorClosed;
    boolean faulted;
    // The EV holds back (pilot state B) although current is offered: SuspendedEV.
    boolean evPaused;

    Evse(int id, Instant now) {
      this.id = id;
      since = now;
    }

    boolean plugged() {
      return ev != null;
    }

    boolean full() {
      EvModel m = ev;
      Double s = soc;
      return m != null && s != null && m.done(s);
    }

    /** What the station wants offered: its limit capped by the hardware, nothing when off. */
    double wantedA() {
      return offered ? Math.min(maxCurrentA[id], limitA) : 0;
    }

    /** The EV's side of the pilot: it asks for energy (C) while current is offered to it. */
    CpState cp() {
      if (!plugged()) {
        return CpState.A;
      }
      return evOfferA() > 0 && !full() && !evPaused ? CpState.C : CpState.B;
    }

    /**
     * What the EV may draw: during an ISO 15118 session the offer over the link (with the pilot at
     * 5 %), otherwise what it reads from the duty cycle.
     */
    double evOfferA() {
      SimulatedIso15118Link link = hlcLink;
      if (link != null && link.active(id)) {
        return signal.equals(PilotSignal.HLC) ? link.offeredA(id) : 0;
      }
      return signal.offersCurrent() ? PilotDuty.ampsRead(signal.dutyPermille()) : 0;
    }

    /** The most the EV may feed back now, per phase: only over an ISO 15118-20 BPT offer. */
    double evDischargeOfferA() {
      SimulatedIso15118Link link = hlcLink;
      return link != null && link.active(id) ? link.offeredDischargeA(id) : 0;
    }

    /** The station's target for the EV now, per phase, negative to feed back; null: none. */
    @Nullable Double evTargetA() {
      SimulatedIso15118Link link = hlcLink;
      Double watts = link != null && link.active(id) ? link.targetPowerW(id) : null;
      return watts == null ? null : watts / (NOMINAL_VOLTAGE * phases);
    }

    /** The EV follows what it is offered now, after its response delay. */
    void follow() {
      EvModel m = ev;
      double offer = evOfferA();
      double discharge = evDischargeOfferA();
      Double target = evTargetA();
      TaskScheduler s = scheduler;
      if (m == null || s == null || m.responseDelay().isZero()) {
        followedA = offer;
        followedDischargeA = discharge;
        followedTargetA = target;
        return;
      }
      s.schedule(
          m.responseDelay(),
          () -> {
            if (ev == m) {
              integrate(id);
              followedA = offer;
              followedDischargeA = discharge;
              followedTargetA = target;
              update();
            }
          });
    }

    void update() {
      EvModel m = ev;
      Double s = soc;
      boolean was = drawA != 0;
      drawA =
          contactorClosed && m != null && s != null && !evPaused
              ? m.flowA(followedA, followedDischargeA, followedTargetA, s)
              : 0;
      TaskScheduler timer = scheduler;
      if (drawA < 0 && m != null && s != null && timer != null) {
        // Wake up when the battery reaches the EV's minimum, where it stops feeding back.
        double hours =
            (s - m.minSocPercent()) / 100 * m.batteryWh() / (-drawA * NOMINAL_VOLTAGE * phases);
        long millis = (long) Math.ceil(Math.max(0, hours) * 3_600_000) + 1;
        timer.schedule(Duration.ofMillis(millis), () -> integrate(id));
      }
      if (was != (drawA != 0)) {
        boolean now = drawA != 0; // feeding back is transferring energy too
        later(() -> charging.accept(id, now));
      }
      record();
    }

    /** The EV answers what it is offered (B <-> C) after this step, not inside the caller's. */
    void evAnswersLater() {
      later(
          () -> {
            PilotController c = pilot;
            if (c != null) {
              c.onCpState(cp());
            }
          });
    }

    /** Hands the current wish and the EV's state to the controller. */
    void drive() {
      PilotController c = pilot;
      if (c != null) {
        c.setLimit(wantedA());
        c.onCpState(cp());
      }
      update();
    }

    @Override
    public void pilot(PilotSignal s) {
      integrate(id);
      signal = s;
      follow();
      update();
      evAnswersLater();
    }

    @Override
    public void contactor(boolean closed) {
      integrate(id);
      contactorClosed = closed;
      update();
    }

    /** Step 4 of the switch (E.5): the contactor is open, the EV sees the new count on return. */
    @Override
    public void phases(int count) {
      integrate(id);
      contactorPhases = count;
      EvModel m = ev;
      phases = m == null ? count : Math.min(m.phases(), count);
      update();
    }

    @Override
    public void fault(PilotFault fault) {
      LOG.warn("EVSE {} pilot fault: {}", id, fault);
      FaultCode code = fault.kind().faultCode();
      faulted = true;
      // Reported to the station (and so to the CSMS) after the controller's step.
      later(() -> faults.accept(id, code));
    }

    void record() {
      outputListener.changed(clock.instant(), id, wantedA(), evOfferA(), drawA);
      for (OutputListener l : moreOutputListeners) {
        l.changed(clock.instant(), id, wantedA(), evOfferA(), drawA);
      }
      PilotTrace t = trace;
      if (t != null) {
        double duty = pilotDutyPercent(id);
        double limit = wantedA();
        t.record(clock.instant(), id, new PilotTrace.Row(limit, duty, cp().name(), drawA));
      }
    }
  }

  /** The grid sensor (the site's grid model); null: none. */
  private volatile io.kilowire.core.hal.@Nullable GridSensor gridSensor;

  /**
   * @param clock the same time base the station runs on (the emulator's real-time stations use the
   *     system clock)
   */
  public SimulatedHardware(Clock clock, int evses, double maxCurrentA) {
    this(clock, java.util.Collections.nCopies(evses, maxCurrentA));
  }

  /**
   * As {@link #SimulatedHardware(Clock, int, double)}, with each EVSE's own maximum per phase (EVSE
   * 1 first).
   */
  public SimulatedHardware(Clock clock, java.util.List<Double> maxCurrentA) {
    int evses = maxCurrentA.size();
    this.clock = clock;
    this.maxCurrentA = new double[evses + 1];
    for (int i = 1; i <= evses; i++) {
      this.maxCurrentA[i] = maxCurrentA.get(i - 1);
    }
    this.evses = new Evse[evses + 1];
    for (int i = 1; i <= evses; i++) {
      this.evses[i] = new Evse(i, clock.instant());
    }
  }

  /**
   * Starts the pilot controllers on the station's scheduler (which exists only once the station
   * does), optionally the pilot trace, and where pilot faults go (the station, which tells the
   * CSMS).
   */
  public void attach(
      TaskScheduler stationScheduler,
      @Nullable PilotTrace pilotTrace,
      BiConsumer<Integer, FaultCode> faultSink) {
    attach(stationScheduler, pilotTrace, faultSink, null);
  }

  /**
   * As {@link #attach(TaskScheduler, PilotTrace, BiConsumer)}; with {@code hlcNeeds} the EVSEs also
   * speak ISO 15118 through a simulated link ({@link HlcCoordinator}), and the EVs' charging needs
   * go there (the station).
   */
  public void attach(
      TaskScheduler stationScheduler,
      @Nullable PilotTrace pilotTrace,
      BiConsumer<Integer, FaultCode> faultSink,
      HlcCoordinator.@Nullable NeedsListener hlcNeeds) {
    this.scheduler = stationScheduler;
    this.trace = pilotTrace;
    this.faults = faultSink;
    HlcCoordinator hlc = null;
    this.hlc = null;
    if (hlcNeeds != null) {
      SimulatedIso15118Link link =
          new SimulatedIso15118Link(clock, stationScheduler, this::hlcOfferChanged);
      hlcLink = link;
      hlc =
          new HlcCoordinator(
                  link,
                  stationScheduler,
                  new HlcCoordinator.Config(NOMINAL_VOLTAGE, Duration.ofSeconds(10))
                      .bidirectional(bidirectional),
                  evse -> java.util.Objects.requireNonNull(evses[evse].pilot),
                  hlcNeeds)
              .attach();
      this.hlc = hlc;
    }
    for (int i = 1; i < evses.length; i++) {
      Evse e = evses[i];
      PilotOutput out = hlc == null ? e : hlc.output(i, e);
      // The E.5 sequence with its default waits (B within 6 s, reconnect after 45 s, 60 s after
      // opening under load); it runs only when something asks for a switch.
      e.pilot =
          new PilotController(
              PilotConfig.defaults().toBuilder().phaseSwitchingSupported(true).build(),
              stationScheduler,
              out);
      e.drive();
    }
  }

  /**
   * On which EVSEs the ISO 15118 link offers BPT when a session starts (a 2.1 station's
   * V2XChargingCtrlr.Enabled); call after {@link #attach} with {@code hlcNeeds}.
   */
  public void hlcBptOffered(java.util.function.IntPredicate offered) {
    HlcCoordinator coordinator = hlc;
    if (coordinator != null) {
      coordinator.bptOffered(offered);
    }
  }

  /**
   * Where the ISO 15118 link's certificate questions go (the station's CSMS pass-through); call
   * after {@link #attach} with {@code hlcNeeds}; without it they fail at once.
   */
  public void hlcCertificates(CertificateBackend backend) {
    HlcCoordinator coordinator = hlc;
    if (coordinator != null) {
      coordinator.certificates(backend);
    }
  }

  /**
   * The EV on {@code evse} asks, over ISO 15118, for a contract certificate installation or update;
   * completes with the CSMS's EXI response, fails without an ISO 15118 session or a reachable CSMS.
   * Call on the station's thread.
   */
  public CompletableFuture<ContractCertificateAnswer> requestContractCertificate(
      int evse, ContractCertificateRequest request) {
    SimulatedIso15118Link link = hlcLink;
    if (link == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("this station speaks no ISO 15118"));
    }
    return link.requestContractCertificate(evse, request);
  }

  /**
   * Whether the EVSEs' power electronics can feed energy back (ISO 15118-20 BPT); set before {@link
   * #attach}.
   */
  public SimulatedHardware attachGridSensor(io.kilowire.core.hal.@Nullable GridSensor sensor) {
    this.gridSensor = sensor;
    return this;
  }

  @Override
  public boolean gridSensor() {
    return gridSensor != null;
  }

  @Override
  public io.kilowire.core.der.@Nullable GridState grid() {
    io.kilowire.core.hal.GridSensor sensor = gridSensor;
    return sensor == null ? null : sensor.read();
  }

  public SimulatedHardware bidirectional(boolean canFeedBack) {
    this.bidirectional = canFeedBack;
    return this;
  }

  @Override
  public boolean bidirectional(int evse) {
    return hlc != null && bidirectional;
  }

  @Override
  public boolean canDischarge(int evse) {
    HlcCoordinator h = hlc;
    return h != null && h.canDischarge(evse);
  }

  /** The station's discharge limit and setpoint go to the EV over ISO 15118-20 BPT. */
  @Override
  public void offerDischarge(int evse, double amps, @Nullable Double setpointA) {
    HlcCoordinator h = hlc;
    if (h != null) {
      integrate(evse);
      h.dischargeLimit(evse, amps, setpointA);
    }
  }

  /** A V2G output's EV exchanges reactive power as its charger is told (ISO 15118-20 BPT). */
  @Override
  public boolean canExchangeReactive(int evse) {
    return canDischarge(evse);
  }

  /**
   * The reactive current the station wants exchanged: over ISO 15118 it goes to the EV as
   * EVSETargetReactivePower, and the EV's charger follows what the link carries; the emulated meter
   * reads it back as reactive power while energy is offered (a real charger's response delay is not
   * modelled).
   */
  @Override
  public void offerReactive(int evse, @Nullable Double amps) {
    HlcCoordinator coordinator = hlc;
    if (coordinator != null) {
      coordinator.reactiveTarget(evse, amps);
    } else {
      integrate(evse).reactiveA = amps;
    }
  }

  /** The energy the EV on {@code evse} fed back so far (and earlier EVs there), in Wh. */
  public double exportedWh(int evse) {
    return integrate(evse).exportedWh;
  }

  private void hlcOfferChanged(int evse) {
    Evse e = integrate(evse);
    e.follow();
    e.update();
    e.evAnswersLater();
  }

  /** Tells {@code listener} of every change of an EVSE's outputs or of its EV's draw. */
  public void onOutput(OutputListener listener) {
    this.outputListener = listener;
  }

  /**
   * Adds a listener beside the one {@link #onOutput} sets (an event stream, metrics); it runs on
   * the station's thread and must not block.
   */
  public void addOutputListener(OutputListener listener) {
    moreOutputListeners.add(listener);
  }

  /**
   * The EV on {@code evse} stops (false) or resumes (true) taking energy by itself, as a car whose
   * battery management pauses does: the pilot goes to state B and the station reports SuspendedEV.
   * Returns false, with nothing done, without an EV.
   */
  public boolean evWantsEnergy(int evse, boolean wants) {
    Evse e = integrate(evse);
    if (e.ev == null) {
      return false;
    }
    e.evPaused = !wants;
    e.drive();
    e.evAnswersLater();
    return true;
  }

  /** Whether the EV on {@code evse} holds back by itself ({@link #evWantsEnergy}). */
  public boolean evPaused(int evse) {
    return evses[evse].evPaused;
  }

  /** The pilot's duty cycle in percent now: 100 for constant high, 0 when off. */
  public double pilotDutyPercent(int evse) {
    PilotSignal s = evses[evse].signal;
    return s.mode() == PilotSignal.Mode.PWM
        ? s.dutyPermille() / 10.0
        : s.mode() == PilotSignal.Mode.CONSTANT_HIGH ? 100.0 : 0.0;
  }

  /** The control-pilot state the EV shows now (A unplugged, B connected, C charging). */
  public CpState cpState(int evse) {
    return evses[evse].cp();
  }

  /** Where it reports that an EV starts (true) or stops (false) taking energy, after the step. */
  public void onCharging(BiConsumer<Integer, Boolean> listener) {
    this.charging = listener;
  }

  private void later(Runnable task) {
    TaskScheduler s = scheduler;
    if (s != null) {
      s.schedule(Duration.ZERO, task);
    }
  }

  /** Restores the meter register after a restart, so energy never runs backwards. */
  public void setRegister(int evse, double energyWh) {
    evses[evse].energyWh = energyWh;
  }

  /** Raises the meter register to at least {@code energyWh} (a reading the station recorded). */
  public void restoreRegister(int evse, double energyWh) {
    Evse e = integrate(evse);
    e.energyWh = Math.max(e.energyWh, energyWh);
  }

  /** An EV plugs in: it draws up to {@code maxCurrentA} on {@code phases} phases when offered. */
  public void connectEv(
      int evse, double maxCurrentA, int phases, double batteryWh, int socPercent) {
    connectEv(evse, maxCurrentA, phases, batteryWh, socPercent, false);
  }

  /**
   * As {@link #connectEv(int, double, int, double, int)}; an {@code hlc} EV starts an ISO 15118
   * session (if the hardware was attached with HLC) and draws what the link offers.
   */
  public void connectEv(
      int evse, double maxCurrentA, int phases, double batteryWh, int socPercent, boolean hlc) {
    connectEv(evse, EvModel.of(batteryWh, maxCurrentA, phases), socPercent, hlc);
  }

  /** An EV plugs in at {@code socPercent} and charges as {@code model} says. */
  public void connectEv(int evse, EvModel model, double socPercent) {
    connectEv(evse, model, socPercent, false);
  }

  /**
   * As {@link #connectEv(int, EvModel, double)}; an {@code hlc} EV starts an ISO 15118 session (if
   * the hardware was attached with HLC) and draws what the link offers.
   */
  public void connectEv(int evse, EvModel model, double socPercent, boolean hlc) {
    Evse e = integrate(evse);
    e.ev = model;
    e.phases = Math.min(model.phases(), e.contactorPhases);
    e.soc = socPercent;
    e.followedA = 0;
    e.followedDischargeA = 0;
    e.followedTargetA = null;
    e.follow();
    e.drive();
    SimulatedIso15118Link link = hlcLink;
    if (hlc && link != null) {
      EvChargingNeeds needs =
          new EvChargingNeeds(
              model.energyNeededWh(socPercent),
              model.maxCurrentA(),
              PilotDuty.MIN_MILLIAMPS / 1000.0,
              null,
              model.v2g() ? model.maxDischargeA() : null);
      if (model.v2g()) {
        // A V2G EV speaks ISO 15118-20, which adds these; its floor is where it stops feeding back.
        double toFloorWh = model.energyToSocWh(model.minSocPercent(), socPercent);
        needs =
            needs.withEnergyRequests(
                toFloorWh,
                model.energyToSocWh(100, socPercent),
                (int) Math.round(model.targetSocPercent()));
        if (model.controlMode() == EvControlMode.DYNAMIC) {
          // Its cycling range runs from its floor to its target (the V2X requests are dynamic's).
          needs =
              needs
                  .withDischarge(null, toFloorWh)
                  .withControl(
                      EvControlMode.DYNAMIC,
                      model.energyToSocWh(model.targetSocPercent(), socPercent),
                      null);
        } else {
          needs =
              needs.withControl(
                  EvControlMode.SCHEDULED,
                  null,
                  model.energyOffer(clock.instant(), socPercent, NOMINAL_VOLTAGE, e.phases));
        }
      }
      link.start(evse, needs);
    }
  }

  public void disconnectEv(int evse) {
    Evse e = integrate(evse);
    SimulatedIso15118Link link = hlcLink;
    if (link != null) {
      link.stop(evse);
    }
    e.ev = null;
    e.evPaused = false;
    e.followedA = 0;
    e.soc = null;
    e.drive();
    if (e.faulted) {
      // The controller's over-current stop holds until the EV leaves; so does the station's fault.
      e.faulted = false;
      later(() -> faults.accept(evse, FaultCode.NONE));
    }
  }

  /** The phases the EV draws on now: its own, at most those the phase contactor connects. */
  public int phases(int evse) {
    return evses[evse].phases;
  }

  /**
   * Asks the EVSE's pilot controller to switch to {@code count} phases (1 or 3) with the safe
   * sequence (pause, contactor open, CP off, switch, reconnect later); false when it is already on
   * that count or a switch is under way.
   */
  public boolean requestPhases(int evse, int count) {
    PilotController c = evses[evse].pilot;
    return c != null && c.requestPhases(count);
  }

  /** The current the EV draws now, in amps per phase. */
  public double drawA(int evse) {
    return evses[evse].drawA;
  }

  /** The current offered to the EV now: from the duty cycle, or over ISO 15118 (0 when paused). */
  public double pilotOfferA(int evse) {
    return evses[evse].evOfferA();
  }

  /** The EV plugged in on {@code evse}, if any. */
  public @Nullable EvModel ev(int evse) {
    return evses[evse].ev;
  }

  /** The EV's exact state of charge, in percent; null without an EV. */
  public @Nullable Double socPercent(int evse) {
    return integrate(evse).soc;
  }

  public @Nullable Integer soc(int evse) {
    Double soc = integrate(evse).soc;
    return soc == null ? null : (int) Math.floor(soc);
  }

  @Override
  public MeterReading read(int evse) {
    Evse e = integrate(evse);
    double a = e.drawA;
    PerPhase current = new PerPhase(a, e.phases >= 2 ? a : 0, e.phases >= 3 ? a : 0);
    double power = a * NOMINAL_VOLTAGE * e.phases;
    Double soc = e.soc;
    return new MeterReading(
            clock.instant(),
            e.energyWh,
            power,
            current,
            new PerPhase(NOMINAL_VOLTAGE, NOMINAL_VOLTAGE, NOMINAL_VOLTAGE),
            soc == null ? null : (int) Math.floor(soc))
        // The emulated meter counts what flows back on its own register, as a V2G meter does.
        .withExportEnergy(e.exportedWh)
        .withReactivePower(reactiveVar(e));
  }

  /**
   * Reactive power on the meter: while a target is followed (over ISO 15118, the link's offer in
   * force), none without energy offered.
   */
  private @Nullable Double reactiveVar(Evse e) {
    SimulatedIso15118Link link = hlcLink;
    Double var;
    if (link != null) {
      var = link.targetReactivePowerVar(e.id);
    } else {
      Double amps = e.reactiveA;
      var = amps == null ? null : amps * NOMINAL_VOLTAGE * e.phases;
    }
    if (var == null) {
      return null;
    }
    return e.offered && e.ev != null ? var : 0.0;
  }

  @Override
  public void offerEnergy(int evse, boolean on) {
    Evse e = integrate(evse);
    e.offered = on;
    e.drive();
  }

  /** The station's effective limit: the pilot controller turns it into a duty cycle. */
  @Override
  public void offerCurrent(int evse, double amps) {
    Evse e = integrate(evse);
    e.limitA = amps;
    e.drive();
  }

  /**
   * What the EV on {@code evse} may feed back now, per phase: the ISO 15118-20 BPT offer in force
   * (0 without one, or once its lease lapsed).
   */
  public double dischargeOfferA(int evse) {
    return evses[evse].evDischargeOfferA();
  }

  /** The current the station wants offered now (its effective limit), in amps per phase. */
  public double offeredA(int evse) {
    return evses[evse].limitA;
  }

  @Override
  public boolean unlock(int evse) {
    return true;
  }

  /** The emulated screen: keeps what it shows and tells the display listeners. */
  @Override
  public void display(@Nullable DisplayMessage message) {
    displayed = message;
    for (Consumer<@Nullable DisplayMessage> l : displayListeners) {
      l.accept(message);
    }
  }

  @Override
  public void displayCost(int evse, @Nullable String text) {
    String before = text == null ? costs.remove(evse) : costs.put(evse, text);
    if (!java.util.Objects.equals(before, text)) {
      for (CostListener l : costListeners) {
        l.shown(evse, text);
      }
    }
  }

  /** Sees each cost an EVSE's display shows or takes away. */
  @FunctionalInterface
  public interface CostListener {
    void shown(int evse, @Nullable String cost);
  }

  /**
   * Sees every change of a cost on the displays (the CSMS's, or the station's own with 2.1 local
   * cost), on the station's thread; must not block.
   */
  public void addCostListener(CostListener listener) {
    costListeners.add(listener);
  }

  /** The cost text {@code evse}'s display shows now (2.0.1 I02, I03); null for none. */
  public @Nullable String displayedCost(int evse) {
    return costs.get(evse);
  }

  @Override
  public void displayTariff(
      int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff) {
    if (tariff == null) {
      tariffs.remove(evse);
    } else {
      tariffs.put(evse, tariff);
    }
    for (TariffListener l : tariffListeners) {
      l.shown(evse, tariff);
    }
  }

  /** The tariff {@code evse}'s display shows now (2.0.1 I01); null for none. */
  public io.kilowire.core.authorization.PersonalMessage.@Nullable Text displayedTariff(int evse) {
    return tariffs.get(evse);
  }

  /** Sees each tariff an EVSE's display shows or takes away. */
  @FunctionalInterface
  public interface TariffListener {
    void shown(int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff);
  }

  /** Sees every change of a tariff on the displays, on the station's thread; must not block. */
  public void addTariffListener(TariffListener listener) {
    tariffListeners.add(listener);
  }

  /** The message the display shows now; null while it shows the station's own screen. */
  public @Nullable DisplayMessage displayed() {
    return displayed;
  }

  /** Sees every change of the display, on the station's thread; it must not block. */
  public void addDisplayListener(Consumer<@Nullable DisplayMessage> listener) {
    displayListeners.add(listener);
  }

  private Evse integrate(int evse) {
    Evse e = evses[evse];
    Instant now = clock.instant();
    double hours = Duration.between(e.since, now).toMillis() / 3_600_000.0;
    if (hours > 0) {
      double wh = e.drawA * NOMINAL_VOLTAGE * e.phases * hours;
      if (wh >= 0) {
        e.energyWh += wh;
      } else {
        e.exportedWh -= wh;
      }
      Double soc = e.soc;
      EvModel m = e.ev;
      if (soc != null && m != null) {
        e.soc = Math.max(0.0, Math.min(100.0, soc + wh / m.batteryWh() * 100));
        if (e.full() && e.drawA > 0) {
          e.drive();
        } else if (e.drawA > 0 && e.soc > m.taperFromPercent()) {
          e.update(); // tapering
        } else if (e.drawA < 0 && e.soc <= m.minSocPercent()) {
          e.update(); // down to its minimum: it stops feeding back
        }
      }
    }
    e.since = now;
    return e;
  }
}
