package io.kilowire.core.ocpp.v201.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.configuration.V201Variables.AlignedDataCtrlr;
import io.kilowire.core.configuration.V201Variables.SampledDataCtrlr;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v201.Measurand;
import io.kilowire.core.ocpp.v201.MeterValue;
import io.kilowire.core.ocpp.v201.ReadingContext;
import io.kilowire.core.ocpp.v201.SampledValue;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.station.MeterMeasurands;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.transaction.QueuedMessage;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a 2.0.1 MeterValue carries: every measurand the device model admits, and the measurands of
 * each kind of message from its own variable.
 */
class V201GatewayMeterValuesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * Everything a reading can hold: an EV that reports its SoC, a limit in force, a meter that
   * counts exported energy and reads reactive power.
   */
  private static final MeterReading FULL =
      new MeterReading(
          T0,
          1234.5,
          11_040,
          new PerPhase(16, 16, 16),
          new PerPhase(230, 230, 230),
          55,
          16.0,
          321.0,
          -2760.0);

  private final JsonFrameCodec codec = new JsonFrameCodec();

  static List<String> admitted() {
    return SampledDataCtrlr.TX_UPDATED_MEASURANDS.actual().type().allowedValues();
  }

  @ParameterizedTest
  @MethodSource("admitted")
  void everyMeasurandTheVariablesAdmitIsSent(String measurand) {
    MeterValue value =
        V201Gateway.meterValue(FULL, ReadingContext.SAMPLE_PERIODIC, List.of(measurand));
    assertThat(value.sampledValue())
        .extracting(s -> s.measurand() == null ? null : s.measurand().value())
        .containsOnly(measurand);
  }

  @Test
  void everyMeasurandVariableAdmitsTheSameMeasurands() {
    for (var variable :
        List.of(
            SampledDataCtrlr.TX_STARTED_MEASURANDS,
            SampledDataCtrlr.TX_ENDED_MEASURANDS,
            AlignedDataCtrlr.MEASURANDS)) {
      assertThat(variable.actual().type().allowedValues())
          .as(variable.toString())
          .containsExactlyElementsOf(admitted());
    }
  }

  @Test
  void currentOfferedIsTheOfferInAmpsWithoutAPhaseAsItHoldsOnEachPhase() {
    SampledValue offered =
        V201Gateway.meterValue(
                FULL, ReadingContext.SAMPLE_CLOCK, List.of(Measurand.CURRENT_OFFERED.value()))
            .sampledValue()
            .get(0);
    assertThat(offered.value()).isEqualByComparingTo(new BigDecimal("16.0"));
    assertThat(offered.unitOfMeasure().unit()).isEqualTo("A");
    assertThat(offered.phase()).isNull();
  }

  @Test
  void startedUpdatedAndEndedEventsCarryTheirOwnMeasurands() {
    MeterMeasurands measurands =
        new MeterMeasurands(
            () -> List.of("Power.Active.Import"),
            () -> List.of("Current.Offered"),
            () -> List.of("Voltage"),
            () -> List.of("SoC"));
    V201Gateway gateway =
        new V201Gateway(
            new SessionHolder(),
            codec,
            new StationIdentity("Kilowire", "KW-test", "SN-1", "1.0"),
            measurands);
    Transaction tx =
        new Transaction(
            "tx-1", 1, 1, "TAG", "ISO14443", T0, 1234.5, null, 0, null, false, true, FULL);

    assertThat(measurands(gateway.started(tx, FULL))).containsExactly("Power.Active.Import");
    assertThat(
            measurands(
                gateway.updated(
                    tx, List.of(FULL), io.kilowire.core.transaction.UpdateTrigger.PERIODIC)))
        .containsExactly("Current.Offered");
    assertThat(
            measurands(
                gateway.updated(
                    tx, List.of(FULL), io.kilowire.core.transaction.UpdateTrigger.CLOCK)))
        .containsExactly("Voltage", "Voltage", "Voltage");
    assertThat(measurands(gateway.ended(tx, FULL, StopReason.LOCAL, null))).containsExactly("SoC");
  }

  private List<String> measurands(QueuedMessage message) {
    TransactionEventRequest event =
        codec.decodePayload(
            codec.parsePayload(message.payloadJson()), TransactionEventRequest.class);
    return event.meterValue().stream()
        .flatMap(v -> v.sampledValue().stream())
        .map(s -> s.measurand() == null ? "" : s.measurand().value())
        .toList();
  }
}
