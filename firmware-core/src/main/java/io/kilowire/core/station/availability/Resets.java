package io.kilowire.core.station.availability;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.Rebooter;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.provisioning.Provisioning;
import io.kilowire.core.station.transactions.Resumption;
import io.kilowire.core.station.transactions.Transactions;
import io.kilowire.core.transaction.QueuedMessage;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transaction.UpdateTrigger;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Resets (1.6 Reset; 2.0.1 B11/B12, of the station or of one EVSE) carried out as the {@link
 * ResetPlan} merges them: a station reset ends every transaction with reason SoftReset / HardReset,
 * waits until the CSMS has their ends (or {@link #REBOOT_WAIT}), then reboots once; an EVSE reset
 * ends that EVSE's transaction. From the request until the reboot no new session starts on the
 * EVSEs a reset covers. A 2.1 reset ImmediateAndResume (B13) ends nothing: the reboot interrupts
 * the transactions and the station takes them up again once it is up ({@link Resumption}).
 */
public final class Resets {
  /** How long a reset waits for the CSMS to confirm the ends of its transactions. */
  static final Duration REBOOT_WAIT = Duration.ofSeconds(30);

  private final ResetPlan plan = new ResetPlan();
  private final int evseCount;
  private final Transactions transactions;
  private final Provisioning provisioning;
  private final StatusReports status;
  private final TaskScheduler scheduler;
  private final Consumer<Boolean> rebootRequested;
  private final StationHardware hardware;
  private final Resumption resumption;
  private TaskScheduler.@Nullable Cancellable rebootTimer;
  private @Nullable Rebooter rebooter;

  /** The reset due is an ImmediateAndResume: its reboot interrupts the transactions. */
  private boolean resuming;

  /**
   * @param rebootRequested told each reboot, and whether it is hard
   */
  public Resets(
      StationContext context,
      Transactions transactions,
      Provisioning provisioning,
      StatusReports status,
      Resumption resumption,
      Consumer<Boolean> rebootRequested) {
    this.evseCount = context.evseCount();
    this.hardware = context.hardware();
    this.resumption = resumption;
    this.transactions = transactions;
    this.provisioning = provisioning;
    this.status = status;
    this.scheduler = context.scheduler();
    this.rebootRequested = rebootRequested;
  }

  /**
   * A reset of the station, immediate or on idle; returns true if it waits for the transactions to
   * end by themselves (Scheduled).
   */
  public boolean reset(boolean hard, boolean onIdle) {
    resuming = false; // a newer reset of the ending kind ends the transactions after all
    if (plan.requestStation(hard, !onIdle || transactions.idle())) {
      scheduler.schedule(Duration.ZERO, this::runStationReset);
    }
    closeToNewSessions(allEvses());
    return plan.stationWaiting();
  }

  /**
   * A 2.1 reset ImmediateAndResume of the station (B13): it reboots at once without ending its
   * transactions, which go on after the reboot. Returns false (Rejected) when the station resumes
   * no transaction (ResumptionTimeout 0) or another reset is pending.
   */
  public boolean resetAndResume() {
    if (!resumption.enabled() || plan.stationPending()) {
      return false;
    }
    resuming = true;
    if (plan.requestStation(true, true)) {
      scheduler.schedule(Duration.ZERO, this::runStationReset);
    }
    closeToNewSessions(allEvses());
    return true;
  }

  /**
   * A 2.1 reset ImmediateAndResume of one EVSE (B13 with evseId; its scope read as 2.0.1's EVSE
   * reset, B11/B12): that EVSE resets on its own, its energy cut and its transaction not ended, and
   * takes the transaction up again once it is back (TxResumed, with energy if that is allowed); the
   * station, its connection and the other EVSEs go on. Returns false (Rejected) when the station
   * resumes no transaction (ResumptionTimeout 0) or a reset is pending for the station or the EVSE.
   */
  public boolean resetEvseAndResume(int evse) {
    if (!resumption.enabled() || plan.stationPending() || !plan.admits(evse)) {
      return false;
    }
    Transaction tx = transactions.transaction(evse);
    if (tx != null) {
      Resumption.Interrupted interrupted =
          new Resumption.Interrupted(evse, tx.id(), scheduler.now(), StopReason.REBOOT);
      hardware.offerEnergy(evse, false);
      // The EVSE is back after its reset: the transaction goes on as after a station's reboot.
      scheduler.schedule(Duration.ZERO, () -> takeUp(interrupted));
    }
    return true;
  }

  /**
   * The station is up again after a reboot (on its new connection, or in place): the transactions
   * the reboot interrupted go on (TxResumed), with energy if that is allowed, or end when the
   * interruption outlasted ResumptionTimeout.
   */
  public void resumeInterrupted() {
    for (Resumption.Interrupted i : resumption.takeInterrupted()) {
      takeUp(i);
    }
  }

  private void takeUp(Resumption.Interrupted i) {
    Transaction tx = transactions.transaction(i.evse());
    if (tx == null || !tx.id().equals(i.transactionId())) {
      return; // it ended meanwhile (the EV left)
    }
    switch (resumption.outcome(i.since(), scheduler.now())) {
      case RESUME_WITH_ENERGY -> {
        transactions.update(i.evse(), UpdateTrigger.RESUMED);
        hardware.offerEnergy(i.evse(), true);
      }
      case RESUME_SUSPENDED -> transactions.update(i.evse(), UpdateTrigger.RESUMED_WITHOUT_ENERGY);
      case END -> transactions.end(i.evse(), i.cause());
    }
  }

  /**
   * The reboot into newly installed firmware (2.0.1 boot reason FirmwareUpdate), once no
   * transaction runs (L01.FR.33).
   */
  public void rebootForFirmware() {
    provisioning.nextRebootFor(io.kilowire.core.station.CsmsGateway.BootCause.FIRMWARE_UPDATE);
    reset(true, true);
  }

  /**
   * A reset of one EVSE: its transaction ends (ImmediateReset) at once, or, on idle, when it ends
   * by itself; the other EVSEs are untouched. A pending station reset covers it, unless it is
   * Immediate and the EVSE busy: then its transaction ends now and the station reset follows when
   * the station is idle. Returns true if it waits (Scheduled).
   */
  public boolean resetEvse(int evse, boolean onIdle) {
    boolean busy = transactions.transaction(evse) != null;
    if (plan.stationPending() && (onIdle || !busy)) {
      return plan.stationWaiting();
    }
    plan.requestEvse(evse);
    closeToNewSessions(List.of(evse));
    if (busy && onIdle) {
      return true;
    }
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          plan.evseDone(evse);
          transactions.end(evse, StopReason.HARD_RESET);
          status.refresh(evse);
        });
    return false;
  }

  /**
   * Installs what carries out a reboot (a runtime closes the connection and connects anew). Without
   * one the station reboots in place: it registers again on the connection it has.
   */
  public void onReboot(Rebooter rebooter) {
    this.rebooter = rebooter;
  }

  /** Whether {@code evse} may start a new session: no reset pending for it or the station. */
  public boolean admits(int evse) {
    return plan.admits(evse);
  }

  /** How many reboots the station did: an authorization from before one starts nothing after. */
  public int reboots() {
    return plan.reboots();
  }

  /** The transaction on {@code evse} ended: an EVSE reset waiting for it is done. */
  public void transactionEnded(int evse) {
    plan.evseDone(evse);
  }

  /** If the station is idle now, a station reset waiting for that starts. */
  public void idleCheck() {
    if (transactions.idle() && plan.idle()) {
      scheduler.schedule(Duration.ZERO, this::runStationReset);
    }
  }

  /** A transaction message left the queue: the reboot may wait for nothing more. */
  public void settled(QueuedMessage message) {
    if (plan.ending() && endsConfirmed(message)) {
      reboot();
    }
  }

  /** The connection is gone: the ends cannot reach the CSMS before the reboot; they wait. */
  public void connectionLost() {
    if (plan.ending()) {
      reboot();
    }
  }

  public void stop() {
    TaskScheduler.cancel(rebootTimer);
  }

  /** An authorization waiting for its cable or its step starts nothing once a reset is pending. */
  private void closeToNewSessions(List<Integer> evses) {
    for (int evse : evses) {
      if (transactions.transaction(evse) == null) {
        transactions.forgetWaitingSession(evse);
      }
    }
    scheduler.schedule(Duration.ZERO, () -> evses.forEach(status::refresh));
  }

  private void runStationReset() {
    if (resuming) {
      resuming = false;
      interruptAndReboot();
      return;
    }
    boolean hard = plan.startEnding(transactions.open().stream().map(Transaction::id).toList());
    for (int evse = 1; evse <= evseCount; evse++) {
      transactions.end(evse, hard ? StopReason.HARD_RESET : StopReason.SOFT_RESET);
    }
    // OCPP 1.6 §5.14 / 2.0.1 B12 (TC_B_22): the ends reach the CSMS before the reboot and the
    // BootNotification. Offline they wait in the queue; a CSMS that does not confirm them within
    // REBOOT_WAIT gets them after the reboot.
    if (!provisioning.registered() || endsConfirmed(null)) {
      reboot();
    } else {
      rebootTimer = scheduler.schedule(REBOOT_WAIT, this::reboot);
    }
  }

  /**
   * ImmediateAndResume: the reboot cuts the energy of the running transactions, which stay open
   * (and persisted) to be taken up after it.
   */
  private void interruptAndReboot() {
    plan.startEnding(List.of());
    for (Transaction tx : transactions.open()) {
      resumption.interrupt(tx.evse(), tx.id(), scheduler.now(), StopReason.REBOOT);
      hardware.offerEnergy(tx.evse(), false);
    }
    reboot();
  }

  /** No end of the reset's transactions is queued but {@code settled}, the one just done with. */
  private boolean endsConfirmed(@Nullable QueuedMessage settled) {
    return transactions.queued().stream()
        .noneMatch(
            m ->
                m.kind() == QueuedMessage.Kind.END
                    && plan.endedByReset(m.transactionId())
                    && !m.equals(settled));
  }

  /**
   * The reboot a station reset ends in (OCPP 1.6 §5.14 / 2.0.1 B11-B12): nothing authorized before
   * it starts a session after it, and the rebooted station registers with a BootNotification (1.6
   * §4.2; 2.0.1 reason RemoteReset) on a new connection, or in place without a {@link Rebooter}.
   */
  private void reboot() {
    if (!plan.ending()) {
      return;
    }
    TaskScheduler.cancel(rebootTimer);
    rebootTimer = null;
    boolean hard = plan.reboot();
    provisioning.rebooting();
    for (int evse : allEvses()) {
      transactions.forgetWaitingSession(evse);
      status.refresh(evse);
    }
    rebootRequested.accept(hard);
    Rebooter r = rebooter;
    if (r != null) {
      r.reboot(hard);
    } else {
      provisioning.registerAfterReboot();
      resumeInterrupted();
    }
  }

  private List<Integer> allEvses() {
    return IntStream.rangeClosed(1, evseCount).boxed().toList();
  }
}
