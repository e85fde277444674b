package io.kilowire.core.site;

import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.AllocationMode;
import io.kilowire.core.loadmanagement.EvseDemand;
import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.LoadBalancer;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.core.metering.SiteReadings;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.Station;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A site's {@link LoadBalancer} on live inputs. Each EVSE slot of the {@link SiteConfig} is bound
 * to a {@link BalancedEvse} (for a {@link Station}: {@link StationEvse}); unbound slots count as
 * idle. A step builds one {@link EvseDemand} per bound slot, asks the balancer with the newest
 * site-meter reading (however old: the balancer judges its age and falls back to its safe budget
 * once it is older than {@link SiteConfig#meterStaleAfter()}, never to "no load"), and hands each
 * changed limit to its EVSE.
 *
 * <p>It steps on every reading ({@link #reading}) and at the allocation's {@link
 * Allocation#nextStep()} (ramp, rotation, demand window, the instant the reading goes stale): one
 * timer on the {@link TaskScheduler}, no polling. Not thread-safe: call it, and let the EVSEs be
 * called, on the scheduler's thread (for a station: its own thread, {@code
 * StationRuntime.scheduler()}).
 */
public final class SiteBalancing implements AutoCloseable {
  /** Sees every step (for logs, traces and tests). */
  public interface Listener {
    /**
     * @param reading the site-meter reading the step used; null = none yet
     */
    void stepped(Allocation allocation, @Nullable SiteReading reading);
  }

  private final LoadBalancer balancer;
  private final TaskScheduler scheduler;
  private final Map<String, BalancedEvse> evses;
  private final Map<String, EvseSlot> slots = new HashMap<>();
  private final Set<Station> stations;
  private final FallbackConfig fallback;
  private final Listener listener;
  private final Map<String, Double> applied = new HashMap<>();
  private @Nullable SiteReading latest;
  private @Nullable PvReading latestPv;
  private @Nullable BatteryReading latestBattery;
  private TaskScheduler.@Nullable Cancellable timer;
  private boolean closed;
  private int stepCount;

  private SiteBalancing(Builder b) {
    this.balancer = new LoadBalancer(b.site);
    this.scheduler = b.scheduler;
    this.evses = Collections.unmodifiableMap(new LinkedHashMap<>(b.evses));
    for (EvseSlot slot : b.site.evses()) {
      slots.put(slot.id(), slot);
    }
    for (String id : evses.keySet()) {
      if (!slots.containsKey(id)) {
        throw new IllegalArgumentException("no EVSE " + id + " in the site");
      }
    }
    this.stations = Collections.newSetFromMap(new IdentityHashMap<>());
    stations.addAll(b.stations);
    this.fallback = b.fallback;
    this.listener = b.listener;
  }

  /**
   * @throws IllegalArgumentException (when built) if the balancer finds the site inconsistent or a
   *     binding names an EVSE the site does not have
   */
  public static Builder builder(SiteConfig site, TaskScheduler scheduler) {
    return new Builder(site, scheduler);
  }

  /** Binds the site's EVSEs to their stations, the watchdogs and the listener. */
  public static final class Builder {
    private final SiteConfig site;
    private final TaskScheduler scheduler;
    private final Map<String, BalancedEvse> evses = new LinkedHashMap<>();
    private final List<Station> stations = new ArrayList<>();
    private FallbackConfig fallback = FallbackConfig.defaults();
    private Listener listener = (a, r) -> {};

    private Builder(SiteConfig site, TaskScheduler scheduler) {
      this.site = site;
      this.scheduler = scheduler;
    }

    /** Slot {@code slotId} is EVSE {@code evse} of {@code station} (on the scheduler's thread). */
    public Builder station(String slotId, Station station, int evse) {
      if (!stations.contains(station)) {
        stations.add(station);
      }
      return evse(slotId, new StationEvse(station, evse, site.meterStaleAfter()));
    }

    /** Slot {@code slotId} is reached through {@code evse}. */
    public Builder evse(String slotId, BalancedEvse evse) {
      if (evses.put(slotId, evse) != null) {
        throw new IllegalArgumentException("EVSE " + slotId + " bound twice");
      }
      return this;
    }

    /**
     * The fallback the bound stations run with once {@link #start()}ed: its {@code meterStaleAfter}
     * is replaced by the site's, so station and balancer agree on when the meter is stale. Default
     * {@link FallbackConfig#defaults()}.
     */
    public Builder fallback(FallbackConfig config) {
      fallback = config;
      return this;
    }

    public Builder listener(Listener l) {
      listener = l;
      return this;
    }

    public SiteBalancing build() {
      return new SiteBalancing(this);
    }
  }

  /**
   * Configures the bound stations' fallback (in DYNAMIC mode they watch the site meter with the
   * site's {@code meterStaleAfter}, and report {@code SiteMeterStale}) and takes the first step (on
   * the safe budget until a reading arrives).
   */
  public void start() {
    boolean watch = balancer.site().mode() == AllocationMode.DYNAMIC;
    FallbackConfig config =
        new FallbackConfig(
            balancer.site().meterStaleAfter(),
            fallback.controllerSilentAfter(),
            fallback.offlineStationCapA(),
            fallback.safeShareA());
    for (Station s : stations) {
      s.configureFallback(config, watch, false);
      // a session that begins or ends needs its share now, not at the next reading
      s.onSessionChange(evse -> stepSoon());
    }
    step();
  }

  /** Steps once the current task is done (not inside the station's own transaction handling). */
  private void stepSoon() {
    if (!closed) {
      scheduler.schedule(Duration.ZERO, this::onTimer);
    }
  }

  /**
   * A site-meter reading arrived: the EVSEs' meter watchdogs hear of it and the balancer steps. A
   * reading not newer than the last one still steps, but does not replace it.
   *
   * @return the step's allocation
   */
  public Allocation reading(SiteReading reading) {
    SiteReading last = latest;
    // Arrival order: a meter whose clock stepped back is believed (the balancer then judges its
    // age). Only a new measurement feeds the watchdogs, so a repeated reading (a frozen meter,
    // however its clock runs) goes stale for the stations exactly when it does for the balancer.
    boolean measured = last == null || !reading.at().equals(last.at());
    latest = reading;
    if (!closed && measured) {
      for (BalancedEvse e : evses.values()) {
        e.siteMeterReading(reading.at());
      }
    }
    return step();
  }

  /**
   * The newest PV and battery readings (null: none): the next step counts on them while they are
   * fresh ({@code SolarRules.readingStaleAfter}). Does not step by itself.
   */
  public void energyReadings(@Nullable PvReading pv, @Nullable BatteryReading battery) {
    latestPv = pv;
    latestBattery = battery;
  }

  /**
   * One step now: demands, allocation, changed limits to the EVSEs, the timer for the next step.
   *
   * @return the step's allocation (after {@link #close()}: computed, not applied)
   */
  public Allocation step() {
    cancelTimer();
    Instant now = scheduler.now();
    List<EvseDemand> demands = new ArrayList<>();
    for (Map.Entry<String, BalancedEvse> e : evses.entrySet()) {
      EvseDemand d = e.getValue().demand(slots.get(e.getKey()), now);
      if (!d.evseId().equals(e.getKey())) {
        throw new IllegalStateException("demand for " + d.evseId() + " from EVSE " + e.getKey());
      }
      demands.add(d);
    }
    SiteReading reading = latest;
    Allocation allocation =
        balancer.stepOn(now, new SiteReadings(reading, latestPv, latestBattery), demands);
    if (closed) {
      return allocation;
    }
    stepCount++;
    for (Map.Entry<String, BalancedEvse> e : evses.entrySet()) {
      double limit = allocation.limitA(e.getKey());
      Double before = applied.get(e.getKey());
      // any decrease goes out; a rise only when it is worth a pilot change
      if (before == null || limit < before || limit - before >= 0.05) {
        applied.put(e.getKey(), limit);
        e.getValue().limit(limit);
      }
    }
    Instant next = allocation.nextStep();
    if (next != null) {
      Duration delay = Duration.between(now, next);
      timer = scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, this::onTimer);
    }
    listener.stepped(allocation, reading);
    return allocation;
  }

  private void onTimer() {
    timer = null;
    if (!closed) {
      step();
    }
  }

  private void cancelTimer() {
    TaskScheduler.Cancellable t = timer;
    timer = null;
    if (t != null) {
      t.cancel();
    }
  }

  public LoadBalancer balancer() {
    return balancer;
  }

  /** The newest site-meter reading so far; null = none. */
  public @Nullable SiteReading latestReading() {
    return latest;
  }

  /** How many steps were applied. */
  public int steps() {
    return stepCount;
  }

  /** Stops stepping by itself; the limits last applied stay in force. */
  @Override
  public void close() {
    closed = true;
    cancelTimer();
  }
}
