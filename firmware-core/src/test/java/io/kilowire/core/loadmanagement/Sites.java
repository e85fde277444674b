package io.kilowire.core.loadmanagement;

import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.SiteReading;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small builders for load-management tests. */
final class Sites {
  static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  static final List<Phase> L123 = List.of(Phase.L1, Phase.L2, Phase.L3);
  static final List<Phase> L231 = List.of(Phase.L2, Phase.L3, Phase.L1);
  static final List<Phase> L312 = List.of(Phase.L3, Phase.L1, Phase.L2);

  private Sites() {}

  static EvseSlot slot(String id, double maxA) {
    return new EvseSlot(id, null, L123, maxA, maxA, 0);
  }

  static EvseSlot slot(String id, @Nullable String circuit, List<Phase> wiring, double maxA) {
    return new EvseSlot(id, circuit, wiring, maxA, maxA, 0);
  }

  /** A three-phase session that started at {@code start}, drawing nothing (yet). */
  static EvseDemand ev(String id, Instant start) {
    return new EvseDemand(id, true, start, 3, 32, PhaseCurrents.ZERO, 0, null, null);
  }

  static EvseDemand ev(String id, Instant start, int phases, PhaseCurrents draw) {
    return new EvseDemand(id, true, start, phases, 32, draw, 0, null, null);
  }

  static EvseDemand withPriority(EvseDemand d, int priority) {
    return copy(d, priority, d.departure(), d.energyNeededWh(), d.drawA());
  }

  static EvseDemand withDeadline(EvseDemand d, Instant departure, @Nullable Double wh) {
    return copy(d, d.priority(), departure, wh, d.drawA());
  }

  static EvseDemand withDraw(EvseDemand d, PhaseCurrents draw) {
    return copy(d, d.priority(), d.departure(), d.energyNeededWh(), draw);
  }

  private static EvseDemand copy(
      EvseDemand d,
      int priority,
      @Nullable Instant departure,
      @Nullable Double wh,
      PhaseCurrents draw) {
    return new EvseDemand(
        d.evseId(),
        d.active(),
        d.sessionStart(),
        d.phases(),
        d.evMaxA(),
        draw,
        priority,
        departure,
        wh);
  }

  /** A DYNAMIC site without ramping (rises apply at once); a stale meter leaves the EVs 10 A. */
  static SiteConfig.Builder dynamic(double gridA, EvseSlot... slots) {
    return SiteConfig.builder(gridA)
        .evses(List.of(slots))
        .meterFallbackBudgetA(10.0)
        .ramp(java.time.Duration.ZERO, 100);
  }

  static SiteReading meter(Instant at, double l1, double l2, double l3) {
    return new SiteReading(at, new PerPhase(l1, l2, l3), (l1 + l2 + l3) * 230);
  }
}
