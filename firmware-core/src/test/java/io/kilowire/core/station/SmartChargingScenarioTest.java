package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.ProfileKind;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.testing.StationScenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Profiles reach the hardware at once and at every schedule boundary, and metering goes on. */
class SmartChargingScenarioTest {
  /** A station-wide TxDefault of {@code amps} from an hour before T0 on. */
  static ChargingProfile txDefault(int id, int stackLevel, double amps) {
    return ChargingProfile.builder(id, ProfilePurpose.TX_DEFAULT)
        .stackLevel(stackLevel)
        .kind(ProfileKind.ABSOLUTE)
        .evseId(0)
        .schedule(
            new ChargingSchedule(
                1,
                StationScenario.T0.minusSeconds(3600),
                null,
                RateUnit.A,
                List.of(new SchedulePeriod(0, BigDecimal.valueOf(amps), null, null)),
                null))
        .build();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aProfileLimitsTheEvseAtOnceAndMeterValuesKeepComing(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofMinutes(3));
    int before = sc.csms.actions().size();

    assertThat(station.setChargingProfile(txDefault(1, 0, 10)).isAccepted()).isTrue();
    assertThat(station.currentLimit(1)).isEqualTo(10.0);
    sc.advance(Duration.ofMinutes(3));

    assertThat(sc.csms.actions().subList(before, sc.csms.actions().size()))
        .filteredOn(a -> a.equals("MeterValues") || a.equals("TransactionEvent"))
        .hasSizeGreaterThanOrEqualTo(3);
  }
}
