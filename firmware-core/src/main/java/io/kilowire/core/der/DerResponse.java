package io.kilowire.core.der;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the DER controls in force allow at one instant: the most the station may charge and
 * discharge, each in % of its maximum (100: no DER restriction), the reactive power the reactive
 * control in force asks of each output (null: none asked), and the must-trip controls whose
 * condition holds (then both are 0).
 */
public record DerResponse(
    double chargePct,
    double dischargePct,
    @Nullable ReactiveDemand reactive,
    Map<DerControlType, GridFault> trips) {
  public DerResponse {
    trips = Map.copyOf(trips);
  }

  /** No restriction at all. */
  public static final DerResponse FREE = new DerResponse(100, 100, null, Map.of());

  public boolean tripped() {
    return !trips.isEmpty();
  }
}
