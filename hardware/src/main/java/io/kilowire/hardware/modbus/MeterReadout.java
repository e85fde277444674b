package io.kilowire.hardware.modbus;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The outcome of one {@link ModbusMeter#poll()}: a sample, or a fault and no number. */
public sealed interface MeterReadout {
  Instant at();

  /** A validated sample. */
  record Sample(MeterSample sample) implements MeterReadout {
    @Override
    public Instant at() {
      return sample.timestamp();
    }
  }

  /**
   * No usable reading this time.
   *
   * @param fault the reason
   * @param detail text for logs
   * @param at when the poll gave up
   * @param lastGood the previous good sample, now stale, for callers that show it as such
   */
  record Fault(MeterFault fault, String detail, Instant at, @Nullable MeterSample lastGood)
      implements MeterReadout {}
}
