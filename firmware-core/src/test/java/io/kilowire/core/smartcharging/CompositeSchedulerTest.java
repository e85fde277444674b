package io.kilowire.core.smartcharging;

import static io.kilowire.core.smartcharging.Profiles.T0;
import static io.kilowire.core.smartcharging.Profiles.absolute;
import static io.kilowire.core.smartcharging.Profiles.d;
import static io.kilowire.core.smartcharging.Profiles.recurring;
import static io.kilowire.core.smartcharging.Profiles.relative;
import static io.kilowire.core.smartcharging.Profiles.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompositeSchedulerTest {
  private static final SmartChargingLimits LIMITS = SmartChargingLimits.defaults(2, d(32));
  private final CompositeScheduler scheduler = new CompositeScheduler(LIMITS);
  private static final Map<Integer, ActiveTransaction> NO_TX = Map.of();

  private static CompositePeriod p(int start, String limit, int phases) {
    return new CompositePeriod(start, d(limit), phases);
  }

  private static void assertPeriods(CompositeSchedule c, CompositePeriod... expected) {
    assertThat(c.periods()).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      CompositePeriod actual = c.periods().get(i);
      assertThat(actual.startPeriod())
          .as("start of period %d", i)
          .isEqualTo(expected[i].startPeriod());
      assertThat(actual.limit())
          .as("limit of period %d", i)
          .isEqualByComparingTo(expected[i].limit());
      assertThat(actual.numberPhases())
          .as("phases of period %d", i)
          .isEqualTo(expected[i].numberPhases());
    }
  }

  @Nested
  class TheOcpp16Example {
    // OCPP 1.6 §3.13.7 (SPEC-FACTS A.10): daily recurring TxDefault, 11 kW except 08:00-20:00.
    private final ChargingProfile example =
        ChargingProfile.builder(100, ProfilePurpose.TX_DEFAULT)
            .stackLevel(0)
            .evseId(0)
            .kind(ProfileKind.RECURRING)
            .recurrency(Recurrency.DAILY)
            .schedule(
                new ChargingSchedule(
                    0,
                    Instant.parse("2013-01-01T00:00:00Z"),
                    86400,
                    RateUnit.W,
                    List.of(
                        SchedulePeriod.of(0, d(11000), 3),
                        SchedulePeriod.of(28800, d(6000), 3),
                        SchedulePeriod.of(72000, d(11000), 3)),
                    null))
            .build();

    @Test
    void limitsToSixKilowattsFromEightToTwentyEveryDay() {
      Instant start = Instant.parse("2013-01-05T06:00:00Z");
      CompositeSchedule c =
          scheduler.composite(List.of(example), NO_TX, 1, start, 86400, RateUnit.W);
      assertPeriods(c, p(0, "11000", 3), p(7200, "6000", 3), p(50400, "11000", 3));
    }

    @Test
    void givesTheSameDayInAmpsPerPhaseAt230Volts() {
      Instant start = Instant.parse("2013-01-05T00:00:00Z");
      CompositeSchedule c =
          scheduler.composite(List.of(example), NO_TX, 1, start, 86400, RateUnit.A);
      // 11000 W / (230 V x 3) = 15.94 A, 6000 W / 690 V = 8.69 A, cut to one decimal.
      assertPeriods(c, p(0, "15.9", 3), p(28800, "8.6", 3), p(72000, "15.9", 3));
    }

    @Test
    void repeatsAcrossMidnight() {
      Instant start = Instant.parse("2013-01-05T19:00:00Z");
      CompositeSchedule c =
          scheduler.composite(List.of(example), NO_TX, 1, start, 86400, RateUnit.W);
      assertPeriods(c, p(0, "6000", 3), p(3600, "11000", 3), p(13 * 3600, "6000", 3));
    }

    @Test
    void appliesToTheStationAsTheSumOfBothEvses() {
      Instant start = Instant.parse("2013-01-05T06:00:00Z");
      CompositeSchedule c =
          scheduler.composite(List.of(example), NO_TX, 0, start, 86400, RateUnit.W);
      assertPeriods(c, p(0, "22000", 3), p(7200, "12000", 3), p(50400, "22000", 3));
    }
  }

  @Nested
  class Stacking {
    @Test
    void theHighestStackLevelWins() {
      var low = absolute(1, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 20).build();
      var high = absolute(2, ProfilePurpose.TX_DEFAULT, 1, 1, RateUnit.A, 0, 10).build();
      var c = scheduler.composite(List.of(low, high), NO_TX, 1, T0, 3600, RateUnit.A);
      assertPeriods(c, p(0, "10", 3));
    }

    @Test
    void aHigherLevelThatEndsLetsTheLowerOneThrough() {
      var low = absolute(1, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 20).build();
      var high =
          ChargingProfile.builder(2, ProfilePurpose.TX_DEFAULT)
              .evseId(1)
              .stackLevel(1)
              .schedule(
                  schedule(RateUnit.A, 0, 10).withStart(T0.plusSeconds(600)).withDuration(600))
              .build();
      var c = scheduler.composite(List.of(low, high), NO_TX, 1, T0, 3600, RateUnit.A);
      assertPeriods(c, p(0, "20", 3), p(600, "10", 3), p(1200, "20", 3));
    }

    @Test
    void aHigherLevelOutsideItsValidityDoesNotCount() {
      var low = absolute(1, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 20).build();
      var high =
          absolute(2, ProfilePurpose.TX_DEFAULT, 1, 1, RateUnit.A, 0, 10)
              .validFrom(T0.plusSeconds(100))
              .validTo(T0.plusSeconds(200))
              .build();
      var c = scheduler.composite(List.of(low, high), NO_TX, 1, T0, 3600, RateUnit.A);
      assertPeriods(c, p(0, "20", 3), p(100, "10", 3), p(200, "20", 3));
    }

    @Test
    void theLastPeriodHoldsUntilTheDurationEnds() {
      var profile =
          ChargingProfile.builder(1, ProfilePurpose.TX_DEFAULT)
              .evseId(1)
              .schedule(schedule(RateUnit.A, 0, 10, 60, 12).withStart(T0).withDuration(300))
              .build();
      var c = scheduler.composite(List.of(profile), NO_TX, 1, T0, 3600, RateUnit.A);
      assertPeriods(c, p(0, "10", 3), p(60, "12", 3), p(300, "32", 3));
    }
  }

  @Nested
  class Purposes {
    private final Map<Integer, ActiveTransaction> tx =
        Map.of(1, new ActiveTransaction("tx-1", T0.minusSeconds(60)));

    @Test
    void aTxProfileOverridesTheTxDefault() {
      var def = absolute(1, ProfilePurpose.TX_DEFAULT, 0, 5, RateUnit.A, 0, 10).build();
      var txp =
          absolute(2, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 25).transactionId("tx-1").build();
      var c = scheduler.composite(List.of(def, txp), tx, 1, T0, 600, RateUnit.A);
      assertPeriods(c, p(0, "25", 3));
    }

    @Test
    void aTxProfileOfAnotherTransactionIsIgnored() {
      var def = absolute(1, ProfilePurpose.TX_DEFAULT, 0, 0, RateUnit.A, 0, 10).build();
      var txp =
          absolute(2, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 25).transactionId("old").build();
      var c = scheduler.composite(List.of(def, txp), tx, 1, T0, 600, RateUnit.A);
      assertPeriods(c, p(0, "10", 3));
    }

    @Test
    void anEvseTxDefaultOverridesTheStationWideOneForThatEvseOnly() {
      var station = absolute(1, ProfilePurpose.TX_DEFAULT, 0, 3, RateUnit.A, 0, 10).build();
      var evse2 = absolute(2, ProfilePurpose.TX_DEFAULT, 2, 0, RateUnit.A, 0, 16).build();
      var profiles = List.of(station, evse2);
      assertPeriods(scheduler.composite(profiles, NO_TX, 1, T0, 600, RateUnit.A), p(0, "10", 3));
      assertPeriods(scheduler.composite(profiles, NO_TX, 2, T0, 600, RateUnit.A), p(0, "16", 3));
    }

    @Test
    void theStationMaximumCapsEachEvse() {
      var max = absolute(1, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, RateUnit.A, 0, 20).build();
      var def = absolute(2, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 25, 300, 8).build();
      var c = scheduler.composite(List.of(max, def), NO_TX, 1, T0, 600, RateUnit.A);
      assertPeriods(c, p(0, "20", 3), p(300, "8", 3));
    }

    @Test
    void externalConstraintsOnTheStationAndOnTheEvseCapToo() {
      var ext0 =
          absolute(
                  -1,
                  ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS,
                  0,
                  0,
                  RateUnit.A,
                  0,
                  30,
                  100,
                  12)
              .build();
      var ext1 =
          absolute(
                  -2,
                  ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS,
                  1,
                  0,
                  RateUnit.A,
                  0,
                  20,
                  200,
                  6)
              .build();
      var c = scheduler.composite(List.of(ext0, ext1), NO_TX, 1, T0, 600, RateUnit.A);
      assertPeriods(c, p(0, "20", 3), p(100, "12", 3), p(200, "6", 3));
    }

    @Test
    void timesWithoutAnyProfileGetTheHardwareMaximum() {
      var c = scheduler.composite(List.of(), NO_TX, 1, T0, 600, RateUnit.W);
      assertPeriods(c, p(0, "22080", 3));
    }

    @Test
    void theStationMaximumIsSharedNotGrantedToEachEvse() {
      var max = absolute(1, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, RateUnit.A, 0, 40).build();
      var def = absolute(2, ProfilePurpose.TX_DEFAULT, 0, 0, RateUnit.A, 0, 32, 60, 10).build();
      var station = scheduler.composite(List.of(max, def), NO_TX, 0, T0, 600, RateUnit.A);
      assertPeriods(station, p(0, "40", 3), p(60, "20", 3));
      var evse = scheduler.composite(List.of(max, def), NO_TX, 1, T0, 600, RateUnit.A);
      assertPeriods(evse, p(0, "32", 3), p(60, "10", 3));
    }
  }

  @Nested
  class TimeAnchors {
    @Test
    void relativeProfilesStartWithTheTransaction() {
      var txStart = T0.minusSeconds(100);
      var tx = Map.of(1, new ActiveTransaction("7", txStart));
      var rel =
          relative(1, ProfilePurpose.TX, 1, 0, RateUnit.A, 0, 10, 300, 16)
              .transactionId("7")
              .build();
      var c = scheduler.composite(List.of(rel), tx, 1, T0, 600, RateUnit.A);
      assertPeriods(c, p(0, "10", 3), p(200, "16", 3));
    }

    @Test
    void relativeProfilesWithoutATransactionStartAtTheRequestedStart() {
      var rel = relative(1, ProfilePurpose.TX_DEFAULT, 0, 0, RateUnit.A, 0, 10, 300, 16).build();
      var c = scheduler.composite(List.of(rel), NO_TX, 1, T0.plusSeconds(5000), 600, RateUnit.A);
      assertPeriods(c, p(0, "10", 3), p(300, "16", 3));
    }

    @Test
    void weeklyRecurrenceRestartsOnTheSameWeekday() {
      var weekly =
          recurring(
                  1,
                  ProfilePurpose.TX_DEFAULT,
                  1,
                  0,
                  Recurrency.WEEKLY,
                  RateUnit.A,
                  0,
                  6,
                  86400,
                  16)
              .build();
      var nextMonday = T0.plusSeconds(7 * 86400);
      var c =
          scheduler.composite(
              List.of(weekly), NO_TX, 1, nextMonday.minusSeconds(3600), 7200, RateUnit.A);
      assertPeriods(c, p(0, "16", 3), p(3600, "6", 3));
    }

    @Test
    void aRecurringScheduleShorterThanItsPeriodLeavesAGap() {
      var daily =
          ChargingProfile.builder(1, ProfilePurpose.TX_DEFAULT)
              .evseId(1)
              .kind(ProfileKind.RECURRING)
              .recurrency(Recurrency.DAILY)
              .schedule(schedule(RateUnit.A, 0, 6).withStart(T0).withDuration(3600))
              .build();
      var c =
          scheduler.composite(
              List.of(daily), NO_TX, 1, T0.plusSeconds(86400 - 60), 7200, RateUnit.A);
      assertPeriods(c, p(0, "32", 3), p(60, "6", 3), p(3660, "32", 3));
    }

    @Test
    void breakpointsBetweenWholeSecondsTakeEffectOnTheNextSecond() {
      var profile =
          absolute(1, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 10)
              .validFrom(T0.plusMillis(1500))
              .build();
      var c = scheduler.composite(List.of(profile), NO_TX, 1, T0, 10, RateUnit.A);
      assertPeriods(c, p(0, "32", 3), p(2, "10", 3));
    }
  }

  @Nested
  class Units {
    @Test
    void mixedUnitsCompareAfterConvertingEachWithItsOwnPhases() {
      var max =
          absolute(1, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, RateUnit.W, 0, 11000).build();
      var onePhase =
          ChargingProfile.builder(2, ProfilePurpose.TX_DEFAULT)
              .evseId(1)
              .schedule(
                  ChargingSchedule.of(RateUnit.A, List.of(SchedulePeriod.of(0, d(16), 1)))
                      .withStart(T0))
              .build();
      var c = scheduler.composite(List.of(max, onePhase), NO_TX, 1, T0, 60, RateUnit.W);
      assertPeriods(c, p(0, "3680", 1)); // 16 A x 230 V x 1 phase
    }

    @Test
    void carriesTheMinimumChargingRateInTheRequestedUnit() {
      var profile =
          ChargingProfile.builder(1, ProfilePurpose.TX_DEFAULT)
              .evseId(1)
              .schedule(schedule(RateUnit.A, 0, 16).withStart(T0).withMinChargingRate(d(6)))
              .build();
      var c = scheduler.composite(List.of(profile), NO_TX, 1, T0, 60, RateUnit.W);
      assertThat(c.minChargingRate()).isEqualByComparingTo(d(4140));
    }

    @Test
    void alwaysHasAtLeastOnePeriod() {
      var c = scheduler.composite(List.of(), NO_TX, 0, T0, 0, RateUnit.A);
      assertPeriods(c, p(0, "64", 3));
    }
  }

  @Nested
  class EffectiveLimits {
    @Test
    void givesTheLimitNowAndTheInstantOfTheNextChange() {
      var def = absolute(1, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 10, 3600, 16).build();
      EffectiveLimit e =
          scheduler.effectiveLimit(List.of(def), NO_TX, 1, T0.plusSeconds(100), RateUnit.A);
      assertThat(e.limit()).isEqualByComparingTo(BigDecimal.TEN);
      assertThat(e.nextChange()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void findsAChangeFarBeyondAWeek() {
      var def =
          absolute(1, ProfilePurpose.TX_DEFAULT, 1, 0, RateUnit.A, 0, 10)
              .validTo(T0.plusSeconds(30L * 86400))
              .build();
      EffectiveLimit e = scheduler.effectiveLimit(List.of(def), NO_TX, 1, T0, RateUnit.A);
      assertThat(e.nextChange()).isEqualTo(T0.plusSeconds(30L * 86400));
    }

    @Test
    void reportsNoChangeWhenNothingWillChange() {
      var daily =
          recurring(1, ProfilePurpose.TX_DEFAULT, 1, 0, Recurrency.DAILY, RateUnit.A, 0, 10)
              .build();
      EffectiveLimit e =
          scheduler.effectiveLimit(List.of(daily), NO_TX, 1, T0.plusSeconds(5), RateUnit.A);
      assertThat(e.limit()).isEqualByComparingTo(BigDecimal.TEN);
      assertThat(e.nextChange()).isNull();
    }

    @Test
    void followsADailyPatternToItsNextStep() {
      var daily =
          recurring(
                  1,
                  ProfilePurpose.TX_DEFAULT,
                  1,
                  0,
                  Recurrency.DAILY,
                  RateUnit.A,
                  0,
                  10,
                  72000,
                  16)
              .build();
      EffectiveLimit e =
          scheduler.effectiveLimit(
              List.of(daily), NO_TX, 1, T0.plusSeconds(86400 + 80000), RateUnit.A);
      assertThat(e.limit()).isEqualByComparingTo(d(16));
      assertThat(e.nextChange()).isEqualTo(T0.plusSeconds(2 * 86400));
    }
  }
}
