package io.kilowire.hardware.group;

import io.kilowire.core.loadmanagement.group.MemberState;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.station.Station;

/**
 * Connects a group member to one EVSE of a running station: the member's limit becomes the
 * station's local limit ({@link Station#localLimit(int, Double)}), each accepted allocation feeds
 * the station's controller watchdog ({@link Station#controllerHeard()}, which reports
 * CONTROLLER_LOST to the CSMS), and the demand is read on the station's thread and handed over (the
 * node never waits for the station).
 *
 * <p>Configure the station's fallback with the group's {@code controllerSilentAfter} and this
 * member's {@code safeShareA}, so that its own cap agrees with the member's fallback.
 */
public final class StationGroupCharger implements GroupCharger {
  private final StationRuntime runtime;
  private final int evse;
  private final double ratingA;
  private volatile Demand last;

  /**
   * @param ratingA the EVSE's rating per phase, reported as the EV's maximum (a station does not
   *     know the EV's own)
   */
  public StationGroupCharger(StationRuntime runtime, int evse, double ratingA) {
    this.runtime = runtime;
    this.evse = evse;
    this.ratingA = ratingA;
    this.last = new Demand(false, 0, 0);
  }

  @Override
  public Demand demand() {
    runtime.execute(
        () -> {
          Station s = runtime.station();
          MeterReading.PerPhase a = s.meterReading(evse).currentA();
          boolean active = s.sessionActive(evse);
          last =
              new Demand(active, active ? ratingA : 0, Math.max(a.l1(), Math.max(a.l2(), a.l3())));
        });
    return last;
  }

  @Override
  public void limit(double amps, MemberState state) {
    runtime.execute(() -> runtime.station().localLimit(evse, amps));
  }

  @Override
  public void controllerHeard() {
    runtime.execute(() -> runtime.station().controllerHeard());
  }
}
