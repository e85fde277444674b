package io.kilowire.core.hal;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.TaskScheduler.Cancellable;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The board-side lease rule, as a reference for board firmware and as the simulated board of the
 * emulator: it applies each {@link Setpoint} to the pilot and contactor ports and, when the lease
 * lapses without a renewal, falls to the {@link Failsafe} by itself. Not thread-safe; one owner
 * drives it on the scheduler's thread.
 */
public final class LeasedPilot {
  /** IEC 61851-1 seq 10.2: open under load if the EV ignores the pause this long (E.3). */
  public static final Duration OPEN_UNDER_LOAD_AFTER = Duration.ofSeconds(6);

  private final ControlPilot pilot;
  private final Contactor contactor;
  private final TaskScheduler scheduler;
  private final Failsafe failsafe;
  private @Nullable Cancellable leaseTimer;
  private @Nullable Cancellable openTimer;
  private boolean inFailsafe;

  public LeasedPilot(
      ControlPilot pilot, Contactor contactor, TaskScheduler scheduler, Failsafe failsafe) {
    this.pilot = pilot;
    this.contactor = contactor;
    this.scheduler = scheduler;
    this.failsafe = failsafe;
  }

  /**
   * Applies {@code setpoint} and arms its lease. A setpoint whose lease has already lapsed is not
   * applied: the board goes to the failsafe instead.
   */
  public void apply(Setpoint setpoint) {
    cancelTimers();
    Duration left = Duration.between(scheduler.now(), setpoint.validUntil());
    if (left.isNegative() || left.isZero()) {
      lapse();
      return;
    }
    inFailsafe = false;
    pilot.apply(setpoint.pilot());
    if (setpoint.contactorClosed()) {
      contactor.close();
    } else {
      contactor.open();
    }
    leaseTimer = scheduler.schedule(left, this::lapse);
  }

  /** The board saw the CP state change; during a failsafe pause, B lets the contactor open. */
  public void onCpState(CpState state) {
    if (inFailsafe && failsafe == Failsafe.PAUSE && !state.requestsEnergy()) {
      openNow();
    }
  }

  /** True after a lease lapsed and until the next valid setpoint. */
  public boolean inFailsafe() {
    return inFailsafe;
  }

  private void lapse() {
    leaseTimer = null;
    inFailsafe = true;
    pilot.apply(failsafe.signal());
    if (failsafe == Failsafe.PAUSE) {
      if (pilot.state().requestsEnergy()) {
        openTimer = scheduler.schedule(OPEN_UNDER_LOAD_AFTER, this::openNow);
      } else {
        contactor.open();
      }
    }
  }

  private void openNow() {
    if (openTimer != null) {
      openTimer.cancel();
      openTimer = null;
    }
    contactor.open();
  }

  private void cancelTimers() {
    if (leaseTimer != null) {
      leaseTimer.cancel();
      leaseTimer = null;
    }
    if (openTimer != null) {
      openTimer.cancel();
      openTimer = null;
    }
  }
}
