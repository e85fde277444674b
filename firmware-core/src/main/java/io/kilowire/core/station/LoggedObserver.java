package io.kilowire.core.station;

import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.station.logs.StationLog;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import java.time.Instant;

/**
 * Writes what the station reports about itself into its diagnostics log (GetDiagnostics, GetLog),
 * then tells the observer behind it.
 */
final class LoggedObserver implements Station.Observer {
  private final Station.Observer next;
  private final StationLog log;
  private final TaskScheduler scheduler;

  LoggedObserver(Station.Observer next, StationLog log, TaskScheduler scheduler) {
    this.next = next;
    this.log = log;
    this.scheduler = scheduler;
  }

  private void note(String what) {
    log.diagnostic(scheduler.now(), what);
  }

  @Override
  public void registration(Registration registration) {
    note("registration " + registration);
    next.registration(registration);
  }

  @Override
  public void status(int evse, ConnectorStatus status) {
    note("EVSE " + evse + " " + status);
    next.status(evse, status);
  }

  @Override
  public void transactionStarted(Transaction tx) {
    note("transaction " + tx.id() + " started on EVSE " + tx.evse());
    next.transactionStarted(tx);
  }

  @Override
  public void transactionEnded(Transaction tx, StopReason reason) {
    note("transaction " + tx.id() + " ended: " + reason);
    next.transactionEnded(tx, reason);
  }

  @Override
  public void csmsTime(Instant csmsTime) {
    next.csmsTime(csmsTime);
  }

  @Override
  public void rebootRequested(boolean hard) {
    note(hard ? "hard reboot" : "soft reboot");
    next.rebootRequested(hard);
  }

  @Override
  public void fallback(FallbackEvent event) {
    note("fallback " + event);
    next.fallback(event);
  }
}
