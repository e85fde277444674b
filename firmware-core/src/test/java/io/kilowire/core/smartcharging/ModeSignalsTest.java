package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The setpoint an EV follows in the 2.1 modes whose setpoint comes from outside the profile: an
 * external system's (ExternalSetpoint), always within the profile's limit and discharge limit. One
 * EVSE of 32 A at 230 V, three phases, a TxDefaultProfile in A.
 */
@DisplayName("2.1 modes fed by local signals: the setpoint the EV follows")
class ModeSignalsTest {
  private static final CompositeScheduler SCHEDULER =
      new CompositeScheduler(SmartChargingLimits.defaults(1, d(32)));
  private static final Instant NOW = T0.plusSeconds(60);

  private static List<ChargingProfile> txDefault(
      long limitA, @Nullable Long dischargeA, @Nullable Long setpointA, OperationMode mode) {
    SchedulePeriod period =
        SchedulePeriod.of(0, d(limitA), 3)
            .bidirectional(
                dischargeA == null ? null : d(dischargeA),
                setpointA == null ? null : d(setpointA),
                mode);
    return List.of(
        ChargingProfile.builder(1, ProfilePurpose.TX_DEFAULT)
            .evseId(1)
            .stackLevel(0)
            .kind(ProfileKind.ABSOLUTE)
            .schedule(ChargingSchedule.of(RateUnit.A, List.of(period)).withStart(T0))
            .build());
  }

  /** A TxDefaultProfile in W in {@code mode} with frequency support. */
  private static List<ChargingProfile> frequencyProfile(
      OperationMode mode, long limitW, long dischargeW, V2xCurves curves) {
    SchedulePeriod period =
        SchedulePeriod.of(0, d(limitW), 3).bidirectional(d(dischargeW), null, mode).withV2x(curves);
    return List.of(
        ChargingProfile.builder(1, ProfilePurpose.TX_DEFAULT)
            .evseId(1)
            .stackLevel(0)
            .kind(ProfileKind.ABSOLUTE)
            .schedule(ChargingSchedule.of(RateUnit.W, List.of(period)).withStart(T0))
            .build());
  }

  private static V2xCurves.Point point(String x, long watts) {
    return new V2xCurves.Point(new BigDecimal(x), d(watts));
  }

  /** Full discharge (-6900 W) at 49.8 Hz and below, none at 50, full charge at 50.2 and above. */
  private static final V2xCurves DROOP =
      new V2xCurves(
          null, List.of(point("50.2", 6900), point("49.8", -6900), point("50", 0)), List.of());

  private static ModeSignals hz(double frequency) {
    return ModeSignals.NONE.withGridFrequency(frequency);
  }

  @Test
  @DisplayName("LocalFrequency: the frequency-watt curve at the grid's frequency, interpolated")
  void localFrequencyFollowsTheCurve() {
    List<ChargingProfile> p = frequencyProfile(OperationMode.LOCAL_FREQUENCY, 11040, -11040, DROOP);

    assertThat(range(p, hz(50.0), RateUnit.W).setpoint()).isEqualByComparingTo("0");
    assertThat(range(p, hz(49.9), RateUnit.W).setpoint()).isEqualByComparingTo("-3450");
    assertThat(range(p, hz(50.1), RateUnit.W).setpoint()).isEqualByComparingTo("3450");
    // Beyond the curve's ends the power stays at the end points'.
    assertThat(range(p, hz(49.5), RateUnit.W).setpoint()).isEqualByComparingTo("-6900");
    assertThat(range(p, hz(50.5), RateUnit.W).setpoint()).isEqualByComparingTo("6900");
    // In amps per phase: 6900 W on three phases at 230 V is 10 A.
    assertThat(range(p, hz(49.5), RateUnit.A).setpoint()).isEqualByComparingTo("-10");
  }

  @Test
  @DisplayName("LocalFrequency: the baseline adds to the curve; the profile's limits hold it")
  void localFrequencyBaselineAndLimits() {
    V2xCurves withBaseline = new V2xCurves(d(2000), DROOP.frequencyWatt(), List.of());
    List<ChargingProfile> p =
        frequencyProfile(OperationMode.LOCAL_FREQUENCY, 11040, -11040, withBaseline);
    assertThat(range(p, hz(50.0), RateUnit.W).setpoint()).isEqualByComparingTo("2000");
    assertThat(range(p, hz(49.8), RateUnit.W).setpoint()).isEqualByComparingTo("-4900");
    // No reading: the baseline alone.
    assertThat(range(p, ModeSignals.NONE, RateUnit.W).setpoint()).isEqualByComparingTo("2000");

    List<ChargingProfile> narrow =
        frequencyProfile(OperationMode.LOCAL_FREQUENCY, 4600, -2300, DROOP);
    assertThat(range(narrow, hz(49.5), RateUnit.W).setpoint()).isEqualByComparingTo("-2300");
    assertThat(range(narrow, hz(50.5), RateUnit.W).setpoint()).isEqualByComparingTo("4600");
  }

