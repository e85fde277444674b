package io.kilowire.core.hal;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.TaskScheduler.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Turns the effective limit of one EVSE into control-pilot, contactor and phase-contactor effects
 * (SPEC-FACTS E). Pure: driven by method calls (limit, CP state, meter reading, HLC on/off, phase
 * request) and by timers from the injected scheduler; every effect goes to the {@link PilotOutput}
 * once, at the moment it changes. Not thread-safe; call it on the scheduler's thread.
 *
 * <p>Rules: duty from {@link PilotDuty} (0.1 % steps, rounded down in current); below 6 A pause;
 * resume at 6 A + hysteresis, or at 6 A once paused for the minimum pause time; at most one raise
 * per raise interval (to the latest limit), decreases at once; 5 % while ISO 15118 is active; an EV
 * above the signalled current plus tolerance for longer than the response window is stopped. Before
 * the first limit the pilot is assumed to show the pause signal.
 */
public final class PilotController {
  private final PilotConfig config;
  private final TaskScheduler scheduler;
  private final PilotOutput out;

  private double limitL1;
  private double limitL2;
  private double limitL3;
  private int phases;

  private PilotSignal pilot;
  private boolean contactorClosed;
  private CpState cp = CpState.A;
  private boolean hlc;
  private double hlcLimitSent = Double.NaN;
  private boolean stopped;

  /** When the pilot last stopped offering current; null while offering or before any session. */
  private @Nullable Instant pausedSince;

  private @Nullable Instant lastRaiseAt;
  private @Nullable Cancellable raiseTimer;
  private @Nullable Cancellable resumeTimer;
  private @Nullable Cancellable openTimer;
  private @Nullable Cancellable overTimer;
  private @Nullable Instant overSince;
  private boolean lastReadingOver;

  private PhaseSwitch.State switchState = PhaseSwitch.State.IDLE;
  private int switchTarget;
  private @Nullable Cancellable switchTimer;

  public PilotController(PilotConfig config, TaskScheduler scheduler, PilotOutput out) {
    this.config = config;
    this.scheduler = scheduler;
    this.out = out;
    this.phases = config.phases();
    this.pilot = config.pauseMode().signal();
  }

  // ---------------------------------------------------------------- inputs

  /** The effective limit in amps, the same on every phase. */
  public void setLimit(double amps) {
    setLimit(amps, amps, amps);
  }

  /** The effective limit per phase; the pilot signals the minimum over the phases in use. */
  public void setLimit(double l1, double l2, double l3) {
    limitL1 = l1;
    limitL2 = l2;
    limitL3 = l3;
    evaluate();
  }

  /** The CP state the board reads changed. */
  public void onCpState(CpState state) {
    cp = state;
    if (state == CpState.A) {
      // Unplugged: a stop ends with the session, and the next session needs no pause hysteresis.
      stopped = false;
      pausedSince = null;
    }
    if (switchState == PhaseSwitch.State.WAIT_FOR_B && !state.requestsEnergy()) {
      fire(PhaseSwitch.Event.EV_IN_B);
      return;
    }
    evaluate();
  }

  /** ISO 15118 / DIN 70121 high-level communication started or ended (E.4). */
  public void setHlcActive(boolean active) {
    if (hlc == active) {
      return;
    }
    hlc = active;
    hlcLimitSent = Double.NaN;
    if (!active) {
      // Back to PWM in one step (5 % reads as 0 A): no hysteresis and no raise interval to wait.
      pausedSince = null;
      lastRaiseAt = null;
    }
    evaluate();
  }

  /** A reading of the EVSE's meter: checks that the EV follows the signalled current. */
  public void onMeter(MeterReading reading) {
    int allowed = signalledMilliamps();
    if (allowed == 0 || !contactorClosed || hlc || stopped || switching()) {
      clearOvercurrent();
      return;
    }
    double drawn = reading.currentA().l1();
    if (phases == 3) {
      drawn = Math.max(drawn, Math.max(reading.currentA().l2(), reading.currentA().l3()));
    }
    double tolerance =
        Math.max(
            config.overcurrentToleranceA(),
            allowed / 1000.0 * config.overcurrentTolerancePercent() / 100.0);
    lastReadingOver = drawn > allowed / 1000.0 + tolerance;
    if (!lastReadingOver) {
      clearOvercurrent();
    } else if (overSince == null) {
      overSince = scheduler.now();
      overTimer = scheduler.schedule(config.responseWindow(), this::overcurrentWindowEnded);
    }
  }

  /**
   * Asks to switch to {@code count} phases (E.5). False if the hardware cannot, the count is
   * already in use, or a switch is in progress.
   */
  public boolean requestPhases(int count) {
    if (!config.phaseSwitchingSupported()
        || (count != 1 && count != 3)
        || count == phases
        || switching()) {
      return false;
    }
    switchTarget = count;
    fire(PhaseSwitch.Event.REQUEST);
    return true;
  }

