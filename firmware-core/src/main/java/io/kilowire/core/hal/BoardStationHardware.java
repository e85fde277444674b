package io.kilowire.core.hal;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.TaskScheduler.Cancellable;
import io.kilowire.core.station.FaultCode;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.StationHardware;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The station's hardware on real boards: per EVSE a {@link PilotController} driving the OEM's
 * {@link ControlPilot} and {@link Contactor}, reading its {@link EnergyMeter} and {@link
 * FaultInputs}, with contactor supervision. An OEM implements the ports, builds one of these, and
 * gets a working {@link StationHardware}.
 *
 * <p>Pure and single-threaded: every call, and the supervision tick every {@link
 * Config#pollInterval()}, runs on the station's scheduler. The ports must therefore answer at once
 * (cached states, last meter sample); slow board I/O belongs in the port's own thread.
 *
 * <p>Each tick, per EVSE:
 *
 * <ul>
 *   <li>kicks every port that is a {@link Watchdog} (the board-side lease);
 *   <li>reads the CP state: A ↔ B/C/D is a plug or unplug, B ↔ C/D starts or stops charging (E and
 *       F are passed to the controller but are no plug event);
 *   <li>feeds a meter reading newer than the last one to the controller (over-current check);
 *   <li>passes active fault inputs to the controller, which stops charging and raises {@code
 *       RCD_TRIPPED} / {@code OVER_TEMPERATURE} (reported as {@link FaultCode#GROUND_FAILURE} /
 *       {@link FaultCode#HIGH_TEMPERATURE});
 *   <li>supervises the contactor: closed without feedback for longer than {@link
 *       Config#contactorCloseTimeout()} is {@link FaultCode#CONTACTOR_FAILURE}; still reporting
 *       closed {@link Config#contactorOpenTimeout()} after the open command, or {@link
 *       Contactor#welded()}, is {@link FaultCode#WELDED_CONTACTOR}. A welded contactor or a {@link
 *       FaultInputs#boardFault} switches the pilot off (state F), and every one of them opens the
 *       contactor.
 * </ul>
 *
 * <p>How a fault clears: an RCD, over-temperature or over-current stop once the inputs are quiet
 * and the EV is unplugged (CP state A); a failed close on unplug (the pilot is only paused for it,
 * so the unplug stays visible); a welded contactor once it reports open and not welded; a board
 * fault when the board clears it. The EVSE then reports {@link FaultCode#NONE} and follows the
 * controller again. Faults reach the station through {@link Events#fault}, once per change, since
 * {@link StationHardware} has no back-channel.
 */
public final class BoardStationHardware implements StationHardware {

  /** The ports of one EVSE. One object may implement several of them. */
  public record EvsePorts(
      ControlPilot pilot,
      Contactor contactor,
      EnergyMeter meter,
      FaultInputs faults,
      @Nullable PhaseContactor phaseContactor) {
    public EvsePorts {
      if (pilot == null || contactor == null || meter == null || faults == null) {
        throw new IllegalArgumentException("every port is required");
      }
    }

    /** An EVSE without a phase contactor: it stays on the phases it is wired to. */
    public EvsePorts(
        ControlPilot pilot, Contactor contactor, EnergyMeter meter, FaultInputs faults) {
      this(pilot, contactor, meter, faults, null);
    }
  }

  /** What the hardware tells the station. Called on the station's thread. */
  public interface Events {
    void plugIn(int evse);

    void unplug(int evse);

    void evCharging(int evse, boolean charging);

    /** A fault on {@code evse}; {@link FaultCode#NONE} when it cleared. */
    void fault(int evse, FaultCode code);

    /** Forwards every event to {@code station}. */
    static Events of(Station station) {
      return new Events() {
        @Override
        public void plugIn(int evse) {
          station.plugIn(evse);
        }

        @Override
        public void unplug(int evse) {
          station.unplug(evse);
        }

        @Override
        public void evCharging(int evse, boolean charging) {
          station.evCharging(evse, charging);
        }

        @Override
        public void fault(int evse, FaultCode code) {
          station.fault(evse, code);
        }
      };
    }
  }

  /**
   * Settings.
   *
   * @param pilot the pilot rules of every EVSE's controller
   * @param maxCurrentA what the hardware can carry per phase; limits above it are capped
   * @param pollInterval how often the ports are read and the watchdogs kicked
   * @param contactorCloseTimeout how long the feedback may take to report closed
   * @param contactorOpenTimeout how long the feedback may take to report open
   */
  public record Config(
      PilotConfig pilot,
      double maxCurrentA,
      Duration pollInterval,
      Duration contactorCloseTimeout,
      Duration contactorOpenTimeout) {
    public Config {
      if (pilot == null) {
        throw new IllegalArgumentException("pilot config required");
      }
      if (!(maxCurrentA >= 6)) {
        throw new IllegalArgumentException("maxCurrentA must be at least 6 A: " + maxCurrentA);
      }
      positive(pollInterval, "pollInterval");
      positive(contactorCloseTimeout, "contactorCloseTimeout");
      positive(contactorOpenTimeout, "contactorOpenTimeout");
    }

    private static void positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
    }

    /** Default pilot rules, 32 A, a 250 ms tick, 500 ms for the contactor either way. */
    public static Config defaults() {
      return new Config(
          PilotConfig.defaults(),
          32,
          Duration.ofMillis(250),
          Duration.ofMillis(500),
          Duration.ofMillis(500));
    }

    public Config withMaxCurrentA(double amps) {
      return new Config(pilot, amps, pollInterval, contactorCloseTimeout, contactorOpenTimeout);
    }

    public Config withPollInterval(Duration d) {
      return new Config(pilot, maxCurrentA, d, contactorCloseTimeout, contactorOpenTimeout);
    }

    /** Both contactor timeouts. */
    public Config withContactorTimeout(Duration d) {
      return new Config(pilot, maxCurrentA, pollInterval, d, d);
    }
  }

  private static final Events NO_EVENTS =
      new Events() {
        @Override
        public void plugIn(int evse) {}

        @Override
        public void unplug(int evse) {}

        @Override
        public void evCharging(int evse, boolean charging) {}

        @Override
        public void fault(int evse, FaultCode code) {}
      };

  private final Config config;
  private final Evse[] evses;
  private final List<Watchdog> watchdogs;
  private @Nullable TaskScheduler scheduler;
  private @Nullable Cancellable tick;
  private Events events = NO_EVENTS;
  private Display display = Display.NONE;
  private boolean iso15118Dash20;

  /** {@code ports.get(0)} is EVSE 1. */
  public BoardStationHardware(Config config, List<EvsePorts> ports) {
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("at least one EVSE");
    }
    this.config = config;
    this.evses = new Evse[ports.size() + 1];
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Watchdog> dogs = new ArrayList<>();
    for (int i = 1; i <= ports.size(); i++) {
      EvsePorts p = ports.get(i - 1);
      evses[i] = new Evse(i, p);
      for (Object port : List.of(p.pilot(), p.contactor(), p.meter(), p.faults())) {
        if (port instanceof Watchdog w && seen.add(port)) {
          dogs.add(w);
        }
      }
    }
    this.watchdogs = List.copyOf(dogs);
  }

  /**
   * Starts the controllers and the supervision tick on the station's scheduler (which exists only
   * once the station does) and names where events go. Call once, on that scheduler's thread.
   */
  public void attach(TaskScheduler stationScheduler, Events sink) {
    if (scheduler != null) {
      throw new IllegalStateException("already attached");
    }
    this.scheduler = stationScheduler;
    this.events = sink;
    for (int i = 1; i < evses.length; i++) {
      Evse e = evses[i];
      // only an EVSE with a phase contactor may switch (E.5), whatever the station-wide rules say
      PilotConfig pilot =
          config.pilot().toBuilder()
              .phaseSwitchingSupported(e.ports.phaseContactor() != null)
              .build();
      e.controller = new PilotController(pilot, stationScheduler, e);
      e.applyLimit();
    }
    scheduleTick();
  }

  /** Stops the tick: watchdogs are no longer kicked, so the boards fall to their failsafe. */
  public void stop() {
    Cancellable t = tick;
    if (t != null) {
      t.cancel();
      tick = null;
    }
  }

  private void scheduleTick() {
    TaskScheduler s = scheduler;
    if (s != null) {
      tick = s.schedule(config.pollInterval(), this::onTick);
    }
  }

  private void onTick() {
    watchdogs.forEach(Watchdog::kick);
    for (int i = 1; i < evses.length; i++) {
      evses[i].supervise();
    }
    scheduleTick();
  }

  /** The fault in force on {@code evse}, as last reported to the station. */
  public FaultCode fault(int evse) {
    return evse(evse).reported;
  }

  /** The EVSE's controller (null before {@link #attach}), for diagnostics and tests. */
  public @Nullable PilotController controller(int evse) {
    return evse(evse).controller;
  }

  @Override
  public MeterReading read(int evse) {
    Evse e = evse(evse);
    return e.ports.meter().read(evse);
  }

  @Override
  public void offerEnergy(int evse, boolean on) {
    Evse e = evse(evse);
    e.offered = on;
    e.applyLimit();
  }

  @Override
  public void offerCurrent(int evse, double amps) {
    Evse e = evse(evse);
    e.limitA = amps;
    e.applyLimit();
  }

  /** The board's display, if it has one; without, display messages are kept but not shown. */
  public void display(Display display) {
    this.display = java.util.Objects.requireNonNull(display, "display");
  }

  @Override
  public void display(io.kilowire.core.station.display.@Nullable DisplayMessage message) {
    display.show(message);
  }

  @Override
  public void displayCost(int evse, @Nullable String text) {
    display.cost(evse, text);
  }

  @Override
  public void displayTariff(
      int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff) {
    display.tariff(evse, tariff);
  }

  /**
   * Declares that the EVSEs speak ISO 15118-20 (through the OEM's own SECC beside these ports), so
   * the station keeps an ISO 15118-20 certificate too (2.1 V2G20Certificate). Off by default.
   */
  public void iso15118Dash20(boolean speaksDash20) {
    this.iso15118Dash20 = speaksDash20;
  }

  @Override
  public boolean iso15118Dash20() {
    return iso15118Dash20;
  }

  /** These ports have no cable lock: unlocking always succeeds. */
  @Override
  public boolean unlock(int evse) {
    evse(evse);
    return true;
  }

  private Evse evse(int evse) {
    if (evse < 1 || evse >= evses.length) {
      throw new IllegalArgumentException("no EVSE " + evse);
    }
    return evses[evse];
  }

  /**
   * The whole amps a {@link CurrentPilot} gets for a PWM signal: the signal's current rounded down
   * to whole amps, never above the limit itself. Duty is floored in 0.06 A steps, so the signal
   * reads up to 0.06 A below the limit; adding back just under one step recovers the whole amp the
   * limit asked for (10 A → 16.6 % → 9.96 A → 10 A) without ever passing {@code limitA}.
   */
  static int wholeAmps(PilotSignal signal, double limitA) {
    int byDuty = (int) Math.floor(PilotDuty.ampsRead(signal.dutyPermille()) + 0.0599);
    int byLimit = (int) Math.floor(limitA);
    return Math.max(PilotDuty.MIN_MILLIAMPS / 1000, Math.min(byDuty, byLimit));
  }

  private final class Evse implements PilotOutput {
    final int id;
    final EvsePorts ports;
    @Nullable PilotController controller;
    boolean offered;
    double limitA = Double.MAX_VALUE;

    /** What the controller wants on the pilot and the contactor. */
    PilotSignal wanted = config.pilot().pauseMode().signal();

    boolean wantedClosed;

    /** What the board was told. */
    boolean closedOnBoard;

    @Nullable Instant contactorCommandAt;

    /**
     * Since when the pilot offers current again after a pause (null while it withholds it): a board
     * that opens its relay itself when the pilot pauses (an OpenEVSE asleep) has not failed while
     * the controller waits for the EV to leave C, and gets the close timeout afresh when current is
     * offered again.
     */
    @Nullable Instant offeringSince;

    int appliedAmps;
    CpState cp = CpState.A;
    @Nullable Instant lastMeterAt;
    FaultCode contactorFault = FaultCode.NONE;
    FaultCode pilotFault = FaultCode.NONE;
    boolean boardFaulted;
    @Nullable PilotSignal forcedSignal;
    FaultCode reported = FaultCode.NONE;

    Evse(int id, EvsePorts ports) {
      this.id = id;
      this.ports = ports;
    }

    double wantedA() {
      return offered ? Math.min(config.maxCurrentA(), limitA) : 0;
    }

    void applyLimit() {
      PilotController c = controller;
      if (c == null) {
        return;
      }
      c.setLimit(wantedA());
      // Same duty, lower whole amps (say 10.99 A → 10.5 A): a current board still needs it.
      if (!forcedOff()
          && wanted.offersCurrent()
          && ports.pilot() instanceof CurrentPilot
          && wholeAmps(wanted, wantedA()) != appliedAmps) {
        drivePilot(wanted);
      }
    }

    boolean forcedOff() {
      return contactorFault != FaultCode.NONE || boardFaulted;
    }

    // ------------------------------------------------------------ controller effects

    @Override
    public void pilot(PilotSignal signal) {
      wanted = signal;
      if (!forcedOff()) {
        drivePilot(signal);
      }
    }

    @Override
    public void contactor(boolean closed) {
      wantedClosed = closed;
      if (!forcedOff()) {
        driveContactor(closed);
      }
    }

    @Override
    public void phases(int count) {
      PhaseContactor p = ports.phaseContactor();
      if (p != null) {
        p.switchTo(count);
      }
    }

    @Override
    public void fault(PilotFault fault) {
      pilotFault = fault.kind().faultCode();
      // Reported from the tick: the controller is mid-step here, the station must not re-enter it.
    }

    void drivePilot(PilotSignal signal) {
      boolean offers = signal.offersCurrent() || signal.equals(PilotSignal.HLC);
      if (!offers) {
        offeringSince = null;
      } else if (offeringSince == null) {
        offeringSince = now();
      }
      if (signal.offersCurrent() && ports.pilot() instanceof CurrentPilot board) {
        appliedAmps = wholeAmps(signal, wantedA());
        board.setCurrent(appliedAmps);
      } else {
        appliedAmps = 0;
        ports.pilot().apply(signal);
      }
    }

    void driveContactor(boolean closed) {
      if (closed == closedOnBoard && contactorCommandAt != null) {
        return;
      }
      closedOnBoard = closed;
      contactorCommandAt = now();
      if (closed) {
        ports.contactor().close();
      } else {
        ports.contactor().open();
      }
    }

    // ------------------------------------------------------------ supervision

    void supervise() {
      PilotController c = controller;
      if (c == null) {
        return;
      }
      followCp(c);
      followMeter(c);
      FaultInputs in = ports.faults();
      boolean rcd = in.rcdTripped(id);
      boolean hot = in.overTemperature(id);
      if (rcd || hot) {
        c.onFaultInputs(rcd, hot);
      }
      boolean wasOff = forcedOff();
      boardFaulted = in.boardFault(id);
      superviseContactor();
      if (forcedOff()) {
        forceOff();
      } else if (wasOff) {
        // Every cause is gone: back to what the controller wants.
        forcedSignal = null;
        drivePilot(wanted);
        driveContactor(wantedClosed);
      }
      if (pilotFault != FaultCode.NONE && cp == CpState.A && !rcd && !hot && !c.stopped()) {
        pilotFault = FaultCode.NONE;
      }
      report();
    }

    private void followCp(PilotController c) {
      CpState now = ports.pilot().state();
      if (now == cp) {
        return;
      }
      CpState before = cp;
      cp = now;
      c.onCpState(now);
      if (now == CpState.E || now == CpState.F) {
        return; // the pilot is off or shorted: neither a plug nor an unplug
      }
      boolean wasPlugged = before != CpState.A;
      boolean plugged = now != CpState.A;
      boolean wasCharging = before.requestsEnergy();
      boolean charging = now.requestsEnergy();
      if (wasCharging && !charging) {
        events.evCharging(id, false);
      }
      if (!wasPlugged && plugged) {
        events.plugIn(id);
      } else if (wasPlugged && !plugged) {
        events.unplug(id);
      }
      if (!wasCharging && charging) {
        events.evCharging(id, true);
      }
    }

    private void followMeter(PilotController c) {
      MeterReading r;
      try {
        r = ports.meter().read(id);
      } catch (RuntimeException noReading) {
        return; // no reading is no reading; the meter port reports its own trouble
      }
      Instant last = lastMeterAt;
      if (last == null || r.at().isAfter(last)) {
        lastMeterAt = r.at();
        c.onMeter(r);
      }
    }

    private boolean switchingPhases() {
      PilotController c = controller;
      return c != null && c.phaseSwitchState() != PhaseSwitch.State.IDLE;
    }

    private void superviseContactor() {
      Instant since = contactorCommandAt;
      Contactor k = ports.contactor();
      Instant now = now();
      switch (contactorFault) {
        case WELDED_CONTACTOR -> {
          if (!k.welded() && !k.feedbackClosed()) {
            contactorFault = FaultCode.NONE;
          }
        }
        case CONTACTOR_FAILURE -> {
          if (cp == CpState.A) {
            contactorFault = FaultCode.NONE;
          }
        }
        default -> {
          if (closedOnBoard) {
            // a board that opens its relay itself at a paused pilot (an OpenEVSE asleep) has not
            // failed while a pause or a phase switch waits for the EV to leave C
            Instant offering = offeringSince;
            Instant from = since == null || offering == null ? null : later(since, offering);
            if (from != null
                && !k.feedbackClosed()
                && !switchingPhases()
                && !now.isBefore(from.plus(config.contactorCloseTimeout()))) {
              contactorFault = FaultCode.CONTACTOR_FAILURE;
            }
          } else if (k.welded()
              || (k.feedbackClosed()
                  && (since == null || !now.isBefore(since.plus(config.contactorOpenTimeout()))))) {
            contactorFault = FaultCode.WELDED_CONTACTOR;
          }
        }
      }
    }

    /**
     * Pilot off (state F) and contactor open. A contactor that failed to close only pauses the
     * pilot (+12 V), so that the EV's unplug, which clears that fault, stays visible.
     */
    private void forceOff() {
      PilotSignal off =
          contactorFault == FaultCode.CONTACTOR_FAILURE
              ? PilotSignal.CONSTANT_HIGH
              : PilotSignal.OFF;
      if (!off.equals(forcedSignal)) {
        forcedSignal = off;
        appliedAmps = 0;
        ports.pilot().apply(off);
      }
      driveContactor(false);
    }

    private void report() {
      FaultCode code = current();
      if (code != reported) {
        reported = code;
        events.fault(id, code);
      }
    }

    private FaultCode current() {
      if (contactorFault != FaultCode.NONE) {
        return contactorFault;
      }
      if (pilotFault != FaultCode.NONE) {
        return pilotFault;
      }
      return boardFaulted ? FaultCode.OTHER : FaultCode.NONE;
    }

    private static Instant later(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }

    private Instant now() {
      TaskScheduler s = scheduler;
      if (s == null) {
        throw new IllegalStateException("not attached");
      }
      return s.now();
    }
  }
}
