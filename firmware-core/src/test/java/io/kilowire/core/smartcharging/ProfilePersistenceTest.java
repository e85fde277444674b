package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.absolute;
import static io.kilowire.core.smartcharging.Profiles.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.configuration.V21SmartChargingVariables;
import io.kilowire.core.ocpp.v21.adapter.V21SmartChargingMapping;
import io.kilowire.core.store.MemorySnapshotStore;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What 2.1's SmartChargingCtrlr.ChargingProfilePersistence[TxProfile] and
 * [ChargingStationExternalConstraints] report is what the engine does: both kinds of profile
 * survive a restart.
 */
class ProfilePersistenceTest {
  private static final Map<Integer, ActiveTransaction> TX =
      Map.of(1, new ActiveTransaction("tx-1", T0));

  private final MemorySnapshotStore snapshots = new MemorySnapshotStore();

  private SmartChargingService service() {
    return new SmartChargingService(
        SmartChargingLimits.defaults(2, d(32)), V21SmartChargingMapping.PROFILE_RULES, snapshots);
  }

  @Test
  @DisplayName("a TxProfile and an external limit are still there after a restart, as reported")
  void bothKindsSurviveARestart() {
    SmartChargingService before = service();
    assertThat(
            before
                .set(
                    absolute(1, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 10)
                        .transactionId("tx-1")
                        .build(),
                    TX,
                    T0)
                .isAccepted())
        .isTrue();
    int externalId = SmartChargingService.externalLimitId(LimitSource.EMS);
    before.installExternalLimit(
        absolute(
                externalId,
                ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS,
                0,
                0,
                RateUnit.A,
                0,
                8)
            .source(LimitSource.EMS)
            .build());

    SmartChargingService restarted = service();

    assertThat(restarted.profiles())
        .extracting(ChargingProfile::id)
        .containsExactlyInAnyOrder(1, externalId);
    assertThat(restarted.effectiveAmps(TX, 1, T0.plusSeconds(10)).limit().doubleValue())
        .isEqualTo(8);
    assertThat(
            V21SmartChargingVariables.CHARGING_PROFILE_PERSISTENCE_TX_PROFILE
                .actual()
                .defaultValue())
        .isTrue();
    assertThat(
            V21SmartChargingVariables.CHARGING_PROFILE_PERSISTENCE_EXTERNAL_CONSTRAINTS
                .actual()
                .defaultValue())
        .isTrue();
  }
}
