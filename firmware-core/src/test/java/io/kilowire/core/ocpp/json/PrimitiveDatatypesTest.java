package io.kilowire.core.ocpp.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.Frame;
import io.kilowire.core.ocpp.v16.ChargePointErrorCode;
import io.kilowire.core.ocpp.v16.ChargePointStatus;
import io.kilowire.core.ocpp.v201.ChargingRateUnit;
import io.kilowire.core.ocpp.v201.ChargingSchedulePeriod;
import io.kilowire.core.ocpp.v201.CompositeSchedule;
import io.kilowire.core.ocpp.v201.CustomData;
import io.kilowire.core.ocpp.v201.GenericStatus;
import io.kilowire.core.ocpp.v201.GetCompositeScheduleResponse;
import io.kilowire.core.ocpp.v201.HeartbeatResponse;
import io.kilowire.core.ocpp.v201.MeterValue;
import io.kilowire.core.ocpp.v201.MeterValuesRequest;
import io.kilowire.core.ocpp.v201.SampledValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the codec writes keeps the primitive-datatype rules of OCPP 2.0.1 Part 2 that the JSON
 * schemas do not encode (strict CSMSs refuse frames that break them): a dateTime has at most 3
 * fractional-second digits and is UTC with 'Z'; a decimal has at most 6 decimal places. Both
 * versions are written by the same rules.
 */
class PrimitiveDatatypesTest {
  private final JsonFrameCodec codec = new JsonFrameCodec();

  /** The payload as it appears on the wire, read back as text. */
  private String wire(OcppMessage message) {
    return codec.encode(new Frame.Call("m1", "Any", codec.encodePayload(message)));
  }

  private JsonNode payload(OcppMessage message) {
    return OcppSchemas.parse(wire(message)).get(3);
  }

  @Nested
  class DateTimes {
    @Test
    void nanosecondsOfTheClockAreCutToMilliseconds() {
      Instant now = Instant.parse("2026-12-07T06:08:15.362177431Z");

      assertThat(
              payload(
                      new io.kilowire.core.ocpp.v16.StatusNotificationRequest(
                          1,
                          ChargePointErrorCode.NO_ERROR,
                          null,
                          ChargePointStatus.AVAILABLE,
                          now,
                          null,
                          null))
                  .path("timestamp")
                  .asText())
          .isEqualTo("2026-12-07T06:08:15.362Z");
      assertThat(payload(HeartbeatResponse.of(now)).path("currentTime").asText())
          .isEqualTo("2026-12-07T06:08:15.362Z");
    }

    @Test
    void theFractionIsCutNotRoundedAndLeftOutForWholeSeconds() {
      assertThat(
              payload(HeartbeatResponse.of(Instant.parse("2026-12-07T06:08:15.999999999Z")))
                  .path("currentTime")
                  .asText())
          .isEqualTo("2026-12-07T06:08:15.999Z");
      assertThat(
              payload(HeartbeatResponse.of(Instant.parse("2026-12-07T06:08:15Z")))
                  .path("currentTime")
                  .asText())
          .isEqualTo("2026-12-07T06:08:15Z");
    }
  }

  @Nested
  class Decimals {
    @Test
    void aDoublesBinaryTailIsCutToSixPlaces() {
      MeterValuesRequest meter =
          MeterValuesRequest.of(
              1,
              List.of(
                  MeterValue.of(
                      List.of(
                          SampledValue.of(new BigDecimal("120.90000000000001")),
                          SampledValue.of(new BigDecimal("0.1234565")),
                          SampledValue.of(new BigDecimal("-2.1234569"))),
                      Instant.parse("2026-01-01T00:00:00Z"))));

      assertThat(wire(meter))
          .contains("\"value\":120.9}")
          .contains("\"value\":0.123456}")
          .contains("\"value\":-2.123456}")
          .doesNotContain("0000000");
    }

    @Test
    void aLimitTheStationReportsIsNeverRoundedUp() {
      GetCompositeScheduleResponse answer =
          new GetCompositeScheduleResponse(
              null,
              GenericStatus.ACCEPTED,
              null,
              new CompositeSchedule(
                  null,
                  List.of(ChargingSchedulePeriod.of(0, new BigDecimal("16.6666666666667"))),
                  1,
                  600,
                  Instant.parse("2026-01-01T00:00:00Z"),
                  ChargingRateUnit.A));

      assertThat(wire(answer)).contains("\"limit\":16.666666}");
    }

    @Test
    void customDataNumbersKeepTheRuleToo() {
      CustomData custom = new CustomData("kilowire", Map.of("ratio", 0.1 + 0.2));

      assertThat(wire(new HeartbeatResponse(custom, Instant.parse("2026-01-01T00:00:00Z"))))
          .contains("\"ratio\":0.3}");
    }

    @Test
    void aCutToAWholeNumberStaysPlain() {
      assertThat(
              wire(
                  MeterValuesRequest.of(
                      1,
                      List.of(
                          MeterValue.of(
                              List.of(SampledValue.of(new BigDecimal("1000.0000000"))),
                              Instant.parse("2026-01-01T00:00:00Z"))))))
          .contains("\"value\":1000}");
    }
  }
}
