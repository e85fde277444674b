package io.kilowire.core.hal.iso15118;

import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a new composite schedule must reach the EV (OCPP K16.FR.02, SPEC-FACTS F.2:
 * renegotiate whenever the composite for the EVSE changes) and with which notification.
 *
 * <p>A composite recomputed with the same limits is not a change: runtimes recompute on a timer
 * (EVerest every 30 s, SPEC-FACTS F.3) with a sliding start, and renegotiating each time would keep
 * the EV in ChargeParameterDiscovery. Two composites are equal when they give the same limit and
 * phases at every instant from the later start to the later end, each holding its last limit past
 * its own end, as {@link Iso2Limits} and {@link Iso20Limits} promise the EV.
 */
public final class RenegotiationTrigger {
  private RenegotiationTrigger() {}

  /**
   * The notification for a change from {@code previous} (null when none was sent) to {@code next}
   * on an EVSE whose session speaks {@code protocol}.
   */
  public static Notification decide(
      @Nullable CompositeSchedule previous, CompositeSchedule next, HlcProtocol protocol) {
    if (protocol == HlcProtocol.NONE || sameLimits(previous, next)) {
      return Notification.NONE;
    }
    return protocol == HlcProtocol.ISO15118_2
        ? Notification.RENEGOTIATION
        : Notification.SCHEDULE_RENEGOTIATION;
  }

  /** Whether both composites promise the same limits over their common future. */
  public static boolean sameLimits(@Nullable CompositeSchedule a, CompositeSchedule b) {
    if (a == null) {
      return false;
    }
    if (a.evseId() != b.evseId() || a.unit() != b.unit()) {
      // A different unit converts with rounding; call it a change rather than guess.
      return false;
    }
    Instant from = a.start().isAfter(b.start()) ? a.start() : b.start();
    TreeSet<Instant> instants = new TreeSet<>();
    instants.add(from);
    addBreakpoints(instants, a, from);
    addBreakpoints(instants, b, from);
    for (Instant t : instants) {
      CompositePeriod pa = PowerSteps.inForce(a, t);
      CompositePeriod pb = PowerSteps.inForce(b, t);
      if (pa.limit().compareTo(pb.limit()) != 0 || pa.numberPhases() != pb.numberPhases()) {
        return false;
      }
    }
    return true;
  }

  private static void addBreakpoints(TreeSet<Instant> out, CompositeSchedule c, Instant from) {
    for (CompositePeriod p : c.periods()) {
      Instant t = c.start().plus(Duration.ofSeconds(p.startPeriod()));
      if (t.isAfter(from)) {
        out.add(t);
      }
    }
  }
}
