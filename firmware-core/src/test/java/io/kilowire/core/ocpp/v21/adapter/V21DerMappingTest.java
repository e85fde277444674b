package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v21.SetDERControlRequest;
import org.junit.jupiter.api.Test;

/**
 * A curve's voltageParams, which the station does not act on: refused by the field's own name and
 * the reason, never stored and silently ignored.
 */
class V21DerMappingTest {
  private static final JsonFrameCodec CODEC = new JsonFrameCodec();

  private static SetDERControlRequest curve(String type, String voltageParams) {
    String json =
        "{\"isDefault\":true,\"controlId\":\"c\",\"controlType\":\""
            + type
            + "\",\"curve\":{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
            + "[{\"x\":1,\"y\":110}],\"voltageParams\":"
            + voltageParams
            + "}}";
    return CODEC.decodePayload(CODEC.parsePayload(json), SetDERControlRequest.class);
  }

  @Test
  void theTenMinuteMeanVoltageIsRefusedByName() {
    assertThatThrownBy(
            () ->
                V21DerMapping.control(
                    curve("HVMustTrip", "{\"hv10MinMeanValue\":110,\"hv10MinMeanTripDelay\":60}")))
        .isInstanceOfSatisfying(
            Untranslatable.class,
            u -> {
              assertThat(u.path()).isEqualTo("curve.voltageParams.hv10MinMeanValue");
              assertThat(u.problem()).contains("10-minute mean");
            });
    assertThatThrownBy(
            () -> V21DerMapping.control(curve("HVMustTrip", "{\"hv10MinMeanTripDelay\":60}")))
        .isInstanceOfSatisfying(
            Untranslatable.class,
            u -> assertThat(u.path()).isEqualTo("curve.voltageParams.hv10MinMeanTripDelay"));
  }

  @Test
  void powerDuringCessationIsRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                V21DerMapping.control(
                    curve("LVMomCess", "{\"powerDuringCessation\":\"Reactive\"}")))
        .isInstanceOfSatisfying(
            Untranslatable.class,
            u -> {
              assertThat(u.path()).isEqualTo("curve.voltageParams.powerDuringCessation");
              assertThat(u.problem()).contains("exchanges no power during momentary cessation");
            });
  }

  @Test
  void anEmptyVoltageParamsAsksForNothingAndIsTaken() {
    assertThat(V21DerMapping.control(curve("HVMustTrip", "{}")).id()).isEqualTo("c");
  }
}
