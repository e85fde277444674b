package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.testing.ScriptedCsms.Call;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random meter readings with fractions of a Wh, before, during and after a transaction
 * (periodic and clock-aligned samples, idle clock-aligned values): every energy register the CSMS
 * receives, in the order it receives them — 1.6 meterStart, MeterValues and meterStop, 2.0.1
 * TransactionEvent and MeterValues — is at least the one before. A CSMS never sees the register run
 * backwards, whatever the rounding of each message. The seed is in the test name and the failure.
 */
class EnergyRegisterPropertyTest {

  static Stream<Arguments> seeds() {
    return Stream.of(OcppVersion.V16, OcppVersion.V201)
        .flatMap(v -> LongStream.rangeClosed(1, 40).mapToObj(seed -> arguments(v, seed)));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seeds")
  void theRegisterTheCsmsSeesNeverRunsBackwards(OcppVersion version, long seed) {
    Random random = new Random(seed);
    StationScenario sc =
        new StationScenario(
            version,
            1,
            StationParameters.Fixed.defaults()
                .withMeterSampleInterval(Duration.ofSeconds(60))
                .withClockAlignedInterval(Duration.ofMinutes(5)));
    sc.startOnline();
    double[] wh = {random.nextInt(100_000) + random.nextDouble()};
    sc.hardware.meterAt(1, wh[0]);
    Runnable step =
        () -> {
          wh[0] += increment(random);
          sc.hardware.meterAt(1, wh[0]);
          sc.advance(Duration.ofSeconds(10 + random.nextInt(110)));
        };
    for (int i = 0; i < 10; i++) {
      step.run(); // idle: clock-aligned values only
    }
    sc.startCharging(1, TOKEN, 0);
    for (int i = 0; i < 30; i++) {
      step.run();
    }
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    for (int i = 0; i < 5; i++) {
      step.run();
    }

    List<Double> seen = registers(sc);
    assertThat(seen)
        .as("seed %d: registers with a transaction in between", seed)
        .hasSizeGreaterThan(10);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i))
          .as("seed %d: register %d of %s", seed, i, seen)
          .isGreaterThanOrEqualTo(seen.get(i - 1));
    }
  }

  /** Mostly fractions of a Wh (where rounding bites), sometimes nothing, sometimes a lot. */
  private static double increment(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextDouble();
      case 2 -> random.nextInt(3) + random.nextDouble();
      default -> random.nextInt(5000) + random.nextDouble();
    };
  }

  /** Every Energy.Active.Import.Register the CSMS received, in the order it received them. */
  private static List<Double> registers(StationScenario sc) {
    List<Double> registers = new ArrayList<>();
    for (Call call : sc.csms.calls()) {
      OcppMessage r = call.request();
      if (r instanceof io.kilowire.core.ocpp.v16.StartTransactionRequest start) {
        registers.add((double) start.meterStart());
      } else if (r instanceof io.kilowire.core.ocpp.v16.StopTransactionRequest stop) {
        registers.add((double) stop.meterStop());
      } else if (r instanceof io.kilowire.core.ocpp.v16.MeterValuesRequest values) {
        values.meterValue().stream()
            .flatMap(v -> v.sampledValue().stream())
            .filter(
                s ->
                    s.measurand()
                        == io.kilowire.core.ocpp.v16.Measurand.ENERGY_ACTIVE_IMPORT_REGISTER)
            .forEach(s -> registers.add(Double.parseDouble(s.value())));
      } else if (r instanceof io.kilowire.core.ocpp.v201.MeterValuesRequest values) {
        registers201(values.meterValue(), registers);
      } else if (r instanceof io.kilowire.core.ocpp.v201.TransactionEventRequest event
          && event.meterValue() != null) {
        registers201(event.meterValue(), registers);
      }
    }
    return registers;
  }

  private static void registers201(
      List<io.kilowire.core.ocpp.v201.MeterValue> values, List<Double> registers) {
    values.stream()
        .flatMap(v -> v.sampledValue().stream())
        .filter(
            s ->
                s.measurand() == io.kilowire.core.ocpp.v201.Measurand.ENERGY_ACTIVE_IMPORT_REGISTER)
        .forEach(s -> registers.add(s.value().doubleValue()));
  }
}
