package io.kilowire.core.station.provisioning;

import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.CsmsGateway.BootCause;
import io.kilowire.core.station.CsmsGateway.BootOutcome;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.station.StationParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's standing with the CSMS: the connection, the registration (BootNotification, again
 * after a Pending or Rejected answer or a failure, and after a reboot) and the heartbeat at the
 * interval the CSMS assigned. Once accepted, each new connection goes straight to {@code
 * registered} without a new BootNotification (OCPP: only when something in it changed).
 */
public final class Provisioning {
  private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);
  private static final Duration BOOT_RETRY = Duration.ofSeconds(30);

  private final CsmsGateway gateway;
  private final TaskScheduler scheduler;
  private final StationParameters params;
  private final Consumer<Registration> registrationObserver;
  private final Consumer<Instant> csmsTime;
  private final Runnable registered;

  private boolean online;
  private Registration registration = Registration.REJECTED;
  private boolean accepted;
  private @Nullable Duration heartbeatInterval;
  private TaskScheduler.@Nullable Cancellable heartbeatTimer;
  private TaskScheduler.@Nullable Cancellable bootTimer;
  private BootCause nextBootCause = BootCause.POWER_UP;

  /** Why the next reboot happens: a reset unless {@link #nextRebootFor} says otherwise. */
  private BootCause rebootCause = BootCause.REMOTE_RESET;

  /**
   * @param registrationObserver told every answer to a BootNotification
   * @param csmsTime told the CSMS's clock from each BootNotification and Heartbeat answer
   * @param registered runs once the station may talk to the CSMS: accepted on this connection
   */
  public Provisioning(
      CsmsGateway gateway,
      TaskScheduler scheduler,
      StationParameters params,
      Consumer<Registration> registrationObserver,
      Consumer<Instant> csmsTime,
      Runnable registered) {
    this.gateway = gateway;
    this.scheduler = scheduler;
    this.params = params;
    this.registrationObserver = registrationObserver;
    this.csmsTime = csmsTime;
    this.registered = registered;
  }

  /** The connection to the CSMS is open. */
  public void connectionOpened() {
    online = true;
  }

  /**
   * Registers on the open connection: at once if already accepted, else with a BootNotification.
   */
  public void register() {
    if (accepted) {
      registered.run();
    } else {
      boot(nextBootCause);
    }
  }

  /** The connection is gone: no heartbeat or boot retry until the next one. */
  public void connectionLost() {
    online = false;
    TaskScheduler.cancel(heartbeatTimer);
    TaskScheduler.cancel(bootTimer);
  }

  public boolean online() {
    return online;
  }

  /** The CSMS accepted the station's BootNotification (it may still be offline now). */
  public boolean accepted() {
    return accepted;
  }

  /** The station may talk to the CSMS now: online and accepted. */
  public boolean registered() {
    return online && accepted;
  }

  public Registration registration() {
    return registration;
  }

  private void boot(BootCause cause) {
    TaskScheduler.cancel(bootTimer);
    gateway
        .boot(cause)
        .whenComplete(
            (outcome, failure) -> {
              if (failure != null) {
                Throwable c = CallFailedException.cause(failure);
                if (!(c instanceof CallFailedException.NotConnected) && online) {
                  LOG.warn(
                      "BootNotification failed: {}; booting again in {}",
                      c.getMessage(),
                      BOOT_RETRY);
                  bootTimer = scheduler.schedule(BOOT_RETRY, () -> boot(cause));
                }
                return;
              }
              booted(outcome, cause);
            });
  }

  private void booted(BootOutcome outcome, BootCause cause) {
    // A triggered boot may answer while a retry is still scheduled: one retry loop, and none once
    // accepted (OCPP: no further BootNotification after Accepted).
    TaskScheduler.cancel(bootTimer);
    registration = outcome.registration();
    csmsTime.accept(outcome.csmsTime());
    registrationObserver.accept(registration);
    Duration interval = outcome.interval().isZero() ? null : outcome.interval();
    if (registration != Registration.ACCEPTED) {
      // Pending or Rejected: nothing but another BootNotification after the interval.
      Duration wait = interval != null ? interval : BOOT_RETRY;
      bootTimer = scheduler.schedule(wait, () -> boot(cause));
      return;
    }
    accepted = true;
    heartbeatInterval = interval;
    if (interval != null) {
      params.heartbeatIntervalAssigned(interval);
    }
    registered.run();
  }

  /** A TriggerMessage asked for a BootNotification. */
  public void triggerBoot() {
    gateway
        .boot(BootCause.TRIGGERED)
        .whenComplete(
            (o, f) -> {
              if (f == null) {
                booted(o, BootCause.TRIGGERED);
              }
            });
  }

  /** A TriggerMessage asked for a Heartbeat. */
  public void triggerHeartbeat() {
    gateway.heartbeat();
  }

  /** Sends a Heartbeat after each interval, the CSMS's or else the configured one. */
  public void scheduleHeartbeat() {
    TaskScheduler.cancel(heartbeatTimer);
    Duration interval = heartbeatInterval != null ? heartbeatInterval : params.heartbeatInterval();
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    heartbeatTimer =
        scheduler.schedule(
            interval,
            () -> {
              if (online && accepted) {
                gateway.heartbeat().thenAccept(csmsTime);
              }
              scheduleHeartbeat();
            });
  }

  /** A CSMS changed the heartbeat interval (1.6 HeartbeatInterval, 2.0.1 OCPPCommCtrlr). */
  public void heartbeatIntervalChanged(Duration interval) {
    heartbeatInterval = interval;
    if (online && accepted) {
      scheduleHeartbeat();
    }
  }

  /**
   * The station reboots: it is no longer registered, and registers again (reason RemoteReset) on
   * the next connection, or on this one through {@link #registerAfterReboot()}.
   */
  public void rebooting() {
    accepted = false;
    nextBootCause = rebootCause;
    rebootCause = BootCause.REMOTE_RESET;
    TaskScheduler.cancel(heartbeatTimer);
    TaskScheduler.cancel(bootTimer);
  }

  /** The next reboot happens for {@code cause} (e.g. new firmware), not a reset. */
  public void nextRebootFor(BootCause cause) {
    rebootCause = cause;
  }

  /** A reboot in place: the station registers again on the connection it has, if any. */
  public void registerAfterReboot() {
    if (online) {
      boot(nextBootCause);
    }
  }

  /** Stops the timers before a shutdown. */
  public void stop() {
    TaskScheduler.cancel(heartbeatTimer);
    TaskScheduler.cancel(bootTimer);
  }
}
