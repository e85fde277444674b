package io.kilowire.core.hal.iso15118;

import java.util.List;

/**
 * One ISO 15118-2 SAScheduleTuple without a sales tariff: an id of 1..255 and a PMaxSchedule of 1
 * to 1024 entries with strictly rising starts (SPEC-FACTS F.1).
 *
 * @param id the SAScheduleTupleID
 * @param pMaxSchedule the entries
 */
public record SaScheduleTuple(int id, List<PMaxScheduleEntry> pMaxSchedule) {
  /** The most entries a PMaxSchedule may hold. */
  public static final int MAX_ENTRIES = 1024;

  public SaScheduleTuple {
    if (id < 1 || id > 255) {
      throw new IllegalArgumentException("SAScheduleTupleID must be 1..255: " + id);
    }
    pMaxSchedule = List.copyOf(pMaxSchedule);
    if (pMaxSchedule.isEmpty() || pMaxSchedule.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("a PMaxSchedule holds 1..1024 entries");
    }
    if (pMaxSchedule.get(0).start() != 0) {
      throw new IllegalArgumentException("the first entry starts at 0");
    }
    for (int i = 1; i < pMaxSchedule.size(); i++) {
      if (pMaxSchedule.get(i).start() <= pMaxSchedule.get(i - 1).start()) {
        throw new IllegalArgumentException("entry starts must rise");
      }
    }
  }

  /** Seconds from now to the end of the last entry. */
  public long coverage() {
    PMaxScheduleEntry last = pMaxSchedule.get(pMaxSchedule.size() - 1);
    Integer d = last.duration();
    return last.start() + (d == null ? 0 : d);
  }
}
