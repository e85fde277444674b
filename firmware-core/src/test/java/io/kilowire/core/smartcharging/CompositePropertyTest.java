package io.kilowire.core.smartcharging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of composite schedules on random profile sets. Each case prints its seed; rerun
 * one by narrowing {@link #seeds()}.
 */
class CompositePropertyTest {
  private static final Instant BASE = Instant.parse("2024-03-04T00:00:00Z");
  private static final int EVSES = 2;
  private static final BigDecimal VOLTS = BigDecimal.valueOf(230);
  private static final SmartChargingLimits LIMITS =
      SmartChargingLimits.defaults(EVSES, BigDecimal.valueOf(32));
  private final CompositeScheduler scheduler = new CompositeScheduler(LIMITS);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 24);
  }

  /** A random world: profiles, transactions and a window. */
  private record World(
      List<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      Instant start,
      int duration,
      RateUnit unit) {}

  private static World world(long seed) {
    Random r = new Random(seed);
    Map<Integer, ActiveTransaction> txs = new HashMap<>();
    if (r.nextBoolean()) {
      txs.put(1, new ActiveTransaction("t1", BASE.plusSeconds(r.nextInt(4 * 86400) - 2 * 86400)));
    }
    if (r.nextInt(3) == 0) {
      txs.put(2, new ActiveTransaction("t2", BASE.plusSeconds(r.nextInt(86400))));
    }
    List<ChargingProfile> profiles = new ArrayList<>();
    int count = 1 + r.nextInt(9);
    for (int id = 1; id <= count; id++) {
      int pick = r.nextInt(20);
      ProfilePurpose purpose =
          pick < 8
              ? ProfilePurpose.TX_DEFAULT
              : pick < 13
                  ? ProfilePurpose.TX
                  : pick < 17
                      ? ProfilePurpose.CHARGING_STATION_MAX
                      : ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS;
      int evse =
          switch (purpose) {
            case CHARGING_STATION_MAX -> 0;
            case TX -> 1 + r.nextInt(EVSES);
            default -> r.nextInt(EVSES + 1);
          };
      ProfileKind kind = ProfileKind.values()[r.nextInt(3)];
      if (purpose == ProfilePurpose.CHARGING_STATION_MAX && kind == ProfileKind.RELATIVE) {
        kind = ProfileKind.ABSOLUTE;
      }
      RateUnit unit = r.nextBoolean() ? RateUnit.A : RateUnit.W;
      List<SchedulePeriod> periods = new ArrayList<>();
      int at = 0;
      int n = 1 + r.nextInt(5);
      for (int i = 0; i < n; i++) {
        // Tenths: 0..40 A per phase, or 0..28 kW.
        long raw = unit == RateUnit.A ? r.nextInt(401) : r.nextInt(281) * 1000L;
        Integer phases = r.nextInt(3) == 0 ? null : 1 + r.nextInt(3);
        periods.add(new SchedulePeriod(at, BigDecimal.valueOf(raw, 1), phases, null));
        at += 1 + r.nextInt(r.nextBoolean() ? 3600 : 40000);
      }
      Integer duration = r.nextBoolean() ? null : 1 + r.nextInt(100000);
      Instant startSchedule =
          kind == ProfileKind.RELATIVE
              ? null
              : BASE.plusSeconds(r.nextInt(13 * 86400) - 10 * 86400);
      ChargingProfile.Builder b =
          ChargingProfile.builder(id, purpose)
              .evseId(evse)
              .stackLevel(r.nextInt(4))
              .kind(kind)
              .recurrency(
                  kind == ProfileKind.RECURRING
                      ? (r.nextBoolean() ? Recurrency.DAILY : Recurrency.WEEKLY)
                      : null)
              .schedule(new ChargingSchedule(0, startSchedule, duration, unit, periods, null));
      if (r.nextInt(3) == 0) {
        b.validFrom(
            BASE.plusMillis(r.nextInt(4 * 86400) * 1000L - 2 * 86400_000L + r.nextInt(3) * 500L));
      }
      if (r.nextInt(3) == 0) {
        b.validTo(BASE.plusSeconds(r.nextInt(4 * 86400)));
      }
      if (purpose == ProfilePurpose.TX) {
        b.transactionId(r.nextInt(4) == 0 ? "stale" : "t" + evse);
      }
      profiles.add(b.build());
    }
    Instant start = BASE.plusSeconds(r.nextInt(4 * 86400) - 2 * 86400);
    int duration = 1 + r.nextInt(30 * 3600);
    return new World(profiles, txs, start, duration, r.nextBoolean() ? RateUnit.A : RateUnit.W);
  }

  // ---- an independent reference: evaluate the rules directly at one instant -------------------

  /** A value in the output unit and its phases. */
  private record Value(BigDecimal limit, int phases) {}

  private static BigDecimal convert(BigDecimal v, RateUnit from, int phases, RateUnit to) {
    BigDecimal result;
    if (from == to) {
      result = v;
    } else if (to == RateUnit.W) {
      result = v.multiply(VOLTS).multiply(BigDecimal.valueOf(phases));
    } else {
      result = v.divide(VOLTS.multiply(BigDecimal.valueOf(phases)), 6, RoundingMode.DOWN);
    }
    return result.setScale(1, RoundingMode.DOWN);
  }

  private static @Nullable SchedulePeriod referencePeriod(
      ChargingProfile p, Instant t, Instant anchor) {
    if (p.validFrom() != null && t.isBefore(p.validFrom())) {
      return null;
    }
    if (p.validTo() != null && !t.isBefore(p.validTo())) {
      return null;
    }
    ChargingSchedule s = p.schedule();
    Instant begin = p.kind() == ProfileKind.RELATIVE ? anchor : s.startSchedule();
    long ms = t.toEpochMilli() - begin.toEpochMilli();
    if (ms < 0) {
      return null;
    }
    if (p.kind() == ProfileKind.RECURRING) {
      ms = ms % (p.recurrency() == Recurrency.DAILY ? 86_400_000L : 604_800_000L);
    }
    if (s.duration() != null && ms >= s.duration() * 1000L) {
      return null;
    }
    SchedulePeriod found = null;
    for (SchedulePeriod period : s.periods()) {
      if (period.startPeriod() * 1000L <= ms) {
        found = period;
      }
    }
    return found;
  }

  /** The winner of one purpose among profiles set on {@code onEvse}, evaluated for {@code evse}. */
  private static @Nullable Value winner(
      World w, ProfilePurpose purpose, int onEvse, int evse, Instant t) {
    ActiveTransaction tx = evse == 0 ? null : w.transactions().get(evse);
    Instant anchor = tx == null ? w.start() : tx.start();
    List<ChargingProfile> candidates = new ArrayList<>();
    for (ChargingProfile p : w.profiles()) {
      if (p.purpose() != purpose || p.evseId() != onEvse) {
        continue;
      }
      if (purpose == ProfilePurpose.TX) {
        ActiveTransaction own = w.transactions().get(p.evseId());
        if (own == null || !own.id().equals(p.transactionId())) {
          continue;
        }
      }
      candidates.add(p);
    }
    candidates.sort(
        Comparator.comparingInt(ChargingProfile::stackLevel)
            .reversed()
            .thenComparingInt(ChargingProfile::id));
    for (ChargingProfile p : candidates) {
      SchedulePeriod period = referencePeriod(p, t, anchor);
      if (period != null) {
        int phases = period.numberPhases() == null ? 3 : period.numberPhases();
        return new Value(convert(period.limit(), p.schedule().unit(), phases, w.unit()), phases);
      }
    }
    return null;
  }

  private static Value hardware(World w) {
    return new Value(convert(BigDecimal.valueOf(32), RateUnit.A, 3, w.unit()), 3);
  }

  private static Value min(List<@Nullable Value> values) {
    BigDecimal best = null;
    int phases = 3;
    for (Value v : values) {
      if (v == null) {
        continue;
      }
      if (best == null || v.limit().compareTo(best) < 0) {
        best = v.limit();
      }
      phases = Math.min(phases, v.phases());
    }
    return new Value(best, phases);
  }

  private static Value referenceEvse(World w, int evse, Instant t, boolean withStationCaps) {
    Value base = winner(w, ProfilePurpose.TX, evse, evse, t);
    if (base == null) {
      base = winner(w, ProfilePurpose.TX_DEFAULT, evse, evse, t);
    }
    if (base == null) {
      base = winner(w, ProfilePurpose.TX_DEFAULT, 0, evse, t);
    }
    List<@Nullable Value> all = new ArrayList<>();
    all.add(base == null ? hardware(w) : base);
    all.add(hardware(w));
    all.add(winner(w, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, evse, evse, t));
    if (withStationCaps) {
      all.add(winner(w, ProfilePurpose.CHARGING_STATION_MAX, 0, evse, t));
      all.add(winner(w, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, evse, t));
    }
    return min(all);
  }

  private static Value referenceStation(World w, Instant t) {
    BigDecimal sum = BigDecimal.ZERO;
    int phases = 3;
    for (int e = 1; e <= EVSES; e++) {
      Value v = referenceEvse(w, e, t, false);
      sum = sum.add(v.limit());
      phases = Math.min(phases, v.phases());
    }
    List<@Nullable Value> all = new ArrayList<>();
    all.add(new Value(sum, phases));
    all.add(winner(w, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, t));
    all.add(winner(w, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, 0, t));
    return min(all);
  }

  // ---- the properties ---------------------------------------------------------------------------

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theCompositeEqualsASecondBySecondReference(long seed) {
    System.out.println("CompositePropertyTest seed " + seed);
    World w = world(seed);
    for (int evse = 0; evse <= EVSES; evse++) {
      CompositeSchedule c =
          scheduler.composite(
              w.profiles(), w.transactions(), evse, w.start(), w.duration(), w.unit());
      assertThat(c.periods()).isNotEmpty();
      int index = 0;
      for (int k = 0; k < w.duration(); k++) {
        while (index + 1 < c.periods().size() && c.periods().get(index + 1).startPeriod() <= k) {
          index++;
        }
        CompositePeriod actual = c.periods().get(index);
        Instant t = w.start().plusSeconds(k);
        Value expected = evse == 0 ? referenceStation(w, t) : referenceEvse(w, evse, t, true);
        if (actual.limit().compareTo(expected.limit()) != 0
            || actual.numberPhases() != expected.phases()) {
          throw new AssertionError(
              "seed "
                  + seed
                  + ", EVSE "
                  + evse
                  + ", second "
                  + k
                  + ": composite "
                  + actual
                  + " but reference "
                  + expected
                  + "; world "
                  + w);
        }
      }
      for (int i = 1; i < c.periods().size(); i++) {
        CompositePeriod a = c.periods().get(i - 1);
        CompositePeriod b = c.periods().get(i);
        assertThat(a.limit().compareTo(b.limit()) != 0 || a.numberPhases() != b.numberPhases())
            .as("seed %d: neighbouring periods %s and %s differ", seed, a, b)
            .isTrue();
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void noEvseCompositeExceedsTheStationMaximumOrAnExternalConstraint(long seed) {
    System.out.println("CompositePropertyTest seed " + seed);
    World w = world(seed + 1000);
    for (int evse = 1; evse <= EVSES; evse++) {
      CompositeSchedule c =
          scheduler.composite(
              w.profiles(), w.transactions(), evse, w.start(), w.duration(), w.unit());
      for (Instant t : probes(c, seed)) {
        BigDecimal limit = c.periodAt(t).limit();
        for (Value cap :
            new Value[] {
              winner(w, ProfilePurpose.CHARGING_STATION_MAX, 0, evse, t),
              winner(w, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, evse, t),
              winner(w, ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, evse, evse, t)
            }) {
          if (cap != null) {
            assertThat(limit)
                .as("seed %d EVSE %d at %s", seed, evse, t)
                .isLessThanOrEqualTo(cap.limit());
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theStationCompositeNeverExceedsTheStationMaximumEvenWhenEvsesSumAbove(long seed) {
    System.out.println("CompositePropertyTest seed " + seed);
    Random r = new Random(seed);
    World base = world(seed + 2000);
    // A station maximum below what the EVSEs could draw together, so the cap has to bite.
    List<ChargingProfile> profiles = new ArrayList<>(base.profiles());
    profiles.removeIf(p -> p.purpose() == ProfilePurpose.CHARGING_STATION_MAX);
    profiles.add(
        ChargingProfile.builder(99, ProfilePurpose.CHARGING_STATION_MAX)
            .stackLevel(1)
            .schedule(
                ChargingSchedule.of(
                        RateUnit.A,
                        List.of(
                            SchedulePeriod.of(0, BigDecimal.valueOf(20 + r.nextInt(20))),
                            SchedulePeriod.of(
                                1 + r.nextInt(20000), BigDecimal.valueOf(r.nextInt(30)))))
                    .withStart(base.start().minusSeconds(r.nextInt(3600))))
            .build());
    World w = new World(profiles, base.transactions(), base.start(), base.duration(), base.unit());
    CompositeSchedule station =
        scheduler.composite(w.profiles(), w.transactions(), 0, w.start(), w.duration(), w.unit());
    List<CompositeSchedule> evses = new ArrayList<>();
    for (int e = 1; e <= EVSES; e++) {
      evses.add(
          scheduler.composite(
              w.profiles(), w.transactions(), e, w.start(), w.duration(), w.unit()));
    }
    for (Instant t : probes(station, seed)) {
      Value max = winner(w, ProfilePurpose.CHARGING_STATION_MAX, 0, 0, t);
      BigDecimal total = station.periodAt(t).limit();
      assertThat(max).isNotNull();
      assertThat(total).as("seed %d at %s", seed, t).isLessThanOrEqualTo(max.limit());
      BigDecimal sum = BigDecimal.ZERO;
      for (CompositeSchedule e : evses) {
        sum = sum.add(e.periodAt(t).limit());
      }
      assertThat(total)
          .as("seed %d at %s: the total is never above the EVSE sum", seed, t)
          .isLessThanOrEqualTo(sum);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theEffectiveLimitHoldsUntilItsNextChange(long seed) {
    System.out.println("CompositePropertyTest seed " + seed);
    World w = world(seed + 3000);
    EffectiveLimit e =
        scheduler.effectiveLimit(w.profiles(), w.transactions(), 1, w.start(), w.unit());
    assertThat(e.limit()).isEqualByComparingTo(referenceEvse(w, 1, w.start(), true).limit());
    if (e.nextChange() != null) {
      long until = java.time.Duration.between(w.start(), e.nextChange()).getSeconds();
      CompositeSchedule c =
          scheduler.composite(
              w.profiles(), w.transactions(), 1, w.start(), (int) until + 1, w.unit());
      assertThat(c.periods()).as("seed %d", seed).hasSize(2);
      assertThat(c.periods().get(1).startPeriod()).isEqualTo((int) until);
    }
  }

  /** Every period start plus random instants inside the composite. */
  private static List<Instant> probes(CompositeSchedule c, long seed) {
    Random r = new Random(seed);
    List<Instant> result = new ArrayList<>();
    for (CompositePeriod p : c.periods()) {
      result.add(c.start().plusSeconds(p.startPeriod()));
    }
    for (int i = 0; i < 200; i++) {
      result.add(c.start().plusSeconds(r.nextInt(Math.max(1, c.duration()))));
    }
    return result;
  }
}
