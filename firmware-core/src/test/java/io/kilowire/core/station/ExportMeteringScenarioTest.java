package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.testing.ScriptedCsms.Call;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the CSMS is told while an EV feeds energy back: the export register counts what went out,
 * the import register stands still, import power is never negative and the flow back is reported as
 * Power.Active.Export, each where the configured measurands ask for it.
 */
@DisplayName("Meter values while an EV feeds energy back")
class ExportMeteringScenarioTest {
  private static final List<String> WANTED =
      List.of(
          "Energy.Active.Import.Register",
          "Energy.Active.Export.Register",
          "Power.Active.Import",
          "Power.Active.Export");

  /** One measurand's sample as the CSMS received it. */
  private record Sample(String measurand, double value) {}

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201", "V21"})
  void theExportRegisterRisesAndImportPowerStaysAtZero(OcppVersion version) {
    StationScenario sc =
        new StationScenario(
            version,
            1,
            StationParameters.Fixed.defaults().withMeterSampleInterval(Duration.ofSeconds(60)));
    sc.measurands(new MeterMeasurands(() -> WANTED, List::of)).startOnline();
    sc.startCharging(1, TOKEN, 16);
    sc.advance(Duration.ofSeconds(60));
    double exportedBefore = last(sc, "Energy.Active.Export.Register");
    assertThat(last(sc, "Power.Active.Export")).as("charging: nothing flows back").isZero();
    assertThat(last(sc, "Power.Active.Import")).isEqualTo(16 * 230 * 3);

    sc.hardware.draw(1, -10); // the EV feeds back 10 A on three phases: 6900 W
    int from = sc.csms.calls().size();
    sc.advance(Duration.ofMinutes(10));

    List<Sample> discharging = samples(sc.csms.calls().subList(from, sc.csms.calls().size()));
    assertThat(discharging).as("samples while discharging").isNotEmpty();
    assertThat(discharging)
        .filteredOn(s -> s.measurand().equals("Power.Active.Import"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.value()).as("import power").isZero());
    assertThat(discharging)
        .filteredOn(s -> s.measurand().equals("Power.Active.Export"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.value()).as("export power").isEqualTo(6900.0));
    double exported = last(sc, "Energy.Active.Export.Register");
    // 6900 W for 10 minutes is 1150 Wh; the last sample may be up to a minute short of that.
    assertThat(exported - exportedBefore).isBetween(1150.0 - 116, 1150.0 + 1);
    assertThat(
            discharging.stream()
                .filter(s -> s.measurand().equals("Energy.Active.Import.Register"))
                .map(Sample::value)
                .distinct())
        .as("the import register does not move while energy flows back")
        .hasSize(1);
  }

  private static double last(StationScenario sc, String measurand) {
    List<Sample> all =
        samples(sc.csms.calls()).stream().filter(s -> s.measurand().equals(measurand)).toList();
    assertThat(all).as(measurand + " samples").isNotEmpty();
    return all.get(all.size() - 1).value();
  }

  /** Every sample of these calls' meter values, in order. */
  private static List<Sample> samples(List<Call> calls) {
    List<Sample> samples = new ArrayList<>();
    for (Call call : calls) {
      OcppMessage r = call.request();
      if (r instanceof io.kilowire.core.ocpp.v16.MeterValuesRequest values) {
        values.meterValue().stream()
            .flatMap(v -> v.sampledValue().stream())
            .filter(s -> s.measurand() != null)
            .forEach(
                s -> samples.add(new Sample(s.measurand().value(), Double.parseDouble(s.value()))));
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
          .forEach(s -> samples.add(new Sample(s.measurand().value(), s.value().doubleValue())));
    }
    return samples;
  }
}
