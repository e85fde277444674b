package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v201.CustomData;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.ocpp.v21.Measurand;
import io.kilowire.core.ocpp.v21.MeterValue;
import io.kilowire.core.ocpp.v21.MeterValuesRequest;
import io.kilowire.core.ocpp.v21.SampledValue;
import io.kilowire.core.ocpp.v21.TransactionEventRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * 2.1's own measurands in the station's meter values: the 2.0.1 gateway marks a sampled value of a
 * measurand it cannot spell ({@link V201Gateway#MEASURAND_MARKER_VENDOR}); here the value gets its
 * 2.1 measurand and the mark is dropped, in TransactionEvents and MeterValues alike.
 */
final class V21Measurands {
  private V21Measurands() {}

  static void register(V21Endpoint endpoint) {
    endpoint.amend(
        TransactionEventRequest.class,
        r -> r.meterValue() == null ? r : V21TransactionEvents.with(r, named(r.meterValue())));
    endpoint.amend(
        MeterValuesRequest.class,
        r -> new MeterValuesRequest(r.evseId(), named(r.meterValue()), r.customData()));
  }

  static List<MeterValue> named(List<MeterValue> values) {
    return values.stream()
        .map(
            v ->
                new MeterValue(
                    v.sampledValue().stream().map(V21Measurands::named).toList(),
                    v.timestamp(),
                    v.customData()))
        .toList();
  }

  private static SampledValue named(SampledValue s) {
    Measurand measurand = marked(s.customData());
    if (measurand == null) {
      return s;
    }
    return new SampledValue(
        s.value(),
        measurand,
        s.context(),
        s.phase(),
        s.location(),
        s.signedMeterValue(),
        s.unitOfMeasure(),
        null);
  }

  private static @Nullable Measurand marked(@Nullable CustomData data) {
    if (data == null || !data.vendorId().equals(V201Gateway.MEASURAND_MARKER_VENDOR)) {
      return null;
    }
    Object name = data.properties().get(V201Gateway.MEASURAND_MARKER_NAME);
    for (Measurand m : Measurand.values()) {
      if (m.value().equals(name)) {
        return m;
      }
    }
    return null;
  }
}
