package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 per-phase values (limit_L2/L3, dischargeLimit_L2/L3, setpoint_L2/L3) in the engine: one
 * output signal carries one value, so what an EVSE is given is the lowest phase's; the composite
 * keeps the phases apart (K08.FR.09). Two EVSEs of 32 A at 230 V, three phases.
 */
@DisplayName("Per-phase values (2.1): composed per phase, the lowest phase at the output")
class PerPhaseLimitTest {
  private static final CompositeScheduler SCHEDULER =
      new CompositeScheduler(SmartChargingLimits.defaults(2, d(32)));
  private static final Instant NOW = T0.plusSeconds(60);
  private static final Map<Integer, ActiveTransaction> TX_ON_1 =
      Map.of(1, new ActiveTransaction("tx-1", T0));

  private static PhaseValues limits(long l2, long l3) {
    return new PhaseValues(d(l2), d(l3), null, null, null, null);
  }

  /** A TxProfile on EVSE 1 from T0 with one period of {@code limit} (L1 where per phase). */
  private static ChargingProfile tx(RateUnit unit, SchedulePeriod period) {
    return ChargingProfile.builder(1, ProfilePurpose.TX)
        .evseId(1)
        .stackLevel(0)
        .kind(ProfileKind.ABSOLUTE)
        .transactionId("tx-1")
        .schedule(ChargingSchedule.of(unit, List.of(period)).withStart(T0))
        .build();
  }

  private static ChargingProfile stationMax(long amps) {
    return Profiles.absolute(9, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, RateUnit.A, 0, amps)
        .build();
  }

  @Nested
  class Charging {
    @Test
    void inAmpsTheEvseIsGivenTheLowestPhase() {
      ChargingProfile p =
          tx(RateUnit.A, SchedulePeriod.of(0, d(16), 3).withPerPhase(limits(10, 20)));
      EffectiveLimit l = SCHEDULER.ownLimit(List.of(p), TX_ON_1, 1, NOW, RateUnit.A);
      assertThat(l.limit()).isEqualByComparingTo("10");
      assertThat(l.numberPhases()).isEqualTo(3);
    }

    @Test
    void inWattsEachValueIsOnePhasesPower() {
      // 3680 / 2300 / 4600 W per phase = 16 / 10 / 20 A at 230 V: 10 A on every phase, 6900 W.
      ChargingProfile p =
          tx(RateUnit.W, SchedulePeriod.of(0, d(3680), 3).withPerPhase(limits(2300, 4600)));
      assertThat(SCHEDULER.ownLimit(List.of(p), TX_ON_1, 1, NOW, RateUnit.A).limit())
          .isEqualByComparingTo("10");
      assertThat(SCHEDULER.ownLimit(List.of(p), TX_ON_1, 1, NOW, RateUnit.W).limit())
          .isEqualByComparingTo("6900");
    }

    @Test
    void theCompositeKeepsEachPhaseAndComposesThemWithTheOtherLimits() {
      ChargingProfile p =
          tx(RateUnit.A, SchedulePeriod.of(0, d(16), 3).withPerPhase(limits(10, 20)));
      CompositeSchedule c =
          SCHEDULER.composite(List.of(p, stationMax(12)), TX_ON_1, 1, NOW, 600, RateUnit.A);
      CompositePeriod first = c.periods().get(0);
      assertThat(first.limit()).isEqualByComparingTo("10");
      LimitPerPhase phases = first.perPhase();
      assertThat(phases).isNotNull();
      assertThat(phases.l1()).isEqualByComparingTo("12");
      assertThat(phases.l2()).isEqualByComparingTo("10");
      assertThat(phases.l3()).isEqualByComparingTo("12");
    }

    @Test
    void theCompositeInWattsGivesEachPhasesPower() {
      ChargingProfile p =
          tx(RateUnit.A, SchedulePeriod.of(0, d(16), 3).withPerPhase(limits(10, 20)));
      CompositePeriod first =
          SCHEDULER.composite(List.of(p), TX_ON_1, 1, NOW, 600, RateUnit.W).periods().get(0);
      assertThat(first.limit()).isEqualByComparingTo("6900");
      LimitPerPhase phases = first.perPhase();
      assertThat(phases).isNotNull();
      assertThat(phases.l1()).isEqualByComparingTo("3680");
      assertThat(phases.l2()).isEqualByComparingTo("2300");
      assertThat(phases.l3()).isEqualByComparingTo("4600");
    }

