package io.kilowire.core.loadmanagement;

import static io.kilowire.core.loadmanagement.Sites.L123;
import static io.kilowire.core.loadmanagement.Sites.L231;
import static io.kilowire.core.loadmanagement.Sites.T0;
import static io.kilowire.core.loadmanagement.Sites.dynamic;
import static io.kilowire.core.loadmanagement.Sites.ev;
import static io.kilowire.core.loadmanagement.Sites.meter;
import static io.kilowire.core.loadmanagement.Sites.slot;
import static io.kilowire.core.loadmanagement.Sites.withDeadline;
import static io.kilowire.core.loadmanagement.Sites.withDraw;
import static io.kilowire.core.loadmanagement.Sites.withPriority;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.metering.SiteReading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {

  private static SiteConfig.Builder staticSite(double budgetA, EvseSlot... slots) {
    return SiteConfig.builder(100)
        .mode(AllocationMode.STATIC)
        .staticBudgetA(budgetA)
        .evses(List.of(slots))
        .ramp(Duration.ZERO, 100);
  }

  @Nested
  class TheBudget {
    @Test
    void aStaticBudgetIsSharedEquallyAmongTheActiveSessions() {
      LoadBalancer lb = new LoadBalancer(staticSite(32, slot("a", 32), slot("b", 32)).build());

      Allocation a = lb.step(T0, null, List.of(ev("a", T0), ev("b", T0)));

      assertThat(a.source()).isEqualTo(BudgetSource.STATIC);
      assertThat(a.limitA("a")).isEqualTo(16);
      assertThat(a.limitA("b")).isEqualTo(16);
      assertThat(a.commandedA()).isEqualTo(PhaseCurrents.all(32));
    }

    @Test
    void aDynamicBudgetIsTheLimitMinusTheNonEvLoadMinusTheMargin() {
      SiteConfig site = dynamic(40, slot("a", 32)).safetyMarginA(2).build();

      LoadBalancer lb = new LoadBalancer(site);
      // the meter sees 10 A of the EV's draw on each phase plus the building's 20 / 15 / 5 A
      Allocation a =
          lb.step(T0, meter(T0, 30, 25, 15), List.of(ev("a", T0, 3, PhaseCurrents.all(10))));

      assertThat(a.source()).isEqualTo(BudgetSource.METER);
      assertThat(a.buildingA()).isEqualTo(new PhaseCurrents(20, 15, 5));
      assertThat(a.availableA()).isEqualTo(new PhaseCurrents(18, 23, 33));
      assertThat(a.limitA("a")).isEqualTo(18);
    }

    @Test
    void aDynamicSiteWithoutASafeBudgetIsRefused() {
      assertThatThrownBy(
              () -> new LoadBalancer(SiteConfig.builder(63).evses(List.of(slot("a", 32))).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("meterFallbackBudgetA");
      // a static budget below the grid limit but above what the 80 % rule leaves is no safe budget
      assertThatThrownBy(
              () ->
                  new LoadBalancer(
                      SiteConfig.builder(63)
                          .continuousLoadRule(true)
                          .staticBudgetA(60)
                          .evses(List.of(slot("a", 32)))
                          .build()))
          .hasMessageContaining("meterFallbackBudgetA");
    }

    @Test
    void aStaleMeterNeverFreesMoreThanItsLastReadingLeft() {
      // a generous safe budget, but the building drew 50 A of the 63 A fuse when the meter went
      SiteConfig site =
          dynamic(63, slot("a", 32), slot("b", 32)).meterFallbackBudgetA(40.0).build();
      LoadBalancer lb = new LoadBalancer(site);
      SiteReading last = meter(T0, 50, 50, 50);
      List<EvseDemand> evs =
          List.of(ev("a", T0, 3, PhaseCurrents.ZERO), ev("b", T0, 3, PhaseCurrents.ZERO));
      lb.step(T0, last, evs);

      Allocation stale = lb.step(T0.plus(site.meterStaleAfter()), last, evs);

      assertThat(stale.source()).isEqualTo(BudgetSource.METER_FALLBACK);
      assertThat(stale.availableA()).isEqualTo(PhaseCurrents.all(13));
      assertThat(stale.limitA("a")).isEqualTo(6.5);
      assertThat(stale.limitA("b")).isEqualTo(6.5);
    }

    /** The building drew 20 kW (29 A per phase) when the meter went stale; two EVs want 32 A. */
    private static final double BUILDING_20_KW_A = 20_000 / 230.0 / 3;

    private static Allocation staleAfterA20KwBuilding(SiteConfig.Builder b) {
      SiteConfig site = b.meterFallbackBudgetA(40.0).build();
      LoadBalancer lb = new LoadBalancer(site);
      SiteReading last = meter(T0, BUILDING_20_KW_A, BUILDING_20_KW_A, BUILDING_20_KW_A);
      List<EvseDemand> evs =
          List.of(ev("a", T0, 3, PhaseCurrents.ZERO), ev("b", T0, 3, PhaseCurrents.ZERO));
      lb.step(T0, last, evs);
      Allocation stale = lb.step(T0.plus(site.meterStaleAfter()), last, evs);
      assertThat(stale.source()).isEqualTo(BudgetSource.METER_FALLBACK);
      return stale;
    }

    private static double totalKw(PhaseCurrents a) {
      return (a.l1() + a.l2() + a.l3()) * 230 / 1000;
    }

    @Test
    void aStaleMeterKeepsTheLastBuildingInsideTheKilowattContract() {
      Allocation stale =
          staleAfterA20KwBuilding(dynamic(63, slot("a", 32), slot("b", 32)).gridLimitKw(30.0));

      assertThat(stale.buildingA()).isEqualTo(PhaseCurrents.all(BUILDING_20_KW_A));
      assertThat(totalKw(stale.commandedA())).isGreaterThan(9).isLessThanOrEqualTo(10 + 1e-9);
    }

    @Test
    void aStaleMeterKeepsTheLastBuildingInsideTheDemandCap() {
      Allocation stale =
          staleAfterA20KwBuilding(
              dynamic(63, slot("a", 32), slot("b", 32)).demandCap(30.0, Duration.ofMinutes(15)));

      assertThat(stale.buildingA()).isEqualTo(PhaseCurrents.all(BUILDING_20_KW_A));
      assertThat(totalKw(stale.commandedA())).isGreaterThan(8).isLessThanOrEqualTo(10 + 1e-9);
    }

    @Test
    void aMeterWhoseClockRunsAheadGoesStaleWhenItsReadingDoes() {
      SiteConfig site = dynamic(63, slot("a", 32)).build();
      LoadBalancer lb = new LoadBalancer(site);
      SiteReading ahead = meter(T0.plus(Duration.ofMinutes(10)), 20, 20, 20);
      List<EvseDemand> evs = List.of(ev("a", T0, 3, PhaseCurrents.ZERO));
      assertThat(lb.step(T0, ahead, evs).source()).isEqualTo(BudgetSource.METER);

      Allocation later = lb.step(T0.plus(site.meterStaleAfter()), ahead, evs);

      assertThat(later.source()).isEqualTo(BudgetSource.METER_FALLBACK);
    }

    @Test
    void theContinuousLoadRuleBudgetsEightyPercentOfTheFuseAndOfEveryCircuit() {
      SiteConfig site =
          dynamic(50, slot("a", 32), slot("b", "c", L123, 32))
              .continuousLoadRule(true)
              .circuits(List.of(new Circuit("c", null, 20)))
              .build();
      LoadBalancer lb = new LoadBalancer(site);

      Allocation a = lb.step(T0, meter(T0, 0, 0, 0), List.of(ev("a", T0), ev("b", T0)));

      assertThat(a.availableA()).isEqualTo(PhaseCurrents.all(40));
      assertThat(a.limitA("b")).isEqualTo(16);
      assertThat(a.limitA("a")).isEqualTo(24);
    }

    @Test
    void aKilowattLimitCapsTheTotalOverAllPhases() {
      SiteConfig site = dynamic(63, slot("a", 32), slot("b", 32)).gridLimitKw(22.0).build();

      LoadBalancer lb = new LoadBalancer(site);

      // building: 2 A on each phase = 6 A · 230 V
      Allocation a = lb.step(T0, meter(T0, 2, 2, 2), List.of(ev("a", T0), ev("b", T0)));

      double totalEvA = (22_000 / 230.0 - 6);
      assertThat(a.limitA("a")).isCloseTo(Math.floor(totalEvA / 6 * 10) / 10, within(1e-9));
      double totalKw =
          (a.commandedA().l1() + a.commandedA().l2() + a.commandedA().l3() + 6) * 230 / 1000;
      assertThat(totalKw).isLessThanOrEqualTo(22.0);
    }

    @Test
    void aStaleMeterGivesTheSafeBudgetAndNeverReadsAsZeroLoad() {
      SiteConfig site =
          dynamic(40, slot("a", 32))
              .meterStaleAfter(Duration.ofSeconds(15))
              .meterFallbackBudgetA(10.0)
              .build();
      LoadBalancer lb = new LoadBalancer(site);

      Allocation fresh = lb.step(T0, meter(T0, 5, 5, 5), List.of(ev("a", T0)));
      assertThat(fresh.limitA("a")).isEqualTo(32);
      assertThat(fresh.nextStep()).isEqualTo(T0.plusSeconds(15));

      Allocation stale = lb.step(T0.plusSeconds(15), meter(T0, 5, 5, 5), List.of(ev("a", T0)));
      assertThat(stale.source()).isEqualTo(BudgetSource.METER_FALLBACK);
      assertThat(stale.availableA()).isEqualTo(PhaseCurrents.all(10));
      assertThat(stale.limitA("a")).isEqualTo(10);

      Allocation none = lb.step(T0.plusSeconds(17), null, List.of(ev("a", T0)));
      assertThat(none.source()).isEqualTo(BudgetSource.METER_FALLBACK);
      assertThat(none.limitA("a")).isEqualTo(10);
    }

    @Test
    void withoutAFallbackBudgetTheStaticBudgetIsTheSafeOne() {
      SiteConfig site =
          SiteConfig.builder(40).staticBudgetA(16).evses(List.of(slot("a", 32))).build();
      Allocation a = new LoadBalancer(site).step(T0, null, List.of(ev("a", T0)));
      assertThat(a.limitA("a")).isEqualTo(16);
    }
  }

  @Nested
  class PhaseWiring {
    @Test
    void aRotatedEvseLoadsTheGridPhaseItsL1IsWiredTo() {
      // b's L1 is the grid's L2: a single-phase EV there loads L2, where the building draws 30 A
      SiteConfig site = dynamic(40, slot("a", null, L123, 32), slot("b", null, L231, 32)).build();

      LoadBalancer lb = new LoadBalancer(site);

      Allocation a =
          lb.step(
              T0,
              meter(T0, 0, 30, 0),
              List.of(ev("a", T0, 1, PhaseCurrents.ZERO), ev("b", T0, 1, PhaseCurrents.ZERO)));

      assertThat(a.limitA("a")).isEqualTo(32);
      assertThat(a.limitA("b")).isEqualTo(10);
      assertThat(a.commandedA()).isEqualTo(new PhaseCurrents(32, 10, 0));
    }

    @Test
    void theEvsMeasuredDrawIsMappedToGridPhasesBeforeItIsSubtracted() {
      SiteConfig site = dynamic(40, slot("b", null, L231, 32)).build();

      // the EV draws 12 A on its own L1 = grid L2; the meter sees L2 = 12 + 8 building
      Allocation a =
          new LoadBalancer(site)
              .step(T0, meter(T0, 0, 20, 0), List.of(ev("b", T0, 1, new PhaseCurrents(12, 0, 0))));

      assertThat(a.buildingA()).isEqualTo(new PhaseCurrents(0, 8, 0));
      assertThat(a.limitA("b")).isEqualTo(32);
    }
  }

  @Nested
  class Circuits {
    @Test
    void everyCircuitOfTheTreeStaysWithinItsLimit() {
      SiteConfig site =
          SiteConfig.builder(100)
              .meterFallbackBudgetA(10.0)
              .circuits(List.of(new Circuit("board", null, 30), new Circuit("row", "board", 16)))
              .evses(
                  List.of(
                      slot("a", "row", L123, 32),
                      slot("b", "row", L123, 32),
                      slot("c", "board", L123, 32),
                      slot("d", null, L123, 32)))
              .ramp(Duration.ZERO, 100)
              .build();
      Allocation a =
          new LoadBalancer(site)
              .step(
                  T0,
                  meter(T0, 0, 0, 0),
                  List.of(ev("a", T0), ev("b", T0), ev("c", T0), ev("d", T0)));

      assertThat(a.limitA("a")).isEqualTo(8);
      assertThat(a.limitA("b")).isEqualTo(8);
      assertThat(a.limitA("c")).isEqualTo(14);
      assertThat(a.limitA("d")).isEqualTo(32);
    }

    @Test
    void noEvseIsOfferedMoreThanItsHardwareCableOrEv() {
      SiteConfig site =
          dynamic(100, new EvseSlot("a", null, L123, 32, 20, 0), slot("b", 32)).build();

      EvseDemand small = new EvseDemand("b", true, T0, 3, 13, PhaseCurrents.ZERO, 0, null, null);
      Allocation a =
          new LoadBalancer(site).step(T0, meter(T0, 0, 0, 0), List.of(ev("a", T0), small));
      assertThat(a.limitA("a")).isEqualTo(20);
      assertThat(a.limitA("b")).isEqualTo(13);
    }
  }

  @Nested
  class Order {
    @Test
    void aHigherPriorityClassIsServedInFullFirst() {
      LoadBalancer lb = new LoadBalancer(staticSite(40, slot("a", 32), slot("b", 32)).build());

      Allocation a = lb.step(T0, null, List.of(ev("a", T0), withPriority(ev("b", T0), 1)));

      assertThat(a.limitA("b")).isEqualTo(32);
      assertThat(a.limitA("a")).isEqualTo(8);
    }

    @Test
    void aDepartureWithoutAnEnergyNeedClaimsNoMoreThanAFairShare() {
      LoadBalancer lb = new LoadBalancer(staticSite(32, slot("a", 32), slot("b", 32)).build());
      EvseDemand a = withDeadline(ev("a", T0), T0.plusSeconds(36_000), null);

      Allocation x = lb.step(T0, null, List.of(a, ev("b", T0)));

      assertThat(x.limitA("a")).isEqualTo(16);
      assertThat(x.limitA("b")).isEqualTo(16);
    }

    @Test
    void theEarliestDeadlineGetsTheRateItNeedsFirst() {
      LoadBalancer lb =
          new LoadBalancer(staticSite(30, slot("a", 32), slot("b", 32), slot("c", 32)).build());
      // a must take 9.66 kWh in one hour on three phases: 14 A; b leaves later, c has no deadline
      EvseDemand a = withDeadline(ev("a", T0), T0.plusSeconds(3600), 9660.0);
      EvseDemand b = withDeadline(ev("b", T0), T0.plusSeconds(7200), 50_000.0);

      Allocation x = lb.step(T0, null, List.of(ev("c", T0), b, a));

      assertThat(x.limitA("a")).isEqualTo(14);
      assertThat(x.limitA("b")).isEqualTo(10);
      assertThat(x.limitA("c")).isEqualTo(6);
    }

    @Test
    void whenNotAllFitTheEarliestDeadlinesRun() {
      LoadBalancer lb =
          new LoadBalancer(staticSite(12, slot("a", 32), slot("b", 32), slot("c", 32)).build());
      Allocation x =
          lb.step(
              T0,
              null,
              List.of(
                  withDeadline(ev("a", T0), T0.plusSeconds(9000), null),
                  withDeadline(ev("b", T0), T0.plusSeconds(3000), null),
                  ev("c", T0)));
      assertThat(x.waiting()).containsExactly("c");
      assertThat(x.limitA("a")).isEqualTo(6);
      assertThat(x.limitA("b")).isEqualTo(6);
    }
  }

  @Nested
  class AdmissionAndRotation {
    /** a and b charge; c arrives a minute later. */
    private Allocation newcomerWithBudget(double budgetA) {
      LoadBalancer lb =
          new LoadBalancer(
              staticSite(budgetA, slot("a", 32), slot("b", 32), slot("c", 32)).build());
      lb.step(T0, null, List.of(ev("a", T0), ev("b", T0)));
      return lb.step(
          T0.plusSeconds(60), null, List.of(ev("a", T0), ev("b", T0), ev("c", T0.plusSeconds(60))));
    }

    @Test
    void aNewcomerWaitsWhenTheOthersCannotAllKeepTheirMinimum() {
      Allocation x = newcomerWithBudget(16);

      assertThat(x.waiting()).containsExactly("c");
      assertThat(x.limitsA())
          .containsEntry("a", 8.0)
          .containsEntry("b", 8.0)
          .containsEntry("c", 0.0);
    }

    @Test
    void aNewcomerIsAdmittedWhenTheOthersCanGoDownToTheirMinimum() {
      Allocation x = newcomerWithBudget(18);

      assertThat(x.waiting()).isEmpty();
      assertThat(x.limitsA())
          .containsEntry("a", 6.0)
          .containsEntry("b", 6.0)
          .containsEntry("c", 6.0);
    }

    @Test
    void theEvsTakeTurnsOfTheRotationPeriodWhenTheBudgetCannotGiveEveryoneTheMinimum() {
      Duration period = Duration.ofMinutes(10);
      LoadBalancer lb =
          new LoadBalancer(
              staticSite(12, slot("a", 32), slot("b", 32), slot("c", 32))
                  .rotationPeriod(period)
                  .build());
      List<EvseDemand> all =
          List.of(ev("a", T0), ev("b", T0.plusSeconds(1)), ev("c", T0.plusSeconds(2)));

      Allocation first = lb.step(T0, null, all);
      assertThat(first.waiting()).containsExactly("c");
      assertThat(first.nextStep()).isEqualTo(T0.plus(period));

      Allocation second = lb.step(first.nextStep(), null, all);
      assertThat(second.waiting()).hasSize(1);
      assertThat(second.limitA("c")).isEqualTo(6);

      Allocation third = lb.step(second.nextStep(), null, all);
      // the one that waited in the second turn runs now; c, which ran the shortest, keeps going
      assertThat(third.waiting()).hasSize(1).doesNotContainAnyElementsOf(second.waiting());
      assertThat(third.limitA("c")).isEqualTo(6);

      // over many turns everyone runs about as long
      java.util.Map<String, Integer> turns = new java.util.HashMap<>();
      Allocation x = third;
      for (int i = 0; i < 30; i++) {
        x = lb.step(x.nextStep(), null, all);
        for (String id : List.of("a", "b", "c")) {
          if (x.limitA(id) > 0) {
            turns.merge(id, 1, Integer::sum);
          }
        }
      }
      assertThat(turns.values()).allSatisfy(n -> assertThat(n).isBetween(19, 21));
    }

    @Test
    void aShrinkingBudgetPausesTheLongestRunningFirst() {
      SiteConfig site = dynamic(40, slot("a", 32), slot("b", 32)).build();

      LoadBalancer lb = new LoadBalancer(site);
      lb.step(T0, meter(T0, 0, 0, 0), List.of(ev("a", T0)));
      lb.step(
          T0.plusSeconds(60),
          meter(T0.plusSeconds(60), 0, 0, 0),
          List.of(ev("a", T0), ev("b", T0.plusSeconds(60))));

      List<EvseDemand> drawing =
          List.of(
              ev("a", T0, 3, PhaseCurrents.all(10)),
              ev("b", T0.plusSeconds(60), 3, PhaseCurrents.all(10)));
      Allocation x = lb.step(T0.plusSeconds(70), meter(T0.plusSeconds(70), 30, 30, 30), drawing);
      // the building goes from 10 A to 30 A a phase: 10 A left, room for one EV only
      Allocation y = lb.step(T0.plusSeconds(80), meter(T0.plusSeconds(80), 50, 50, 50), drawing);

      assertThat(x.waiting()).isEmpty();
      assertThat(y.availableA()).isEqualTo(PhaseCurrents.all(10));
      assertThat(y.waiting()).containsExactly("a");
      assertThat(y.limitA("b")).isEqualTo(10);
    }
  }

  @Nested
  class Redistribution {
    @Test
    void capacityATaperingEvLeavesUnusedGoesToTheOthers() {
      LoadBalancer lb = new LoadBalancer(staticSite(32, slot("a", 32), slot("b", 32)).build());
      EvseDemand a = ev("a", T0);
      EvseDemand b = ev("b", T0);
      Allocation x = lb.step(T0, null, List.of(a, b));
      assertThat(x.limitA("a")).isEqualTo(16);

      // a takes 16 A for a while, then only 4 A (full battery): it keeps 6 A, b gets the rest
      lb.step(
          T0.plusSeconds(30),
          null,
          List.of(withDraw(a, PhaseCurrents.all(16)), withDraw(b, PhaseCurrents.all(16))));
      Allocation y =
          lb.step(
              T0.plusSeconds(60),
              null,
              List.of(withDraw(a, PhaseCurrents.all(4)), withDraw(b, PhaseCurrents.all(16))));
      assertThat(y.limitA("a")).isEqualTo(6);
      assertThat(y.limitA("b")).isEqualTo(26);

      // when a draws what it is offered again, it gets its share back
      Allocation z =
          lb.step(
              T0.plusSeconds(90),
              null,
              List.of(withDraw(a, PhaseCurrents.all(6)), withDraw(b, PhaseCurrents.all(26))));
      assertThat(z.limitA("a")).isEqualTo(16);
      assertThat(z.limitA("b")).isEqualTo(16);
    }

    @Test
    void anEvThatNeverDrawsReleasesItsShareAfterTheGrace() {
      LoadBalancer lb = new LoadBalancer(staticSite(32, slot("a", 32), slot("b", 32)).build());
      EvseDemand b = ev("b", T0, 3, PhaseCurrents.all(16));
      lb.step(T0, null, List.of(ev("a", T0), b));
      Allocation early = lb.step(T0.plusSeconds(119), null, List.of(ev("a", T0), b));
      Allocation late = lb.step(T0.plusSeconds(120), null, List.of(ev("a", T0), b));
      assertThat(early.limitA("a")).isEqualTo(16);
      assertThat(late.limitA("a")).isEqualTo(6);
      assertThat(late.limitA("b")).isEqualTo(26);
    }

    @Test
    void aNewLimitIsNotJudgedBeforeTheEvHadTimeToFollowIt() {
      LoadBalancer lb = new LoadBalancer(staticSite(32, slot("a", 32), slot("b", 32)).build());
      lb.step(T0, null, List.of(ev("a", T0), ev("b", T0)));
      Allocation x = lb.step(T0.plusSeconds(2), null, List.of(ev("a", T0), ev("b", T0)));
      assertThat(x.limitA("a")).isEqualTo(16);
    }
  }

  @Nested
  class Ramping {
    @Test
    void increasesRiseByAtMostTheStepPerIntervalAndDecreasesApplyAtOnce() {
      SiteConfig site =
          SiteConfig.builder(40)
              .meterFallbackBudgetA(10.0)
              .evses(List.of(slot("a", 32)))
              .ramp(Duration.ofSeconds(5), 4)
              .build();
      LoadBalancer lb = new LoadBalancer(site);
      List<EvseDemand> a = List.of(ev("a", T0, 3, PhaseCurrents.ZERO));

      Allocation x = lb.step(T0, meter(T0, 0, 0, 0), a);
      assertThat(x.limitA("a")).isEqualTo(6);
      Allocation y = lb.step(T0.plusSeconds(1), meter(T0.plusSeconds(1), 0, 0, 0), a);
      assertThat(y.limitA("a")).isEqualTo(6);
      assertThat(y.nextStep()).isEqualTo(T0.plusSeconds(5));
      Allocation z = lb.step(T0.plusSeconds(5), meter(T0.plusSeconds(5), 0, 0, 0), a);
      assertThat(z.limitA("a")).isEqualTo(10);
      Allocation down = lb.step(T0.plusSeconds(6), meter(T0.plusSeconds(6), 32, 32, 32), a);
      assertThat(down.limitA("a")).isEqualTo(8);
    }

    @Test
    void aStartFromZeroGoesStraightToTheMinimum() {
      SiteConfig site =
          SiteConfig.builder(40)
              .mode(AllocationMode.STATIC)
              .evses(List.of(slot("a", 32)))
              .ramp(Duration.ofSeconds(5), 2)
              .build();
      Allocation x = new LoadBalancer(site).step(T0, null, List.of(ev("a", T0)));
      assertThat(x.limitA("a")).isEqualTo(6);
    }
  }

  @Nested
  class SoftAndExternalLimits {
    @Test
    void theDemandCapHoldsTheRollingAverageButNeverPausesAnEv() {
      SiteConfig site =
          staticSite(100, slot("a", 32), slot("b", 32))
              .demandCap(11.0, Duration.ofMinutes(15))
              .build();
      LoadBalancer lb = new LoadBalancer(site);

      Allocation x = lb.step(T0, null, List.of(ev("a", T0)));
      // without history the window counts as at the cap: 11 kW now = 47.8 A over three phases
      assertThat(x.limitA("a")).isEqualTo(15.9);
      assertThat(x.nextStep()).isNotNull();

      SiteConfig tight =
          staticSite(100, slot("a", 32), slot("b", 32))
              .demandCap(5.0, Duration.ofMinutes(15))
              .build();
      Allocation y = new LoadBalancer(tight).step(T0, null, List.of(ev("a", T0), ev("b", T0)));
      assertThat(y.limitA("a")).isEqualTo(6);
      assertThat(y.limitA("b")).isEqualTo(6);
      assertThat(y.waiting()).isEmpty();
    }

    @Test
    void aQuietStretchInTheWindowAllowsMoreForAWhile() {
      SiteConfig site =
          staticSite(100, slot("a", 32)).demandCap(11.0, Duration.ofMinutes(15)).build();
      LoadBalancer lb = new LoadBalancer(site);
      lb.step(T0, null, List.of());
      Allocation x = lb.step(T0.plus(Duration.ofMinutes(15)), null, List.of(ev("a", T0)));
      assertThat(x.limitA("a")).isEqualTo(32);
    }

    @Test
    void aDemandResponseRequestHoldsTheEvsUntilItEnds() {
      LoadBalancer lb = new LoadBalancer(staticSite(64, slot("a", 32), slot("b", 32)).build());
      lb.demandResponse(new DemandResponse(8.28, T0.plusSeconds(600), "EMS"));

      Allocation x = lb.step(T0, null, List.of(ev("a", T0), ev("b", T0)));
      assertThat(x.limitA("a")).isEqualTo(6);
      assertThat(x.limitA("b")).isEqualTo(6);
      assertThat(x.nextStep()).isEqualTo(T0.plusSeconds(600));

      List<EvseDemand> drawing =
          List.of(ev("a", T0, 3, PhaseCurrents.all(6)), ev("b", T0, 3, PhaseCurrents.all(6)));
      Allocation y = lb.step(T0.plusSeconds(600), null, drawing);
      assertThat(y.limitA("a")).isEqualTo(32);
    }

    @Test
    void aDemandResponseBelowEveryonesMinimumRotates() {
      LoadBalancer lb = new LoadBalancer(staticSite(64, slot("a", 32), slot("b", 32)).build());
      lb.demandResponse(new DemandResponse(5, Instant.MAX, "SO"));
      Allocation x = lb.step(T0, null, List.of(ev("a", T0), ev("b", T0)));
      assertThat(x.waiting()).hasSize(1);
      assertThat(x.commandedA().l1() * 3 * 230).isLessThanOrEqualTo(5000);
    }
  }

  @Nested
  class Validation {
    @Test
    void anUnknownCircuitIsRefusedNamingTheEvse() {
      SiteConfig site = SiteConfig.builder(40).evses(List.of(slot("a", "x", L123, 32))).build();
      assertThatThrownBy(() -> new LoadBalancer(site))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a")
          .hasMessageContaining("unknown circuit x");
    }

    @Test
    void aCycleInTheCircuitTreeIsRefused() {
      SiteConfig site =
          SiteConfig.builder(40)
              .circuits(List.of(new Circuit("x", "y", 10), new Circuit("y", "x", 10)))
              .build();
      assertThatThrownBy(() -> new LoadBalancer(site)).hasMessageContaining("cycle");
    }

    @Test
    void repeatedIdsAndABudgetAboveTheLimitAreRefused() {
      assertThatThrownBy(
              () ->
                  new LoadBalancer(
                      SiteConfig.builder(40).evses(List.of(slot("a", 32), slot("a", 16))).build()))
          .hasMessageContaining("repeated");
      assertThatThrownBy(() -> new LoadBalancer(SiteConfig.builder(40).staticBudgetA(41).build()))
          .hasMessageContaining("staticBudgetA");
    }

    @Test
    void aDemandForAnUnknownEvseIsRefused() {
      LoadBalancer lb = new LoadBalancer(SiteConfig.builder(40).meterFallbackBudgetA(10.0).build());
      assertThatThrownBy(() -> lb.step(T0, null, List.of(ev("zz", T0)))).hasMessageContaining("zz");
    }
  }
}
