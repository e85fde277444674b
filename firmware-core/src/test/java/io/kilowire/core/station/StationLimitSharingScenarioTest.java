package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.SchemaConformance;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.ProfileKind;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.StationScenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A limit on the whole station (1.6 ChargePointMaxProfile, 2.0.1 ChargingStationMaxProfile, set on
 * connector / EVSE 0) is shared among the EVSEs, never granted to each: what the hardware is
 * offered adds up to at most the limit after every single output change, in both versions.
 */
class StationLimitSharingScenarioTest {
  private static final double VOLTS = 230;

  /** A station with {@code evses} EVSEs whose every output change is checked against a limit. */
  private static final class Checked {
    final StationScenario sc;
    final Station station;
    final List<String> violations = new ArrayList<>();
    double limitA = Double.POSITIVE_INFINITY;
    double limitW = Double.POSITIVE_INFINITY;

    Checked(OcppVersion version, int evses) {
      sc = new StationScenario(version, evses, StationParameters.Fixed.defaults());
      station = sc.startOnline();
      sc.hardware.onOutputChange(this::check);
    }

    /** The offers summed, as if on one phase, and in watts on three phases. */
    private void check(FakeHardware h) {
      double amps = 0;
      for (int e = 1; e <= station.evseCount(); e++) {
        double a = h.offeredCurrent(e);
        amps += Double.isNaN(a) ? 0 : a;
      }
      if (amps > limitA + 1e-9 || amps * 3 * VOLTS > limitW + 1e-6) {
        violations.add(sc.clock.now() + " " + h.outputs().get(h.outputs().size() - 1));
      }
    }

    double offeredSum() {
      return IntStream.rangeClosed(1, station.evseCount())
          .mapToDouble(sc.hardware::offeredCurrent)
          .sum();
    }
  }

  /** The station maximum as the CSMS sends it, in the version's own words. */
  private static OcppMessage stationMaximum(
      OcppVersion version, int id, double limit, RateUnit unit) {
    BigDecimal value = BigDecimal.valueOf(limit);
    if (version == OcppVersion.V16) {
      return new io.kilowire.core.ocpp.v16.SetChargingProfileRequest(
          0,
          new io.kilowire.core.ocpp.v16.ChargingProfile(
              id,
              null,
              0,
              io.kilowire.core.ocpp.v16.ChargingProfilePurpose.CHARGE_POINT_MAX_PROFILE,
              io.kilowire.core.ocpp.v16.ChargingProfileKind.ABSOLUTE,
              null,
              null,
              null,
              new io.kilowire.core.ocpp.v16.ChargingSchedule(
                  null,
                  StationScenario.T0.minusSeconds(60),
                  unit == RateUnit.A
                      ? io.kilowire.core.ocpp.v16.ChargingRateUnit.A
                      : io.kilowire.core.ocpp.v16.ChargingRateUnit.W,
                  List.of(io.kilowire.core.ocpp.v16.ChargingSchedulePeriod.of(0, value)),
                  null)));
    }
    return io.kilowire.core.ocpp.v201.SetChargingProfileRequest.of(
        0,
        new io.kilowire.core.ocpp.v201.ChargingProfile(
            null,
            id,
            0,
            io.kilowire.core.ocpp.v201.ChargingProfilePurpose.CHARGING_STATION_MAX_PROFILE,
            io.kilowire.core.ocpp.v201.ChargingProfileKind.ABSOLUTE,
            null,
            null,
            null,
            List.of(
                new io.kilowire.core.ocpp.v201.ChargingSchedule(
                    null,
                    1,
                    StationScenario.T0.minusSeconds(60),
                    null,
                    unit == RateUnit.A
                        ? io.kilowire.core.ocpp.v201.ChargingRateUnit.A
                        : io.kilowire.core.ocpp.v201.ChargingRateUnit.W,
                    List.of(
                        new io.kilowire.core.ocpp.v201.ChargingSchedulePeriod(
                            null, 0, value, null, null)),
                    null,
                    null)),
            null));
  }

  /** Sends the station maximum over the link and checks that the station accepted it. */
  private static void setStationMaximum(Checked c, double limit, RateUnit unit) {
    OcppMessage request = stationMaximum(c.sc.version, 1, limit, unit);
    SchemaConformance.assertConforms(c.sc.version, request);
    Class<? extends OcppMessage> type =
        c.sc.version == OcppVersion.V16
            ? io.kilowire.core.ocpp.v16.SetChargingProfileResponse.class
            : io.kilowire.core.ocpp.v201.SetChargingProfileResponse.class;
    OcppMessage answer = c.sc.command(request, type);
    assertThat(answer.toString()).contains("ACCEPTED");
    if (unit == RateUnit.A) {
      c.limitA = limit;
    } else {
      c.limitW = limit;
    }
  }