  @Test
  @DisplayName("CentralFrequency: the signal-watt curve at the CSMS's aFRR signal")
  void centralFrequencyFollowsTheSignal() {
    V2xCurves signalCurve =
        new V2xCurves(d(1000), List.of(), List.of(point("-100", -6900), point("100", 6900)));
    List<ChargingProfile> p =
        frequencyProfile(OperationMode.CENTRAL_FREQUENCY, 11040, -11040, signalCurve);

    assertThat(range(p, ModeSignals.NONE.withAfrrSignal(0), RateUnit.W).setpoint())
        .isEqualByComparingTo("1000");
    assertThat(range(p, ModeSignals.NONE.withAfrrSignal(-50), RateUnit.W).setpoint())
        .isEqualByComparingTo("-2450");
    assertThat(range(p, ModeSignals.NONE.withAfrrSignal(100), RateUnit.W).setpoint())
        .isEqualByComparingTo("7900");
    // Before any signal: the baseline; the grid's frequency is not this mode's input.
    assertThat(range(p, hz(49.5), RateUnit.W).setpoint()).isEqualByComparingTo("1000");
  }

  private static BidirectionalLimit range(
      List<ChargingProfile> profiles, ModeSignals signals, RateUnit unit) {
    return SCHEDULER.bidirectional(profiles, Map.of(), 1, NOW, unit, signals);
  }

  private static ModeSignals external(double amps) {
    return ModeSignals.NONE.withExternalSetpoint(BigDecimal.valueOf(amps));
  }

  @Test
  @DisplayName("ExternalSetpoint: the external system's setpoint, charging or discharging")
  void externalSetpointIsFollowed() {
    List<ChargingProfile> profiles = txDefault(16, -10L, null, OperationMode.EXTERNAL_SETPOINT);

    assertThat(range(profiles, external(-8), RateUnit.A).setpoint()).isEqualByComparingTo("-8");
    assertThat(range(profiles, external(12), RateUnit.A).setpoint()).isEqualByComparingTo("12");
    // 8 A on three phases at 230 V, in W.
    assertThat(range(profiles, external(-8), RateUnit.W).setpoint()).isEqualByComparingTo("-5520");
  }

  @Test
  @DisplayName("ExternalSetpoint: held within the profile's limit and discharge limit")
  void externalSetpointStaysWithinTheProfile() {
    List<ChargingProfile> profiles = txDefault(16, -10L, null, OperationMode.EXTERNAL_SETPOINT);

    assertThat(range(profiles, external(-25), RateUnit.A).setpoint()).isEqualByComparingTo("-10");
    assertThat(range(profiles, external(30), RateUnit.A).setpoint()).isEqualByComparingTo("16");
    // Without a discharge limit the EV does not discharge, whatever the external system says.
    assertThat(
            range(
                    txDefault(16, null, null, OperationMode.EXTERNAL_SETPOINT),
                    external(-8),
                    RateUnit.A)
                .setpoint())
        .isEqualByComparingTo("0");
  }

  @Test
  @DisplayName("ExternalSetpoint before the external system speaks: the profile's own setpoint")
  void withoutAnExternalSetpointTheProfilesHolds() {
    assertThat(
            range(
                    txDefault(16, -10L, -4L, OperationMode.EXTERNAL_SETPOINT),
                    ModeSignals.NONE,
                    RateUnit.A)
                .setpoint())
        .isEqualByComparingTo("-4");
    assertThat(
            range(
                    txDefault(16, -10L, null, OperationMode.EXTERNAL_SETPOINT),
                    ModeSignals.NONE,
                    RateUnit.A)
                .setpoint())
        .isNull();
  }

  @Test
  @DisplayName("other modes ignore an external setpoint")
  void otherModesIgnoreTheExternalSetpoint() {
    assertThat(
            range(
                    txDefault(16, -10L, -4L, OperationMode.CENTRAL_SETPOINT),
                    external(-8),
                    RateUnit.A)
                .setpoint())
        .isEqualByComparingTo("-4");
    assertThat(
            range(
                    txDefault(16, -10L, null, OperationMode.EXTERNAL_LIMITS),
                    external(-8),
                    RateUnit.A)
                .setpoint())
        .isNull();
  }
}
