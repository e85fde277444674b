package io.kilowire.core.testing;

import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.testing.ScriptedCsms.Call;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sampled values a scripted CSMS received in meter values (1.6 MeterValues, 2.0.1 and 2.1
 * MeterValues and TransactionEvent), version-neutral so a scenario asserts them once for all.
 */
public final class ReceivedSamples {
  private ReceivedSamples() {}

  /** One sampled value as received: its measurand's wire name, value, unit and phase. */
  public record Sample(
      String measurand, double value, @Nullable String unit, @Nullable String phase) {}

  /** Every sample of {@code measurand} in these calls, in order. */
  public static List<Sample> of(List<Call> calls, String measurand) {
    return all(calls).stream().filter(s -> s.measurand().equals(measurand)).toList();
  }

  /** Every sample with a measurand in these calls, in order. */
  public static List<Sample> all(List<Call> calls) {
    List<Sample> samples = new ArrayList<>();
    for (Call call : calls) {
      OcppMessage r = call.request();
      if (r instanceof io.kilowire.core.ocpp.v16.MeterValuesRequest values) {
        values.meterValue().stream()
            .flatMap(v -> v.sampledValue().stream())
            .filter(s -> s.measurand() != null)
            .forEach(
                s ->
                    samples.add(
                        new Sample(
                            s.measurand().value(),
                            Double.parseDouble(s.value()),
                            s.unit() == null ? null : s.unit().value(),
                            s.phase() == null ? null : s.phase().value())));
      }
      List<io.kilowire.core.ocpp.v201.MeterValue> values201 =
          r instanceof io.kilowire.core.ocpp.v201.MeterValuesRequest m
              ? m.meterValue()
              : r instanceof io.kilowire.core.ocpp.v201.TransactionEventRequest e
                      && e.meterValue() != null
                  ? e.meterValue()
                  : List.of();
      values201.stream()
          .flatMap(v -> v.sampledValue().stream())
          .filter(s -> s.measurand() != null)
          .forEach(
              s ->
                  samples.add(
                      new Sample(
                          s.measurand().value(),
                          s.value().doubleValue(),
                          s.unitOfMeasure() == null ? null : s.unitOfMeasure().unit(),
                          s.phase() == null ? null : s.phase().value())));
    }
    return samples;
  }
}
