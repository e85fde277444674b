package io.kilowire.core.hal.iso15118;

import java.util.Objects;

/**
 * One ISO 15118-20 PowerScheduleEntry (SPEC-FACTS F.2), single power over all phases.
 *
 * @param duration seconds, 1..4 294 967 295 (uint32)
 * @param power in W
 */
public record PowerScheduleEntry(long duration, RationalNumber power) {
  public PowerScheduleEntry {
    Objects.requireNonNull(power, "power");
    if (duration < 1 || duration > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("duration must be a positive uint32: " + duration);
    }
  }
}
