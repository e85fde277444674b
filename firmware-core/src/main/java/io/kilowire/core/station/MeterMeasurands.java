package io.kilowire.core.station;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which measurands meter values carry, read live from the configuration: at a transaction's start
 * (2.0.1 SampledDataCtrlr.TxStartedMeasurands), periodic samples (1.6 MeterValuesSampledData, 2.0.1
 * SampledDataCtrlr.TxUpdatedMeasurands), clock-aligned ones (1.6 MeterValuesAlignedData, 2.0.1
 * AlignedDataCtrlr.Measurands) and at its end (2.0.1 SampledDataCtrlr.TxEndedMeasurands). An empty
 * list means everything the meter has.
 */
public record MeterMeasurands(
    Supplier<List<String>> started,
    Supplier<List<String>> sampled,
    Supplier<List<String>> aligned,
    Supplier<List<String>> ended) {
  /** Everything the meter has, whatever the context. */
  public static final MeterMeasurands ALL = new MeterMeasurands(List::of, List::of);

  /**
   * Periodic and clock-aligned measurands; a transaction's start and end take the periodic ones.
   */
  public MeterMeasurands(Supplier<List<String>> sampled, Supplier<List<String>> aligned) {
    this(sampled, sampled, aligned, sampled);
  }

  /** The measurands wanted for clock-aligned or for periodic values. */
  public List<String> wanted(boolean clockAligned) {
    return clockAligned ? aligned.get() : sampled.get();
  }

  /**
   * Keeps the samples whose measurand is wanted (all when {@code wanted} is empty). A meter value
   * needs at least one sample, so if none is wanted the first (the energy register) stays.
   */
  public static <T> void keepWanted(
      List<T> samples, Function<T, @Nullable String> measurandOf, List<String> wanted) {
    if (wanted.isEmpty() || samples.isEmpty()) {
      return;
    }
    T first = samples.get(0);
    samples.removeIf(
        s -> {
          String measurand = measurandOf.apply(s);
          return measurand == null || !wanted.contains(measurand);
        });
    if (samples.isEmpty()) {
      samples.add(first);
    }
  }
}
