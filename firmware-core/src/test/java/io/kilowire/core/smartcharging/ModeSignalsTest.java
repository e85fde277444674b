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