  /**
   * Reports the board's {@link FaultInputs}. A trip stops charging like an over-current stop and
   * raises one fault; an RCD trip also opens the contactor at once rather than waiting for B,
   * because the residual current is the hazard. Inputs going quiet do not resume: that takes an
   * unplug or {@link #clearFault()}.
   */
  public void onFaultInputs(boolean rcdTripped, boolean overTemperature) {
    if (stopped || (!rcdTripped && !overTemperature)) {
      return;
    }
    stopWith(
        rcdTripped ? PilotFault.Kind.RCD_TRIPPED : PilotFault.Kind.OVER_TEMPERATURE,
        rcdTripped ? "RCD tripped" : "over-temperature input active");
    if (rcdTripped) {
      cancelOpenTimer();
      emitContactor(false);
    }
  }

  /** Clears an over-current stop without an unplug (e.g. on an operator's command). */
  public void clearFault() {
    stopped = false;
    evaluate();
  }

  // ---------------------------------------------------------------- observers

  public PilotSignal pilot() {
    return pilot;
  }

  public boolean contactorClosed() {
    return contactorClosed;
  }

  public int phases() {
    return phases;
  }

  public boolean stopped() {
    return stopped;
  }

  public PhaseSwitch.State phaseSwitchState() {
    return switchState;
  }

  /** The current the EV reads from the pilot now, in amps (0 when not offering by PWM). */
  public double signalledAmps() {
    return signalledMilliamps() / 1000.0;
  }

  // ---------------------------------------------------------------- pilot

  private void evaluate() {
    if (switching()) {
      return; // the phase-switch sequence owns the pilot until it reconnects
    }
    if (stopped) {
      pause();
      if (hlc) {
        emitHlcLimit(0); // a stopped EVSE offers nothing through the link either
      }
    } else if (hlc) {
      emitPilot(PilotSignal.HLC);
      cancelRaise();
      emitHlcLimit(PilotDuty.milliampsFloor(effectiveLimit()) / 1000.0);
    } else {
      evaluatePwm();
    }
    updateContactor();
  }

  private void evaluatePwm() {
    int limitMa = PilotDuty.milliampsFloor(effectiveLimit());
    OptionalInt duty = PilotDuty.dutyPermilleFor(effectiveLimit());
    int current = signalledMilliamps();
    if (duty.isEmpty()) {
      cancelRaise();
      pause();
      return;
    }
    int wanted = PilotDuty.milliampsRead(duty.getAsInt());
    if (current > 0 && wanted <= current) {
      if (wanted < current) {
        // Decreases apply at once; the EV gets a fresh response window (E.3).
        cancelRaise();
        clearOvercurrent();
        emitPilot(PilotSignal.pwm(duty.getAsInt()));
      }
      return;
    }
    if (current == 0 && !resumeAllowed(limitMa)) {
      return;
    }
    Instant now = scheduler.now();
    if (lastRaiseAt != null && now.isBefore(lastRaiseAt.plus(config.raiseInterval()))) {
      if (raiseTimer == null) {
        // The timer re-evaluates, so the raise goes to whatever the limit is by then.
        raiseTimer =
            scheduler.schedule(
                Duration.between(now, lastRaiseAt.plus(config.raiseInterval())),
                () -> {
                  raiseTimer = null;
                  evaluate();
                });
      }
      return;
    }
    lastRaiseAt = now;
    cancelTimer(resumeTimer);
    resumeTimer = null;
    pausedSince = null;
    emitPilot(PilotSignal.pwm(duty.getAsInt()));
  }

  /** Hysteresis against flapping around 6 A (E.1 minimum AC current). */
  private boolean resumeAllowed(int limitMa) {
    if (pausedSince == null) {
      return true;
    }
    if (limitMa >= PilotDuty.MIN_MILLIAMPS + PilotDuty.milliampsFloor(config.resumeHysteresisA())) {
      return true;
    }
    Instant resumeAt = pausedSince.plus(config.minPauseTime());
    if (!scheduler.now().isBefore(resumeAt)) {
      return true;
    }
    if (resumeTimer == null) {
      resumeTimer =
          scheduler.schedule(
              Duration.between(scheduler.now(), resumeAt),
              () -> {
                resumeTimer = null;
                evaluate();
              });
    }
    return false;
  }

  private void pause() {
    if (signalledMilliamps() > 0 || pilot.equals(PilotSignal.HLC)) {
      pausedSince = scheduler.now();
    }
    clearOvercurrent();
    emitPilot(config.pauseMode().signal());
  }

