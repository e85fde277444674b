package io.kilowire.core.station.availability;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.ConnectorStatus;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.FaultCode;
import io.kilowire.core.station.StationContext;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Each EVSE's status as the CSMS hears it (StatusNotification): reported when it changes while the
 * station is registered, again on every new connection and when a TriggerMessage asks. The observer
 * hears every change, online or not.
 */
public final class StatusReports {
  private final IntFunction<ConnectorStatus> status;
  private final IntFunction<FaultCode> faultCode;
  private final CsmsGateway gateway;
  private final TaskScheduler scheduler;
  private final BooleanSupplier registered;
  private final BiConsumer<Integer, ConnectorStatus> observer;
  private final ConnectorStatus[] reported;

  /** The status reported on this connection (a new connection reports it again). */
  private final boolean[] reportedOnline;

  /**
   * @param status what an EVSE's status is now
   * @param faultCode the fault in force on an EVSE, reported with its status
   * @param observer told every change of an EVSE's status
   */
  public StatusReports(
      StationContext context,
      IntFunction<ConnectorStatus> status,
      IntFunction<FaultCode> faultCode,
      BiConsumer<Integer, ConnectorStatus> observer) {
    this.status = status;
    this.faultCode = faultCode;
    this.gateway = context.gateway();
    this.scheduler = context.scheduler();
    this.registered = context.registered();
    this.observer = observer;
    this.reported = new ConnectorStatus[context.evseCount()];
    this.reportedOnline = new boolean[context.evseCount()];
  }

  /** Reports {@code evse}'s status if it changed (or was not reported on this connection). */
  public void refresh(int evse) {
    report(evse, false);
  }

  /** Reports {@code evse}'s status; {@code force}: even if unchanged (a reconnect, a trigger). */
  public void report(int evse, boolean force) {
    ConnectorStatus now = status.apply(evse);
    int i = evse - 1;
    boolean changed = now != reported[i];
    if (changed) {
      reported[i] = now;
      observer.accept(evse, now);
    }
    if (registered.getAsBoolean() && (changed || force || !reportedOnline[i])) {
      boolean mustSend = force || !reportedOnline[i];
      reportedOnline[i] = true;
      gateway.reportStatus(evse, 1, now, faultCode.apply(evse), scheduler.now(), mustSend);
    } else if (changed) {
      reportedOnline[i] = false;
    }
  }

  /** Reports every EVSE's status; {@code force}: even if unchanged. */
  public void reportAll(boolean force) {
    for (int evse = 1; evse <= reported.length; evse++) {
      report(evse, force);
    }
  }

  /** The connection is gone: the next one hears every status again. */
  public void connectionLost() {
    Arrays.fill(reportedOnline, false);
  }
}
