package io.kilowire.core.testing;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.display.DisplayMessage;
import org.jspecify.annotations.Nullable;

/**
 * Station hardware for a {@code StationRuntime} test: a {@link FakeHardware} the test sets once the
 * runtime (and so the clock the fake integrates on) exists.
 */
public final class LazyHardware implements StationHardware {
  public volatile FakeHardware fake;

  @Override
  public MeterReading read(int evse) {
    return fake.read(evse);
  }

  @Override
  public void offerEnergy(int evse, boolean on) {
    fake.offerEnergy(evse, on);
  }

  @Override
  public void offerCurrent(int evse, double amps) {
    fake.offerCurrent(evse, amps);
  }

  @Override
  public boolean unlock(int evse) {
    return fake.unlock(evse);
  }

  @Override
  public void display(@Nullable DisplayMessage message) {
    fake.display(message);
  }

  @Override
  public void displayCost(int evse, @Nullable String text) {
    fake.displayCost(evse, text);
  }

  @Override
  public void displayTariff(
      int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff) {
    fake.displayTariff(evse, tariff);
  }

  @Override
  public boolean gridSensor() {
    FakeHardware f = fake;
    return f != null && f.gridSensor();
  }

  @Override
  public io.kilowire.core.der.@Nullable GridState grid() {
    FakeHardware f = fake;
    return f == null ? null : f.grid();
  }

  @Override
  public boolean iso15118Dash20() {
    FakeHardware f = fake;
    return f != null && f.iso15118Dash20();
  }

  @Override
  public boolean bidirectional(int evse) {
    FakeHardware f = fake;
    return f != null && f.bidirectional(evse);
  }

  @Override
  public boolean canDischarge(int evse) {
    FakeHardware f = fake;
    return f != null && f.canDischarge(evse);
  }

  @Override
  public boolean canExchangeReactive(int evse) {
    FakeHardware f = fake;
    return f != null && f.canExchangeReactive(evse);
  }

  @Override
  public void offerDischarge(int evse, double amps, @Nullable Double setpointA) {
    fake.offerDischarge(evse, amps, setpointA);
  }

  @Override
  public void offerReactive(int evse, @Nullable Double amps) {
    fake.offerReactive(evse, amps);
  }
}
