package io.kilowire.emulator.station;

import io.kilowire.core.hal.Iso15118Link;
import io.kilowire.core.scheduling.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The EV's end of ISO 15118 in the emulator, with no EXI and no session states: an HLC-capable EV
 * starts a session and states its needs when it plugs in, takes the limits the station offers, and
 * stops drawing when an offer's lease lapses unrenewed. Runs on the station's thread.
 */
final class SimulatedIso15118Link implements Iso15118Link {
  private final Clock clock;
  private final TaskScheduler scheduler;
  private final IntConsumer changed;
  private final Map<Integer, HlcLimits> offers = new HashMap<>();
  private final Map<Integer, Boolean> sessions = new HashMap<>();
  private @Nullable Listener listener;

  /**
   * @param changed told the EVSE whenever what its EV may draw changes (an offer, a lapsed lease)
   */
  SimulatedIso15118Link(Clock clock, TaskScheduler scheduler, IntConsumer changed) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.changed = changed;
  }

  @Override
  public void setListener(Listener listener) {
    this.listener = listener;
  }

  @Override
  public void offerLimits(int evse, HlcLimits limits) {
    if (!active(evse)) {
      return;
    }
    offers.put(evse, limits);
    changed.accept(evse);
    Duration left = Duration.between(clock.instant(), limits.validUntil());
    if (!left.isNegative()) {
      // If nothing renews it, the EV re-reads the (then lapsed) offer and stops.
      scheduler.schedule(left, () -> changed.accept(evse));
    }
  }

  /** The EV plugs in and starts high-level communication. */
  void start(int evse, EvChargingNeeds needs) {
    sessions.put(evse, true);
    Listener l = listener;
    if (l != null) {
      l.sessionActive(evse, true);
      l.chargingNeeds(evse, needs);
    }
  }

  /** The EV leaves. */
  void stop(int evse) {
    if (sessions.remove(evse) == null) {
      return;
    }
    offers.remove(evse);
    Listener l = listener;
    if (l != null) {
      l.sessionActive(evse, false);
    }
  }

  /**
   * The EV asks for a contract certificate (installation or update); fails when no session runs on
   * {@code evse} or the station cannot ask its CSMS.
   */
  CompletableFuture<ContractCertificateAnswer> requestContractCertificate(
      int evse, ContractCertificateRequest request) {
    Listener l = listener;
    if (l == null || !active(evse)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("no ISO 15118 session on EVSE " + evse));
    }
    return l.contractCertificate(evse, request);
  }

  boolean active(int evse) {
    return sessions.containsKey(evse);
  }

  /** The most the EV on {@code evse} may feed back now, per phase; 0 once the lease lapsed. */
  double offeredDischargeA(int evse) {
    HlcLimits l = valid(evse);
    return l == null ? 0 : l.maxDischargeCurrentA();
  }

  /** What the station wants the EV on {@code evse} to transfer, total watts; null: its choice. */
  @Nullable Double targetPowerW(int evse) {
    HlcLimits l = valid(evse);
    return l == null ? null : l.targetPowerW();
  }

  /** The reactive power the station wants the EV's charger to exchange, var; null: none. */
  @Nullable Double targetReactivePowerVar(int evse) {
    HlcLimits l = valid(evse);
    return l == null ? null : l.targetReactivePowerVar();
  }

  private @Nullable HlcLimits valid(int evse) {
    HlcLimits l = offers.get(evse);
    return l != null && clock.instant().isBefore(l.validUntil()) ? l : null;
  }

  /** The current the EV on {@code evse} may draw now: the offer's, or 0 once its lease lapsed. */
  double offeredA(int evse) {
    HlcLimits l = offers.get(evse);
    return l != null && clock.instant().isBefore(l.validUntil()) ? l.maxCurrentA() : 0;
  }
}