  private double effectiveLimit() {
    return phases == 1 ? limitL1 : Math.min(limitL1, Math.min(limitL2, limitL3));
  }

  private int signalledMilliamps() {
    return pilot.mode() == PilotSignal.Mode.PWM ? PilotDuty.milliampsRead(pilot.dutyPermille()) : 0;
  }

  private boolean offering() {
    return signalledMilliamps() > 0 || (hlc && pilot.equals(PilotSignal.HLC));
  }

  // ---------------------------------------------------------------- contactor

  private void updateContactor() {
    boolean want = cp.requestsEnergy() && offering() && !stopped && !switching();
    if (want) {
      cancelOpenTimer();
      emitContactor(true); // seq 4: close once the EV asks with PWM on (E.3)
    } else if (contactorClosed) {
      if (!cp.requestsEnergy()) {
        cancelOpenTimer();
        emitContactor(false); // seq 8.1: EV left C, open at once (E.3)
      } else if (openTimer == null) {
        // seq 10.2: the EV should go to B within 3 s; open under load after 6 s (E.3, E.4).
        openTimer =
            scheduler.schedule(
                config.openUnderLoadAfter(),
                () -> {
                  openTimer = null;
                  emitContactor(false);
                });
      }
    }
  }

  private void cancelOpenTimer() {
    cancelTimer(openTimer);
    openTimer = null;
  }

  // ---------------------------------------------------------------- over-current

  private void overcurrentWindowEnded() {
    overTimer = null;
    if (!lastReadingOver || overSince == null) {
      return;
    }
    stopWith(
        PilotFault.Kind.EV_OVERCURRENT,
        "EV above " + signalledAmps() + " A (+ tolerance) since " + overSince);
  }

  private void stopWith(PilotFault.Kind kind, String detail) {
    stopped = true;
    cancelRaise();
    if (!switching()) {
      pause();
    }
    if (hlc) {
      emitHlcLimit(0);
    }
    out.fault(new PilotFault(kind, scheduler.now(), detail));
    updateContactor();
  }

  private void clearOvercurrent() {
    cancelTimer(overTimer);
    overTimer = null;
    overSince = null;
    lastReadingOver = false;
  }

  // ---------------------------------------------------------------- phase switching

  private boolean switching() {
    return switchState != PhaseSwitch.State.IDLE;
  }

  private void fire(PhaseSwitch.Event event) {
    PhaseSwitch.Step step = PhaseSwitch.step(switchState, event);
    switchState = step.next();
    switch (step.action()) {
      case NONE -> {}
      case PAUSE_AND_WAIT -> {
        cancelRaise();
        clearOvercurrent();
        cancelOpenTimer();
        if (signalledMilliamps() > 0 || pilot.equals(PilotSignal.HLC)) {
          pausedSince = scheduler.now();
        }
        emitPilot(PilotSignal.FULL_DUTY); // step 1
        if (!cp.requestsEnergy() || !contactorClosed) {
          fire(PhaseSwitch.Event.EV_IN_B);
        } else {
          switchTimer =
              scheduler.schedule(
                  config.phaseSwitchWaitForB(), () -> fire(PhaseSwitch.Event.B_TIMEOUT));
        }
      }
      case OPEN_AND_DISCONNECT -> disconnect(config.phaseSwitchReconnectDelay());
      case OPEN_UNDER_LOAD_AND_DISCONNECT ->
          disconnect(config.phaseSwitchReconnectDelayAfterLoadOpen());
      case RECONNECT -> {
        switchTimer = null;
        pausedSince = null; // the switch was not a limit pause: no hysteresis on the way back
        evaluate();
      }
    }
  }

  private void disconnect(Duration reconnectAfter) {
    cancelTimer(switchTimer);
    emitContactor(false); // step 2
    emitPilot(PilotSignal.OFF); // step 3
    phases = switchTarget;
    out.phases(switchTarget); // step 4
    switchTimer = scheduler.schedule(reconnectAfter, () -> fire(PhaseSwitch.Event.RECONNECT_DUE));
  }

  // ---------------------------------------------------------------- effects, once per change

  private void emitPilot(PilotSignal signal) {
    if (!signal.equals(pilot)) {
      pilot = signal;
      out.pilot(signal);
    }
  }

  private void emitHlcLimit(double amps) {
    if (amps != hlcLimitSent) {
      hlcLimitSent = amps;
      out.hlcLimit(amps);
    }
  }

  private void emitContactor(boolean closed) {
    if (closed != contactorClosed) {
      contactorClosed = closed;
      out.contactor(closed);
    }
  }

  private void cancelRaise() {
    cancelTimer(raiseTimer);
    raiseTimer = null;
  }

  private static void cancelTimer(@Nullable Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }
}
