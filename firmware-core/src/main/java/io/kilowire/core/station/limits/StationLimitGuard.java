package io.kilowire.core.station.limits;

import io.kilowire.core.loadmanagement.SharedLimit;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.station.StationHardware;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence between the station's decisions and its outputs: whatever the sharing
 * computed, the currents offered on all EVSEs never add up to more than the limits on the whole
 * station. Both outputs follow {@link StationHardware#offerCurrent} (the pilot's duty cycle and the
 * ISO 15118 limits), so guarding the offer guards both. A decrease always passes; an increase that
 * would break a limit is cut to what is left and logged as an error: it means a bug upstream, and
 * never happens when the station applies its decreases before its increases.
 *
 * <p>Discharging (OCPP 2.1) is guarded the same way: what all EVSEs may feed back never adds up to
 * more than the station's discharge limit, and a setpoint stays inside what is offered both ways.
 *
 * <p>Offers count as if every EVSE drew on the same phase, and on the phases its EV says it uses
 * for a limit in watts (three when it said nothing), as the sharing counts them.
 */
public final class StationLimitGuard implements StationHardware {
  private static final Logger LOG = LoggerFactory.getLogger(StationLimitGuard.class);

  private final StationHardware hardware;
  private final double voltage;
  private final double[] offered;
  private final int[] phases;
  private List<SharedLimit> limits = List.of();
  private final double[] discharging;
  private @Nullable Double dischargeLimitA;
  private int cuts;

  public StationLimitGuard(StationHardware hardware, int evseCount, double voltage) {
    this.hardware = hardware;
    this.voltage = voltage;
    this.offered = new double[evseCount];
    this.discharging = new double[evseCount];
    this.phases = new int[evseCount];
    java.util.Arrays.fill(phases, 3);
  }

  /**
   * The limits on the whole station from now on, and the phases each EVSE's EV draws on. A lower
   * limit than what is offered now must be followed at once by the decreases that meet it.
   */
  void limits(List<SharedLimit> stationLimits, IntUnaryOperator phasesOfEvse) {
    this.limits = List.copyOf(stationLimits);
    for (int i = 0; i < phases.length; i++) {
      phases[i] = Math.max(1, Math.min(3, phasesOfEvse.applyAsInt(i + 1)));
    }
  }

  /**
   * The limit on discharging the whole station from now on, in amps per phase counted as if on one
   * phase; null: none. A lower one must be followed at once by the decreases that meet it.
   */
  void dischargeLimit(@Nullable Double amps) {
    this.dischargeLimitA = amps;
  }

  /** What {@code evse} may feed back now, as the guard let it through. */
  double discharging(int evse) {
    return discharging[evse - 1];
  }

  /** How many offers the guard had to cut: each one a bug upstream. */
  int cuts() {
    return cuts;
  }

  /** What is offered on {@code evse} now, as the guard let it through. */
  double offered(int evse) {
    return offered[evse - 1];
  }

  @Override
  public void offerCurrent(int evse, double amps) {
    int i = evse - 1;
    double allowed = amps;
    @Nullable SharedLimit binding = null;
    if (amps > offered[i]) {
      for (SharedLimit limit : limits) {
        double headroom = Math.max(0, headroom(limit, i));
        if (headroom < allowed) {
          allowed = headroom;
          binding = limit;
        }
      }
    }
    if (binding != null) {
      cuts++;
      LOG.error(
          "station limit guard: EVSE {} was to be offered {} A, but {} ({} {}) leaves it {} A;"
              + " offering that. This is a bug in the limit sharing.",
          evse,
          amps,
          binding.name(),
          binding.value(),
          binding.unit() == SharedLimit.Unit.WATTS ? "W" : "A per phase",
          allowed);
    }
    offered[i] = allowed;
    hardware.offerCurrent(evse, allowed);
  }

  @Override
  public void offerDischarge(int evse, double amps, @Nullable Double setpointA) {
    int i = evse - 1;
    double allowed = amps;
    Double cap = dischargeLimitA;
    if (cap != null && amps > discharging[i]) {
      double others = 0;
      for (int j = 0; j < discharging.length; j++) {
        others += j == i ? 0 : discharging[j];
      }
      double headroom = Math.max(0, Math.floor((cap - others) * 10 + 1e-6) / 10);
      if (headroom < allowed) {
        cuts++;
        LOG.error(
            "station limit guard: EVSE {} was to discharge {} A, but the station's discharge"
                + " limit ({} A) leaves it {} A; offering that. This is a bug in the sharing.",
            evse,
            amps,
            cap,
            headroom);
        allowed = headroom;
      }
    }
    discharging[i] = allowed;
    Double setpoint =
        setpointA == null ? null : Math.max(-allowed, Math.min(offered[i], setpointA));
    hardware.offerDischarge(evse, allowed, setpoint);
  }

  @Override
  public boolean bidirectional(int evse) {
    return hardware.bidirectional(evse);
  }

  @Override
  public boolean iso15118Dash20() {
    return hardware.iso15118Dash20();
  }

  @Override
  public boolean gridSensor() {
    return hardware.gridSensor();
  }

  @Override
  public io.kilowire.core.der.@Nullable GridState grid() {
    return hardware.grid();
  }

  @Override
  public boolean canDischarge(int evse) {
    return hardware.canDischarge(evse);
  }

  @Override
  public void offerReactive(int evse, @Nullable Double amps) {
    hardware.offerReactive(evse, amps); // reactive current bounds no active-power limit
  }

  @Override
  public boolean canExchangeReactive(int evse) {
    return hardware.canExchangeReactive(evse);
  }

  /** The most EVSE index {@code i} may be offered under {@code limit} beside the others. */
  private double headroom(SharedLimit limit, int i) {
    double othersUse = 0;
    for (int j = 0; j < offered.length; j++) {
      if (j != i) {
        othersUse += use(limit, j, offered[j]);
      }
    }
    double left = limit.value() - othersUse;
    double amps = limit.unit() == SharedLimit.Unit.WATTS ? left / (phases[i] * voltage) : left;
    return Math.floor(amps * 10 + 1e-6) / 10; // cut to 0.1 A, never rounded up
  }

  private double use(SharedLimit limit, int j, double amps) {
    return limit.unit() == SharedLimit.Unit.WATTS ? amps * phases[j] * voltage : amps;
  }

  @Override
  public MeterReading read(int evse) {
    return hardware.read(evse);
  }

  @Override
  public void offerEnergy(int evse, boolean on) {
    hardware.offerEnergy(evse, on);
  }

  @Override
  public boolean unlock(int evse) {
    return hardware.unlock(evse);
  }
}
