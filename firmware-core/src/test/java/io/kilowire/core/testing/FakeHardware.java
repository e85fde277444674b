package io.kilowire.core.testing;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.display.DisplayMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Station hardware for tests: each EVSE's meter integrates a settable current on three phases (or
 * fewer, {@link #draw(int, double, int)}) at 230 V, the energy offer and unlock commands are
 * recorded, and so is every output change (energy on/off, current offered) in order, with a hook
 * that sees the outputs after each change.
 */
public final class FakeHardware implements StationHardware {
  private final TaskScheduler clock;
  private final Map<Integer, double[]> meters =
      new HashMap<>(); // energyWh, currentA, sinceMillis, exportWh
  private final Map<Integer, Boolean> offered = new HashMap<>();
  private final Map<Integer, @Nullable Integer> socs = new HashMap<>();
  private final Map<Integer, Integer> phases = new HashMap<>();
  private boolean unlockWorks = true;
  private final Map<Integer, MeterReading> frozen = new HashMap<>();
  private final Map<Integer, Double> currents = new HashMap<>();
  private final Map<Integer, Boolean> bidirectional = new HashMap<>();
  private volatile boolean iso15118Dash20;
  private final Map<Integer, Boolean> bptSessions = new HashMap<>();
  private final Map<Integer, Double> discharges = new HashMap<>();
  private final Map<Integer, Double> setpoints = new HashMap<>();
  private final Map<Integer, Double> reactive = new HashMap<>();
  private final List<String> outputs = new ArrayList<>();
  private Consumer<FakeHardware> outputListener = h -> {};
  private final List<@Nullable DisplayMessage> displayed = new ArrayList<>();
  private final Map<Integer, String> costs = new HashMap<>();
  private final Map<Integer, io.kilowire.core.authorization.PersonalMessage.Text> tariffs =
      new HashMap<>();

  private boolean gridSensor;
  private io.kilowire.core.der.@Nullable GridState grid;

  public FakeHardware(TaskScheduler clock) {
    this.clock = clock;
  }

  /** The station has a grid sensor, reading {@code state} from now on. */
  public void grid(io.kilowire.core.der.GridState state) {
    gridSensor = true;
    grid = state;
  }

  @Override
  public boolean gridSensor() {
    return gridSensor;
  }

  @Override
  public io.kilowire.core.der.@Nullable GridState grid() {
    return grid;
  }

  /**
   * The EV on {@code evse} draws {@code amps} per phase from now on (only while energy is offered).
   */
  public void draw(int evse, double amps) {
    draw(evse, amps, 3);
  }

  /** The EV on {@code evse} draws {@code amps} on phases L1..L{@code n} (1 to 3) from now on. */
  public void draw(int evse, double amps, int n) {
    integrate(evse)[1] = amps;
    phases.put(evse, n);
  }

  /**
   * The meter of {@code evse} reads {@code energyWh} from now on (a test sets it; it may not fall).
   */
  public void meterAt(int evse, double energyWh) {
    integrate(evse)[0] = energyWh;
  }

  public boolean offered(int evse) {
    return offered.getOrDefault(evse, false);
  }

  /**
   * The EV on {@code evse} tells its state of charge (ISO 15118) from now on; null: it does not.
   */
  public void soc(int evse, @Nullable Integer percent) {
    socs.put(evse, percent);
  }

  /**
   * The meter of {@code evse} keeps repeating its reading of now (a faulted meter's last sample).
   */
  public void freezeMeter(int evse) {
    frozen.put(evse, read(evse));
  }

  public void failUnlock() {
    unlockWorks = false;
  }

  @Override
  public MeterReading read(int evse) {
    MeterReading still = frozen.get(evse);
    if (still != null) {
      return still;
    }
    double[] m = integrate(evse);
    double a = offered(evse) ? m[1] : 0;
    int n = phases(evse);
    return new MeterReading(
            clock.now(),
            m[0],
            a * 230 * n,
            new PerPhase(a, n >= 2 ? a : 0, n >= 3 ? a : 0),
            new PerPhase(230, 230, 230),
            socs.get(evse))
        .withExportEnergy(m[3])
        .withReactivePower(
            reactive.containsKey(evse) && offered(evse) ? reactive.get(evse) * 230 * n : null);
  }

  @Override
  public boolean canExchangeReactive(int evse) {
    return canDischarge(evse); // a bidirectional output with an EV in a BPT session
  }

  @Override
  public void offerReactive(int evse, @Nullable Double amps) {
    if (amps == null) {
      reactive.remove(evse);
    } else {
      reactive.put(evse, amps);
    }
    outputs.add("reactive " + evse + " " + amps);
    outputListener.accept(this);
  }

  /** The reactive current last offered on {@code evse}, amps per phase (null: none). */
  public @Nullable Double offeredReactive(int evse) {
    return reactive.get(evse);
  }

  @Override
  public void offerEnergy(int evse, boolean on) {
    integrate(evse);
    offered.put(evse, on);
    outputs.add("energy " + evse + " " + (on ? "on" : "off"));
    outputListener.accept(this);
  }

  @Override
  public void offerCurrent(int evse, double amps) {
    currents.put(evse, amps);
    outputs.add("current " + evse + " " + amps);
    outputListener.accept(this);
  }

  /** EVSE {@code evse}'s power electronics can feed energy back (OCPP 2.1, ISO 15118-20 BPT). */
  public void bidirectional(int evse, boolean canFeedBack) {
    bidirectional.put(evse, canFeedBack);
  }

  /** The station's EVSEs speak ISO 15118-20 (or not). */
  public void iso15118Dash20(boolean speaks) {
    iso15118Dash20 = speaks;
  }

  @Override
  public boolean iso15118Dash20() {
    return iso15118Dash20;
  }

  /** The EV on {@code evse} is (or is no longer) in an ISO 15118-20 bidirectional session. */
  public void evInBptSession(int evse, boolean inSession) {
    bptSessions.put(evse, inSession);
  }

  @Override
  public boolean bidirectional(int evse) {
    return bidirectional.getOrDefault(evse, false);
  }

  @Override
  public boolean canDischarge(int evse) {
    return bidirectional(evse) && bptSessions.getOrDefault(evse, false);
  }

  @Override
  public void offerDischarge(int evse, double amps, @Nullable Double setpointA) {
    discharges.put(evse, amps);
    if (setpointA == null) {
      setpoints.remove(evse);
    } else {
      setpoints.put(evse, setpointA);
    }
    outputs.add("discharge " + evse + " " + amps + " setpoint " + setpointA);
    outputListener.accept(this);
  }

  /** What {@code evse} was last told it may feed back, amps per phase (0 before any offer). */
  public double offeredDischarge(int evse) {
    return discharges.getOrDefault(evse, 0.0);
  }

  /** The setpoint {@code evse} was last told, amps per phase; null: none. */
  public @Nullable Double offeredSetpoint(int evse) {
    return setpoints.get(evse);
  }

  /** The current last offered on {@code evse} (NaN before any offer). */
  public double offeredCurrent(int evse) {
    return currents.getOrDefault(evse, Double.NaN);
  }

  /** Every output change so far, in order: "energy 1 on", "current 2 10.0", ... */
  public List<String> outputs() {
    return List.copyOf(outputs);
  }

  /** Called with this hardware after every output change. */
  public void onOutputChange(Consumer<FakeHardware> listener) {
    this.outputListener = listener;
  }

  @Override
  public boolean unlock(int evse) {
    return unlockWorks;
  }

  @Override
  public synchronized void display(@Nullable DisplayMessage message) {
    displayed.add(message);
  }

  @Override
  public synchronized void displayCost(int evse, @Nullable String text) {
    if (text == null) {
      costs.remove(evse);
    } else {
      costs.put(evse, text);
    }
  }

  /** The cost text {@code evse}'s display shows now; null for none. */
  public synchronized @Nullable String displayedCost(int evse) {
    return costs.get(evse);
  }

  @Override
  public synchronized void displayTariff(
      int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff) {
    if (tariff == null) {
      tariffs.remove(evse);
    } else {
      tariffs.put(evse, tariff);
    }
  }

  /** The tariff {@code evse}'s display shows now (I01); null for none. */
  public synchronized io.kilowire.core.authorization.PersonalMessage.@Nullable Text displayedTariff(
      int evse) {
    return tariffs.get(evse);
  }

  /** What the display showed, in order; null for the station's own screen. */
  public synchronized List<@Nullable DisplayMessage> displayed() {
    return new ArrayList<>(displayed);
  }

  /** The content the display shows now; null for the station's own screen. */
  public synchronized @Nullable String displayedNow() {
    DisplayMessage last = displayed.isEmpty() ? null : displayed.get(displayed.size() - 1);
    return last == null ? null : last.content();
  }

  private int phases(int evse) {
    return phases.getOrDefault(evse, 3);
  }

  private double[] integrate(int evse) {
    Instant now = clock.now();
    double[] m =
        meters.computeIfAbsent(evse, e -> new double[] {1000.0 * e, 0, now.toEpochMilli(), 0});
    long since = (long) m[2];
    double hours = Duration.ofMillis(now.toEpochMilli() - since).toMillis() / 3_600_000.0;
    if (offered(evse)) {
      // A negative current feeds energy back: it counts on the export register, the import
      // register never runs backwards.
      double wh = m[1] * 230 * phases(evse) * hours;
      m[wh >= 0 ? 0 : 3] += Math.abs(wh);
    }
    m[2] = now.toEpochMilli();
    return m;
  }
}
