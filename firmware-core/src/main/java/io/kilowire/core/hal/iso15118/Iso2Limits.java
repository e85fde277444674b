package io.kilowire.core.hal.iso15118;

import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ISO 15118-2 limits from a composite schedule (SPEC-FACTS F.1, OCPP K16.FR.03): the SAScheduleList
 * for ChargeParameterDiscoveryRes, the AC EVSEMaxCurrent for ChargingStatusRes and the DC maximum
 * power and current limits. Every value is rounded down, never above the composite.
 */
public final class Iso2Limits {
  private Iso2Limits() {}

  /**
   * An SAScheduleList with one tuple (id 1) from {@code composite}.
   *
   * @see #tuple(int, CompositeSchedule, Instant, Instant, Supply, int)
   */
  public static SaScheduleList saScheduleList(
      CompositeSchedule composite,
      Instant now,
      @Nullable Instant departure,
      Supply supply,
      int maxEntries) {
    return SaScheduleList.of(tuple(1, composite, now, departure, supply, maxEntries));
  }

  /**
   * One SAScheduleTuple whose PMaxSchedule follows {@code composite} from {@code now}.
   *
   * <p>Coverage: to {@code departure}, or 24 h without one ([V2G2-304]); past the composite's end
   * its last limit holds. Entries: at most {@code min(maxEntries, 1024)}, the EV's
   * MaxEntriesSAScheduleTuple; with more breakpoints, neighbours merge taking the minimum. The last
   * entry carries the duration, at most 86 400 s, so a longer tail is repeated in 24 h pieces; if
   * the entry budget cannot hold those pieces, coverage stops at the last piece that fits.
   *
   * @param id the SAScheduleTupleID, 1..255
   * @param composite the EVSE's composite; it must not start after {@code now}
   * @param now the moment the list is sent; entry starts count from here
   * @param departure the EV's departure time, or null
   * @param supply voltage and phases for amps to watts
   * @param maxEntries the EV's MaxEntriesSAScheduleTuple, or {@link SaScheduleTuple#MAX_ENTRIES}
   */
  public static SaScheduleTuple tuple(
      int id,
      CompositeSchedule composite,
      Instant now,
      @Nullable Instant departure,
      Supply supply,
      int maxEntries) {
    int max = Math.min(maxEntries, SaScheduleTuple.MAX_ENTRIES);
    long horizon =
        Math.min(
            PowerSteps.horizon(now, departure),
            PMaxScheduleEntry.MAX_START + PMaxScheduleEntry.MAX_DURATION);
    List<PowerSteps.Step> all =
        PowerSteps.steps(composite, now, horizon, supply, Iso2Limits::wattsDown);
    List<PowerSteps.Step> steps = PowerSteps.reduce(all, max);
    // The tail's 24 h pieces count against the budget: merge further until both fit.
    for (int target = max; steps.size() + tailPieces(steps) - 1 > max && target > 1; ) {
      target--;
      steps = PowerSteps.reduce(steps, target);
    }
    List<PMaxScheduleEntry> entries = new ArrayList<>();
    for (int i = 0; i < steps.size() - 1; i++) {
      PowerSteps.Step s = steps.get(i);
      entries.add(new PMaxScheduleEntry(s.start(), pMax(s), null));
    }
    PowerSteps.Step last = steps.get(steps.size() - 1);
    long start = last.start();
    int room = max - entries.size();
    while (true) {
      long rest = last.end() - start;
      if (rest <= PMaxScheduleEntry.MAX_DURATION || room == 1) {
        int duration = (int) Math.min(rest, PMaxScheduleEntry.MAX_DURATION);
        entries.add(new PMaxScheduleEntry(start, pMax(last), duration));
        break;
      }
      entries.add(new PMaxScheduleEntry(start, pMax(last), null));
      start += PMaxScheduleEntry.MAX_DURATION;
      room--;
    }
    return new SaScheduleTuple(id, entries);
  }

  /** ChargingStatusRes.EVSEMaxCurrent (AC, A per phase) from the limit in force at {@code now}. */
  public static PhysicalValue acEvseMaxCurrent(
      CompositeSchedule composite, Instant now, Supply supply) {
    CompositePeriod p = PowerSteps.inForce(composite, now);
    return PhysicalValue.limit(PowerSteps.amps(p, composite.unit(), supply), PhysicalUnit.AMPERES);
  }

  /**
   * DC EVSEMaximumPowerLimit and EVSEMaximumCurrentLimit from the limit in force at {@code now}. An
   * amp limit on a DC EVSE is read as grid-side amps per phase (SPEC-FACTS A.5 with the input
   * phases of {@code supply}); the current limit is that power at {@code presentVoltage}, capped at
   * {@code ratedCurrent}.
   */
  public static DcLimits dcLimits(
      CompositeSchedule composite,
      Instant now,
      Supply supply,
      BigDecimal presentVoltage,
      BigDecimal ratedCurrent) {
    CompositePeriod p = PowerSteps.inForce(composite, now);
    PhysicalValue power =
        PhysicalValue.limit(PowerSteps.watts(p, composite.unit(), supply), PhysicalUnit.WATTS);
    BigDecimal current = PowerSteps.current(power.quantity(), presentVoltage, ratedCurrent);
    return new DcLimits(power, PhysicalValue.limit(current, PhysicalUnit.AMPERES));
  }

  private static long tailPieces(List<PowerSteps.Step> steps) {
    long length = steps.get(steps.size() - 1).length();
    return (length + PMaxScheduleEntry.MAX_DURATION - 1) / PMaxScheduleEntry.MAX_DURATION;
  }

  private static BigDecimal wattsDown(BigDecimal watts) {
    return PhysicalValue.limit(watts, PhysicalUnit.WATTS).quantity();
  }

  private static PhysicalValue pMax(PowerSteps.Step s) {
    return PhysicalValue.limit(s.value(), PhysicalUnit.WATTS);
  }
}
