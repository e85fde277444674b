package io.kilowire.core.hal.iso15118;

import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.RateUnit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Test fixtures: composites in a line. */
final class Composites {
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  static final Supply THREE_230 = Supply.threePhase230();

  private Composites() {}

  static CompositePeriod p(int start, String limit, int phases) {
    return new CompositePeriod(start, new BigDecimal(limit), phases);
  }

  static CompositePeriod p(int start, String limit) {
    return p(start, limit, 3);
  }

  static CompositeSchedule amps(Instant start, int duration, CompositePeriod... periods) {
    return new CompositeSchedule(1, start, duration, RateUnit.A, List.of(periods), null);
  }

  static CompositeSchedule watts(Instant start, int duration, CompositePeriod... periods) {
    return new CompositeSchedule(1, start, duration, RateUnit.W, List.of(periods), null);
  }
}
