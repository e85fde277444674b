package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.absolute;
import static io.kilowire.core.smartcharging.Profiles.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v21.adapter.V21SmartChargingMapping;
import io.kilowire.core.store.MemorySnapshotStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 Dynamic charging profiles in the engine (K28): one period whose values updates replace,
 * anchored at the last update; with a schedule duration the profile is valid only that long after
 * the last update (K28.FR.13/15) and valid again with the next one (K28.FR.14).
 */
@DisplayName("Dynamic charging profiles")
class DynamicProfileTest {
  private static final Map<Integer, ActiveTransaction> TX =
      Map.of(1, new ActiveTransaction("tx-1", T0));

  private final MemorySnapshotStore snapshots = new MemorySnapshotStore();
  private final SmartChargingService service =
      new SmartChargingService(
          SmartChargingLimits.defaults(2, d(32)), V21SmartChargingMapping.PROFILE_RULES, snapshots);

  /**
   * A Dynamic TxDefaultProfile on EVSE 1, stack level 1, {@code amps}, lasting {@code duration}.
   */
  private static ChargingProfile dynamic(int id, long amps, Integer duration) {
    ChargingSchedule schedule =
        ChargingSchedule.of(RateUnit.A, List.of(SchedulePeriod.of(0, d(amps))))
            .withDuration(duration);
    return ChargingProfile.builder(id, ProfilePurpose.TX_DEFAULT)
        .evseId(1)
        .stackLevel(1)
        .kind(ProfileKind.DYNAMIC)
        .schedule(schedule)
        .build();
  }

  private double amps(Instant at) {
    return service.effectiveAmps(TX, 1, at).limit().doubleValue();
  }

  @Nested
  @DisplayName("validation")
  class Validation {
    @Test
    @DisplayName("more than one period: Rejected, InvalidSchedule (K28.FR.01)")
    void onePeriodOnly() {
      ChargingProfile p =
          dynamic(5, 16, null).toBuilder()
              .schedule(ChargingSchedule.of(RateUnit.A, Profiles.periods(0, 16, 60, 8)))
              .build();

      ValidationResult r = service.set(p, TX, T0);

      assertThat(r.isAccepted()).isFalse();
      assertThat(r.rejection().reasonCode()).isEqualTo("InvalidSchedule");
    }

    @Test
    @DisplayName("dynUpdateInterval on a profile that is not Dynamic: Rejected, InvalidProfile")
    void dynamicFieldsOnlyOnDynamicProfiles() {
      ChargingProfile p =
          absolute(5, ProfilePurpose.TX_DEFAULT, 1, 1, RateUnit.A, 0, 16)
              .dynUpdateInterval(30)
              .build();

      ValidationResult r = service.set(p, TX, T0);

      assertThat(r.isAccepted()).isFalse();
      assertThat(r.rejection().reasonCode()).isEqualTo("InvalidProfile");
    }

    @Test
    @DisplayName("accepted: dynUpdateTime is the instant it was received (K28.FR.05)")
    void stampedOnReceipt() {
      Instant received = T0.plusSeconds(7);

      assertThat(service.set(dynamic(5, 16, null), TX, received).isAccepted()).isTrue();

      assertThat(service.profiles().get(0).dynUpdateTime()).isEqualTo(received);
    }
  }

  @Test
  @DisplayName("its one period holds until an update replaces what the update gives")
  void anUpdateReplacesThePeriodsValues() {
    service.set(dynamic(5, 16, null), TX, T0);
    assertThat(amps(T0.plusSeconds(3600))).isEqualTo(16);

    DynamicUpdate.Outcome outcome =
        service.updateDynamic(5, new DynamicUpdate(d(10), null, null), T0.plusSeconds(100));

    assertThat(outcome).isEqualTo(DynamicUpdate.Outcome.ACCEPTED);
    assertThat(amps(T0.plusSeconds(100))).isEqualTo(10);
    assertThat(amps(T0.plusSeconds(99_999))).isEqualTo(10);
    ChargingProfile stored = service.profiles().get(0);
    assertThat(stored.dynUpdateTime()).isEqualTo(T0.plusSeconds(100));
    assertThat(stored.kind()).isEqualTo(ProfileKind.DYNAMIC);
  }

