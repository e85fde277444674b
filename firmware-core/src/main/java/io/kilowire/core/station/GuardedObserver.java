package io.kilowire.core.station;

import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.observation.ObserverGuard;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Station.Observer} (a console, a test, metrics) whose failures stay here: whatever the
 * observer throws is logged and ignored, so the station's step goes on as if it were not there and
 * is never left half done.
 */
final class GuardedObserver implements Station.Observer {
  private static final Logger LOG = LoggerFactory.getLogger(Station.class);

  private final Station.Observer observer;
  private final ObserverGuard guard;

  GuardedObserver(Station.Observer observer) {
    this.observer = observer;
    this.guard = new ObserverGuard(LOG, "station observer " + observer.getClass().getName());
  }

  @Override
  public void registration(Registration registration) {
    guard.run(() -> observer.registration(registration));
  }

  @Override
  public void status(int evse, ConnectorStatus status) {
    guard.run(() -> observer.status(evse, status));
  }

  @Override
  public void transactionStarted(Transaction tx) {
    guard.run(() -> observer.transactionStarted(tx));
  }

  @Override
  public void transactionEnded(Transaction tx, StopReason reason) {
    guard.run(() -> observer.transactionEnded(tx, reason));
  }

  @Override
  public void csmsTime(Instant csmsTime) {
    guard.run(() -> observer.csmsTime(csmsTime));
  }

  @Override
  public void rebootRequested(boolean hard) {
    guard.run(() -> observer.rebootRequested(hard));
  }

  @Override
  public void fallback(FallbackEvent event) {
    guard.run(() -> observer.fallback(event));
  }
}
