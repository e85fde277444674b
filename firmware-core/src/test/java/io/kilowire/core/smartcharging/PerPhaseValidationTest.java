package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v21.adapter.V21SmartChargingMapping;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules on 2.1 per-phase values (K01.FR.142-146 as SPEC-FACTS B.3 has them; PhaseConflict):
 * only in a TxProfile, only beside the value they split (limit, dischargeLimit, setpoint), only on
 * three phases; and ours: L2 and L3 come as a pair, since with one of them the meaning of the L1
 * field (a total or one phase) would be undecided.
 */
@DisplayName("Per-phase values (2.1): where they are allowed")
class PerPhaseValidationTest {
  private static final Map<Integer, ActiveTransaction> TX =
      Map.of(1, new ActiveTransaction("42", T0.minusSeconds(60)));

  private static ValidationResult validate(ChargingProfile p) {
    return new ProfileValidator(SmartChargingLimits.defaults(2, d(32)))
        .validate(p, V21SmartChargingMapping.PROFILE_RULES, new ProfileStore(), TX);
  }

  private static ChargingProfile profile(ProfilePurpose purpose, SchedulePeriod period) {
    ChargingProfile.Builder b =
        ChargingProfile.builder(1, purpose)
            .evseId(1)
            .stackLevel(0)
            .kind(ProfileKind.ABSOLUTE)
            .schedule(ChargingSchedule.of(RateUnit.A, List.of(period)).withStart(T0));
    return (purpose == ProfilePurpose.TX ? b.transactionId("42") : b).build();
  }

  private static SchedulePeriod limits(
      @Nullable Integer phases, @Nullable String l2, @Nullable String l3) {
    return new SchedulePeriod(0, d(16), phases, null)
        .withPerPhase(new PhaseValues(dec(l2), dec(l3), null, null, null, null));
  }

  private static @Nullable BigDecimal dec(@Nullable String s) {
    return s == null ? null : new BigDecimal(s);
  }

  private static void assertConflict(ValidationResult r, String detailPart) {
    assertThat(r.isAccepted()).as("accepted").isFalse();
    assertThat(r.rejection()).isEqualTo(RejectionReason.PHASE_CONFLICT);
    assertThat(r.rejection().reasonCode()).isEqualTo("PhaseConflict");
    assertThat(r.detail()).contains(detailPart);
  }

  @Test
  void aTxProfileOnThreePhasesTakesThem() {
    assertThat(validate(profile(ProfilePurpose.TX, limits(null, "10", "20"))).isAccepted())
        .isTrue();
    assertThat(validate(profile(ProfilePurpose.TX, limits(3, "10", "20"))).isAccepted()).isTrue();
  }

  @Test
  void onlyATxProfileCarriesThem() {
    assertConflict(
        validate(profile(ProfilePurpose.TX_DEFAULT, limits(3, "10", "20"))), "TxProfile");
  }

  @Test
  void notOnFewerThanThreePhases() {
    assertConflict(validate(profile(ProfilePurpose.TX, limits(1, "10", "20"))), "numberPhases");
  }

  @Test
  void l2AndL3ComeTogether() {
    assertConflict(validate(profile(ProfilePurpose.TX, limits(3, "10", null))), "limit_L3");
  }

  @Test
  void aSplitDischargeLimitNeedsItsL1Value() {
    SchedulePeriod period =
        SchedulePeriod.of(0, d(16), 3)
            .bidirectional(null, d(-4), OperationMode.CENTRAL_SETPOINT)
            .withPerPhase(new PhaseValues(null, null, d(-8), d(-8), null, null));
    assertConflict(validate(profile(ProfilePurpose.TX, period)), "dischargeLimit");
  }

  @Test
  void aSplitSetpointNeedsItsL1Value() {
    SchedulePeriod period =
        SchedulePeriod.of(0, d(16), 3)
            .bidirectional(d(-8), null, OperationMode.CENTRAL_SETPOINT)
            .withPerPhase(new PhaseValues(null, null, null, null, d(-4), d(-4)));
    assertConflict(validate(profile(ProfilePurpose.TX, period)), "setpoint");
  }

  @Test
  void aReactiveSetpointPerPhaseFollowsTheSameRules() {
    SchedulePeriod pair =
        SchedulePeriod.of(0, d(16), 3)
            .withSetpointReactive(new ReactiveSetpoint(d(-4), d(-3), d(-2)));
    assertThat(validate(profile(ProfilePurpose.TX, pair)).isAccepted()).isTrue();
    SchedulePeriod half =
        SchedulePeriod.of(0, d(16), 3)
            .withSetpointReactive(new ReactiveSetpoint(d(-4), d(-3), null));
    assertConflict(validate(profile(ProfilePurpose.TX, half)), "setpointReactive_L3");
    SchedulePeriod onePhase =
        SchedulePeriod.of(0, d(16), 1)
            .withSetpointReactive(new ReactiveSetpoint(d(-4), d(-3), d(-2)));
    assertConflict(validate(profile(ProfilePurpose.TX, onePhase)), "numberPhases");
    SchedulePeriod forAll =
        SchedulePeriod.of(0, d(16), 1).withSetpointReactive(ReactiveSetpoint.of(d(-4)));
    assertThat(validate(profile(ProfilePurpose.TX_DEFAULT, forAll)).isAccepted()).isTrue();
  }

  @Test
  void valuesOutOfRangeAreInvalid() {
    ValidationResult negative = validate(profile(ProfilePurpose.TX, limits(3, "-1", "20")));
    assertThat(negative.rejection()).isEqualTo(RejectionReason.INVALID_VALUE);
    SchedulePeriod charging =
        SchedulePeriod.of(0, d(16), 3)
            .bidirectional(d(-8), null, OperationMode.CENTRAL_SETPOINT)
            .withPerPhase(new PhaseValues(null, null, d(2), d(-8), null, null));
    assertThat(validate(profile(ProfilePurpose.TX, charging)).rejection())
        .isEqualTo(RejectionReason.INVALID_VALUE);
  }
}