  @Test
  @DisplayName("an update's reactive setpoint replaces the period's, the other values stay")
  void anUpdateCarriesTheReactiveSetpoint() {
    service.set(dynamic(5, 16, null), TX, T0);
    assertThat(service.reactive(TX, 1, T0.plusSeconds(1), RateUnit.A)).isNull();

    DynamicUpdate.Outcome outcome =
        service.updateDynamic(
            5,
            new DynamicUpdate(null, null, null, null, ReactiveSetpoint.of(d(-4))),
            T0.plusSeconds(10));

    assertThat(outcome).isEqualTo(DynamicUpdate.Outcome.ACCEPTED);
    assertThat(service.reactive(TX, 1, T0.plusSeconds(10), RateUnit.A)).isEqualByComparingTo("-4");
    assertThat(amps(T0.plusSeconds(10))).isEqualTo(16);

    // A later update of the limit only keeps the reactive setpoint; a new one replaces it.
    service.updateDynamic(5, new DynamicUpdate(d(10), null, null), T0.plusSeconds(20));
    assertThat(service.reactive(TX, 1, T0.plusSeconds(20), RateUnit.A)).isEqualByComparingTo("-4");
    assertThat(amps(T0.plusSeconds(20))).isEqualTo(10);
    service.updateDynamic(
        5,
        new DynamicUpdate(null, null, null, null, ReactiveSetpoint.of(d(3))),
        T0.plusSeconds(30));
    assertThat(service.reactive(TX, 1, T0.plusSeconds(30), RateUnit.A)).isEqualByComparingTo("3");
  }

  @Test
  @DisplayName("reactive values per phase in an update: merged per phase, L1 from the value")
  void aPerPhaseReactiveUpdateIsMergedPerPhase() {
    // Values per phase belong in a TxProfile only (V2X.09).
    ChargingProfile tx =
        dynamic(5, 16, null).toBuilder().purpose(ProfilePurpose.TX).transactionId("tx-1").build();
    assertThat(service.set(tx, TX, T0).isAccepted()).isTrue();
    service.updateDynamic(
        5,
        new DynamicUpdate(null, null, null, null, new ReactiveSetpoint(d(-4), d(-5), d(-6))),
        T0.plusSeconds(10));
    // Only L1 changes; L2 and L3 stay as they were.
    service.updateDynamic(
        5,
        new DynamicUpdate(null, null, null, null, new ReactiveSetpoint(d(-2), null, null)),
        T0.plusSeconds(20));

    SchedulePeriod period = service.profiles().get(0).schedule().periods().get(0);
    assertThat(period.setpointReactive()).isEqualTo(new ReactiveSetpoint(d(-2), d(-5), d(-6)));
    // In force per phase, the smallest magnitude when all go the same way.
    assertThat(service.reactive(TX, 1, T0.plusSeconds(20), RateUnit.A)).isEqualByComparingTo("-2");
  }

  @Test
  @DisplayName("an update is capped like any profile: never above the hardware maximum")
  void anUpdateNeverExceedsTheHardware() {
    service.set(dynamic(5, 16, null), TX, T0);

    service.updateDynamic(5, new DynamicUpdate(d(80), null, null), T0.plusSeconds(1));

    assertThat(amps(T0.plusSeconds(2))).isEqualTo(32);
  }