  private static ChargingProfile evseTxDefault(int evse, double amps) {
    return ChargingProfile.builder(10 + evse, ProfilePurpose.TX_DEFAULT)
        .stackLevel(1)
        .kind(ProfileKind.ABSOLUTE)
        .evseId(evse)
        .schedule(
            new ChargingSchedule(
                1,
                StationScenario.T0.minusSeconds(3600),
                null,
                RateUnit.A,
                List.of(SchedulePeriod.of(0, BigDecimal.valueOf(amps))),
                null))
        .build();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void threeVehiclesUnderATenAmpStationMaximumAreOfferedTenAmpsTogether(OcppVersion version) {
    Checked c = new Checked(version, 3);
    setStationMaximum(c, 10, RateUnit.A);
    for (int evse = 1; evse <= 3; evse++) {
      c.sc.startCharging(evse, StationScenario.TOKEN, 16);
    }
    c.sc.advance(Duration.ofMinutes(1));

    assertThat(c.violations).isEmpty();
    assertThat(c.offeredSum()).isLessThanOrEqualTo(10);
    // 10 A cannot give three vehicles 6 A each: one charges with all of it, two wait their turn.
    List<Double> offers =
        IntStream.rangeClosed(1, 3).mapToObj(c.sc.hardware::offeredCurrent).sorted().toList();
    assertThat(offers).containsExactly(0.0, 0.0, 10.0);
    assertThat(IntStream.rangeClosed(1, 3).mapToObj(c.station::status))
        .containsExactlyInAnyOrder(
            ConnectorStatus.CHARGING,
            ConnectorStatus.SUSPENDED_EVSE,
            ConnectorStatus.SUSPENDED_EVSE);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void whenTheLimitAllowsSixAmpsEachEveryVehicleGetsAnEqualShare(OcppVersion version) {
    Checked c = new Checked(version, 3);
    setStationMaximum(c, 20, RateUnit.A);
    for (int evse = 1; evse <= 3; evse++) {
      c.sc.startCharging(evse, StationScenario.TOKEN, 32);
    }

    assertThat(c.violations).isEmpty();
    for (int evse = 1; evse <= 3; evse++) {
      assertThat(c.station.currentLimit(evse)).as("EVSE %d", evse).isEqualTo(6.6);
      assertThat(c.sc.hardware.offeredCurrent(evse)).isEqualTo(6.6);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void theCompositeForTheStationStillReportsTheMaximumItEnforces(OcppVersion version) {
    Checked c = new Checked(version, 3);
    setStationMaximum(c, 10, RateUnit.A);
    for (int evse = 1; evse <= 3; evse++) {
      c.sc.startCharging(evse, StationScenario.TOKEN, 16);
    }

    double stationComposite =
        c.station.compositeSchedule(0, 600, RateUnit.A).periods().get(0).limit().doubleValue();
    assertThat(stationComposite).isEqualTo(10.0);
    assertThat(c.offeredSum()).isLessThanOrEqualTo(stationComposite);
  }

  @Test
  void anEvseWithoutAVehicleIsOfferedNothingAndAnArrivalTakesItsShareAfterTheOthersGaveIt() {
    Checked c = new Checked(OcppVersion.V201, 2);
    setStationMaximum(c, 24, RateUnit.A);
    c.sc.startCharging(1, StationScenario.TOKEN, 32);
    assertThat(c.sc.hardware.offeredCurrent(1)).isEqualTo(24.0);
    assertThat(c.sc.hardware.offeredCurrent(2)).isZero();

    int before = c.sc.hardware.outputs().size();
    c.sc.startCharging(2, StationScenario.TOKEN, 32);

    assertThat(c.violations).isEmpty();
    assertThat(c.station.currentLimit(1)).isEqualTo(12.0);
    assertThat(c.station.currentLimit(2)).isEqualTo(12.0);
    List<String> changes = c.sc.hardware.outputs().subList(before, c.sc.hardware.outputs().size());
    assertThat(changes.indexOf("current 1 12.0"))
        .as("EVSE 1 gives before EVSE 2 takes: %s", changes)
        .isNotNegative()
        .isLessThan(changes.indexOf("current 2 12.0"));
  }

  @Test
  void perEvseLimitsStillCapEachShareAndTheRestGoesToTheOthers() {
    Checked c = new Checked(OcppVersion.V16, 2);
    setStationMaximum(c, 30, RateUnit.A);
    assertThat(c.station.setChargingProfile(evseTxDefault(1, 8)).isAccepted()).isTrue();
    c.sc.startCharging(1, StationScenario.TOKEN, 32);
    c.sc.startCharging(2, StationScenario.TOKEN, 32);

    assertThat(c.station.currentLimit(1)).isEqualTo(8.0);
    assertThat(c.station.currentLimit(2)).isEqualTo(22.0);
    assertThat(c.violations).isEmpty();
  }

  @Test
  void aTaperingVehicleLeavesWhatItDoesNotDrawToTheOthers() {
    Checked c = new Checked(OcppVersion.V201, 2);
    setStationMaximum(c, 20, RateUnit.A);
    c.sc.startCharging(1, StationScenario.TOKEN, 32);
    c.sc.startCharging(2, StationScenario.TOKEN, 32);
    assertThat(c.station.currentLimit(1)).isEqualTo(10.0);

    c.sc.hardware.draw(1, 3); // nearly full
    c.sc.advance(Duration.ofMinutes(1));

    assertThat(c.station.currentLimit(1)).isEqualTo(6.0); // the minimum, it still draws 3 A
    assertThat(c.station.currentLimit(2)).isEqualTo(14.0);
    assertThat(c.violations).isEmpty();
  }

  @Test
  void aLimitInWattsCountsEachVehicleOnThePhasesItSaid() {
    Checked c = new Checked(OcppVersion.V201, 2);
    setStationMaximum(c, 11_040, RateUnit.W);
    c.sc.startCharging(1, StationScenario.TOKEN, 32);
    c.sc.startCharging(2, StationScenario.TOKEN, 32);
    // two three-phase vehicles: 11,040 W / (2 x 3 x 230 V) = 8 A each
    assertThat(c.station.currentLimit(1)).isEqualTo(8.0);
    assertThat(c.station.currentLimit(2)).isEqualTo(8.0);

    // EVSE 1's vehicle says over ISO 15118 that it charges on one phase: a x 230 + a x 690 = 11,040
    c.station.evChargingNeeds(1, new ChargingNeeds(null, 6, 32, 230, 1, null));
    assertThat(c.station.currentLimit(1)).isEqualTo(12.0);
    assertThat(c.station.currentLimit(2)).isEqualTo(12.0);
    double watts = 12.0 * VOLTS + 12.0 * VOLTS * 3;
    assertThat(watts).isLessThanOrEqualTo(11_040);
  }

  @Test
  void vehiclesTakeTurnsWhenTheLimitCannotGiveEachSixAmps() {
    Checked c = new Checked(OcppVersion.V16, 2);
    setStationMaximum(c, 10, RateUnit.A);
    c.sc.startCharging(1, StationScenario.TOKEN, 16);
    c.sc.startCharging(2, StationScenario.TOKEN, 16);
    int first = c.station.currentLimit(1) > 0 ? 1 : 2;
    int second = 3 - first;
    assertThat(c.station.currentLimit(second)).isZero();

    c.sc.advance(Duration.ofMinutes(16));

    assertThat(c.station.currentLimit(first)).isZero();
    assertThat(c.station.currentLimit(second)).isEqualTo(10.0);
    assertThat(c.violations).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aRemoteStartsTxProfileIsInForceBeforeThePilotFirstOffersCurrent(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    Station station = sc.startOnline();
    sc.plugIn(1, 16);
    ChargingProfile txProfile =
        ChargingProfile.builder(7, ProfilePurpose.TX)
            .kind(ProfileKind.RELATIVE)
            .schedule(
                new ChargingSchedule(
                    1,
                    null,
                    null,
                    RateUnit.A,
                    List.of(SchedulePeriod.of(0, BigDecimal.valueOf(8))),
                    null))
            .build();

    assertThat(station.remoteStart(1, StationScenario.TOKEN, "ISO14443", 1, txProfile)).isTrue();
    sc.settle();

    List<String> outputs = sc.hardware.outputs();
    int energyOn = outputs.indexOf("energy 1 on");
    assertThat(energyOn).as("energy offered: %s", outputs).isNotNegative();
    List<String> currentsBefore =
        outputs.subList(0, energyOn).stream().filter(o -> o.startsWith("current 1 ")).toList();
    assertThat(currentsBefore).isNotEmpty().last().isEqualTo("current 1 8.0");
    assertThat(station.currentLimit(1)).isEqualTo(8.0);
  }

  @Test
  void aResumedTransactionHasItsShareBeforeEnergyIsOfferedAgain() {
    StationScenario sc =
        new StationScenario(
            OcppVersion.V16, 2, StationParameters.Fixed.defaults().withResumeAfterPowerLoss(true));
    Station station = sc.startOnline();
    assertThat(station.setChargingProfile(stationMaximumProfile(12)).isAccepted()).isTrue();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.startCharging(2, StationScenario.TOKEN, 16);

    int before = sc.hardware.outputs().size();
    station = sc.restartOnline();

    List<String> outputs = sc.hardware.outputs().subList(before, sc.hardware.outputs().size());
    int firstEnergy =
        IntStream.range(0, outputs.size())
            .filter(i -> outputs.get(i).endsWith(" on"))
            .findFirst()
            .orElseThrow();
    assertThat(outputs.subList(0, firstEnergy))
        .as("shares before energy: %s", outputs)
        .contains("current 1 6.0", "current 2 6.0");
    assertThat(station.currentLimit(1) + station.currentLimit(2)).isLessThanOrEqualTo(12);
  }

  private static ChargingProfile stationMaximumProfile(double amps) {
    return ChargingProfile.builder(1, ProfilePurpose.CHARGING_STATION_MAX)
        .kind(ProfileKind.ABSOLUTE)
        .evseId(0)
        .schedule(
            new ChargingSchedule(
                1,
                StationScenario.T0.minusSeconds(60),
                null,
                RateUnit.A,
                List.of(SchedulePeriod.of(0, BigDecimal.valueOf(amps))),
                null))
        .build();
  }
}
