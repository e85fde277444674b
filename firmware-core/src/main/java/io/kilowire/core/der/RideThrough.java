package io.kilowire.core.der;

import io.kilowire.core.der.DerSetting.Curve;
import io.kilowire.core.der.DerSetting.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * When a grid excursion stops the station: the must-trip curves on their time axis and momentary
 * cessation (pure; one instance per station, stepped at each grid reading).
 *
 * <ul>
 *   <li>HF/LF/HV/LV MustTrip: each point (x seconds, y Hz or % of nominal voltage) trips the
 *       station once the grid has stayed beyond y (above for HF/HV, below for LF/LV) for x seconds.
 *       The count starts at the last reading that still saw the grid inside, so the grid never
 *       stays beyond a level longer than its time untripped (the excursion began somewhere after
 *       that reading; tripping early by at most one reading interval is what must-trip permits). A
 *       shorter excursion is ridden through.
 *   <li>HV/LV MomCess: while the grid lies beyond the curve's least extreme level the station
 *       ceases to exchange power, at once, and resumes as soon as the grid is back (no trip, no
 *       EnterService wait). The x axis (how long cessation may last) leaves nothing to do: past it
 *       a must-trip curve, if set, takes over.
 *   <li>HF/HV/LV MayTrip: a permission, not an obligation; the station rides through.
 * </ul>
 */
public final class RideThrough {
  private final Map<String, Instant> beyondSince = new HashMap<>();
  private @Nullable Instant lastReading;
  private @Nullable Instant nextDeadline;

  /**
   * The must-trip controls among {@code controls} whose time ran out at {@code now}, with the fault
   * each saw; other types are ignored.
   */
  public Map<DerControlType, GridFault> trips(
      Collection<DerControl> controls, GridState grid, Instant now) {
    Instant onset = lastReading == null || lastReading.isAfter(now) ? now : lastReading;
    lastReading = now;
    nextDeadline = null;
    Map<String, Instant> seen = new HashMap<>();
    Map<DerControlType, GridFault> trips = new EnumMap<>(DerControlType.class);
    for (DerControl control : controls) {
      GridFault fault = mustTripFault(control.type());
      if (fault == null) {
        continue;
      }
      double value = reading(fault, grid);
      Curve curve = (Curve) control.setting();
      for (int i = 0; i < curve.points().size(); i++) {
        Point p = curve.points().get(i);
        if (!beyond(fault, value, p.y().doubleValue())) {
          continue;
        }
        String key = control.id() + '#' + i;
        Instant since = beyondSince.getOrDefault(key, onset);
        seen.put(key, since);
        Instant deadline = since.plus(Duration.ofMillis(p.x().movePointRight(3).longValue()));
        if (!now.isBefore(deadline)) {
          trips.put(control.type(), fault);
        } else if (nextDeadline == null || deadline.isBefore(nextDeadline)) {
          nextDeadline = deadline;
        }
      }
    }
    beyondSince.clear();
    beyondSince.putAll(seen);
    return trips;
  }

  /** The next instant a running count runs out (read the grid then); null: none running. */
  public @Nullable Instant nextDeadline() {
    return nextDeadline;
  }

  /** The momentary-cessation controls whose condition holds now, with the fault each sees. */
  public static Map<DerControlType, GridFault> ceasing(
      Collection<DerControl> controls, GridState grid) {
    Map<DerControlType, GridFault> out = new EnumMap<>(DerControlType.class);
    for (DerControl control : controls) {
      GridFault fault =
          switch (control.type()) {
            case HV_MOM_CESS -> GridFault.OVER_VOLTAGE;
            case LV_MOM_CESS -> GridFault.UNDER_VOLTAGE;
            default -> null;
          };
      if (fault == null) {
        continue;
      }
      double value = reading(fault, grid);
      boolean any =
          ((Curve) control.setting())
              .points().stream().anyMatch(p -> beyond(fault, value, p.y().doubleValue()));
      if (any) {
        out.put(control.type(), fault);
      }
    }
    return out;
  }

  private static @Nullable GridFault mustTripFault(DerControlType type) {
    return switch (type) {
      case HF_MUST_TRIP -> GridFault.OVER_FREQUENCY;
      case LF_MUST_TRIP -> GridFault.UNDER_FREQUENCY;
      case HV_MUST_TRIP -> GridFault.OVER_VOLTAGE;
      case LV_MUST_TRIP -> GridFault.UNDER_VOLTAGE;
      default -> null;
    };
  }

  private static double reading(GridFault fault, GridState grid) {
    return fault == GridFault.OVER_FREQUENCY || fault == GridFault.UNDER_FREQUENCY
        ? grid.frequencyHz()
        : grid.voltagePct();
  }

  /** Over-faults trip at or above the level, under-faults at or below it. */
  private static boolean beyond(GridFault fault, double value, double level) {
    return fault == GridFault.OVER_FREQUENCY || fault == GridFault.OVER_VOLTAGE
        ? value >= level
        : value <= level;
  }
}
