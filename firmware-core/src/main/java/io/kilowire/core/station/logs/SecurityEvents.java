package io.kilowire.core.station.logs;

import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.reports.PendingReports;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one way a security event leaves a room: into the security log (GetLog uploads it) and to the
 * CSMS as SecurityEventNotification, queued while the CSMS cannot be reached. Every room that
 * raises security events (certificates, firmware) shares the station's one instance, so none can
 * skip the log or the notification.
 */
public final class SecurityEvents {
  private final StationContext context;
  private final StationLog log;
  private final PendingReports<SecurityEvent> toCsms;

  public SecurityEvents(StationContext context, StationLog log) {
    this.context = context;
    this.log = log;
    this.toCsms =
        new PendingReports<>(
            "security events",
            PendingReports.CAPACITY,
            context.registered(),
            context.gateway()::securityEvent);
  }

  /** Something security-relevant happened now: {@code type} as Part 2's appendix spells it. */
  public void raise(String type, @Nullable String techInfo) {
    SecurityEvent event = new SecurityEvent(type, context.scheduler().now(), techInfo);
    log.security(event.at(), event.type(), event.techInfo());
    toCsms.add(event);
  }

  /** The station may talk now: what waited goes out, oldest first. */
  public void registered() {
    toCsms.flush();
  }

  public void connectionLost() {
    toCsms.connectionLost();
  }

  /** Events not yet confirmed by the CSMS, oldest first. */
  public List<SecurityEvent> pending() {
    return toCsms.pending();
  }
}
