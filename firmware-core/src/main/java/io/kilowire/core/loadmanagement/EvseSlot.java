package io.kilowire.core.loadmanagement;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An EVSE as the site sees it (fixed by the installation).
 *
 * @param id unique within the site (for example {@code "CS01/1"}: station id and EVSE id)
 * @param circuit the circuit it hangs on; null = directly under the main fuse
 * @param wiring the grid phase each EVSE phase is wired to: element 0 is the EVSE's L1. One entry
 *     for a single-phase EVSE, three for a three-phase one (rotation: e.g. [L2, L3, L1])
 * @param hardwareMaxA the EVSE's rated current per phase
 * @param cableMaxA the cable's (or socket's) rating per phase
 * @param priority higher is served first; 0 is the default class
 */
public record EvseSlot(
    String id,
    @Nullable String circuit,
    List<Phase> wiring,
    double hardwareMaxA,
    double cableMaxA,
    int priority) {
  public EvseSlot {
    wiring = List.copyOf(wiring);
    if (id.isBlank()) {
      throw new IllegalArgumentException("evse id must not be blank");
    }
    if (wiring.size() != 1 && wiring.size() != 3) {
      throw new IllegalArgumentException("evse " + id + ": wiring needs 1 or 3 phases");
    }
    if (wiring.size() == 3 && wiring.stream().distinct().count() != 3) {
      throw new IllegalArgumentException("evse " + id + ": wiring repeats a phase");
    }
    if (!(hardwareMaxA > 0) || !(cableMaxA > 0)) {
      throw new IllegalArgumentException("evse " + id + ": hardwareMaxA and cableMaxA must be > 0");
    }
  }

  /** The most the EVSE may ever offer per phase. */
  public double maxA() {
    return Math.min(hardwareMaxA, cableMaxA);
  }
}
