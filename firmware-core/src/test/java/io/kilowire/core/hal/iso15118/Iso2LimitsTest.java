package io.kilowire.core.hal.iso15118;

import static io.kilowire.core.hal.iso15118.Composites.T0;
import static io.kilowire.core.hal.iso15118.Composites.THREE_230;
import static io.kilowire.core.hal.iso15118.Composites.amps;
import static io.kilowire.core.hal.iso15118.Composites.p;
import static io.kilowire.core.hal.iso15118.Composites.watts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.smartcharging.CompositeSchedule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Iso2LimitsTest {
  private static final int ALL = SaScheduleTuple.MAX_ENTRIES;

  private static SaScheduleTuple tuple(
      CompositeSchedule c, Instant now, @Nullable Instant departure, Supply s, int max) {
    return Iso2Limits.tuple(1, c, now, departure, s, max);
  }

  private static List<String> starts(SaScheduleTuple t) {
    List<String> out = new ArrayList<>();
    for (PMaxScheduleEntry e : t.pMaxSchedule()) {
      out.add(e.start() + ":" + e.pMax().quantity().stripTrailingZeros().toPlainString());
    }
    return out;
  }

  @Nested
  class PMaxSchedule {
    @Test
    void oneLimitBecomesOneEntryCovering24HoursWithoutDeparture() {
      SaScheduleTuple t = tuple(amps(T0, 600, p(0, "32")), T0, null, THREE_230, ALL);

      assertThat(t.pMaxSchedule()).hasSize(1);
      PMaxScheduleEntry e = t.pMaxSchedule().get(0);
      assertThat(e.start()).isZero();
      assertThat(e.pMax().quantity()).isEqualByComparingTo("22080"); // 32 A x 230 V x 3
      assertThat(e.pMax().unit()).isEqualTo(PhysicalUnit.WATTS);
      assertThat(e.duration()).isEqualTo(86_400);
      assertThat(t.coverage()).isEqualTo(86_400);
    }

    @Test
    void ampsBecomeWattsOnTheFewerOfTheLimitsAndTheSupplysPhases() {
      Supply onePhase = new Supply(BigDecimal.valueOf(230), 1);
      assertThat(starts(tuple(amps(T0, 600, p(0, "32")), T0, null, onePhase, ALL)))
          .containsExactly("0:7360");
      assertThat(starts(tuple(amps(T0, 600, p(0, "32", 1)), T0, null, THREE_230, ALL)))
          .containsExactly("0:7360");
    }

    @Test
    void wattLimitsPassThrough() {
      assertThat(starts(tuple(watts(T0, 600, p(0, "11000")), T0, null, THREE_230, ALL)))
          .containsExactly("0:11000");
    }

    @Test
    void largePowersUseAPositiveMultiplierRoundedDown() {
      PMaxScheduleEntry e =
          tuple(amps(T0, 600, p(0, "400")), T0, null, THREE_230, ALL).pMaxSchedule().get(0);
      assertThat(e.pMax().multiplier()).isEqualTo(1);
      assertThat(e.pMax().quantity()).isEqualByComparingTo("276000");
      PMaxScheduleEntry odd =
          tuple(watts(T0, 600, p(0, "200009")), T0, null, THREE_230, ALL).pMaxSchedule().get(0);
      assertThat(odd.pMax().quantity()).isEqualByComparingTo("200000");
    }

    @Test
    void periodsBecomeEntriesRelativeToNow() {
      CompositeSchedule c = amps(T0, 7200, p(0, "32"), p(1600, "16"), p(3600, "0"));
      SaScheduleTuple t = tuple(c, T0.plusSeconds(1000), null, THREE_230, ALL);

      assertThat(starts(t)).containsExactly("0:22080", "600:11040", "2600:0");
      assertThat(t.pMaxSchedule().get(2).duration()).isEqualTo(86_400 - 2600);
      assertThat(t.pMaxSchedule().get(0).duration()).isNull();
    }

    @Test
    void theLastLimitHoldsPastTheCompositesEnd() {
      SaScheduleTuple t =
          tuple(amps(T0, 600, p(0, "32"), p(300, "10")), T0.plusSeconds(900), null, THREE_230, ALL);
      assertThat(starts(t)).containsExactly("0:6900");
      assertThat(t.coverage()).isEqualTo(86_400);
    }

    @Test
    void aDepartureTimeSetsTheCoverage() {
      CompositeSchedule c = amps(T0, 0, p(0, "32"), p(3600, "16"), p(10_800, "8"));
      SaScheduleTuple t = tuple(c, T0, T0.plusSeconds(7200), THREE_230, ALL);
      assertThat(starts(t)).containsExactly("0:22080", "3600:11040");
      assertThat(t.coverage()).isEqualTo(7200);
    }

    @Test
    void aDepartureBeyond24HoursRepeatsTheLastLimitInDayLongEntries() {
      SaScheduleTuple t =
          tuple(amps(T0, 0, p(0, "16")), T0, T0.plusSeconds(3 * 86_400 - 100), THREE_230, ALL);
      assertThat(starts(t)).containsExactly("0:11040", "86400:11040", "172800:11040");
      assertThat(t.pMaxSchedule().get(2).duration()).isEqualTo(86_400 - 100);
      assertThat(t.coverage()).isEqualTo(3 * 86_400 - 100);
    }

    @Test
    void withOneEntryAllowedALongDepartureIsCoveredFor24Hours() {
      SaScheduleTuple t =
          tuple(amps(T0, 0, p(0, "16")), T0, T0.plusSeconds(3 * 86_400), THREE_230, 1);
      assertThat(t.pMaxSchedule()).hasSize(1);
      assertThat(t.coverage()).isEqualTo(86_400);
    }

    @Test
    void moreBreakpointsThanTheEvAllowsMergeToTheMinimum() {
      CompositeSchedule c =
          amps(T0, 0, p(0, "32"), p(100, "31"), p(200, "10"), p(300, "32"), p(86_000, "6"));
      SaScheduleTuple t = tuple(c, T0, null, THREE_230, 3);

      assertThat(t.pMaxSchedule()).hasSize(3);
      // 32 and 31 merge cheapest (1 A over 100 s); then the 31/10 pair (21 A over 200 s)
      assertThat(starts(t)).containsExactly("0:6900", "300:22080", "86000:4140");
    }

    @Test
    void aLimitOfMoreThan1024BreakpointsIsCutTo1024Entries() {
      List<io.kilowire.core.smartcharging.CompositePeriod> periods = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        periods.add(p(i * 40, i % 2 == 0 ? "32" : "16"));
      }
      CompositeSchedule c =
          new CompositeSchedule(1, T0, 0, io.kilowire.core.smartcharging.RateUnit.A, periods, null);
      SaScheduleTuple t = tuple(c, T0, null, THREE_230, 5000);
      assertThat(t.pMaxSchedule()).hasSizeLessThanOrEqualTo(1024);
      assertThat(t.coverage()).isEqualTo(86_400);
    }

    @Test
    void aSubSecondOffsetStartsDecreasesEarlyAndIncreasesLate() {
      CompositeSchedule c = amps(T0, 0, p(0, "32"), p(10, "16"), p(20, "32"));
      SaScheduleTuple t = tuple(c, T0.plusMillis(500), null, THREE_230, ALL);
      assertThat(starts(t)).containsExactly("0:22080", "9:11040", "20:22080");
    }

    @Test
    void aCompositeStartingAfterNowIsRejected() {
      assertThatThrownBy(
              () -> tuple(amps(T0, 600, p(0, "32")), T0.minusSeconds(1), null, THREE_230, ALL))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theListIsOneTupleWithIdOne() {
      SaScheduleList list =
          Iso2Limits.saScheduleList(amps(T0, 600, p(0, "32")), T0, null, THREE_230, ALL);
      assertThat(list.tuples()).extracting(SaScheduleTuple::id).containsExactly(1);
    }
  }

  @Nested
  class SchemaBounds {
    private final SaScheduleTuple one = tuple(amps(T0, 600, p(0, "32")), T0, null, THREE_230, ALL);

    @Test
    void tupleIdsAreOneTo255() {
      assertThatThrownBy(() -> new SaScheduleTuple(0, one.pMaxSchedule()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new SaScheduleTuple(256, one.pMaxSchedule()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(new SaScheduleTuple(255, one.pMaxSchedule()).id()).isEqualTo(255);
    }

    @Test
    void aListHoldsAtMostThreeTuplesWithDistinctIds() {
      List<SaScheduleTuple> four = new ArrayList<>();
      for (int id = 1; id <= 4; id++) {
        four.add(new SaScheduleTuple(id, one.pMaxSchedule()));
      }
      assertThat(new SaScheduleList(four.subList(0, 3)).tuples()).hasSize(3);
      assertThatThrownBy(() -> new SaScheduleList(four))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> SaScheduleList.of(one, one))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entryDurationsAreAtMostOneDay() {
      assertThatThrownBy(() -> new PMaxScheduleEntry(0, one.pMaxSchedule().get(0).pMax(), 86_401))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class AcEvseMaxCurrent {
    @Test
    void ampLimitsAreSentAsTheyAre() {
      CompositeSchedule c = amps(T0, 600, p(0, "32"), p(300, "16"));
      assertThat(Iso2Limits.acEvseMaxCurrent(c, T0.plusSeconds(299), THREE_230).quantity())
          .isEqualByComparingTo("32");
      PhysicalValue later = Iso2Limits.acEvseMaxCurrent(c, T0.plusSeconds(300), THREE_230);
      assertThat(later.quantity()).isEqualByComparingTo("16");
      assertThat(later.unit()).isEqualTo(PhysicalUnit.AMPERES);
    }

    @Test
    void wattLimitsAreSpreadOverThePhasesInUseRoundedDown() {
      // 11000 W / (230 V x 3) = 15.94 A, cut to 15.9
      assertThat(
              Iso2Limits.acEvseMaxCurrent(watts(T0, 600, p(0, "11000")), T0, THREE_230).quantity())
          .isEqualByComparingTo("15.9");
    }

    @Test
    void pastTheCompositesEndTheLastLimitHolds() {
      assertThat(
              Iso2Limits.acEvseMaxCurrent(
                      amps(T0, 600, p(0, "32"), p(300, "6")), T0.plusSeconds(5000), THREE_230)
                  .quantity())
          .isEqualByComparingTo("6");
    }
  }

  @Nested
  class DcLimitsAtThePresentVoltage {
    private final CompositeSchedule fifty = watts(T0, 600, p(0, "50000"));
    private final BigDecimal rated = BigDecimal.valueOf(125);

    @Test
    void theCurrentLimitIsThePowerAtThePresentVoltage() {
      DcLimits l = Iso2Limits.dcLimits(fifty, T0, THREE_230, BigDecimal.valueOf(500), rated);
      assertThat(l.maximumPower().quantity()).isEqualByComparingTo("50000");
      assertThat(l.maximumPower().unit()).isEqualTo(PhysicalUnit.WATTS);
      assertThat(l.maximumCurrent().quantity()).isEqualByComparingTo("100");
      assertThat(l.maximumCurrent().unit()).isEqualTo(PhysicalUnit.AMPERES);
    }

    @Test
    void theRatedCurrentCapsLowVoltages() {
      assertThat(
              Iso2Limits.dcLimits(fifty, T0, THREE_230, BigDecimal.valueOf(200), rated)
                  .maximumCurrent()
                  .quantity())
          .isEqualByComparingTo("125");
      assertThat(
              Iso2Limits.dcLimits(fifty, T0, THREE_230, BigDecimal.ZERO, rated)
                  .maximumCurrent()
                  .quantity())
          .isEqualByComparingTo("125");
    }

    @Test
    void currentsRoundDown() {
      // 50000 / 399 = 125.313..., and int16 at multiplier -2 keeps 125.31
      assertThat(
              Iso2Limits.dcLimits(
                      fifty, T0, THREE_230, BigDecimal.valueOf(399), BigDecimal.valueOf(200))
                  .maximumCurrent()
                  .quantity())
          .isEqualByComparingTo("125.31");
    }

    @Test
    void ampLimitsAreGridSideAmpsPerPhase() {
      DcLimits l =
          Iso2Limits.dcLimits(
              amps(T0, 600, p(0, "32")), T0, THREE_230, BigDecimal.valueOf(400), rated);
      assertThat(l.maximumPower().quantity()).isEqualByComparingTo("22080");
      assertThat(l.maximumCurrent().quantity()).isEqualByComparingTo("55.2");
    }
  }
}