  @Test
  @DisplayName("an update for an unknown or a non-Dynamic profile changes nothing")
  void updatesOnlyForDynamicProfiles() {
    service.set(absolute(6, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 20).build(), TX, T0);

    assertThat(service.updateDynamic(9, new DynamicUpdate(d(6), null, null), T0))
        .isEqualTo(DynamicUpdate.Outcome.UNKNOWN_PROFILE);
    assertThat(service.updateDynamic(6, new DynamicUpdate(d(6), null, null), T0))
        .isEqualTo(DynamicUpdate.Outcome.NOT_DYNAMIC);
    assertThat(amps(T0.plusSeconds(1))).isEqualTo(20);
  }

  @Test
  @DisplayName("a negative limit in an update is refused, the period keeps its value")
  void aNegativeLimitIsRefused() {
    service.set(dynamic(5, 16, null), TX, T0);

    assertThat(service.updateDynamic(5, new DynamicUpdate(d(-4), null, null), T0))
        .isEqualTo(DynamicUpdate.Outcome.INVALID_VALUE);
    assertThat(amps(T0.plusSeconds(1))).isEqualTo(16);
  }

  @Test
  @DisplayName("updates stop: invalid once duration has passed since the last (K28.FR.13/15)")
  void withoutUpdatesItFallsThrough() {
    service.set(absolute(6, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 20).build(), TX, T0);
    service.set(dynamic(5, 10, 60), TX, T0);

    assertThat(amps(T0.plusSeconds(59))).isEqualTo(10);
    // From duration after the last update on, the lower profile applies.
    assertThat(amps(T0.plusSeconds(60))).isEqualTo(20);
    // The expiry is a change the station's one timer must know of.
    assertThat(service.effectiveAmps(TX, 1, T0.plusSeconds(1)).nextChange())
        .isEqualTo(T0.plusSeconds(60));
  }

  @Test
  @DisplayName("the next update makes it valid again (K28.FR.14)")
  void theNextUpdateRevivesIt() {
    service.set(absolute(6, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 20).build(), TX, T0);
    service.set(dynamic(5, 10, 60), TX, T0);
    Instant late = T0.plusSeconds(300);
    assertThat(amps(late)).isEqualTo(20);

    service.updateDynamic(5, new DynamicUpdate(d(8), null, null), late);

    assertThat(amps(late)).isEqualTo(8);
    assertThat(amps(late.plusSeconds(60))).isEqualTo(20);
  }

  @Test
  @DisplayName("the next pull is due dynUpdateInterval after the last update (K28.FR.10)")
  void pullsAreDueAfterTheInterval() {
    service.set(dynamic(5, 10, null).toBuilder().dynUpdateInterval(30).build(), TX, T0);
    service.set(dynamic(7, 10, null).toBuilder().id(7).evseId(2).build(), TX, T0);

    assertThat(DynamicUpdate.pullsDue(service.profiles(), Map.of(), T0.plusSeconds(29))).isEmpty();
    assertThat(DynamicUpdate.pullsDue(service.profiles(), Map.of(), T0.plusSeconds(30)))
        .containsExactly(5);
    assertThat(DynamicUpdate.nextPull(service.profiles(), Map.of())).isEqualTo(T0.plusSeconds(30));
    // Asked at 30 s without an answer that updates it: the next ask is an interval later.
    assertThat(DynamicUpdate.nextPull(service.profiles(), Map.of(5, T0.plusSeconds(30))))
        .isEqualTo(T0.plusSeconds(60));
  }

  @Test
  @DisplayName("the update and its time survive a restart")
  void persisted() {
    service.set(dynamic(5, 16, null), TX, T0);
    service.updateDynamic(5, new DynamicUpdate(d(9), null, null), T0.plusSeconds(5));

    SmartChargingService restarted =
        new SmartChargingService(
            SmartChargingLimits.defaults(2, d(32)),
            V21SmartChargingMapping.PROFILE_RULES,
            snapshots);

    assertThat(restarted.effectiveAmps(TX, 1, T0.plusSeconds(6)).limit().doubleValue())
        .isEqualTo(9);
    assertThat(restarted.profiles().get(0).dynUpdateTime()).isEqualTo(T0.plusSeconds(5));
  }
}
