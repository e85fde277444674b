package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 reactive setpoints (setpointReactive, _L2, _L3) in the engine: the value in force on an
 * EVSE, one for all phases, in the unit asked; the composite carries it. Two EVSEs of 32 A at 230
 * V, three phases.
 */
@DisplayName("Reactive setpoints (2.1): in force and in the composite")
class ReactiveSetpointTest {
  private static final CompositeScheduler SCHEDULER =
      new CompositeScheduler(SmartChargingLimits.defaults(2, d(32)));
  private static final Instant NOW = T0.plusSeconds(60);
  private static final Map<Integer, ActiveTransaction> TX_ON_1 =
      Map.of(1, new ActiveTransaction("tx-1", T0));

  private static ChargingProfile tx(OperationMode mode, ReactiveSetpoint reactive) {
    SchedulePeriod period =
        SchedulePeriod.of(0, d(16), 3)
            .bidirectional(null, null, mode)
            .withSetpointReactive(reactive);
    return ChargingProfile.builder(1, ProfilePurpose.TX)
        .evseId(1)
        .stackLevel(0)
        .kind(ProfileKind.ABSOLUTE)
        .transactionId("tx-1")
        .schedule(ChargingSchedule.of(RateUnit.A, List.of(period)).withStart(T0))
        .build();
  }

  @Test
  void theSetpointInForceInTheUnitAsked() {
    List<ChargingProfile> p =
        List.of(tx(OperationMode.CENTRAL_SETPOINT, ReactiveSetpoint.of(d(-5))));
    assertThat(SCHEDULER.reactive(p, TX_ON_1, 1, NOW, RateUnit.A)).isEqualByComparingTo("-5");
    // 5 A of reactive current on three phases at 230 V: 3450 var.
    assertThat(SCHEDULER.reactive(p, TX_ON_1, 1, NOW, RateUnit.W)).isEqualByComparingTo("-3450");
  }

  @Test
  void perPhaseTheSmallestWhenAllAskTheSameWayElseNone() {
    assertThat(
            SCHEDULER.reactive(
                List.of(tx(OperationMode.CENTRAL_SETPOINT, new ReactiveSetpoint(d(5), d(3), d(4)))),
                TX_ON_1,
                1,
                NOW,
                RateUnit.A))
        .isEqualByComparingTo("3");
    assertThat(
            SCHEDULER.reactive(
                List.of(
                    tx(OperationMode.CENTRAL_SETPOINT, new ReactiveSetpoint(d(5), d(-3), d(4)))),
                TX_ON_1,
                1,
                NOW,
                RateUnit.A))
        .isEqualByComparingTo("0");
  }

  @Test
  void noneWithoutOneOrWhenIdle() {
    assertThat(SCHEDULER.reactive(List.of(), TX_ON_1, 1, NOW, RateUnit.A)).isNull();
    assertThat(
            SCHEDULER.reactive(
                List.of(tx(OperationMode.IDLE, ReactiveSetpoint.of(d(5)))),
                TX_ON_1,
                1,
                NOW,
                RateUnit.A))
        .isNull();
  }

  @Test
  void theCompositeCarriesIt() {
    CompositePeriod first =
        SCHEDULER
            .composite(
                List.of(tx(OperationMode.CENTRAL_SETPOINT, ReactiveSetpoint.of(d(4)))),
                TX_ON_1,
                1,
                NOW,
                600,
                RateUnit.A)
            .periods()
            .get(0);
    assertThat(first.setpointReactive()).isEqualByComparingTo("4");
  }
}
