package io.kilowire.core.hal.iso15118;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ISO 15118-2 SAScheduleList: 1 to 3 tuples with distinct ids (SPEC-FACTS F.1).
 *
 * @param tuples the tuples
 */
public record SaScheduleList(List<SaScheduleTuple> tuples) {
  /** The most tuples a list may hold. */
  public static final int MAX_TUPLES = 3;

  public SaScheduleList {
    tuples = List.copyOf(tuples);
    if (tuples.isEmpty() || tuples.size() > MAX_TUPLES) {
      throw new IllegalArgumentException("an SAScheduleList holds 1..3 tuples: " + tuples.size());
    }
    Set<Integer> ids = new HashSet<>();
    for (SaScheduleTuple t : tuples) {
      if (!ids.add(t.id())) {
        throw new IllegalArgumentException("duplicate SAScheduleTupleID " + t.id());
      }
    }
  }

  public static SaScheduleList of(SaScheduleTuple... tuples) {
    return new SaScheduleList(List.of(tuples));
  }
}
