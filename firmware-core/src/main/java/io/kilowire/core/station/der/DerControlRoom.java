package io.kilowire.core.station.der;

import io.kilowire.core.der.DerControl;
import io.kilowire.core.der.DerControlType;
import io.kilowire.core.der.DerControls;
import io.kilowire.core.der.DerEvaluator;
import io.kilowire.core.der.DerPace;
import io.kilowire.core.der.DerResponse;
import io.kilowire.core.der.DerSetting;
import io.kilowire.core.der.DerSnapshot;
import io.kilowire.core.der.GridFault;
import io.kilowire.core.der.GridState;
import io.kilowire.core.der.RideThrough;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.reports.PendingReports;
import io.kilowire.core.store.SnapshotStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's DER controls: set, read and cleared by the CSMS and kept across restarts (own
 * snapshot {@value #SNAPSHOT}); while a control that reads the grid is held, the grid is read every
 * {@link #GRID_READ} and what the controls in force allow goes to the limits. A must-trip condition
 * stops the station both ways and raises an alarm, ended when the condition clears; after a trip
 * the station stays out of service until the grid lies inside the EnterService window in force for
 * its delay. Scheduled controls report their start and stop.
 *
 * <p>The station takes the types it can execute: with a grid sensor the curves and droop that act
 * on active power, the must-trip curves (timed on their x axis), the ride-through curves (MomCess:
 * momentary cessation; MayTrip: it rides through) and EnterService; LimitMaxDischarge and Gradients
 * always; the reactive types (VoltVar, fixed power factor, FixedVar, WattVar, WattPF) where an
 * output can exchange reactive power (VoltVar also needs the grid sensor). Power-monitoring trips
 * are NotSupported, with the reason ({@link #notSupportedBecause}). What is applied follows the
 * controls at the pace their timing fields set ({@link DerPace}); after a trip EnterService's
 * randomDelay adds a part drawn once per trip.
 */
public final class DerControlRoom {
  private static final Logger LOG = LoggerFactory.getLogger(DerControlRoom.class);
  static final String SNAPSHOT = "der-controls";

  /** The alarms and starts/stops not yet confirmed by the CSMS, so a restart keeps them. */
  static final String REPORTS_SNAPSHOT = "der-reports";

  /** How often the grid is read while a control acts on it. */
  public static final Duration GRID_READ = Duration.ofSeconds(1);

  /** The types that read the grid. */
  static final Set<DerControlType> ON_THE_GRID =
      EnumSet.of(
          DerControlType.FREQ_WATT,
          DerControlType.VOLT_WATT,
          DerControlType.FREQ_DROOP,
          DerControlType.HF_MUST_TRIP,
          DerControlType.LF_MUST_TRIP,
          DerControlType.HV_MUST_TRIP,
          DerControlType.LV_MUST_TRIP,
          DerControlType.HF_MAY_TRIP,
          DerControlType.HV_MAY_TRIP,
          DerControlType.LV_MAY_TRIP,
          DerControlType.HV_MOM_CESS,
          DerControlType.LV_MOM_CESS,
          DerControlType.ENTER_SERVICE,
          DerControlType.VOLT_VAR);

  /** The types timed by {@link RideThrough} rather than read by the evaluator. */
  static final Set<DerControlType> RIDE_THROUGH =
      EnumSet.of(
          DerControlType.HF_MUST_TRIP,
          DerControlType.LF_MUST_TRIP,
          DerControlType.HV_MUST_TRIP,
          DerControlType.LV_MUST_TRIP,
          DerControlType.HF_MAY_TRIP,
          DerControlType.HV_MAY_TRIP,
          DerControlType.LV_MAY_TRIP,
          DerControlType.HV_MOM_CESS,
          DerControlType.LV_MOM_CESS);

  /** What the CSMS must hear of, in order, kept while it is unreachable. */
  sealed interface Report {}

  record Alarm(DerControlType type, GridFault fault, boolean ended, Instant at) implements Report {}

  record StartStop(String id, boolean started, List<String> superseded, Instant at)
      implements Report {
    StartStop {
      superseded = List.copyOf(superseded);
    }
  }

  private final TaskScheduler scheduler;
  private final SnapshotStore snapshots;
  private final PendingReports<Report> reports;
  private final Supplier<@Nullable GridState> grid;
  private final BooleanSupplier gridSensor;
  private final Consumer<DerResponse> bounds;
  private final DerControls controls;
  private DerNotifications notifications = DerNotifications.NONE;
  private BooleanSupplier enabled = () -> true;
  private BooleanSupplier reactiveOutputs = () -> false;
  private RandomGenerator random = RandomGenerator.getDefault();
  private DerResponse inForce = DerResponse.FREE;
  private Map<DerControlType, GridFault> trips = new EnumMap<>(DerControlType.class);
  private Set<String> running = new LinkedHashSet<>();
  private boolean outOfService;
  private @Nullable Instant admittedSince;
  private Duration randomPart = Duration.ZERO;
  private final DerPace pace = new DerPace();
  private final RideThrough rideThrough = new RideThrough();
  private TaskScheduler.@Nullable Cancellable timer;

  /**
   * @param gridSensor whether the station can read the grid's frequency and voltage
   * @param grid the grid now (null: no reading)
   * @param bounds told what the controls allow whenever that changes
   */
  public DerControlRoom(
      TaskScheduler scheduler,
      BooleanSupplier registered,
      SnapshotStore snapshots,
      BooleanSupplier gridSensor,
      Supplier<@Nullable GridState> grid,
      Consumer<DerResponse> bounds) {
    this.scheduler = scheduler;
    this.snapshots = snapshots;
    this.grid = grid;
    this.gridSensor = gridSensor;
    this.bounds = bounds;
    Set<DerControlType> executable =
        EnumSet.of(DerControlType.LIMIT_MAX_DISCHARGE, DerControlType.GRADIENTS);
    executable.addAll(ON_THE_GRID);
    for (DerControlType type : DerControlType.values()) {
      if (type.reactive()) {
        executable.add(type);
      }
    }
    this.controls = new DerControls(executable);
    this.reports =
        new PendingReports<>(
            "DER alarms and control starts", PendingReports.CAPACITY, registered, this::send);
    reports.onChange(this::persistReports);
  }

  /** Where alarms and starts/stops go (the 2.1 adapter, while connected in 2.1). */
  public void notifications(@Nullable DerNotifications to) {
    this.notifications = to == null ? DerNotifications.NONE : to;
  }

  private java.util.concurrent.CompletableFuture<?> send(Report r) {
    if (r instanceof Alarm a) {
      return notifications.alarm(a.type(), a.fault(), a.ended(), a.at());
    }
    StartStop s = (StartStop) r;
    return notifications.startStop(s.id(), s.started(), s.superseded(), s.at());
  }

  /** Where EnterService's randomDelay draws its part from (tests give a fixed one). */
  public void randomDelays(RandomGenerator source) {
    this.random = Objects.requireNonNull(source, "source");
  }

  /** Whether the station acts on DER controls (2.1 DERCtrlr.Enabled); true until told. */
  public void enabled(BooleanSupplier isEnabled) {
    this.enabled = isEnabled;
  }

  /**
   * Whether some output of the station can exchange reactive power (bidirectional power
   * electronics); without one the reactive types are NotSupported. None until told.
   */
  public void reactiveOutputs(BooleanSupplier any) {
    this.reactiveOutputs = any;
  }

  /** The connection is gone: reports not yet answered wait for the next. */
  public void connectionLost() {
    reports.connectionLost();
  }

  /** Registered again: what waited goes out, in order. */
  public void flush() {
    reports.flush();
  }

  /** Restores the controls and the undelivered reports kept, and acts on the controls. */
  public void start() {
    snapshots
        .read(REPORTS_SNAPSHOT)
        .ifPresent(
            data -> {
              try {
                DerReportSnapshot.read(data).forEach(reports::add);
              } catch (RuntimeException e) {
                LOG.error("the undelivered DER reports are damaged; starting without them", e);
              }
            });
    snapshots
        .read(SNAPSHOT)
        .ifPresent(
            data -> {
              try {
                controls.restore(DerSnapshot.read(data));
              } catch (RuntimeException e) {
                LOG.error("the DER controls are damaged; starting without them", e);
                controls.restore(List.of());
              }
            });
    running = scheduledInForce(scheduler.now());
    evaluate();
  }

  public void stop() {
    TaskScheduler.cancel(timer);
    timer = null;
  }

  /**
   * The types the station takes: those reading the grid only with a grid sensor, the reactive ones
   * only with an output that can exchange reactive power.
   */
  public Set<DerControlType> supported() {
    Set<DerControlType> types = EnumSet.copyOf(controls.supported());
    if (!gridSensor.getAsBoolean()) {
      types.removeAll(ON_THE_GRID);
    }
    if (!reactiveOutputs.getAsBoolean()) {
      types.removeIf(DerControlType::reactive);
    }
    return types;
  }

  /** SetDERControl. */
  public DerControls.SetResult set(DerControl control) {
    if (!supported().contains(control.type())) {
      return new DerControls.SetResult(
          DerControls.Status.NOT_SUPPORTED,
          List.of(),
          "UnsupportedParam",
          control.type() + " " + notSupportedBecause(control.type()));
    }
    if (!enabled.getAsBoolean()) {
      return new DerControls.SetResult(
          DerControls.Status.REJECTED, List.of(), "NotEnabled", "DERCtrlr.Enabled is false");
    }
    if (control.setting() instanceof DerSetting.DischargeLimit limit
        && limit.monitoringTrip() != null
        && limit.pctMaxDischargePower() == null) {
      // Its threshold is what the station acts on; the curve alone would be held and ignored.
      return new DerControls.SetResult(
          DerControls.Status.NOT_SUPPORTED,
          List.of(),
          "UnsupportedParam",
          "limitMaxDischarge.powerMonitoringMustTrip without pctMaxDischargePower: the station"
              + " does not trip on its discharge power (given pctMaxDischargePower, it holds"
              + " discharge under it, so the curve never becomes active)");
    }
    DerControls.SetResult result = controls.set(control);
    if (result.status() == DerControls.Status.ACCEPTED) {
      persist();
      evaluate();
    }
    return result;
  }

  /**
   * Why the station does not take {@code type}, for the CSMS (statusInfo.additionalInfo, after the
   * type's name).
   */
  public String notSupportedBecause(DerControlType type) {
    if (ON_THE_GRID.contains(type) && !gridSensor.getAsBoolean()) {
      return "reads the grid, and this station has no grid sensor";
    }
    if (type.reactive()) {
      return "asks for reactive power, and no output here can exchange reactive power"
          + " (none is bidirectional)";
    }
    if (type == DerControlType.POWER_MONITORING_MUST_TRIP) {
      return "is not executed: the station does not trip on its discharge power; it holds its"
          + " discharge under a LimitMaxDischarge's pctMaxDischargePower instead, which keeps"
          + " such a curve from becoming active";
    }
    return "not executed here";
  }

  /** GetDERControl's criteria. */
  public List<DerControls.Held> find(
      @Nullable Boolean isDefault, @Nullable DerControlType type, @Nullable String id) {
    return controls.find(isDefault, type, id);
  }

  /** ClearDERControl; how many were cleared. */
  public int clear(boolean isDefault, @Nullable DerControlType type, @Nullable String id) {
    int cleared = controls.clear(isDefault, type, id);
    if (cleared > 0) {
      persist();
      evaluate();
    }
    return cleared;
  }

  /** What the controls allow now. */
  public DerResponse inForce() {
    return inForce;
  }

  /** Reads the grid, acts on the controls in force, tells what changed; then waits for the next. */
  void evaluate() {
    TaskScheduler.cancel(timer);
    timer = null;
    Instant now = scheduler.now();
    // Disabled: the controls are kept, none acts.
    Map<DerControlType, DerControl> active =
        enabled.getAsBoolean() ? controls.inForce(now) : Map.of();
    GridState state = grid.get();
    boolean readsGrid = active.keySet().stream().anyMatch(ON_THE_GRID::contains);
    Map<DerControlType, DerControl> acting =
        without(state == null ? withoutGrid(active) : active, RIDE_THROUGH);
    GridState seen = state == null ? GridState.of(50, 100) : state;
    DerResponse response = DerEvaluator.evaluate(acting, seen);
    Map<DerControlType, GridFault> tripped =
        state == null ? Map.of() : rideThrough.trips(active.values(), state, now);
    Map<DerControlType, GridFault> ceasing =
        state == null ? Map.of() : RideThrough.ceasing(active.values(), state);
    Map<DerControlType, GridFault> faults = new EnumMap<>(DerControlType.class);
    faults.putAll(tripped);
    faults.putAll(ceasing);
    alarms(faults, now);
    startsAndStops(now);
    if (!tripped.isEmpty()) {
      if (!outOfService) {
        randomPart = randomDelay(active.get(DerControlType.ENTER_SERVICE));
      }
      outOfService = true;
      admittedSince = null;
    } else if (outOfService) {
      outOfService = !mayEnterService(active.get(DerControlType.ENTER_SERVICE), state, now);
    }
    DerPace.Halt halt =
        outOfService
            ? DerPace.Halt.TRIP
            : ceasing.isEmpty() ? DerPace.Halt.NONE : DerPace.Halt.CEASE;
    if (halt != DerPace.Halt.NONE) {
      // Tripped or ceasing: no power of either kind is exchanged.
      response = new DerResponse(0, 0, null, faults);
    }
    response = pace.follow(acting, seen, response, halt, now);
    if (!response.equals(inForce)) {
      inForce = response;
      bounds.accept(response);
    }
    Instant next = controls.nextChange(now);
    if (readsGrid || outOfService || !pace.settled()) {
      Instant read = now.plus(GRID_READ);
      next = next == null || read.isBefore(next) ? read : next;
    }
    Instant deadline = rideThrough.nextDeadline();
    if (deadline != null && (next == null || deadline.isBefore(next))) {
      next = deadline;
    }
    if (next != null) {
      timer = scheduler.schedule(Duration.between(now, next), this::evaluate);
    }
  }

  /** Back in service once the grid has been inside the EnterService window for its delay. */
  private boolean mayEnterService(
      @Nullable DerControl enterService, @Nullable GridState state, Instant now) {
    if (enterService == null) {
      return true;
    }
    DerSetting.EnterService window = (DerSetting.EnterService) enterService.setting();
    if (state == null || !window.admits(state)) {
      admittedSince = null;
      return false;
    }
    if (admittedSince == null) {
      admittedSince = now;
    }
    Duration delay =
        window.delay() == null
            ? Duration.ZERO
            : Duration.ofMillis(window.delay().movePointRight(3).longValue());
    return !now.isBefore(admittedSince.plus(delay).plus(randomPart));
  }

  /** EnterService's randomDelay: up to that many seconds more, drawn once per trip. */
  private Duration randomDelay(@Nullable DerControl enterService) {
    if (enterService == null) {
      return Duration.ZERO;
    }
    BigDecimal upTo = ((DerSetting.EnterService) enterService.setting()).randomDelay();
    if (upTo == null || upTo.signum() <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(Math.round(upTo.doubleValue() * 1000 * random.nextDouble()));
  }

  private void alarms(Map<DerControlType, GridFault> now, Instant at) {
    Map<DerControlType, GridFault> before = trips;
    now.forEach(
        (type, fault) -> {
          if (before.get(type) != fault) {
            reports.add(new Alarm(type, fault, false, at));
          }
        });
    before.forEach(
        (type, fault) -> {
          if (now.get(type) != fault) {
            reports.add(new Alarm(type, fault, true, at));
          }
        });
    trips = now.isEmpty() ? new EnumMap<>(DerControlType.class) : new EnumMap<>(now);
  }

  private void startsAndStops(Instant now) {
    Set<String> current = scheduledInForce(now);
    for (String id : running) {
      if (!current.contains(id)) {
        reports.add(new StartStop(id, false, List.of(), now));
      }
    }
    for (String id : current) {
      if (!running.contains(id)) {
        reports.add(new StartStop(id, true, displacedBy(id), now));
      }
    }
    running = current;
  }

  /** The controls of the same type that were in force until {@code id} started. */
  private List<String> displacedBy(String id) {
    DerControl started = controls.find(null, null, id).get(0).control();
    List<String> displaced = new ArrayList<>();
    for (DerControls.Held h : controls.find(null, started.type(), null)) {
      String other = h.control().id();
      if (!other.equals(id) && running.contains(other)) {
        displaced.add(other);
      }
    }
    return displaced;
  }

  private Set<String> scheduledInForce(Instant now) {
    Set<String> ids = new LinkedHashSet<>();
    for (DerControl c : controls.inForce(now).values()) {
      if (!c.isDefault()) {
        ids.add(c.id());
      }
    }
    return ids;
  }

  private static Map<DerControlType, DerControl> withoutGrid(Map<DerControlType, DerControl> all) {
    return without(all, ON_THE_GRID);
  }

  private static Map<DerControlType, DerControl> without(
      Map<DerControlType, DerControl> all, Set<DerControlType> types) {
    Map<DerControlType, DerControl> out = new EnumMap<>(DerControlType.class);
    all.forEach(
        (type, c) -> {
          if (!types.contains(type)) {
            out.put(type, c);
          }
        });
    return out;
  }

  private void persist() {
    snapshots.write(SNAPSHOT, DerSnapshot.write(controls.all()));
  }

  private void persistReports() {
    snapshots.write(REPORTS_SNAPSHOT, DerReportSnapshot.write(reports.pending()));
  }

  /** For tests and reports: the controls held, in the order set. */
  public List<DerControls.Held> all() {
    return Objects.requireNonNull(controls.all());
  }
}
