package io.kilowire.hardware.coap;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.ConnectorStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The adapter from the station's queries to what the BMS sees. */
class EvseStateTest {

  @Test
  void anIdleEvseHasNoSessionEnergyOrPower() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();

    EvseState state = EvseState.of(station, 1);

    assertThat(state.status()).isEqualTo(ConnectorStatus.AVAILABLE);
    assertThat(state.charging()).isFalse();
    assertThat(state.energyWh()).isZero();
    assertThat(state.powerW()).isZero();
    assertThat(state.limitA()).isEqualTo(station.currentLimit(1));
  }

  @Test
  void aChargingEvseReportsItsSessionEnergyAndPower() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    sc.advance(Duration.ofMinutes(10));

    EvseState state = EvseState.of(station, 1);

    assertThat(state.status()).isEqualTo(ConnectorStatus.CHARGING);
    assertThat(state.charging()).isTrue();
    assertThat(state.energyWh()).isPositive();
    assertThat(state.powerW()).isPositive();
    assertThat(state.limitA()).isGreaterThanOrEqualTo(6);
  }
}
