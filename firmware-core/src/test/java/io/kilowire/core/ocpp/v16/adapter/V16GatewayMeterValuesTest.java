package io.kilowire.core.ocpp.v16.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.ocpp.v16.Measurand;
import io.kilowire.core.ocpp.v16.MeterValue;
import io.kilowire.core.ocpp.v16.ReadingContext;
import io.kilowire.core.ocpp.v16.SampledValue;
import io.kilowire.core.ocpp.v16.UnitOfMeasure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a 1.6 MeterValue carries: every measurand the configuration admits, and nothing else. */
class V16GatewayMeterValuesTest {
  /**
   * Everything a reading can hold: an EV that reports its SoC, a limit in force, a meter that
   * counts exported energy and reads reactive power.
   */
  private static final MeterReading FULL =
      new MeterReading(
          Instant.parse("2026-01-01T00:00:00Z"),
          1234.5,
          11_040,
          new PerPhase(16, 16, 16),
          new PerPhase(230, 230, 230),
          55,
          16.0,
          321.0,
          -2760.0);

  static List<String> admitted() {
    return V16Keys.METER_VALUES_SAMPLED_DATA.type().allowedValues();
  }

  @ParameterizedTest
  @MethodSource("admitted")
  void everyMeasurandTheKeysAdmitIsSent(String measurand) {
    MeterValue value =
        V16Gateway.meterValue(FULL, ReadingContext.SAMPLE_PERIODIC, List.of(measurand));
    assertThat(value.sampledValue())
        .extracting(s -> s.measurand() == null ? null : s.measurand().value())
        .containsOnly(measurand);
  }

  @Test
  void bothMeasurandKeysAdmitTheSameMeasurands() {
    assertThat(V16Keys.METER_VALUES_ALIGNED_DATA.type().allowedValues())
        .containsExactlyElementsOf(admitted());
  }

  @Test
  void currentOfferedIsTheOfferInAmpsWithoutAPhaseAsItHoldsOnEachPhase() {
    SampledValue offered =
        V16Gateway.meterValue(
                FULL, ReadingContext.SAMPLE_CLOCK, List.of(Measurand.CURRENT_OFFERED.value()))
            .sampledValue()
            .get(0);
    assertThat(offered.value()).isEqualTo("16.0");
    assertThat(offered.unit()).isEqualTo(UnitOfMeasure.A);
    assertThat(offered.phase()).isNull();
    assertThat(offered.context()).isEqualTo(ReadingContext.SAMPLE_CLOCK);
  }

  @Test
  void aReadingWithoutAnOfferHasNoCurrentOffered() {
    MeterValue value =
        V16Gateway.meterValue(
            FULL.withOfferedCurrent(null), ReadingContext.SAMPLE_PERIODIC, List.of());
    assertThat(value.sampledValue()).noneMatch(s -> s.measurand() == Measurand.CURRENT_OFFERED);
  }

  /**
   * Values keep the text they always had (Formatter's {@code %.1f}: one decimal, half up on the
   * shortest decimal form of the double), now written without a Formatter per sample.
   */
  @Test
  void aValueIsWrittenWithOneDecimalAsFormatterWritesIt() {
    java.util.Random random = new java.util.Random(12);
    List<Double> values =
        new java.util.ArrayList<>(
            List.of(
                0.0,
                -0.0,
                0.05,
                0.15,
                0.25,
                0.95,
                9.95,
                1234.45,
                -0.04,
                -0.05,
                -2.25,
                230.0,
                16.0,
                1e7,
                123456789.123,
                Double.MIN_VALUE,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
    for (int i = 0; i < 20_000; i++) {
      values.add((random.nextDouble() - 0.2) * Math.pow(10, random.nextInt(7)));
      values.add(Math.round(random.nextDouble() * 100_000) / 100.0);
    }
    for (double value : values) {
      assertThat(V16Gateway.format(value))
          .as("%s", value)
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", value));
    }
  }
}
