package io.kilowire.hardware.board;

import io.kilowire.core.hal.Contactor;
import io.kilowire.core.hal.CpState;
import io.kilowire.core.hal.CurrentPilot;
import io.kilowire.core.hal.FaultInputs;
import io.kilowire.core.hal.PilotDuty;
import io.kilowire.core.hal.Watchdog;
import io.kilowire.hardware.rapi.EvseState;
import io.kilowire.hardware.rapi.RapiBoard;
import io.kilowire.hardware.rapi.RapiBootNotification;
import io.kilowire.hardware.rapi.RapiException;
import io.kilowire.hardware.rapi.RapiFault;
import io.kilowire.hardware.rapi.RapiListener;
import io.kilowire.hardware.rapi.RapiStateNotification;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenEVSE board (one EVSE) over RAPI as the HAL's {@link CurrentPilot}, {@link FaultInputs}
 * and {@link Watchdog}, with its relay as the {@link Contactor} ({@link #contactor()}).
 *
 * <ul>
 *   <li><b>Pilot.</b> The board makes the PWM from a current in whole amps: {@link #setCurrent} →
 *       {@code $SC amps V} (and {@code $FE} when it was sleeping); pause ({@link #setConstantHigh})
 *       → {@code $FS}; off ({@link #setOff}, state F) → {@code $FD}. A duty cycle ({@link
 *       #setDuty}) is turned back into whole amps, rounded down. The CP state comes from {@code
 *       $AT} notifications and a {@code $GS} with every heartbeat.
 *   <li><b>Contactor.</b> The board switches its relay itself (closed in state C while enabled):
 *       {@code close()} and {@code open()} change nothing, the feedback is the board's charging
 *       state, {@code STUCK_RELAY} is a welded contact.
 *   <li><b>Faults.</b> GFCI trip or failed GFI self-test → RCD; over-temperature →
 *       over-temperature; no ground, diode check, over-current, ventilation required, or a lost
 *       link ({@link RapiBoard#health()} {@code FAULT}) → board fault.
 *   <li><b>Lease.</b> {@code $SY seconds failsafeAmps} on start and after every {@code $AB}: the
 *       board drops to {@code failsafeAmps} when no {@code $SY} pulse arrives for {@code seconds}.
 *       Pulses go out only from {@link #kick()}, which the station thread calls on every tick, so a
 *       hung station stops them. A missed pulse ({@code $NK}) is acknowledged and the current
 *       re-applied.
 * </ul>
 *
 * <p>Board I/O runs on this adapter's own thread; the HAL calls only record what is wanted and
 * return at once, and only the newest wish is sent.
 */
public final class RapiEvse
    implements CurrentPilot, FaultInputs, Watchdog, RapiListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RapiEvse.class);

  /**
   * @param heartbeat the lease: the board falls to {@code failsafeAmps} this long after the last
   *     pulse (whole seconds, at least 1)
   * @param failsafeAmps the board's current without a controller (0 pauses charging)
   */
  public record Lease(Duration heartbeat, int failsafeAmps) {
    public Lease {
      if (heartbeat == null || heartbeat.toSeconds() < 1) {
        throw new IllegalArgumentException("heartbeat must be at least 1 s: " + heartbeat);
      }
      if (failsafeAmps < 0 || failsafeAmps > 80) {
        throw new IllegalArgumentException("failsafeAmps out of range: " + failsafeAmps);
      }
    }
  }

  /** What the pilot should show: whole amps (≥ 6), or {@link #SLEEP} / {@link #DISABLED}. */
  private static final int SLEEP = 0;

  private static final int DISABLED = -1;

  private final Lease lease;
  private final ExecutorService commands;
  private volatile @Nullable RapiBoard board;

  private volatile int wanted = SLEEP;
  private volatile @Nullable Integer applied;
  private volatile boolean syncQueued;
  private volatile EvseState evseState = EvseState.UNKNOWN;
  private volatile EvseState pilotState = EvseState.UNKNOWN;
  private volatile long lastPulseNanos;
  private volatile boolean pulseQueued;

  private RapiEvse(Lease lease, String name) {
    this.lease = lease;
    this.commands =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "rapi-evse-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens the board, arms its heartbeat supervision, reads its state and puts it to sleep until the
   * station offers current. Fails if the port cannot be opened or the board does not answer.
   */
  public static RapiEvse open(RapiBoard.Config config, Lease lease) throws IOException {
    RapiEvse evse = new RapiEvse(lease, config.portPath());
    try {
      RapiBoard b = RapiBoard.open(config, evse);
      evse.board = b;
      evse.call(
          () -> {
            evse.arm(b);
            evse.refresh(b);
            evse.sync();
          });
    } catch (IOException | RuntimeException e) {
      evse.close();
      throw e;
    }
    return evse;
  }

  private interface BoardTask {
    void run() throws RapiException;
  }

  private void call(BoardTask task) throws IOException {
    try {
      commands
          .submit(
              () -> {
                task.run();
                return null;
              })
          .get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException failure) {
        throw failure;
      }
      throw new IOException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("RAPI board did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private void submit(BoardTask task) {
    if (commands.isShutdown()) {
      return;
    }
    commands.execute(
        () -> {
          try {
            task.run();
          } catch (RapiException e) {
            // health() is FAULT now: the next kick retries, the station hears a board fault.
            applied = null;
            LOG.warn("RAPI board command failed: {}", e.getMessage());
          }
        });
  }

  private RapiBoard board() {
    RapiBoard b = board;
    if (b == null) {
      throw new IllegalStateException("not open");
    }
    return b;
  }

  private void arm(RapiBoard b) throws RapiException {
    b.superviseHeartbeat((int) lease.heartbeat().toSeconds(), lease.failsafeAmps());
    lastPulseNanos = System.nanoTime();
  }

  private void refresh(RapiBoard b) throws RapiException {
    b.status();
    adoptReportedState(b);
  }

  /** Takes the newest state in wire order, so a stale $GS reply never undoes a later $AT. */
  private void adoptReportedState(RapiBoard b) {
    RapiBoard.ReportedState s = b.reportedState();
    if (s != null) {
      evseState = s.evseState();
      pilotState = s.pilotState();
    }
  }

  /** Brings the board to the newest wish, once; called on the I/O thread. */
  private void sync() throws RapiException {
    syncQueued = false;
    int w = wanted;
    Integer a = applied;
    if (a != null && a == w) {
      return;
    }
    RapiBoard b = board();
    if (w == SLEEP) {
      b.sleep();
    } else if (w == DISABLED) {
      b.disable();
    } else {
      b.setCurrent(w);
      if (a == null || a <= SLEEP) {
        b.enable();
      }
    }
    applied = w;
  }

  /** Whether the board has taken "pilot off" ({@code $FD}) and holds it. */
  boolean pilotOffOnBoard() {
    Integer a = applied;
    return a != null && a == DISABLED && wanted == DISABLED;
  }

  /** Whether the station wants the pilot off (on the board now or soon). */
  boolean pilotOffWanted() {
    return wanted == DISABLED;
  }

  private void want(int w) {
    wanted = w;
    if (!syncQueued) {
      syncQueued = true;
      submit(this::sync);
    }
  }

  // ------------------------------------------------------------------ ControlPilot

  @Override
  public void setCurrent(int amps) {
    want(Math.max(6, Math.min(80, amps)));
  }

  /** A duty cycle: the board takes amps, so this offers the duty's current, rounded down. */
  @Override
  public void setDuty(int dutyPermille) {
    int amps = (int) Math.floor(PilotDuty.ampsRead(dutyPermille));
    want(amps >= 6 ? amps : SLEEP);
  }

  @Override
  public void setConstantHigh() {
    want(SLEEP);
  }

  @Override
  public void setOff() {
    want(DISABLED);
  }

  @Override
  public CpState state() {
    CpState byPilot = cp(pilotState);
    if (byPilot != null) {
      return byPilot;
    }
    CpState byEvse = cp(evseState);
    if (byEvse != null) {
      return byEvse;
    }
    return evseState.isFault() ? CpState.F : CpState.A;
  }

  private static @Nullable CpState cp(EvseState s) {
    return switch (s) {
      case NOT_CONNECTED -> CpState.A;
      case CONNECTED -> CpState.B;
      case CHARGING -> CpState.C;
      case VENT_REQUIRED -> CpState.D;
      default -> null;
    };
  }

  // ------------------------------------------------------------------ Contactor

  /** The board's relay as the HAL's contactor. */
  public Contactor contactor() {
    return relay;
  }

  private final Contactor relay =
      new Contactor() {
        /** The board closes its relay itself when the EV asks (state C) and it is enabled. */
        @Override
        public void close() {}

        /** The board opens its relay itself when it sleeps, is disabled or the EV stops asking. */
        @Override
        public void open() {}

        @Override
        public boolean feedbackClosed() {
          return evseState == EvseState.CHARGING;
        }

        @Override
        public boolean welded() {
          return evseState == EvseState.STUCK_RELAY;
        }
      };

  // ------------------------------------------------------------------ FaultInputs

  @Override
  public boolean rcdTripped(int evse) {
    EvseState s = evseState;
    return s == EvseState.GFCI_FAULT || s == EvseState.GFI_SELF_TEST_FAILED;
  }

  @Override
  public boolean overTemperature(int evse) {
    return evseState == EvseState.OVER_TEMPERATURE;
  }

  @Override
  public boolean boardFault(int evse) {
    RapiBoard b = board;
    if (b != null && b.health() == RapiBoard.Health.FAULT) {
      return true;
    }
    return switch (evseState) {
      case NO_GROUND, DIODE_CHECK_FAILED, OVER_CURRENT, VENT_REQUIRED -> true;
      default -> false;
    };
  }

  // ------------------------------------------------------------------ Watchdog

  /**
   * The station is alive: sends a {@code $SY} pulse (and refreshes the state with {@code $GS}) at
   * most every third of the heartbeat, and retries a wish the board has not taken.
   */
  @Override
  public void kick() {
    long due = lastPulseNanos + lease.heartbeat().toNanos() / 3;
    if (!pulseQueued && System.nanoTime() - due >= 0) {
      pulseQueued = true;
      submit(this::pulse);
    }
    if (applied == null || applied != wanted) {
      want(wanted);
    }
  }

  private void pulse() throws RapiException {
    pulseQueued = false;
    lastPulseNanos = System.nanoTime();
    RapiBoard b = board();
    if (!b.heartbeatPulse()) {
      LOG.warn("RAPI board missed a heartbeat and is at its failsafe current; restoring");
      b.acknowledgeMissedHeartbeat();
      applied = null;
      sync();
    }
    refresh(b);
  }

  // ------------------------------------------------------------------ RapiListener

  @Override
  public void onStateChanged(RapiStateNotification state) {
    RapiBoard b = board;
    if (b != null) {
      adoptReportedState(b);
    } else {
      evseState = state.evseState();
      pilotState = state.pilotState();
    }
  }

  /** The board lost its volatile settings: heartbeat supervision and current go out again. */
  @Override
  public void onBoot(RapiBootNotification boot) {
    LOG.warn("RAPI board rebooted; re-applying heartbeat supervision and current");
    submit(
        () -> {
          RapiBoard b = board();
          arm(b);
          applied = null;
          sync();
          refresh(b);
        });
  }

  @Override
  public void onFault(RapiFault fault) {
    LOG.debug("RAPI link fault: {}", fault);
  }

  /** The board's state as last reported, for diagnostics. */
  public EvseState evseState() {
    return evseState;
  }

  @Override
  public void close() {
    commands.shutdownNow();
    try {
      commands.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RapiBoard b = board;
    if (b != null) {
      b.close();
    }
  }
}
