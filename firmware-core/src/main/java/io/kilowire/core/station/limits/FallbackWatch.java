package io.kilowire.core.station.limits;

import io.kilowire.core.fallback.FallbackCondition;
import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.fallback.FallbackMonitor;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.reports.PendingReports;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's {@link FallbackMonitor} at work: the CSMS connection, the site meter and a group's
 * controller watched, one timer at the monitor's next deadline, each condition's begin and end told
 * to the observer and kept for the CSMS (2.0.1 NotifyEvent, 1.6 SecurityEventNotification) until it
 * has them, and the cap the fallback puts on every EVSE.
 */
final class FallbackWatch {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackWatch.class);

  private final TaskScheduler scheduler;
  private final SmartChargingService smartCharging;
  private final Consumer<FallbackEvent> observer;
  private final Runnable applyLimits;
  private final PendingReports<FallbackEvent> unreported;
  private FallbackMonitor monitor;
  private TaskScheduler.@Nullable Cancellable timer;

  /**
   * @param observer told each event as it happens
   * @param applyLimits puts the limits in force again when a condition began or ended
   */
  FallbackWatch(
      TaskScheduler scheduler,
      SmartChargingService smartCharging,
      CsmsGateway gateway,
      BooleanSupplier registered,
      Consumer<FallbackEvent> observer,
      Runnable applyLimits) {
    this.scheduler = scheduler;
    this.smartCharging = smartCharging;
    this.observer = observer;
    this.applyLimits = applyLimits;
    this.unreported =
        new PendingReports<>(
            "fallback events", PendingReports.CAPACITY, registered, gateway::fallbackEvent);
    this.monitor = newMonitor(FallbackConfig.defaults(), false, false);
  }

  /**
   * Watches with {@code config} from now on, the site meter and the controller if asked. Conditions
   * in force end (and are reported) before the new watching starts; an outage of the CSMS goes on.
   */
  void configure(FallbackConfig config, boolean watchSiteMeter, boolean watchController) {
    Instant now = scheduler.now();
    monitor.watchSiteMeter(false, now);
    monitor.watchController(false, now);
    monitor.evaluate(now).forEach(this::event);
    Instant offlineSince = monitor.offlineSince();
    monitor = newMonitor(config, watchSiteMeter, watchController);
    if (offlineSince != null) {
      // the outage goes on and was reported as it began: carried over without a second entry
      monitor.csmsConnection(offlineSince, false);
      monitor.evaluate(now);
    }
    evaluate();
  }

  private FallbackMonitor newMonitor(
      FallbackConfig config, boolean watchSiteMeter, boolean watchController) {
    Instant now = scheduler.now();
    FallbackMonitor m = new FallbackMonitor(config, now);
    m.watchSiteMeter(watchSiteMeter, now);
    m.watchController(watchController, now);
    return m;
  }

  /** The CSMS connection came ({@code up}) or went at {@code at}; evaluated at once. */
  void csmsConnection(Instant at, boolean up) {
    monitor.csmsConnection(at, up);
    evaluate();
  }

  /** A site-meter reading measured at {@code measuredAt} has arrived (now). */
  void siteMeterReading(Instant measuredAt) {
    monitor.siteMeterReading(measuredAt, scheduler.now());
    evaluate();
  }

  /** The site controller of the station's group was heard from (now). */
  void controllerHeard() {
    monitor.controllerHeard(scheduler.now());
    evaluate();
  }

  Set<FallbackCondition> conditions() {
    return monitor.active();
  }

  /** The cap the fallback puts on every EVSE now (offline cap, safe share); null = none. */
  @Nullable Double capA() {
    Double cap = monitor.capA();
    Double offlineCap = monitor.config().offlineStationCapA();
    // The monitor hears of an outage only once the station was accepted (so a boot does not
    // report one), but a station that boots without its CSMS is offline all the same: the
    // offline cap holds from the start.
    if (offlineCap != null && smartCharging.offlineSince() != null) {
      cap = cap == null ? offlineCap : Math.min(cap, offlineCap);
    }
    return cap;
  }

  /** Fallback events that happened offline and wait for the CSMS. */
  List<FallbackEvent> unreported() {
    return unreported.pending();
  }

  /** Evaluates the monitor now, reports what changed, and sets the timer for its next deadline. */
  void evaluate() {
    TaskScheduler.cancel(timer);
    timer = null;
    Instant now = scheduler.now();
    List<FallbackEvent> events = monitor.evaluate(now);
    events.forEach(this::event);
    if (!events.isEmpty()) {
      applyLimits.run();
    }
    Instant next = monitor.nextDeadline();
    if (next != null) {
      timer =
          scheduler.schedule(
              next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO, this::evaluate);
    }
  }

  private void event(FallbackEvent event) {
    LOG.info("fallback: {}", FallbackCondition.describe(event));
    observer.accept(event);
    unreported.add(event);
  }

  /** The station is registered again: the events kept go out. */
  void flush() {
    unreported.flush();
  }

  void connectionLost() {
    unreported.connectionLost();
  }

  void stop() {
    TaskScheduler.cancel(timer);
  }
}
