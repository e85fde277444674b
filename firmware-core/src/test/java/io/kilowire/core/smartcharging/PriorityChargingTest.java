package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.absolute;
import static io.kilowire.core.smartcharging.Profiles.d;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v21.adapter.V21SmartChargingMapping;
import io.kilowire.core.store.MemorySnapshotStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 priority charging in the engine (K21): a PriorityCharging profile does nothing until the
 * CSMS (or the driver) asks for priority on a transaction; then it takes the place of the
 * TxProfile/TxDefaultProfile for that transaction, still under the station's limits, and never
 * discharges. It ends with the transaction or when priority is withdrawn.
 */
@DisplayName("Priority charging")
class PriorityChargingTest {
  private static final Map<Integer, ActiveTransaction> TX =
      Map.of(1, new ActiveTransaction("tx-1", T0));

  private final SmartChargingService service =
      new SmartChargingService(
          SmartChargingLimits.defaults(2, d(32)),
          V21SmartChargingMapping.PROFILE_RULES,
          new MemorySnapshotStore());

  private double amps() {
    return service.effectiveAmps(TX, 1, T0.plusSeconds(10)).limit().doubleValue();
  }

  /** A TxProfile of 10 A and a PriorityCharging profile of {@code priorityA} on EVSE 1. */
  private void profiles(int priorityA) {
    assertThat(
            service
                .set(
                    absolute(1, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 10)
                        .transactionId("tx-1")
                        .build(),
                    TX,
                    T0)
                .isAccepted())
        .isTrue();
    assertThat(
            service
                .set(
                    absolute(2, ProfilePurpose.PRIORITY_CHARGING, 1, 0, RateUnit.A, 0, priorityA)
                        .build(),
                    TX,
                    T0)
                .isAccepted())
        .isTrue();
  }

  @Test
  @DisplayName("installed, a PriorityCharging profile changes nothing until priority is asked")
  void nothingWithoutActivation() {
    profiles(25);

    assertThat(amps()).isEqualTo(10);
  }

  @Test
  @DisplayName("asked: it replaces the TxProfile, under the station maximum; withdrawn: back")
  void activationReplacesTheTxProfile() {
    profiles(25);
    service.set(
        absolute(3, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, RateUnit.A, 0, 20).build(), TX, T0);

    assertThat(service.usePriorityCharging("tx-1", true, TX))
        .isEqualTo(PriorityCharging.Outcome.ACCEPTED);
    assertThat(amps()).isEqualTo(20);

    assertThat(service.usePriorityCharging("tx-1", false, TX))
        .isEqualTo(PriorityCharging.Outcome.ACCEPTED);
    assertThat(amps()).isEqualTo(10);
  }

  @Test
  @DisplayName("a station-wide PriorityCharging profile serves every EVSE's transaction")
  void aStationWideProfileServes() {
    service.set(
        absolute(2, ProfilePurpose.PRIORITY_CHARGING, 0, 0, RateUnit.A, 0, 24).build(), TX, T0);

    assertThat(service.usePriorityCharging("tx-1", true, TX))
        .isEqualTo(PriorityCharging.Outcome.ACCEPTED);
    assertThat(amps()).isEqualTo(24);
  }

  @Test
  @DisplayName("no PriorityCharging profile: NoProfile; an unknown transaction: Rejected")
  void refusals() {
    service.set(
        absolute(1, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 10).transactionId("tx-1").build(),
        TX,
        T0);

    assertThat(service.usePriorityCharging("tx-1", true, TX))
        .isEqualTo(PriorityCharging.Outcome.NO_PROFILE);
    assertThat(service.usePriorityCharging("tx-9", true, TX))
        .isEqualTo(PriorityCharging.Outcome.UNKNOWN_TRANSACTION);
    // Withdrawing is always possible: the profile may have gone while priority held.
    assertThat(service.usePriorityCharging("tx-1", false, TX))
        .isEqualTo(PriorityCharging.Outcome.ACCEPTED);
    assertThat(amps()).isEqualTo(10);
  }

  @Test
  @DisplayName("priority ends with its transaction")
  void endsWithTheTransaction() {
    profiles(25);
    service.usePriorityCharging("tx-1", true, TX);

    service.transactionEnded(1, "tx-1");

    assertThat(service.priorityTransactions()).isEmpty();
  }

  @Test
  @DisplayName("under priority nothing is discharged, whatever the TxProfile allowed")
  void noDischargingUnderPriority() {
    ChargingSchedule v2g =
        ChargingSchedule.of(
                RateUnit.A,
                List.of(
                    SchedulePeriod.of(0, d(10))
                        .bidirectional(d(-8), d(-8), OperationMode.CENTRAL_SETPOINT)))
            .withStart(T0);
    service.set(
        ChargingProfile.builder(1, ProfilePurpose.TX)
            .evseId(1)
            .transactionId("tx-1")
            .schedule(v2g)
            .build(),
        TX,
        T0);
    service.set(
        absolute(2, ProfilePurpose.PRIORITY_CHARGING, 1, 0, RateUnit.A, 0, 25).build(), TX, T0);
    assertThat(service.bidirectional(TX, 1, T0.plusSeconds(1), RateUnit.A).discharge().signum())
        .isNegative();

    service.usePriorityCharging("tx-1", true, TX);

    BidirectionalLimit range = service.bidirectional(TX, 1, T0.plusSeconds(1), RateUnit.A);
    assertThat(range.discharge().signum()).isZero();
    assertThat(range.charge()).isEqualByComparingTo("25");
  }

  @Test
  @DisplayName("a PriorityCharging profile with a duration: Rejected, InvalidSchedule (K01.FR.70)")
  void noDuration() {
    ChargingProfile p =
        absolute(2, ProfilePurpose.PRIORITY_CHARGING, 1, 0, RateUnit.A, 0, 25).build();
    p = p.toBuilder().schedule(p.schedule().withDuration(3600)).build();

    ValidationResult r = service.set(p, TX, T0);

    assertThat(r.isAccepted()).isFalse();
    assertThat(r.rejection().reasonCode()).isEqualTo("InvalidSchedule");
  }

  @Test
  @DisplayName("a PriorityCharging period in another mode than ChargingOnly: InvalidOperationMode")
  void chargingOnly() {
    ChargingSchedule setpoint =
        ChargingSchedule.of(
                RateUnit.A,
                List.of(
                    SchedulePeriod.of(0, d(25))
                        .bidirectional(null, d(10), OperationMode.CENTRAL_SETPOINT)))
            .withStart(T0);

    ValidationResult r =
        service.set(
            ChargingProfile.builder(2, ProfilePurpose.PRIORITY_CHARGING)
                .evseId(1)
                .schedule(setpoint)
                .build(),
            TX,
            T0);

    assertThat(r.isAccepted()).isFalse();
    assertThat(r.rejection().reasonCode()).isEqualTo("InvalidOperationMode");
  }
}
