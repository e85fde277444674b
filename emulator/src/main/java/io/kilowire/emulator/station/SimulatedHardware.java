package io.kilowire.emulator.station;

import io.kilowire.core.station.MeterReading;
import io.kilowire.core.station.MeterReading.PerPhase;
import io.kilowire.core.station.StationHardware;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The electrical side of an emulated station: per EVSE a contactor, a pilot offering the EVSE's
 * maximum current, and a meter that integrates what the plugged-in EV draws. Runs on the station's
 * thread (reads time from its scheduler), so it needs no locking.
 */
public final class SimulatedHardware implements StationHardware {
  public static final double NOMINAL_VOLTAGE = 230.0;

  private final Clock clock;
  private final double maxCurrentA;
  private final Evse[] evses;

  private static final class Evse {
    boolean offered;
    double limitA = Double.MAX_VALUE;
    double evMaxCurrentA;
    int phases = 3;
    double energyWh;
    double drawA;
    Instant since;
    Double soc;
    double batteryWh;

    Evse(Instant now) {
      since = now;
    }
  }

  /**
   * @param clock the same time base the station runs on (the emulator's real-time stations use the
   *     system clock)
   */
  public SimulatedHardware(Clock clock, int evses, double maxCurrentA) {
    this.clock = clock;
    this.maxCurrentA = maxCurrentA;
    this.evses = new Evse[evses + 1];
    for (int i = 1; i <= evses; i++) {
      this.evses[i] = new Evse(clock.instant());
    }
  }

  /** Restores the meter register after a restart, so energy never runs backwards. */
  public void setRegister(int evse, double energyWh) {
    evses[evse].energyWh = energyWh;
  }

  /** Raises the meter register to at least {@code energyWh} (a reading the station recorded). */
  public void restoreRegister(int evse, double energyWh) {
    Evse e = integrate(evse);
    e.energyWh = Math.max(e.energyWh, energyWh);
  }

  /** An EV plugs in: it draws up to {@code maxCurrentA} on {@code phases} phases when offered. */
  public void connectEv(
      int evse, double maxCurrentA, int phases, double batteryWh, int socPercent) {
    Evse e = integrate(evse);
    e.evMaxCurrentA = maxCurrentA;
    e.phases = phases;
    e.batteryWh = batteryWh;
    e.soc = (double) socPercent;
    update(e);
  }

  public void disconnectEv(int evse) {
    Evse e = integrate(evse);
    e.evMaxCurrentA = 0;
    e.soc = null;
    update(e);
  }

  /** The current the EV draws now, in amps per phase. */
  public double drawA(int evse) {
    return evses[evse].drawA;
  }

  public Integer soc(int evse) {
    Double soc = integrate(evse).soc;
    return soc == null ? null : (int) Math.floor(soc);
  }

  @Override
  public MeterReading read(int evse) {
    Evse e = integrate(evse);
    double a = e.drawA;
    PerPhase current = new PerPhase(a, e.phases >= 2 ? a : 0, e.phases >= 3 ? a : 0);
    double power = a * NOMINAL_VOLTAGE * e.phases;
    return new MeterReading(
        clock.instant(),
        e.energyWh,
        power,
        current,
        new PerPhase(NOMINAL_VOLTAGE, NOMINAL_VOLTAGE, NOMINAL_VOLTAGE),
        e.soc == null ? null : (int) Math.floor(e.soc));
  }

  @Override
  public void offerEnergy(int evse, boolean on) {
    Evse e = integrate(evse);
    e.offered = on;
    update(e);
  }

  /**
   * The pilot's offer: below 6 A it pauses, and the EV takes what it is offered up to its maximum.
   */
  @Override
  public void offerCurrent(int evse, double amps) {
    Evse e = integrate(evse);
    e.limitA = amps;
    update(e);
  }

  /** The current the pilot offers now (the station's effective limit), in amps per phase. */
  public double offeredA(int evse) {
    return evses[evse].limitA;
  }

  @Override
  public boolean unlock(int evse) {
    return true;
  }

  private void update(Evse e) {
    boolean full = e.soc != null && e.soc >= 100;
    double pilot = Math.min(maxCurrentA, e.limitA);
    e.drawA = e.offered && !full && pilot >= 6.0 ? Math.min(pilot, e.evMaxCurrentA) : 0;
  }

  private Evse integrate(int evse) {
    Evse e = evses[evse];
    Instant now = clock.instant();
    double hours = Duration.between(e.since, now).toMillis() / 3_600_000.0;
    if (hours > 0) {
      double wh = e.drawA * NOMINAL_VOLTAGE * e.phases * hours;
      e.energyWh += wh;
      if (e.soc != null && e.batteryWh > 0) {
        e.soc = Math.min(100.0, e.soc + wh / e.batteryWh * 100);
      }
      update(e);
    }
    e.since = now;
    return e;
  }
}
