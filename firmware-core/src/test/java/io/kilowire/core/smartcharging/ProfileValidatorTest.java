package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.absolute;
import static io.kilowire.core.smartcharging.Profiles.d;
import static io.kilowire.core.smartcharging.Profiles.relative;
import static io.kilowire.core.smartcharging.Profiles.rules;
import static io.kilowire.core.smartcharging.Profiles.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v16.ChargingProfileStatus;
import io.kilowire.core.ocpp.v16.adapter.V16SmartChargingMapping;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProfileValidatorTest {
  private static final SmartChargingLimits LIMITS =
      SmartChargingLimits.defaults(2, d(32))
          .withMaxStackLevel(3)
          .withMaxPeriods(4)
          .withMaxInstalled(3);
  private static final Map<Integer, ActiveTransaction> TX =
      Map.of(1, new ActiveTransaction("42", T0.minusSeconds(60)));

  private final ProfileStore store = new ProfileStore();

  private ValidationResult validate(ChargingProfile p, OcppVersion v) {
    return validate(p, v, LIMITS);
  }

  private ValidationResult validate(ChargingProfile p, OcppVersion v, SmartChargingLimits limits) {
    return new ProfileValidator(limits).validate(p, rules(v), store, TX);
  }

  private static ChargingProfile.Builder txDefault() {
    return absolute(1, ProfilePurpose.TX_DEFAULT, 0, 0, RateUnit.A, 0, 16);
  }

  private static void assertRejected(ValidationResult r, RejectionReason reason) {
    assertThat(r.isAccepted()).as("accepted").isFalse();
    assertThat(r.rejection()).isEqualTo(reason);
    assertThat(r.detail()).isNotBlank();
    assertThat(reason.reasonCode().length()).isLessThanOrEqualTo(20);
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void acceptsAWellFormedTxDefault(OcppVersion v) {
    assertThat(validate(txDefault().build(), v).isAccepted()).isTrue();
  }

  @Nested
  class PurposeAndEvse {
    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsAnEvseThatDoesNotExist(OcppVersion v) {
      var r = validate(txDefault().evseId(3).build(), v);
      assertRejected(r, RejectionReason.UNKNOWN_EVSE);
      assertThat(r.rejection().reasonCode()).isEqualTo("InvalidEVSE");
      assertThat(V16SmartChargingMapping.status(r.rejection()))
          .isEqualTo(ChargingProfileStatus.REJECTED);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsAStationMaximumOnAnEvse(OcppVersion v) {
      var p = absolute(1, ProfilePurpose.CHARGING_STATION_MAX, 1, 0, RateUnit.A, 0, 16).build();
      assertRejected(validate(p, v), RejectionReason.STATION_MAX_NOT_ON_STATION);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsATxProfileOnTheStation(OcppVersion v) {
      var p = absolute(1, ProfilePurpose.TX, 0, 0, RateUnit.A, 0, 16).transactionId("42").build();
      assertRejected(validate(p, v), RejectionReason.TX_PROFILE_ON_STATION);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsATxProfileWithoutATransaction(OcppVersion v) {
      var p = absolute(1, ProfilePurpose.TX, 2, 0, RateUnit.A, 0, 16).transactionId("42").build();
      var r = validate(p, v);
      assertRejected(r, RejectionReason.NO_TRANSACTION);
      assertThat(r.rejection().reasonCode()).isEqualTo("TxNotFound");
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsATxProfileForAnotherTransaction(OcppVersion v) {
      var p = absolute(1, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 16).transactionId("41").build();
      assertRejected(validate(p, v), RejectionReason.TRANSACTION_MISMATCH);
    }

    @Test
    void rejectsA201TxProfileWithoutTransactionId() {
      var p = absolute(1, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 16).build();
      assertRejected(validate(p, OcppVersion.V201), RejectionReason.MISSING_TRANSACTION_ID);
    }

    @Test
    void bindsA16TxProfileWithoutTransactionIdToTheRunningTransaction() {
      var p = absolute(1, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 16).build();
      var r = validate(p, OcppVersion.V16);
      assertThat(r.acceptedProfile().transactionId()).isEqualTo("42");
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsATransactionIdOutsideATxProfile(OcppVersion v) {
      assertRejected(
          validate(txDefault().transactionId("42").build(), v),
          RejectionReason.TRANSACTION_ID_NOT_ALLOWED);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsExternalConstraintsFromTheCsms(OcppVersion v) {
      var p =
          absolute(1, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, 0, RateUnit.A, 0, 16)
              .build();
      assertRejected(validate(p, v), RejectionReason.EXTERNAL_CONSTRAINTS_NOT_SETTABLE);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsReplacingExternalConstraintsById(OcppVersion v) {
      store.install(
          absolute(5, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, 0, RateUnit.A, 0, 16)
              .source(LimitSource.EMS)
              .build(),
          rules(OcppVersion.V201));
      assertRejected(
          validate(txDefault().id(5).build(), v),
          RejectionReason.EXTERNAL_CONSTRAINTS_NOT_REPLACEABLE);
    }
  }

  @Nested
  class StackLevels {
    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsANegativeStackLevel(OcppVersion v) {
      assertRejected(
          validate(txDefault().stackLevel(-1).build(), v),
          RejectionReason.STACK_LEVEL_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsAStackLevelAboveTheMaximum(OcppVersion v) {
      var r = validate(txDefault().stackLevel(4).build(), v);
      assertRejected(r, RejectionReason.STACK_LEVEL_OUT_OF_RANGE);
      assertThat(r.rejection().reasonCode()).isEqualTo("InvalidStackLevel");
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void acceptsTheMaximumStackLevel(OcppVersion v) {
      assertThat(validate(txDefault().stackLevel(3).build(), v).isAccepted()).isTrue();
    }
  }

  @Nested
  class Duplicates {
    @Test
    void in16ASameSlotProfileReplacesTheOldOne() {
      store.install(txDefault().id(7).build(), rules(OcppVersion.V16));
      var r = validate(txDefault().id(8).build(), OcppVersion.V16);
      assertThat(r.isAccepted()).isTrue();
      assertThat(r.replaced()).extracting(ChargingProfile::id).containsExactly(7);
    }

    @Test
    void in201AnOverlappingDuplicateIsRejected() {
      store.install(txDefault().id(7).build(), rules(OcppVersion.V201));
      var r = validate(txDefault().id(8).build(), OcppVersion.V201);
      assertRejected(r, RejectionReason.DUPLICATE_PROFILE);
      assertThat(r.rejection().reasonCode()).isEqualTo("DuplicateProfile");
    }

    @Test
    void in201ADuplicateWithDisjointValidityIsAccepted() {
      store.install(txDefault().id(7).validTo(T0).build(), rules(OcppVersion.V201));
      assertThat(validate(txDefault().id(8).validFrom(T0).build(), OcppVersion.V201).isAccepted())
          .isTrue();
    }

    @Test
    void in201TheSameIdReplaces() {
      store.install(txDefault().id(7).build(), rules(OcppVersion.V201));
      var r = validate(txDefault().id(7).build(), OcppVersion.V201);
      assertThat(r.replaced()).extracting(ChargingProfile::id).containsExactly(7);
    }

    @Test
    void in201ATxProfileWithTheSameStackLevelAndTransactionIsRejected() {
      store.install(
          absolute(7, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 16).transactionId("42").build(),
          rules(OcppVersion.V201));
      var p = absolute(8, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 10).transactionId("42").build();
      assertRejected(validate(p, OcppVersion.V201), RejectionReason.DUPLICATE_PROFILE);
    }
  }

  @Nested
  class Schedules {
    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsADisallowedRateUnit(OcppVersion v) {
      var r = validate(txDefault().build(), v, LIMITS.withAllowedUnits(EnumSet.of(RateUnit.W)));
      assertRejected(r, RejectionReason.UNSUPPORTED_RATE_UNIT);
      assertThat(V16SmartChargingMapping.status(r.rejection()))
          .isEqualTo(ChargingProfileStatus.NOT_SUPPORTED);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsAFirstPeriodNotAtZero(OcppVersion v) {
      var p = txDefault().schedule(schedule(RateUnit.A, 10, 16).withStart(T0)).build();
      assertRejected(validate(p, v), RejectionReason.FIRST_PERIOD_NOT_AT_ZERO);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsPeriodsThatDoNotAscend(OcppVersion v) {
      var p =
          txDefault().schedule(schedule(RateUnit.A, 0, 16, 60, 10, 60, 8).withStart(T0)).build();
      assertRejected(validate(p, v), RejectionReason.PERIODS_NOT_ASCENDING);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsAScheduleWithoutPeriods(OcppVersion v) {
      var p = txDefault().schedule(schedule(RateUnit.A).withStart(T0)).build();
      assertRejected(validate(p, v), RejectionReason.NO_PERIODS);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsMorePeriodsThanAllowed(OcppVersion v) {
      var p =
          txDefault()
              .schedule(schedule(RateUnit.A, 0, 1, 10, 2, 20, 3, 30, 4, 40, 5).withStart(T0))
              .build();
      assertRejected(validate(p, v), RejectionReason.TOO_MANY_PERIODS);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsANegativeLimit(OcppVersion v) {
      var p = txDefault().schedule(schedule(RateUnit.A, 0, -1).withStart(T0)).build();
      assertRejected(validate(p, v), RejectionReason.INVALID_VALUE);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsANegativeDuration(OcppVersion v) {
      var p =
          txDefault().schedule(schedule(RateUnit.A, 0, 6).withStart(T0).withDuration(-5)).build();
      assertRejected(validate(p, v), RejectionReason.INVALID_VALUE);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsAnEmptyValidityWindow(OcppVersion v) {
      var p = txDefault().validFrom(T0).validTo(T0).build();
      assertRejected(validate(p, v), RejectionReason.EMPTY_VALIDITY);
    }
  }

  @Nested
  class Kinds {
    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsRecurringWithoutRecurrencyKind(OcppVersion v) {
      var p = txDefault().kind(ProfileKind.RECURRING).build();
      assertRejected(validate(p, v), RejectionReason.RECURRENCY_MISSING);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsRecurringWithoutStartSchedule(OcppVersion v) {
      var p =
          txDefault()
              .kind(ProfileKind.RECURRING)
              .recurrency(Recurrency.DAILY)
              .schedule(schedule(RateUnit.A, 0, 16))
              .build();
      assertRejected(validate(p, v), RejectionReason.START_SCHEDULE_MISSING);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsAbsoluteWithoutStartSchedule(OcppVersion v) {
      var p = txDefault().schedule(schedule(RateUnit.A, 0, 16)).build();
      assertRejected(validate(p, v), RejectionReason.START_SCHEDULE_MISSING);
    }

    @Test
    void rejectsA201RelativeProfileWithStartSchedule() {
      var p = txDefault().kind(ProfileKind.RELATIVE).build();
      assertRejected(validate(p, OcppVersion.V201), RejectionReason.START_SCHEDULE_NOT_ALLOWED);
    }

    @Test
    void acceptsA16RelativeProfileWithStartSchedule() {
      var p = txDefault().kind(ProfileKind.RELATIVE).build();
      assertThat(validate(p, OcppVersion.V16).isAccepted()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsARelativeStationMaximum(OcppVersion v) {
      var p = relative(1, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, RateUnit.A, 0, 16).build();
      assertRejected(validate(p, v), RejectionReason.STATION_MAX_RELATIVE);
    }
  }

  @Nested
  class Phases {
    private ChargingProfile withPeriod(SchedulePeriod period) {
      return txDefault()
          .schedule(ChargingSchedule.of(RateUnit.A, List.of(period)).withStart(T0))
          .build();
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsFourPhases(OcppVersion v) {
      assertRejected(
          validate(withPeriod(SchedulePeriod.of(0, d(16), 4)), v),
          RejectionReason.INVALID_NUMBER_PHASES);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsZeroPhases(OcppVersion v) {
      assertRejected(
          validate(withPeriod(SchedulePeriod.of(0, d(16), 0)), v),
          RejectionReason.INVALID_NUMBER_PHASES);
    }

    @Test
    void rejectsPhaseToUseWithThreePhases() {
      var r =
          validate(
              withPeriod(new SchedulePeriod(0, d(16), 3, 1)),
              OcppVersion.V201,
              LIMITS.withPhaseSwitchingSupported(true));
      assertRejected(r, RejectionReason.PHASE_TO_USE_NEEDS_ONE_PHASE);
    }

    @Test
    void rejectsPhaseToUseWithoutPhaseSwitching() {
      var r = validate(withPeriod(new SchedulePeriod(0, d(16), 1, 2)), OcppVersion.V201);
      assertRejected(r, RejectionReason.PHASE_SWITCHING_UNSUPPORTED);
    }

    @Test
    void acceptsPhaseToUseOnOnePhaseWithPhaseSwitching() {
      var r =
          validate(
              withPeriod(new SchedulePeriod(0, d(16), 1, 2)),
              OcppVersion.V201,
              LIMITS.withPhaseSwitchingSupported(true));
      assertThat(r.isAccepted()).isTrue();
    }
  }

  @Nested
  class Capacity {
    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void rejectsMoreProfilesThanMayBeInstalled(OcppVersion v) {
      for (int i = 0; i < 3; i++) {
        store.install(txDefault().id(10 + i).stackLevel(i).build(), rules(v));
      }
      var r = validate(txDefault().id(20).stackLevel(3).build(), v);
      assertRejected(r, RejectionReason.TOO_MANY_PROFILES);
    }

    @ParameterizedTest
    @EnumSource(names = {"V16", "V201"})
    void acceptsAReplacementWhenFull(OcppVersion v) {
      for (int i = 0; i < 3; i++) {
        store.install(txDefault().id(10 + i).stackLevel(i).build(), rules(v));
      }
      assertThat(validate(txDefault().id(10).build(), v).isAccepted()).isTrue();
    }
  }
}
