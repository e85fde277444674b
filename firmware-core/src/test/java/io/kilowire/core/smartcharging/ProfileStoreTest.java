package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.absolute;
import static io.kilowire.core.smartcharging.Profiles.d;
import static io.kilowire.core.smartcharging.Profiles.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.store.MemorySnapshotStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProfileStoreTest {
  private final ProfileStore store = new ProfileStore();

  private static ChargingProfile profile(int id, ProfilePurpose purpose, int evse, int stack) {
    var b = absolute(id, purpose, evse, stack, RateUnit.A, 0, 16);
    if (purpose == ProfilePurpose.TX) {
      b.transactionId("tx" + evse);
    }
    return b.build();
  }

  private List<Integer> ids() {
    return store.profiles().stream().map(ChargingProfile::id).toList();
  }

  @Nested
  class Installing {
    @Test
    void in16TheSamePurposeStackLevelAndConnectorReplaces() {
      store.install(profile(1, ProfilePurpose.TX_DEFAULT, 1, 0), rules(OcppVersion.V16));
      var replaced =
          store.install(profile(2, ProfilePurpose.TX_DEFAULT, 1, 0), rules(OcppVersion.V16));
      assertThat(replaced).extracting(ChargingProfile::id).containsExactly(1);
      assertThat(ids()).containsExactly(2);
    }

    @Test
    void in16AConnectorTxDefaultLeavesTheConnectorZeroOneInPlace() {
      store.install(profile(1, ProfilePurpose.TX_DEFAULT, 0, 0), rules(OcppVersion.V16));
      store.install(profile(2, ProfilePurpose.TX_DEFAULT, 1, 0), rules(OcppVersion.V16));
      assertThat(ids()).containsExactly(1, 2);
    }

    @Test
    void theSameIdReplacesInBothVersions() {
      store.install(profile(1, ProfilePurpose.TX_DEFAULT, 1, 0), rules(OcppVersion.V16));
      store.install(profile(1, ProfilePurpose.TX_DEFAULT, 2, 3), rules(OcppVersion.V201));
      assertThat(store.profiles()).singleElement().extracting(ChargingProfile::evseId).isEqualTo(2);
    }

    @Test
    void in201ADifferentIdIsAddedNextToTheOld() {
      store.install(profile(1, ProfilePurpose.TX_DEFAULT, 1, 0), rules(OcppVersion.V201));
      store.install(profile(2, ProfilePurpose.TX_DEFAULT, 1, 0), rules(OcppVersion.V201));
      assertThat(ids()).containsExactly(1, 2);
    }
  }

  @Nested
  class Clearing {
    @BeforeEach
    void fill() {
      store.install(profile(1, ProfilePurpose.CHARGING_STATION_MAX, 0, 0), rules(OcppVersion.V201));
      store.install(profile(2, ProfilePurpose.TX_DEFAULT, 0, 0), rules(OcppVersion.V201));
      store.install(profile(3, ProfilePurpose.TX_DEFAULT, 1, 1), rules(OcppVersion.V201));
      store.install(profile(4, ProfilePurpose.TX, 1, 1), rules(OcppVersion.V201));
      store.install(
          profile(-5, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, 0),
          rules(OcppVersion.V201));
    }

    @Test
    void noFieldsClearEverythingButExternalConstraints() {
      assertThat(store.clear(ClearCriteria.all())).hasSize(4);
      assertThat(ids()).containsExactly(-5);
    }

    @Test
    void anIdIgnoresTheOtherFields() {
      var removed = store.clear(new ClearCriteria(3, 0, ProfilePurpose.TX, 7));
      assertThat(removed).extracting(ChargingProfile::id).containsExactly(3);
    }

    @Test
    void fieldsCombineWithAnd() {
      var removed = store.clear(new ClearCriteria(null, 1, ProfilePurpose.TX_DEFAULT, null));
      assertThat(removed).extracting(ChargingProfile::id).containsExactly(3);
    }

    @Test
    void evseZeroSelectsStationLevelProfiles() {
      var removed = store.clear(new ClearCriteria(null, 0, null, null));
      assertThat(removed).extracting(ChargingProfile::id).containsExactly(1, 2);
    }

    @Test
    void stackLevelAloneMatchesEveryEvse() {
      var removed = store.clear(new ClearCriteria(null, null, null, 1));
      assertThat(removed).extracting(ChargingProfile::id).containsExactly(3, 4);
    }

    @Test
    void nothingMatchingClearsNothing() {
      assertThat(store.clear(new ClearCriteria(null, 2, null, null))).isEmpty();
      assertThat(store.size()).isEqualTo(5);
    }

    @Test
    void externalConstraintsAreNotClearedEvenById() {
      assertThat(store.clear(ClearCriteria.byId(-5))).isEmpty();
      assertThat(
              store.clear(
                  new ClearCriteria(
                      null, null, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, null)))
          .isEmpty();
    }

    @Test
    void theEndOfATransactionRemovesItsTxProfiles() {
      assertThat(store.endTransaction(1, "tx1")).extracting(ChargingProfile::id).containsExactly(4);
      assertThat(ids()).containsExactly(-5, 1, 2, 3);
    }

    @Test
    void theEndOfAnotherTransactionKeepsThem() {
      assertThat(store.endTransaction(1, "other")).isEmpty();
    }
  }

  @Nested
  class Querying {
    @BeforeEach
    void fill() {
      store.install(profile(1, ProfilePurpose.CHARGING_STATION_MAX, 0, 0), rules(OcppVersion.V201));
      store.install(profile(2, ProfilePurpose.TX_DEFAULT, 1, 2), rules(OcppVersion.V201));
      store.install(
          absolute(
                  -3,
                  ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS,
                  1,
                  0,
                  RateUnit.W,
                  0,
                  5000)
              .source(LimitSource.EMS)
              .build(),
          rules(OcppVersion.V201));
    }

    @Test
    void anEmptyCriterionFindsAll() {
      assertThat(store.find(ProfileQuery.any())).hasSize(3);
    }

    @Test
    void evseZeroFindsStationLevelProfilesOnly() {
      assertThat(store.find(new ProfileQuery(0, null, null, Set.of(), Set.of())))
          .extracting(ChargingProfile::id)
          .containsExactly(1);
    }

    @Test
    void findsBySourceIdStackLevelAndPurpose() {
      assertThat(store.find(new ProfileQuery(null, null, null, Set.of(), Set.of(LimitSource.EMS))))
          .extracting(ChargingProfile::id)
          .containsExactly(-3);
      assertThat(store.find(new ProfileQuery(null, null, null, Set.of(1, 2), Set.of()))).hasSize(2);
      assertThat(
              store.find(new ProfileQuery(null, ProfilePurpose.TX_DEFAULT, 2, Set.of(), Set.of())))
          .extracting(ChargingProfile::id)
          .containsExactly(2);
    }
  }

  @Nested
  class Persisting {
    @Test
    void survivesARoundTripThroughASnapshotStore() {
      var full =
          ChargingProfile.builder(9, ProfilePurpose.TX)
              .stackLevel(2)
              .kind(ProfileKind.RECURRING)
              .recurrency(Recurrency.WEEKLY)
              .validFrom(T0)
              .validTo(T0.plusNanos(123_456_789))
              .transactionId("abc")
              .evseId(2)
              .schedules(
                  List.of(
                      new ChargingSchedule(
                          1,
                          T0,
                          3600,
                          RateUnit.W,
                          List.of(
                              new SchedulePeriod(0, d("11000.5"), 1, 2),
                              // 2.1: a period that may discharge, with its setpoint
                              SchedulePeriod.of(60, d(7))
                                  .bidirectional(d("-3.5"), d(-2), OperationMode.CENTRAL_SETPOINT),
                              // 2.1: frequency support
                              SchedulePeriod.of(120, d(7))
                                  .bidirectional(d(-7), null, OperationMode.LOCAL_FREQUENCY)
                                  .withV2x(
                                      new V2xCurves(
                                          d(500),
                                          List.of(
                                              new V2xCurves.Point(d("49.8"), d(-6900)),
                                              new V2xCurves.Point(d("50.2"), d(6900))),
                                          List.of(new V2xCurves.Point(d(-100), d(-3000)))))),
                          d("1.5")),
                      ChargingSchedule.of(RateUnit.A, List.of(SchedulePeriod.of(0, d(6))))))
              .source(LimitSource.SO)
              .maxOfflineDuration(600)
              .invalidAfterOfflineDuration(true)
              .dynUpdateInterval(30)
              .dynUpdateTime(T0.minusSeconds(5))
              .build();
      store.install(full, rules(OcppVersion.V201));
      store.install(profile(1, ProfilePurpose.TX_DEFAULT, 0, 0), rules(OcppVersion.V201));
      try (var snapshots = new MemorySnapshotStore()) {
        snapshots.write(ProfileStore.SNAPSHOT_NAME, store.toBytes());
        var restored =
            ProfileStore.fromBytes(snapshots.read(ProfileStore.SNAPSHOT_NAME).orElseThrow());
        assertThat(restored.profiles()).isEqualTo(store.profiles());
      }
    }

    @Test
    void refusesBytesThatAreNotASnapshot() {
      assertThatThrownBy(() -> ProfileStore.fromBytes(new byte[] {1, 2, 3}))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsASnapshotWrittenBeforeTheBidirectionalFields() {
      // One profile with one period: in format 5 the period, last in the stream, ends with six
      // absent values (dischargeLimit, setpoint, operationMode, values per phase, reactive
      // setpoint, frequency support), one byte each; format 4 has the first five, format 3 four,
      // format 2 three, format 1 none.
      ChargingProfile before21 = profile(1, ProfilePurpose.TX_DEFAULT, 0, 0);
      store.install(before21, rules(OcppVersion.V201));
      byte[] current = store.toBytes();
      for (int format = 1; format <= 4; format++) {
        byte[] older =
            java.util.Arrays.copyOf(current, current.length - (format == 1 ? 6 : 5 - format));
        older[7] = (byte) format; // the format number, the second int of the header
        assertThat(ProfileStore.fromBytes(older).profiles())
            .as("format %d", format)
            .containsExactly(before21);
      }
    }

    @Test
    void keepsTheValuesPerPhase() {
      var perPhase =
          ChargingProfile.builder(9, ProfilePurpose.TX)
              .kind(ProfileKind.ABSOLUTE)
              .transactionId("abc")
              .evseId(1)
              .schedule(
                  ChargingSchedule.of(
                          RateUnit.A,
                          List.of(
                              SchedulePeriod.of(0, d(16), 3)
                                  .bidirectional(d(-8), d(-4), OperationMode.CENTRAL_SETPOINT)
                                  .withPerPhase(
                                      new PhaseValues(d(10), d("20.5"), d(-6), d(-7), d(-3), d(-2)))
                                  .withSetpointReactive(
                                      new ReactiveSetpoint(d("-1.5"), d(-1), d(-2)))))
                      .withStart(T0))
              .build();
      store.install(perPhase, rules(OcppVersion.V201));
      assertThat(ProfileStore.fromBytes(store.toBytes()).profiles()).containsExactly(perPhase);
    }

    @Test
    void refusesATruncatedSnapshot() {
      store.install(profile(1, ProfilePurpose.TX_DEFAULT, 0, 0), rules(OcppVersion.V201));
      byte[] bytes = store.toBytes();
      byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
      assertThatThrownBy(() -> ProfileStore.fromBytes(cut))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
