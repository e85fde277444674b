package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.d;
import static io.kilowire.core.smartcharging.Profiles.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OCPP 2.1 periods without a limit of their own (allowed where the operation mode does not need
 * one): such a period caps nothing at its level, its mode and setpoint still apply, and every
 * composite period still has a limit, the one in force. Two EVSEs of 32 A at 230 V, three phases:
 * 22080 W each.
 */
@DisplayName("2.1 periods without a limit: they cap nothing, the rest of the stack does")
class NoOwnLimitTest {
  private static final SmartChargingLimits LIMITS = SmartChargingLimits.defaults(2, d(32));
  private static final CompositeScheduler SCHEDULER = new CompositeScheduler(LIMITS);
  private static final Instant NOW = T0.plusSeconds(60);
  private static final Map<Integer, ActiveTransaction> TX_ON_1 =
      Map.of(1, new ActiveTransaction("tx-1", T0));
  private static final Map<Integer, ActiveTransaction> TX_ON_BOTH =
      Map.of(1, new ActiveTransaction("tx-1", T0), 2, new ActiveTransaction("tx-2", T0));

  /** One period from T0 in W: {@code limit} null for none of its own. */
  private static ChargingProfile profile(
      int id,
      ProfilePurpose purpose,
      int evse,
      int stackLevel,
      @Nullable Long limit,
      @Nullable Long setpoint,
      @Nullable OperationMode mode) {
    SchedulePeriod period =
        new SchedulePeriod(
            0,
            limit == null ? null : d(limit),
            3,
            null,
            null,
            setpoint == null ? null : d(setpoint),
            mode);
    ChargingProfile.Builder b =
        ChargingProfile.builder(id, purpose)
            .evseId(evse)
            .stackLevel(stackLevel)
            .kind(ProfileKind.ABSOLUTE)
            .schedule(ChargingSchedule.of(RateUnit.W, List.of(period)).withStart(T0));
    if (purpose == ProfilePurpose.TX) {
      b.transactionId("tx-" + evse);
    }
    return b.build();
  }

  /** A TxProfile in W on EVSE 1 from T0 with these periods. */
  private static ChargingProfile txOnEvse1(SchedulePeriod... periods) {
    return ChargingProfile.builder(1, ProfilePurpose.TX)
        .evseId(1)
        .transactionId("tx-1")
        .kind(ProfileKind.ABSOLUTE)
        .schedule(ChargingSchedule.of(RateUnit.W, List.of(periods)).withStart(T0))
        .build();
  }

  /** A TxProfile on {@code evse} following {@code setpoint} W, without a limit of its own. */
  private static ChargingProfile setpointOnly(int id, int evse, long setpoint) {
    return profile(id, ProfilePurpose.TX, evse, 0, null, setpoint, OperationMode.CENTRAL_SETPOINT);
  }

  private static ChargingProfile stationMax(long limit) {
    return profile(9, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, limit, null, null);
  }

