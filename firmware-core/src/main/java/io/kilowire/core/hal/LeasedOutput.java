package io.kilowire.core.hal;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.TaskScheduler.Cancellable;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The controller side of the lease rule: turns a {@link PilotController}'s pilot and contactor
 * effects into leased {@link Setpoint}s for a board, sent at once on every change and renewed every
 * half lease while the controller lives. Phase, HLC and fault effects pass through unchanged.
 */
public final class LeasedOutput implements PilotOutput {
  private final TaskScheduler scheduler;
  private final Duration lease;
  private final Consumer<Setpoint> board;
  private final PilotOutput rest;
  private @Nullable PilotSignal pilot;
  private boolean contactorClosed;
  private @Nullable Cancellable renewal;

  /**
   * @param lease how long each setpoint holds; renewals go out every half lease
   * @param board where setpoints go (the board driver)
   * @param rest receives phase, HLC-limit and fault effects
   */
  public LeasedOutput(
      TaskScheduler scheduler, Duration lease, Consumer<Setpoint> board, PilotOutput rest) {
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: " + lease);
    }
    this.scheduler = scheduler;
    this.lease = lease;
    this.board = board;
    this.rest = rest;
  }

  @Override
  public void pilot(PilotSignal signal) {
    pilot = signal;
    send();
  }

  @Override
  public void contactor(boolean closed) {
    contactorClosed = closed;
    if (pilot != null) {
      send();
    }
  }

  @Override
  public void phases(int count) {
    rest.phases(count);
  }

  @Override
  public void hlcLimit(double amps) {
    rest.hlcLimit(amps);
  }

  @Override
  public void fault(PilotFault fault) {
    rest.fault(fault);
  }

  /** Stops renewing, so the board falls to its failsafe when the last lease lapses. */
  public void stop() {
    if (renewal != null) {
      renewal.cancel();
      renewal = null;
    }
  }

  private void send() {
    stop();
    PilotSignal p = pilot;
    if (p == null) {
      return;
    }
    board.accept(new Setpoint(p, contactorClosed, scheduler.now().plus(lease)));
    renewal = scheduler.schedule(lease.dividedBy(2), this::send);
  }
}
