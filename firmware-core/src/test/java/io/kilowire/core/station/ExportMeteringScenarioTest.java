package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.ReceivedSamples;
import io.kilowire.core.testing.ReceivedSamples.Sample;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the CSMS is told while an EV feeds energy back: the export register counts what went out,
 * the import register stands still, import power is never negative and the flow back is reported as
 * Power.Active.Export, import current per phase is never negative and the current flowing back is
 * Current.Export per phase, each where the configured measurands ask for it.
 */
@DisplayName("Meter values while an EV feeds energy back")
class ExportMeteringScenarioTest {
  private static final List<String> WANTED =
      List.of(
          "Energy.Active.Import.Register",
          "Energy.Active.Export.Register",
          "Power.Active.Import",
          "Power.Active.Export",
          "Current.Import",
          "Current.Export");

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
    assertThat(ReceivedSamples.of(sc.csms.calls(), "Current.Export"))
        .as("charging: no current flows back")
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.value()).isZero());

    sc.hardware.draw(1, -10); // the EV feeds back 10 A on three phases: 6900 W
    int from = sc.csms.calls().size();
    sc.advance(Duration.ofMinutes(10));

    List<Sample> discharging =
        ReceivedSamples.all(sc.csms.calls().subList(from, sc.csms.calls().size()));
    assertThat(discharging).as("samples while discharging").isNotEmpty();
    assertThat(discharging)
        .filteredOn(s -> s.measurand().equals("Power.Active.Import"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.value()).as("import power").isZero());
    assertThat(discharging)
        .filteredOn(s -> s.measurand().equals("Power.Active.Export"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.value()).as("export power").isEqualTo(6900.0));
    // Per phase, as Current.Import is: 10 A back on each of L1, L2 and L3, none drawn.
    assertThat(discharging)
        .filteredOn(s -> s.measurand().equals("Current.Import"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.value()).as("import current").isZero());
    assertThat(discharging)
        .filteredOn(s -> s.measurand().equals("Current.Export"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.value()).as("export current").isEqualTo(10.0))
        .extracting(Sample::phase)
        .containsOnly("L1", "L2", "L3")
        .contains("L1", "L2", "L3");
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
    List<Sample> all = ReceivedSamples.of(sc.csms.calls(), measurand);
    assertThat(all).as(measurand + " samples").isNotEmpty();
    return all.get(all.size() - 1).value();
  }
}