  /** One vector: the profiles, and on EVSE 1 the charge limit, setpoint and composite limit. */
  record Vector(
      String name,
      List<ChargingProfile> profiles,
      String charge,
      @Nullable String setpoint,
      OperationMode mode) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vector> vectors() {
    OperationMode central = OperationMode.CENTRAL_SETPOINT;
    return Stream.of(
        new Vector(
            "alone: the hardware bounds it, the setpoint is followed",
            List.of(setpointOnly(1, 1, 5000)),
            "22080",
            "5000",
            central),
        new Vector(
            "under a station maximum: the maximum bounds it and holds the setpoint",
            List.of(setpointOnly(1, 1, 15000), stationMax(11000)),
            "11000",
            "11000",
            central),
        new Vector(
            "it overrides the TxDefaultProfile, whose limit does not come back",
            List.of(
                setpointOnly(1, 1, 5000),
                profile(2, ProfilePurpose.TX_DEFAULT, 1, 0, 4000L, null, null)),
            "22080",
            "5000",
            central),
        new Vector(
            "on a higher stack level it overrides a TxProfile with a limit below it",
            List.of(
                profile(1, ProfilePurpose.TX, 1, 1, null, 5000L, central),
                profile(3, ProfilePurpose.TX, 1, 0, 4000L, null, null)),
            "22080",
            "5000",
            central),
        new Vector(
            "ExternalLimits on the station's TxDefaultProfile, without a limit",
            List.of(
                profile(
                    2, ProfilePurpose.TX_DEFAULT, 0, 0, null, null, OperationMode.EXTERNAL_LIMITS)),
            "22080",
            null,
            OperationMode.EXTERNAL_LIMITS),
        new Vector(
            "a limit beside the setpoint still caps it",
            List.of(profile(1, ProfilePurpose.TX, 1, 0, 6000L, 9000L, central)),
            "6000",
            "6000",
            central));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  @DisplayName("the range in force and the composite on EVSE 1")
  void vector(Vector v) {
    BidirectionalLimit range = SCHEDULER.bidirectional(v.profiles(), TX_ON_1, 1, NOW, RateUnit.W);
    assertThat(range.charge()).isEqualByComparingTo(v.charge());
    if (v.setpoint() == null) {
      assertThat(range.setpoint()).isNull();
    } else {
      assertThat(range.setpoint()).isEqualByComparingTo(v.setpoint());
    }
    assertThat(range.mode()).isEqualTo(v.mode());
    assertThat(SCHEDULER.effectiveLimit(v.profiles(), TX_ON_1, 1, NOW, RateUnit.W).limit())
        .isEqualByComparingTo(v.charge());
    CompositeSchedule composite =
        SCHEDULER.composite(v.profiles(), TX_ON_1, 1, NOW, 3600, RateUnit.W);
    assertThat(composite.periods()).isNotEmpty();
    composite.periods().forEach(p -> assertThat(p.limit()).isNotNull());
    assertThat(composite.periods().get(0).limit()).isEqualByComparingTo(v.charge());
  }

  @Test
  @DisplayName("limit-less setpoints on both EVSEs: the station's composite stays at its maximum")
  void theStationCompositeStaysAtTheMaximum() {
    List<ChargingProfile> profiles =
        List.of(setpointOnly(1, 1, 20000), setpointOnly(2, 2, 20000), stationMax(11000));

    CompositeSchedule station = SCHEDULER.composite(profiles, TX_ON_BOTH, 0, NOW, 3600, RateUnit.W);

    assertThat(station.periods()).hasSize(1);
    assertThat(station.periods().get(0).limit()).isEqualByComparingTo("11000");
    // Each EVSE alone is bounded by its hardware; the maximum binds them together.
    assertThat(SCHEDULER.ownLimit(profiles, TX_ON_BOTH, 1, NOW, RateUnit.W).limit())
        .isEqualByComparingTo("22080");
  }

  @Test
  @DisplayName("a period without a limit still sets the number of phases in force")
  void itsNumberOfPhasesStillHolds() {
    SchedulePeriod onePhase =
        new SchedulePeriod(0, null, 1, null, null, d(2000), OperationMode.CENTRAL_SETPOINT);
    ChargingProfile p = txOnEvse1(onePhase);

    assertThat(SCHEDULER.effectiveLimit(List.of(p), TX_ON_1, 1, NOW, RateUnit.W).numberPhases())
        .isEqualTo(1);
    assertThat(SCHEDULER.composite(List.of(p), TX_ON_1, 1, NOW, 600, RateUnit.W).periods())
        .allSatisfy(c -> assertThat(c.numberPhases()).isEqualTo(1));
  }

  @Test
  @DisplayName("a later period with a limit takes over at its start, and the change is announced")
  void aLaterLimitTakesOver() {
    SchedulePeriod free =
        new SchedulePeriod(0, null, 3, null, null, d(5000), OperationMode.CENTRAL_SETPOINT);
    SchedulePeriod capped = SchedulePeriod.of(600, d(3000), 3);
    ChargingProfile p = txOnEvse1(free, capped);

    EffectiveLimit now = SCHEDULER.effectiveLimit(List.of(p), TX_ON_1, 1, NOW, RateUnit.W);
    CompositeSchedule composite = SCHEDULER.composite(List.of(p), TX_ON_1, 1, T0, 1200, RateUnit.W);

    assertThat(now.limit()).isEqualByComparingTo("22080");
    assertThat(now.nextChange()).isEqualTo(T0.plusSeconds(600));
    assertThat(composite.periods())
        .extracting(CompositePeriod::startPeriod)
        .containsExactly(0, 600);
    assertThat(composite.periods().get(1).limit()).isEqualByComparingTo("3000");
  }

  @Nested
  @DisplayName("validation: a limit is needed only where the mode needs one")
  class Validation {
    private ValidationResult validate(@Nullable OperationMode mode) {
      ChargingProfile p = profile(1, ProfilePurpose.TX_DEFAULT, 1, 0, null, 1000L, mode);
      return new ProfileValidator(LIMITS)
          .validate(p, rules(OcppVersion.V201), new ProfileStore(), Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = OperationMode.class,
        names = {"CHARGING_ONLY", "IDLE"})
    @DisplayName("ChargingOnly and Idle without a limit: Rejected, InvalidSchedule, naming it")
    void refusedWhereNeeded(OperationMode mode) {
      ValidationResult r = validate(mode);

      assertThat(r.isAccepted()).isFalse();
      assertThat(r.rejection()).isEqualTo(RejectionReason.LIMIT_REQUIRED);
      assertThat(r.rejection().reasonCode()).isEqualTo("InvalidSchedule");
      assertThat(r.detail()).contains("limit").contains(mode.specName());
    }

    @Test
    @DisplayName("an absent mode is ChargingOnly, so it needs a limit too")
    void absentModeNeedsOne() {
      assertThat(validate(null).rejection()).isEqualTo(RejectionReason.LIMIT_REQUIRED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = OperationMode.class,
        names = {"CHARGING_ONLY", "IDLE"},
        mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("the setpoint, external, frequency and balancing modes take a period without one")
    void takenWhereNot(OperationMode mode) {
      assertThat(validate(mode).isAccepted()).isTrue();
    }

    @Test
    @DisplayName("values for L2 and L3 without the limit beside them: PhaseConflict (K01.FR.146)")
    void perPhaseNeedsTheLimit() {
      SchedulePeriod period =
          new SchedulePeriod(0, null, 3, null, null, d(1000), OperationMode.CENTRAL_SETPOINT)
              .withPerPhase(new PhaseValues(d(10), d(10), null, null, null, null));
      ChargingProfile p =
          ChargingProfile.builder(1, ProfilePurpose.TX)
              .evseId(1)
              .transactionId("tx-1")
              .kind(ProfileKind.ABSOLUTE)
              .schedule(ChargingSchedule.of(RateUnit.A, List.of(period)).withStart(T0))
              .build();

      ValidationResult r =
          new ProfileValidator(LIMITS)
              .validate(p, rules(OcppVersion.V201), new ProfileStore(), TX_ON_1);

      assertThat(r.rejection()).isEqualTo(RejectionReason.PHASE_CONFLICT);
    }
  }

  @Test
  @DisplayName("a period without a limit is kept as such across a restart")
  void persisted() {
    ProfileStore store = new ProfileStore();
    store.install(setpointOnly(1, 1, 5000), rules(OcppVersion.V201));

    ProfileStore restored = ProfileStore.fromBytes(store.toBytes());

    List<SchedulePeriod> periods = new ArrayList<>();
    restored.profiles().forEach(p -> periods.addAll(p.schedule().periods()));
    assertThat(periods)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.limit()).isNull();
              assertThat(p.setpoint()).isEqualByComparingTo(BigDecimal.valueOf(5000));
            });
  }
}
