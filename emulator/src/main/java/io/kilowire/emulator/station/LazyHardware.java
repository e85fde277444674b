package io.kilowire.emulator.station;

import io.kilowire.core.station.MeterReading;
import io.kilowire.core.station.StationHardware;
import java.util.function.Supplier;

/** Hardware that exists only once the station's scheduler does; resolved at first use. */
final class LazyHardware implements StationHardware {
  private final Supplier<StationHardware> target;

  LazyHardware(Supplier<StationHardware> target) {
    this.target = target;
  }

  @Override
  public MeterReading read(int evse) {
    return target.get().read(evse);
  }

  @Override
  public void offerEnergy(int evse, boolean on) {
    target.get().offerEnergy(evse, on);
  }

  @Override
  public void offerCurrent(int evse, double amps) {
    target.get().offerCurrent(evse, amps);
  }

  @Override
  public boolean unlock(int evse) {
    return target.get().unlock(evse);
  }
}
