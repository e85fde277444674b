package io.kilowire.core.hal.iso15118;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One ISO 15118-2 PMaxScheduleEntry: PMax from {@code start} until the next entry's start, or for
 * {@code duration} when it is the last one (SPEC-FACTS F.1: RelativeTimeInterval start 0..16 777
 * 214 s, duration 0..86 400 s).
 *
 * @param start seconds from the moment the list is sent
 * @param pMax the maximum power, unit W
 * @param duration seconds, set on the last entry only
 */
public record PMaxScheduleEntry(long start, PhysicalValue pMax, @Nullable Integer duration) {
  /** The latest start the schema allows. */
  public static final long MAX_START = 16_777_214L;

  /** The longest duration the schema allows. */
  public static final int MAX_DURATION = 86_400;

  public PMaxScheduleEntry {
    Objects.requireNonNull(pMax, "pMax");
    if (start < 0 || start > MAX_START) {
      throw new IllegalArgumentException("start must be 0.." + MAX_START + ": " + start);
    }
    if (pMax.unit() != PhysicalUnit.WATTS) {
      throw new IllegalArgumentException("PMax is in W: " + pMax.unit());
    }
    if (duration != null && (duration < 0 || duration > MAX_DURATION)) {
      throw new IllegalArgumentException("duration must be 0.." + MAX_DURATION + ": " + duration);
    }
  }
}