    @Test
    void aCompositeWithoutPerPhaseValuesHasNone() {
      CompositePeriod first =
          SCHEDULER
              .composite(
                  List.of(tx(RateUnit.A, SchedulePeriod.of(0, d(16), 3))),
                  TX_ON_1,
                  1,
                  NOW,
                  600,
                  RateUnit.A)
              .periods()
              .get(0);
      assertThat(first.perPhase()).isNull();
    }

    @Test
    void aChangeOfOnePhaseAloneIsANewCompositePeriod() {
      ChargingProfile p =
          ChargingProfile.builder(1, ProfilePurpose.TX)
              .evseId(1)
              .stackLevel(0)
              .kind(ProfileKind.ABSOLUTE)
              .transactionId("tx-1")
              .schedule(
                  ChargingSchedule.of(
                          RateUnit.A,
                          List.of(
                              SchedulePeriod.of(0, d(16), 3).withPerPhase(limits(10, 20)),
                              SchedulePeriod.of(300, d(16), 3).withPerPhase(limits(10, 12))))
                      .withStart(T0))
              .build();
      CompositeSchedule c = SCHEDULER.composite(List.of(p), TX_ON_1, 1, T0, 600, RateUnit.A);
      assertThat(c.periods()).hasSize(2);
      assertThat(c.periods().get(1).startPeriod()).isEqualTo(300);
    }

    @Test
    void theLimitInForceNeverExceedsAnyPhasesLimit() {
      Random r = new Random(15);
      for (int i = 0; i < 200; i++) {
        long l1 = r.nextInt(40);
        long l2 = r.nextInt(40);
        long l3 = r.nextInt(40);
        ChargingProfile p =
            tx(RateUnit.A, SchedulePeriod.of(0, d(l1), 3).withPerPhase(limits(l2, l3)));
        BigDecimal offered = SCHEDULER.ownLimit(List.of(p), TX_ON_1, 1, NOW, RateUnit.A).limit();
        assertThat(offered)
            .as("%d/%d/%d A", l1, l2, l3)
            .isLessThanOrEqualTo(d(Math.min(l1, Math.min(l2, l3))));
      }
    }
  }

  @Nested
  class BothWays {
    private ChargingProfile central(
        long dischargeL1,
        long dischargeL2,
        long dischargeL3,
        long setpointL1,
        @Nullable Long setpointL2,
        @Nullable Long setpointL3) {
      SchedulePeriod period =
          SchedulePeriod.of(0, d(32), 3)
              .bidirectional(d(dischargeL1), d(setpointL1), OperationMode.CENTRAL_SETPOINT)
              .withPerPhase(
                  new PhaseValues(
                      null,
                      null,
                      d(dischargeL2),
                      d(dischargeL3),
                      setpointL2 == null ? null : d(setpointL2),
                      setpointL3 == null ? null : d(setpointL3)));
      return tx(RateUnit.A, period);
    }

    @Test
    void theEvseDischargesNoMoreThanTheLowestPhaseAllows() {
      BidirectionalLimit range =
          SCHEDULER.bidirectional(
              List.of(central(-16, -8, -12, -6, null, null)), TX_ON_1, 1, NOW, RateUnit.A);
      assertThat(range.discharge()).isEqualByComparingTo("-8");
      assertThat(range.setpoint()).isEqualByComparingTo("-6");
    }

    @Test
    void aPerPhaseSetpointIsFollowedAtTheSmallestOfItsPhases() {
      BidirectionalLimit range =
          SCHEDULER.bidirectional(
              List.of(central(-16, -16, -16, -10, -6L, -8L)), TX_ON_1, 1, NOW, RateUnit.A);
      assertThat(range.setpoint()).isEqualByComparingTo("-6");
    }

    @Test
    void phasesAskedOppositeWaysGetNoTransfer() {
      BidirectionalLimit range =
          SCHEDULER.bidirectional(
              List.of(central(-16, -16, -16, 10, -6L, 8L)), TX_ON_1, 1, NOW, RateUnit.A);
      assertThat(range.setpoint()).isEqualByComparingTo("0");
    }

    @Test
    void inWattsTheSetpointIsTheTotalOverThePhases() {
      SchedulePeriod period =
          SchedulePeriod.of(0, d(22080), 3)
              .bidirectional(d(-3680), d(-2300), OperationMode.CENTRAL_SETPOINT)
              .withPerPhase(new PhaseValues(null, null, d(-3680), d(-3680), d(-1150), d(-2300)));
      BidirectionalLimit range =
          SCHEDULER.bidirectional(List.of(tx(RateUnit.W, period)), TX_ON_1, 1, NOW, RateUnit.W);
      assertThat(range.discharge()).isEqualByComparingTo("-11040");
      assertThat(range.setpoint()).isEqualByComparingTo("-3450");
    }
  }
}
