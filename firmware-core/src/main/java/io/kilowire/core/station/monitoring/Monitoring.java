package io.kilowire.core.station.monitoring;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.reports.PendingReports;
import io.kilowire.core.store.SnapshotStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's variable monitors (2.0.1 N02-N08). A CSMS sets, replaces and clears them, chooses
 * the monitoring base and level; the station watches the Actual values: thresholds and deltas on
 * each evaluation (every {@link #EVALUATION_INTERVAL} while such monitors exist), periodic monitors
 * on their own timers. A tripped monitor whose severity passes the level becomes a {@link
 * MonitorEvent} for the CSMS; while the station cannot talk, events up to the offline queuing
 * severity wait for the connection (N07.FR.04, N08.FR.03) and the rest are dropped. Monitors, which
 * thresholds stand exceeded, base and level persist across restarts (N07.FR.13-14).
 */
public final class Monitoring {
  private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);
  static final String SNAPSHOT = "monitors";

  /** How often thresholds and deltas are compared with the Actual values. */
  public static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(1);

  /** SetVariableMonitoring's statuses (N04). */
  public enum SetStatus {
    ACCEPTED,
    UNKNOWN_COMPONENT,
    UNKNOWN_VARIABLE,
    UNSUPPORTED_MONITOR_TYPE,
    REJECTED,
    DUPLICATE
  }

  /** One monitor a CSMS asks for; {@code id} null for a new one (N04.FR.11). */
  public record SetMonitor(
      @Nullable Integer id,
      ComponentId component,
      VariableId variable,
      MonitorType type,
      BigDecimal value,
      int severity,
      boolean transaction) {}

  /** What became of one {@link SetMonitor}: its status, the monitor's id, why not. */
  public record SetOutcome(SetStatus status, @Nullable Integer id, @Nullable String reason) {}

  /** ClearVariableMonitoring's statuses (N06). */
  public enum ClearStatus {
    ACCEPTED,
    REJECTED,
    NOT_FOUND
  }

  /** SetMonitoringBase (N03). */
  public enum Base {
    ALL,
    FACTORY_DEFAULT,
    HARD_WIRED_ONLY
  }

  /** GetMonitoringReport's monitoringCriteria (N02.FR.12-14). */
  public enum Criterion {
    THRESHOLD,
    DELTA,
    PERIODIC
  }

  /** A monitor's state: for thresholds whether exceeded, for deltas the value compared with. */
  private static final class Watch {
    boolean tripped;
    @Nullable String reference;
    TaskScheduler.@Nullable Cancellable timer;
  }

  private final StationContext context;
  private final SnapshotStore snapshots;
  private final BooleanSupplier transactionRunning;
  private final IntSupplier offlineQueuingSeverity;
  private final PendingReports<MonitorEvent> events;
  private final Map<Integer, VariableMonitor> monitors = new LinkedHashMap<>();
  private final Map<Integer, Watch> watches = new HashMap<>();
  private final List<VariableMonitor> preconfigured = new ArrayList<>();
  private @Nullable MonitoredVariables variables;
  private Base base = Base.ALL;
  private int level = 9;
  private int nextId = 1;
  private TaskScheduler.@Nullable Cancellable evaluation;

  public Monitoring(
      StationContext context,
      SnapshotStore snapshots,
      BooleanSupplier transactionRunning,
      IntSupplier offlineQueuingSeverity) {
    this.context = context;
    this.snapshots = snapshots;
    this.transactionRunning = transactionRunning;
    this.offlineQueuingSeverity = offlineQueuingSeverity;
    this.events =
        new PendingReports<>(
            "monitoring events",
            PendingReports.CAPACITY,
            context.registered(),
            e -> context.gateway().monitorEvent(e));
  }

  /**
   * The variables to watch (a version with a device model); without them every monitor request
   * names an unknown component. Monitors kept from before start being watched.
   */
  public void watch(MonitoredVariables variables) {
    this.variables = variables;
    monitors.values().forEach(this::arm);
    scheduleEvaluation();
  }

  /**
   * Monitors the station maker preconfigures: active under base All and FactoryDefault, and back
   * when a FactoryDefault base restores them.
   */
  public void preconfigure(List<VariableMonitor> list) {
    preconfigured.clear();
    preconfigured.addAll(list);
    if (base != Base.HARD_WIRED_ONLY) {
      list.forEach(m -> monitors.putIfAbsent(m.id(), m));
      list.forEach(m -> nextId = Math.max(nextId, m.id() + 1));
    }
  }

  // ------------------------------------------------------------------------------- lifecycle

  /** Restores the monitors, their state, base and level. */
  public void start() {
    snapshots
        .read(SNAPSHOT)
        .ifPresent(
            data -> {
              try {
                MonitorSnapshot.read(data, monitors, this::restoredTripped, this::restored);
              } catch (IllegalArgumentException e) {
                LOG.error("the monitors are damaged; starting without custom monitors", e);
                monitors.clear();
              }
            });
  }

  private void restoredTripped(int id) {
    watches.computeIfAbsent(id, k -> new Watch()).tripped = true;
  }

  private void restored(Base base, int level, int nextId) {
    this.base = base;
    this.level = level;
    this.nextId = Math.max(this.nextId, nextId);
  }

  public void registered() {
    events.flush();
  }

  /** The station shuts down: no more evaluations or periodic reports. */
  public void stop() {
    if (evaluation != null) {
      evaluation.cancel();
      evaluation = null;
    }
    for (Watch w : watches.values()) {
      if (w.timer != null) {
        w.timer.cancel();
      }
    }
    variables = null;
  }

  public void connectionLost() {
    events.connectionLost();
  }

  // -------------------------------------------------------------------------------- commands

  /** SetVariableMonitoring, one item (N04). */
  public SetOutcome set(SetMonitor request) {
    MonitoredVariables vars = variables;
    if (vars == null || !vars.hasComponent(request.component())) {
      return new SetOutcome(SetStatus.UNKNOWN_COMPONENT, null, null);
    }
    if (!vars.hasVariable(request.component(), request.variable())) {
      return new SetOutcome(SetStatus.UNKNOWN_VARIABLE, null, null);
    }
    boolean numeric = vars.numeric(request.component(), request.variable());
    if (request.type().threshold() && !numeric) {
      return new SetOutcome(SetStatus.UNSUPPORTED_MONITOR_TYPE, null, "NotNumeric");
    }
    if (request.severity() < 0 || request.severity() > 9) {
      return new SetOutcome(SetStatus.REJECTED, null, "SeverityOutOfRange");
    }
    String problem = valueProblem(request, vars);
    if (problem != null) {
      return new SetOutcome(SetStatus.REJECTED, null, problem);
    }
    VariableMonitor existing = request.id() == null ? null : monitors.get(request.id());
    if (request.id() != null) {
      if (existing == null) {
        return new SetOutcome(SetStatus.REJECTED, request.id(), "UnknownMonitor"); // FR.13
      }
      if (existing.origin() == VariableMonitor.Origin.HARD_WIRED) {
        return new SetOutcome(SetStatus.REJECTED, request.id(), "HardWired"); // FR.18
      }
      if (!existing.watches(request.component(), request.variable())) {
        return new SetOutcome(SetStatus.REJECTED, request.id(), "OtherVariable"); // FR.16
      }
    }
    for (VariableMonitor m : monitors.values()) {
      if (m.watches(request.component(), request.variable())
          && m.type() == request.type()
          && m.severity() == request.severity()
          && !Objects.equals(m.id(), request.id())) {
        return new SetOutcome(SetStatus.DUPLICATE, m.id(), null); // FR.10
      }
    }
    int id = request.id() != null ? request.id() : nextId++;
    VariableMonitor monitor =
        new VariableMonitor(
            id,
            request.component(),
            request.variable(),
            request.type(),
            request.value(),
            request.severity(),
            request.transaction(),
            VariableMonitor.Origin.CUSTOM); // a changed preconfigured one is custom (FR.15)
    Watch previous = watches.get(id);
    if (previous != null && previous.timer != null) {
      previous.timer.cancel();
    }
    monitors.put(id, monitor);
    // A replaced threshold keeps whether it stood exceeded, so the next evaluation clears or
    // raises it against the new value (N07.FR.11).
    Watch watch = new Watch();
    watch.tripped = previous != null && previous.tripped && monitor.type().threshold();
    watches.put(id, watch);
    arm(monitor);
    persist();
    scheduleEvaluation();
    return new SetOutcome(SetStatus.ACCEPTED, id, null);
  }

  private static @Nullable String valueProblem(SetMonitor request, MonitoredVariables vars) {
    BigDecimal value = request.value();
    if (request.type() == MonitorType.DELTA && value.signum() < 0) {
      return "NegativeDelta"; // N04.FR.14
    }
    if (request.type().periodic() && value.signum() <= 0) {
      return "IntervalNotPositive";
    }
    if (request.type().threshold()) {
      BigDecimal min = vars.minLimit(request.component(), request.variable());
      BigDecimal max = vars.maxLimit(request.component(), request.variable());
      if ((min != null && value.compareTo(min) < 0) || (max != null && value.compareTo(max) > 0)) {
        return "OutOfRange"; // N04.FR.06
      }
    }
    return null;
  }

  /** ClearVariableMonitoring, one id (N06); a removed threshold raises no cleared event. */
  public ClearStatus clear(int id) {
    VariableMonitor m = monitors.get(id);
    if (m == null) {
      return ClearStatus.NOT_FOUND;
    }
    if (m.origin() == VariableMonitor.Origin.HARD_WIRED) {
      return ClearStatus.REJECTED;
    }
    remove(id);
    persist();
    return ClearStatus.ACCEPTED;
  }

  private void remove(int id) {
    monitors.remove(id);
    Watch w = watches.remove(id);
    if (w != null && w.timer != null) {
      w.timer.cancel();
    }
  }

  /** SetMonitoringBase (N03.FR.03-05). */
  public void setBase(Base requested) {
    if (requested != Base.ALL) {
      List.copyOf(monitors.values()).stream()
          .filter(m -> m.origin() != VariableMonitor.Origin.HARD_WIRED)
          .forEach(m -> remove(m.id()));
    }
    if (requested != Base.HARD_WIRED_ONLY) {
      for (VariableMonitor m : preconfigured) {
        if (requested == Base.FACTORY_DEFAULT || !monitors.containsKey(m.id())) {
          monitors.put(m.id(), m);
          watches.put(m.id(), new Watch());
          arm(m);
        }
      }
    }
    base = requested;
    persist();
    scheduleEvaluation();
  }

  /** SetMonitoringLevel (N05): false for a severity outside 0-9. */
  public boolean setLevel(int severity) {
    if (severity < 0 || severity > 9) {
      return false;
    }
    level = severity;
    persist();
    return true;
  }

  public Base base() {
    return base;
  }

  public int level() {
    return level;
  }

  /**
   * The monitors a GetMonitoringReport selects (N02.FR.05-17): of the given criteria (all when
   * empty) on the variables {@code where} accepts.
   */
  public List<VariableMonitor> report(
      Set<Criterion> criteria, java.util.function.BiPredicate<ComponentId, VariableId> where) {
    List<VariableMonitor> out = new ArrayList<>();
    for (VariableMonitor m : monitors.values()) {
      if ((criteria.isEmpty() || criteria.contains(criterion(m.type())))
          && where.test(m.component(), m.variable())) {
        out.add(m);
      }
    }
    return out;
  }

  /** Every monitor, in the order set. */
  public List<VariableMonitor> monitors() {
    return List.copyOf(monitors.values());
  }

  /** Events not yet confirmed by the CSMS, oldest first. */
  public List<MonitorEvent> pendingEvents() {
    return events.pending();
  }

  private static Criterion criterion(MonitorType type) {
    return type.threshold()
        ? Criterion.THRESHOLD
        : type == MonitorType.DELTA ? Criterion.DELTA : Criterion.PERIODIC;
  }

  // ------------------------------------------------------------------------------ evaluation

  /** A periodic monitor's timer; a delta monitor's starting value. */
  private void arm(VariableMonitor m) {
    MonitoredVariables vars = variables;
    if (vars == null) {
      return;
    }
    Watch w = watches.computeIfAbsent(m.id(), k -> new Watch());
    if (m.type() == MonitorType.DELTA && w.reference == null) {
      w.reference = vars.actual(m.component(), m.variable());
    }
    if (m.type().periodic()) {
      if (w.timer != null) {
        w.timer.cancel();
      }
      w.timer = context.scheduler().schedule(untilNextPeriod(m), () -> periodic(m.id()));
    }
  }

  private Duration untilNextPeriod(VariableMonitor m) {
    long seconds = Math.max(1, m.value().longValue());
    if (m.type() == MonitorType.PERIODIC) {
      return Duration.ofSeconds(seconds);
    }
    Instant now = context.scheduler().now();
    long sinceMidnight = Math.floorMod(now.getEpochSecond(), 86_400L);
    long next = (sinceMidnight / seconds + 1) * seconds;
    return Duration.ofSeconds(next - sinceMidnight).minusNanos(now.getNano());
  }

  private void periodic(int id) {
    VariableMonitor m = monitors.get(id);
    Watch w = watches.get(id);
    MonitoredVariables vars = variables;
    if (m == null || w == null || vars == null) {
      return;
    }
    if (active(m)) {
      raise(
          new MonitorEvent(
              m,
              context.scheduler().now(),
              MonitorEvent.Trigger.PERIODIC,
              vars.actual(m.component(), m.variable()),
              false));
    }
    w.timer = context.scheduler().schedule(untilNextPeriod(m), () -> periodic(id));
  }

  private void scheduleEvaluation() {
    boolean needed =
        variables != null
            && monitors.values().stream()
                .anyMatch(m -> m.type().threshold() || m.type() == MonitorType.DELTA);
    if (needed && evaluation == null) {
      evaluation = context.scheduler().schedule(EVALUATION_INTERVAL, this::evaluate);
    }
  }

  /** Compares every threshold and delta monitor with the Actual value now (N07). */
  void evaluate() {
    evaluation = null;
    MonitoredVariables vars = variables;
    if (vars == null) {
      return;
    }
    boolean changed = false;
    for (VariableMonitor m : List.copyOf(monitors.values())) {
      if (m.type().periodic() || !active(m)) {
        continue;
      }
      Watch w = watches.computeIfAbsent(m.id(), k -> new Watch());
      String actual = vars.actual(m.component(), m.variable());
      if (m.type() == MonitorType.DELTA) {
        if (deltaExceeded(m, w.reference, actual, vars)) {
          w.reference = actual;
          raise(
              new MonitorEvent(
                  m, context.scheduler().now(), MonitorEvent.Trigger.DELTA, actual, false));
        }
        continue;
      }
      BigDecimal value = number(actual);
      if (value == null) {
        continue;
      }
      boolean beyond =
          m.type() == MonitorType.UPPER_THRESHOLD
              ? value.compareTo(m.value()) > 0
              : value.compareTo(m.value()) < 0;
      if (beyond != w.tripped) {
        w.tripped = beyond;
        changed = true;
        raise(
            new MonitorEvent(
                m, context.scheduler().now(), MonitorEvent.Trigger.ALERTING, actual, !beyond));
      }
    }
    if (changed) {
      persist();
    }
    scheduleEvaluation();
  }

  private static boolean deltaExceeded(
      VariableMonitor m,
      @Nullable String reference,
      @Nullable String actual,
      MonitoredVariables vars) {
    if (Objects.equals(reference, actual)) {
      return false;
    }
    if (!vars.numeric(m.component(), m.variable())) {
      return true; // N07.FR.19: any change
    }
    BigDecimal before = number(reference);
    BigDecimal now = number(actual);
    if (before == null || now == null) {
      return true;
    }
    return now.subtract(before).abs().compareTo(m.value()) > 0; // N07.FR.18
  }

  private boolean active(VariableMonitor m) {
    return !m.transaction() || transactionRunning.getAsBoolean();
  }

  /** Level filter (N07.FR.15), then sent, queued offline up to its severity, or dropped. */
  private void raise(MonitorEvent event) {
    int severity = event.monitor().severity();
    if (severity > level) {
      return;
    }
    if (!context.registered().getAsBoolean() && severity > offlineQueuingSeverity.getAsInt()) {
      LOG.debug("offline: monitoring event of severity {} not queued", severity);
      return;
    }
    events.add(event);
  }

  private static @Nullable BigDecimal number(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void persist() {
    List<Integer> tripped = new ArrayList<>();
    watches.forEach(
        (id, w) -> {
          if (w.tripped) {
            tripped.add(id);
          }
        });
    snapshots.write(
        SNAPSHOT, MonitorSnapshot.write(monitors.values(), tripped, base, level, nextId));
  }

  /** The criteria a report may name; every one is supported. */
  public static Set<Criterion> allCriteria() {
    return EnumSet.allOf(Criterion.class);
  }
}
