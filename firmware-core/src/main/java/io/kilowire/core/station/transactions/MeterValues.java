package io.kilowire.core.station.transactions;

import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.transaction.UpdateTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The meter values the station sends: sampled during transactions every MeterValueSampleInterval,
 * clock-aligned every ClockAlignedDataInterval (in a transaction's queue, or at once for an idle
 * EVSE), and those a TriggerMessage asks for. Each reading carries the current offered then
 * (Current.Offered, see {@link OfferedCurrentReadings}). Also what the meters tell load management:
 * the EV's draw.
 */
public final class MeterValues {
  private final int evseCount;
  private final Transactions transactions;
  private final StationHardware hardware;
  private final CsmsGateway gateway;
  private final TaskScheduler scheduler;
  private final StationParameters params;
  private final BooleanSupplier online;
  private final BooleanSupplier registered;
  private TaskScheduler.@Nullable Cancellable sampleTimer;
  private TaskScheduler.@Nullable Cancellable clockTimer;

  public MeterValues(StationContext context, Transactions transactions) {
    this.evseCount = context.evseCount();
    this.transactions = transactions;
    this.hardware = context.hardware();
    this.gateway = context.gateway();
    this.scheduler = context.scheduler();
    this.params = context.params();
    this.online = context.online();
    this.registered = context.registered();
  }

  /** Samples every running transaction after each interval, as long as one runs. */
  public void scheduleSampling() {
    if (sampleTimer != null) {
      return;
    }
    Duration interval = params.meterSampleInterval();
    if (interval.isZero() || interval.isNegative() || transactions.idle()) {
      return;
    }
    sampleTimer =
        scheduler.schedule(
            interval,
            () -> {
              sampleTimer = null;
              for (int evse = 1; evse <= evseCount; evse++) {
                transactions.update(evse, UpdateTrigger.PERIODIC);
              }
              scheduleSampling();
            });
  }

  /** Sends clock-aligned values at each multiple of the interval since midnight UTC. */
  public void scheduleClockAligned() {
    TaskScheduler.cancel(clockTimer);
    Duration interval = params.clockAlignedInterval();
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    // Aligned to midnight UTC: the next multiple of the interval since the start of the day.
    Instant now = scheduler.now();
    long dayStart = now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), 86_400L);
    long step = interval.getSeconds();
    long since = now.getEpochSecond() - dayStart;
    Instant next = Instant.ofEpochSecond(dayStart + (since / step + 1) * step);
    clockTimer =
        scheduler.schedule(
            Duration.between(now, next),
            () -> {
              for (int evse = 1; evse <= evseCount; evse++) {
                if (transactions.transaction(evse) != null) {
                  transactions.update(evse, UpdateTrigger.CLOCK);
                } else if (registered.getAsBoolean()) {
                  gateway.idleMeterValues(evse, hardware.read(evse), UpdateTrigger.CLOCK);
                }
              }
              scheduleClockAligned();
            });
  }

  /**
   * A TriggerMessage for meter values ({@code transactionEvent} false) or a TransactionEvent on
   * {@code evses}. 1.6 has one MeterValues, queued with the transactionId during a transaction.
   * 2.0.1 answers a MeterValues trigger with MeterValuesRequest, transaction or not, and only a
   * TransactionEvent trigger with a TransactionEvent (F06).
   */
  public void triggered(boolean transactionEvent, List<Integer> evses) {
    boolean inTransaction = transactionEvent || gateway.version() == OcppVersion.V16;
    for (int evse : evses) {
      if (transactions.transaction(evse) != null && inTransaction) {
        transactions.update(evse, UpdateTrigger.TRIGGERED);
      } else if (!transactionEvent && online.getAsBoolean()) {
        gateway.idleMeterValues(evse, hardware.read(evse), UpdateTrigger.TRIGGERED);
      }
    }
  }

  /**
   * What the EV on {@code evse} draws per EVSE phase by the EVSE's meter; zero without a reading,
   * with a reading older than {@code staleAfter} (a frozen meter repeats its last sample) or with
   * one that is not a number. Counting no draw is the safe side for a balancer: the current is then
   * not freed for others.
   */
  public PhaseCurrents draw(int evse, Instant now, Duration staleAfter) {
    MeterReading reading;
    try {
      reading = hardware.read(evse);
    } catch (IllegalStateException noReading) {
      return PhaseCurrents.ZERO;
    }
    if (!now.isBefore(reading.at().plus(staleAfter))) {
      return PhaseCurrents.ZERO;
    }
    MeterReading.PerPhase a = reading.currentA();
    if (!Double.isFinite(a.l1()) || !Double.isFinite(a.l2()) || !Double.isFinite(a.l3())) {
      return PhaseCurrents.ZERO;
    }
    return new PhaseCurrents(a.l1(), a.l2(), a.l3()).nonNegative();
  }

  /** Stops the timers before a shutdown. */
  public void stop() {
    TaskScheduler.cancel(sampleTimer);
    TaskScheduler.cancel(clockTimer);
  }
}
