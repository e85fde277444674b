package io.kilowire.core.hal.iso15118;

import static io.kilowire.core.hal.iso15118.Composites.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.RateUnit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of the -2 and -20 schedules on random composites: never above the composite's
 * power over any entry's interval, the coverage of [V2G2-304] or the departure time, and the entry
 * budget. Each case prints its seed; rerun one by narrowing {@link #seeds()}.
 */
class Iso15118PropertyTest {
  private static final int[] VOLTS = {110, 120, 230, 240, 277};

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 80);
  }

  private record World(
      CompositeSchedule composite,
      Instant now,
      @Nullable Instant departure,
      Supply supply,
      int maxEntries) {}

  private static World world(long seed) {
    Random r = new Random(seed);
    Instant now = T0.plusSeconds(r.nextInt(7200));
    if (r.nextInt(4) == 0) {
      now = now.plusNanos(1 + r.nextInt(999_999_999));
    }
    RateUnit unit = r.nextBoolean() ? RateUnit.A : RateUnit.W;
    int count = 1 + (r.nextInt(5) == 0 ? r.nextInt(3000) : r.nextInt(20));
    int gap = Math.max(1, 3 * 86_400 / count);
    List<CompositePeriod> periods = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < count; i++) {
      BigDecimal limit =
          unit == RateUnit.A
              ? BigDecimal.valueOf(r.nextInt(500_000), 3)
              : BigDecimal.valueOf(r.nextInt(40_000_000), 2);
      periods.add(new CompositePeriod(start, limit, 1 + r.nextInt(3)));
      start += 1 + r.nextInt(gap);
    }
    int duration = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(start + 7200);
    CompositeSchedule c = new CompositeSchedule(1, T0, duration, unit, periods, null);
    Instant departure = null;
    if (r.nextBoolean()) {
      departure = now.plusSeconds(1 + r.nextInt(4 * 86_400));
      if (r.nextBoolean()) {
        departure = departure.plusMillis(r.nextInt(1000));
      }
    }
    Supply supply =
        new Supply(BigDecimal.valueOf(VOLTS[r.nextInt(VOLTS.length)]), 1 + r.nextInt(3));
    int max = r.nextBoolean() ? 1024 : 1 + r.nextInt(r.nextBoolean() ? 5 : 60);
    return new World(c, now, departure, supply, max);
  }

  /** The composite's power in W over [from, to), exactly as OCPP defines it (SPEC-FACTS A.5). */
  private static BigDecimal minimumPower(World w, Instant from, Instant to) {
    CompositeSchedule c = w.composite();
    BigDecimal min = null;
    List<CompositePeriod> ps = c.periods();
    for (int i = 0; i < ps.size(); i++) {
      Instant ps0 = c.start().plusSeconds(ps.get(i).startPeriod());
      Instant ps1 = i + 1 < ps.size() ? c.start().plusSeconds(ps.get(i + 1).startPeriod()) : null;
      boolean overlaps = ps0.isBefore(to) && (ps1 == null || ps1.isAfter(from));
      if (overlaps) {
        CompositePeriod p = ps.get(i);
        BigDecimal watts =
            c.unit() == RateUnit.W
                ? p.limit()
                : p.limit()
                    .multiply(w.supply().nominalVoltage())
                    .multiply(BigDecimal.valueOf(Math.min(p.numberPhases(), w.supply().phases())));
        min = min == null ? watts : min.min(watts);
      }
    }
    assertThat(min).as("some period overlaps").isNotNull();
    return min;
  }

  private static long horizon(World w) {
    if (w.departure() == null) {
      return 86_400;
    }
    Duration d = Duration.between(w.now(), w.departure());
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void pMaxSchedulesStayUnderTheCompositeCoverTheHorizonAndFitTheBudget(long seed) {
    System.out.println("Iso15118PropertyTest -2 seed " + seed);
    World w = world(seed);
    SaScheduleTuple t =
        Iso2Limits.tuple(1, w.composite(), w.now(), w.departure(), w.supply(), w.maxEntries());

    List<PMaxScheduleEntry> es = t.pMaxSchedule();
    assertThat(es).hasSizeLessThanOrEqualTo(Math.min(w.maxEntries(), 1024));
    long h = horizon(w);
    long days = (h + 86_399) / 86_400;
    if (w.maxEntries() >= days) {
      assertThat(t.coverage()).isEqualTo(h);
    } else {
      assertThat(t.coverage()).isEqualTo(w.maxEntries() * 86_400L);
    }
    for (int i = 0; i < es.size(); i++) {
      PMaxScheduleEntry e = es.get(i);
      long end = i + 1 < es.size() ? es.get(i + 1).start() : e.start() + e.duration();
      assertThat(end).isGreaterThan(e.start());
      BigDecimal allowed =
          minimumPower(w, w.now().plusSeconds(e.start()), w.now().plusSeconds(end));
      assertThat(e.pMax().quantity()).as("entry %d", i).isLessThanOrEqualTo(allowed);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void powerSchedulesStayUnderTheCompositeCoverTheHorizonAndFitTheBudget(long seed) {
    System.out.println("Iso15118PropertyTest -20 seed " + seed);
    World w = world(seed);
    PowerSchedule s =
        Iso20Limits.powerSchedule(
            w.composite(), w.now(), w.departure(), w.supply(), w.maxEntries());

    assertThat(s.entries()).hasSizeLessThanOrEqualTo(Math.min(w.maxEntries(), 1024));
    assertThat(s.coverage()).isEqualTo(horizon(w));
    long at = 0;
    for (PowerScheduleEntry e : s.entries()) {
      BigDecimal allowed =
          minimumPower(w, w.now().plusSeconds(at), w.now().plusSeconds(at + e.duration()));
      assertThat(e.power().quantity()).isLessThanOrEqualTo(allowed);
      at += e.duration();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void liveLimitsStayUnderTheLimitInForce(long seed) {
    System.out.println("Iso15118PropertyTest live seed " + seed);
    World w = world(seed);
    BigDecimal allowed = minimumPower(w, w.now(), w.now().plusNanos(1));
    assertThat(Iso20Limits.evseTargetActivePower(w.composite(), w.now(), w.supply()).quantity())
        .isLessThanOrEqualTo(allowed);
    DcLimits dc =
        Iso2Limits.dcLimits(
            w.composite(), w.now(), w.supply(), BigDecimal.valueOf(400), BigDecimal.valueOf(500));
    assertThat(dc.maximumPower().quantity()).isLessThanOrEqualTo(allowed);
    assertThat(dc.maximumCurrent().quantity().multiply(BigDecimal.valueOf(400)))
        .isLessThanOrEqualTo(allowed);
    BigDecimal amps = Iso2Limits.acEvseMaxCurrent(w.composite(), w.now(), w.supply()).quantity();
    BigDecimal totalAtAmps =
        amps.multiply(w.supply().nominalVoltage())
            .multiply(BigDecimal.valueOf(w.supply().phases()));
    if (w.composite().unit() == RateUnit.W) {
      assertThat(totalAtAmps).isLessThanOrEqualTo(allowed);
    } else {
      assertThat(amps).isLessThanOrEqualTo(PowerSteps.inForce(w.composite(), w.now()).limit());
    }
  }
}
