package io.kilowire.core.fallback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tracks the fallback conditions of one station. Pure: feed it events with their instants and call
 * {@link #evaluate} at {@link #nextDeadline()} (one timer, no polling). Not thread-safe.
 *
 * <ul>
 *   <li>{@link FallbackCondition#CSMS_OFFLINE} begins and ends with {@link #csmsConnection}. Until
 *       the first call the connection counts as up (a station that boots offline reports it when
 *       told so).
 *   <li>{@link FallbackCondition#SITE_METER_STALE} begins {@link FallbackConfig#meterStaleAfter()}
 *       after the measuring instant of the newest reading (or after {@code start} / the start of
 *       watching when there is none) and ends with the next fresh reading. Watched from the start;
 *       a station without a site meter calls {@link #watchSiteMeter}(false, ...).
 *   <li>{@link FallbackCondition#CONTROLLER_LOST} begins {@link
 *       FallbackConfig#controllerSilentAfter()} after the controller was last heard and ends when
 *       it is heard again; watched only after {@link #watchController}(true, ...).
 * </ul>
 *
 * <p>Entries are dated at the deadline that passed, exits at the event that ended them, so a caller
 * that evaluates late still reports the true instants.
 */
public final class FallbackMonitor {
  private final FallbackConfig config;
  private final Set<FallbackCondition> active = EnumSet.noneOf(FallbackCondition.class);
  private final List<FallbackEvent> pending = new ArrayList<>();

  private boolean online = true;
  private @Nullable Instant offlineSince;

  private final Watchdog meter;
  private final Watchdog controller;

  /**
   * Starts with every watched input unknown: meter and controller are judged from {@code start}.
   */
  public FallbackMonitor(FallbackConfig config, Instant start) {
    this.config = config;
    this.meter =
        new Watchdog(
            FallbackCondition.SITE_METER_STALE,
            config.meterStaleAfter(),
            true,
            start,
            "site meter");
    this.controller =
        new Watchdog(
            FallbackCondition.CONTROLLER_LOST,
            config.controllerSilentAfter(),
            false,
            start,
            "site controller");
  }

  public FallbackConfig config() {
    return config;
  }

  /** The CSMS connection went up (true) or down (false) at {@code at}. */
  public void csmsConnection(Instant at, boolean online) {
    if (online == this.online) {
      return;
    }
    this.online = online;
    offlineSince = online ? null : at;
    change(FallbackCondition.CSMS_OFFLINE, !online, at, online ? "CSMS reachable" : "CSMS lost");
  }

  /** A site-meter reading measured at {@code measuredAt} arrived at {@code receivedAt}. */
  public void siteMeterReading(Instant measuredAt, Instant receivedAt) {
    meter.heard(measuredAt, receivedAt);
  }

  /** Whether a site meter is watched at all (a station without one calls this with false). */
  public void watchSiteMeter(boolean watched, Instant at) {
    meter.watch(watched, at);
  }

  /** The group's site controller was heard from at {@code at}. */
  public void controllerHeard(Instant at) {
    controller.heard(at, at);
  }

  /** Whether a group controller is watched at all (a station alone has none). */
  public void watchController(boolean watched, Instant at) {
    controller.watch(watched, at);
  }

  /** The entries and exits since the last call, in time order. */
  public List<FallbackEvent> evaluate(Instant now) {
    meter.check(now);
    controller.check(now);
    List<FallbackEvent> out = new ArrayList<>(pending);
    pending.clear();
    out.sort(Comparator.comparing(FallbackEvent::at));
    return out;
  }

  public Set<FallbackCondition> active() {
    return Set.copyOf(active);
  }

  public boolean isActive(FallbackCondition condition) {
    return active.contains(condition);
  }

  /** The next instant at which a condition could begin by time alone; null = none pending. */
  public @Nullable Instant nextDeadline() {
    Instant m = meter.pendingDeadline();
    Instant c = controller.pendingDeadline();
    if (m == null || c == null) {
      return m == null ? c : m;
    }
    return c.isBefore(m) ? c : m;
  }

  /** How long the CSMS has been unreachable at {@code now}; null while online. */
  public @Nullable Duration offlineFor(Instant now) {
    Instant since = offlineSince;
    return since == null ? null : Duration.between(since, now);
  }

  /** Since when the CSMS has been unreachable; null while online. */
  public @Nullable Instant offlineSince() {
    return offlineSince;
  }

  /**
   * The cap per EVSE the fallback imposes now (offline cap, safe share); null = none. A stale site
   * meter imposes no cap here: the balancer itself switches to its safe budget.
   */
  public @Nullable Double capA() {
    Double cap = null;
    Double offline = config.offlineStationCapA();
    if (offline != null && active.contains(FallbackCondition.CSMS_OFFLINE)) {
      cap = offline;
    }
    if (active.contains(FallbackCondition.CONTROLLER_LOST)) {
      cap = cap == null ? config.safeShareA() : Math.min(cap, config.safeShareA());
    }
    return cap;
  }

  private void change(FallbackCondition condition, boolean on, Instant at, String detail) {
    boolean changed = on ? active.add(condition) : active.remove(condition);
    if (changed) {
      pending.add(new FallbackEvent(at, condition, on, detail));
    }
  }

  /** An input that must be heard from within {@code after}, or its condition begins. */
  private final class Watchdog {
    final FallbackCondition condition;
    final Duration after;
    final String name;
    boolean watched;
    Instant freshAt;
    boolean everHeard;

    Watchdog(
        FallbackCondition condition, Duration after, boolean watched, Instant start, String n) {
      this.condition = condition;
      this.after = after;
      this.watched = watched;
      this.freshAt = start;
      this.name = n;
    }

    Instant deadline() {
      return freshAt.plus(after);
    }

    @Nullable Instant pendingDeadline() {
      return watched && !active.contains(condition) ? deadline() : null;
    }

    /** Enters the condition, dated at the deadline, if that has passed by {@code now}. */
    void check(Instant now) {
      if (watched && !active.contains(condition) && !now.isBefore(deadline())) {
        change(condition, true, deadline(), everHeard ? name + " silent" : "no " + name + " yet");
      }
    }

    void heard(Instant measuredAt, Instant receivedAt) {
      check(receivedAt);
      Instant measured = measuredAt.isAfter(receivedAt) ? receivedAt : measuredAt;
      if (measured.isAfter(freshAt)) {
        freshAt = measured;
      }
      everHeard = true;
      if (watched && receivedAt.isBefore(deadline())) {
        change(condition, false, receivedAt, name + " heard again");
      }
    }

    void watch(boolean on, Instant at) {
      if (on == watched) {
        return;
      }
      watched = on;
      if (on && freshAt.isBefore(at)) {
        freshAt = at;
      }
      if (!on) {
        change(condition, false, at, name + " no longer watched");
      }
    }
  }
}
