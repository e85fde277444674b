package io.kilowire.emulator.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.loadmanagement.AllocationMode;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.emulator.site.SiteFileParser.SiteFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteFileParserTest {
  private static final String YAML =
      """
      name: small
      start: "2026-03-02T00:00:00Z"
      gridLimitA: 63
      marginA: 3
      mode: static
      staticBudgetA: 40
      demandCapKw: 30
      demandWindow: 15m
      step: 2s
      evResponseDelay: 3s
      building:
        series:
          - {t: "08:00", a: [20, 18, 22]}
          - {t: "18:00", a: 5}
      evses:
        - {station: 1, evse: 1, wiring: L2L3L1, hardwareMaxA: 32, cableMaxA: 20, priority: 2}
        - {station: 2, wiring: L3}
      arrivals:
        - {at: "07:45", station: 1, evse: 1, batteryKwh: 50, soc: 20, energyKwh: 10, maxA: 16,
           phases: 3, departure: "17:00"}
        - {at: "22:00", station: 2, batteryKwh: 40, soc: 60, targetSoc: 90, maxA: 16, phases: 1,
           departure: "06:30"}
      demandResponse:
        - {from: "17:00", until: "19:00", limitKw: 11}
      """;

  private static SiteFile yaml(String text) {
    return SiteFileParser.parse(text, true, "test.yaml");
  }

  private static SiteFile json(String text) {
    return SiteFileParser.parse(text, false, "test.json");
  }

  @Test
  void aYamlSiteBecomesTheCoreSiteConfigAndTheEmulatorParts() {
    SiteFile site = yaml(YAML);

    assertThat(site.name()).isEqualTo("small");
    assertThat(site.start()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(site.step()).isEqualTo(Duration.ofSeconds(2));
    assertThat(site.config().gridLimitA()).isEqualTo(63);
    assertThat(site.config().safetyMarginA()).isEqualTo(3);
    assertThat(site.config().mode()).isEqualTo(AllocationMode.STATIC);
    assertThat(site.config().staticBudgetA()).isEqualTo(40);
    assertThat(site.config().demandCapKw()).isEqualTo(30);
    assertThat(site.config().demandWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(site.stations()).isEqualTo(2);
    assertThat(site.evsesPerStation()).isEqualTo(1);

    SiteFile.Evse first = site.evses().get(0);
    assertThat(first.slot().id()).isEqualTo("1/1");
    assertThat(first.slot().wiring()).containsExactly(Phase.L2, Phase.L3, Phase.L1);
    assertThat(first.slot().maxA()).isEqualTo(20);
    assertThat(first.slot().priority()).isEqualTo(2);
    assertThat(site.evses().get(1).slot().wiring()).containsExactly(Phase.L3);
    assertThat(site.evses().get(1).slot().hardwareMaxA()).isEqualTo(32);

    SiteFile.Arrival a = site.arrivals().get(0);
    assertThat(a.at()).isEqualTo(LocalTime.of(7, 45));
    assertThat(a.departure()).isEqualTo(LocalTime.of(17, 0));
    assertThat(a.ev().batteryWh()).isEqualTo(50_000);
    assertThat(a.ev().targetSocPercent()).isCloseTo(40, within(1e-9)); // 20 % + 10 of 50 kWh
    assertThat(a.ev().responseDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(site.arrivals().get(1).ev().targetSocPercent()).isEqualTo(90);
    assertThat(site.arrivals().get(1).ev().phases()).isEqualTo(1);

    assertThat(site.building().at(LocalTime.of(7, 0))).isEqualTo(PhaseCurrents.all(5));
    assertThat(site.building().at(LocalTime.of(8, 0))).isEqualTo(new PhaseCurrents(20, 18, 22));
    assertThat(site.building().at(LocalTime.of(23, 0))).isEqualTo(PhaseCurrents.all(5));
    assertThat(site.demandResponses())
        .containsExactly(
            new SiteFile.DemandResponseWindow(LocalTime.of(17, 0), LocalTime.of(19, 0), 11));
  }

  @Test
  void jsonWithANamedProfileAndDefaults() {
    SiteFile site =
        json(
            """
            {"gridLimitA": 100, "building": {"profile": "residential", "peakA": [80, 70, 75]},
             "evses": [{"station": 3}]}
            """);

    assertThat(site.name()).isEqualTo("test.json");
    assertThat(site.start()).isNull();
    assertThat(site.config().mode()).isEqualTo(AllocationMode.DYNAMIC);
    assertThat(site.step()).isEqualTo(Duration.ofSeconds(1));
    assertThat(site.evses().get(0).slot().wiring()).containsExactly(Phase.L1, Phase.L2, Phase.L3);
    assertThat(site.stations()).isEqualTo(3);
    PhaseCurrents evening = site.building().at(LocalTime.of(19, 0));
    PhaseCurrents night = site.building().at(LocalTime.of(3, 0));
    assertThat(evening).isEqualTo(new PhaseCurrents(80, 70, 75));
    assertThat(night.l1()).isLessThan(evening.l1() / 2);
    // no stale-meter budget given: what the building's evening peak leaves of the fuse
    assertThat(site.config().meterFallbackBudgetA()).isEqualTo(20.0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"workplace.yaml", "depot.yaml", "apartments.yaml", "demo.json"})
  void theExampleScenariosParse(String file) {
    SiteFile site = SiteFileParser.read(Path.of("scenarios", file));

    assertThat(site.evses()).isNotEmpty();
    assertThat(site.arrivals()).isNotEmpty();
  }

  @Test
  void theExampleScenariosHaveTheAdvertisedSizes() {
    assertThat(SiteFileParser.read(Path.of("scenarios/workplace.yaml")).evses()).hasSize(10);
    assertThat(SiteFileParser.read(Path.of("scenarios/depot.yaml")).arrivals()).hasSize(20);
    assertThat(SiteFileParser.read(Path.of("scenarios/apartments.yaml")).evses()).hasSize(30);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"evses\": [{\"station\": 1}]}" + "|gridLimitA: required",
        "{\"gridLimitA\": -5, \"evses\": [{\"station\": 1}]}"
            + "|gridLimitA: expected a number above 0",
        "{\"gridLimitA\": \"lots\", \"evses\": [{\"station\": 1}]}"
            + "|gridLimitA: expected a number",
        "{\"gridLimitA\": 40, \"evses\": []}" + "|evses: expected at least one entry",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}, {\"station\": 2}, {\"station\": 3},"
            + " {\"station\": 4, \"wiring\": \"L1L2\"}]}"
            + "|evses[3].wiring: expected 1 or 3 phases like \"L1\" or \"L2L3L1\"",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1, \"wiring\": \"L1L1L2\"}]}"
            + "|evses[0].wiring: expected 1 or 3 phases",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}, {\"station\": 1}]}"
            + "|evses[1]: station 1 EVSE 1 is listed twice",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 0}]}"
            + "|evses[0].station: expected a whole number from 1",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1, \"colour\": \"red\"}]}"
            + "|evses[0].colour: unknown field",
        "{\"gridLimitA\": 40, \"mode\": \"smart\", \"evses\": [{\"station\": 1}]}"
            + "|mode: expected static or dynamic",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}],"
            + " \"building\": {\"profile\": \"castle\", \"peakA\": 10}}"
            + "|building.profile: expected office, residential, depot or flat",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}], \"building\": {\"peakA\": 10}}"
            + "|building: expected either profile (with peakA) or series",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}],"
            + " \"building\": {\"series\": [{\"t\": \"25:00\", \"a\": 3}]}}"
            + "|building.series[0].t: expected a time of day",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}],"
            + " \"building\": {\"series\": [{\"t\": \"08:00\", \"a\": [1, 2]}]}}"
            + "|building.series[0].a: expected one number or three",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}], \"evResponseDelay\": \"9s\"}"
            + "|evResponseDelay: an EV answers the pilot within 5 s",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}], \"step\": \"soon\"}"
            + "|step: expected a duration",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}], \"arrivals\": [{\"at\": \"08:00\","
            + " \"station\": 2, \"batteryKwh\": 50, \"soc\": 20, \"maxA\": 16, \"departure\":"
            + " \"17:00\"}]}"
            + "|arrivals[0]: station 2 EVSE 1 is not in evses",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}], \"arrivals\": [{\"at\": \"08:00\","
            + " \"station\": 1, \"batteryKwh\": 50, \"soc\": 120, \"maxA\": 16, \"departure\":"
            + " \"17:00\"}]}"
            + "|arrivals[0].soc: expected a number from 0 to 100, not 120",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}], \"arrivals\": [{\"at\": \"08:00\","
            + " \"station\": 1, \"batteryKwh\": 50, \"soc\": 20, \"maxA\": 16}]}"
            + "|arrivals[0].departure: required",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}], \"arrivals\": [{\"at\": \"08:00\","
            + " \"station\": 1, \"batteryKwh\": 50, \"soc\": 20, \"targetSoc\": 80, \"energyKwh\":"
            + " 5, \"maxA\": 16, \"departure\": \"17:00\"}]}"
            + "|arrivals[0].energyKwh: give targetSoc or energyKwh, not both",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1}], \"arrivals\": [{\"at\": \"08:00\","
            + " \"station\": 1, \"batteryKwh\": 50, \"soc\": 20, \"maxA\": 16, \"phases\": 4,"
            + " \"departure\": \"17:00\"}]}"
            + "|arrivals[0].phases: expected a whole number from 1 to 3",
        "{\"gridLimitA\": 40, \"circuits\": [{\"id\": \"a\", \"parent\": \"b\", \"limitA\": 10},"
            + " {\"id\": \"b\", \"parent\": \"a\", \"limitA\": 10}], \"evses\": [{\"station\": 1}]}"
            + "|circuits: cycle",
        "{\"gridLimitA\": 40, \"evses\": [{\"station\": 1, \"circuit\": \"garage\"}]}"
            + "|evses[0].circuit: no circuit 'garage' in circuits",
        "[1, 2]|the site must be an object",
        "{\"gridLimitA\": 40,|not valid JSON",
      })
  void aBadSiteIsRefusedWithAMessageNamingTheField(String json, String message) {
    assertThatThrownBy(() -> json(json))
        .isInstanceOf(SiteFileException.class)
        .hasMessageContaining(message);
  }

  @Test
  void badYamlNamesTheField() {
    assertThatThrownBy(
            () ->
                yaml(
                    """
                    gridLimitA: 40
                    evses:
                      - {station: 1, wiring: L4}
                    """))
        .hasMessage("evses[0].wiring: expected 1 or 3 phases like \"L1\" or \"L2L3L1\"");
    assertThatThrownBy(() -> yaml("gridLimitA: [40\n")).hasMessageStartingWith("not valid YAML");
  }

  @Test
  void theReadmeExampleParses() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Simulating a site");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = readme.substring(start, readme.indexOf("```", start));

    SiteFile site = yaml(example);

    assertThat(site.config().circuits()).hasSize(1);
    assertThat(site.config().gridLimitKw()).isEqualTo(60);
    assertThat(site.evses().get(0).slot().circuit()).isEqualTo("garage");
    assertThat(site.arrivals()).hasSize(2);
    assertThat(site.demandResponses()).hasSize(1);
  }

  @Test
  void theBalancersTimingCanBeSet() {
    SiteFile site =
        yaml(
            """
            gridLimitA: 40
            meterFallbackBudgetA: 10
            meterStaleAfter: 30s
            rampInterval: 10s
            rampStepA: 4
            rotationPeriod: 5m
            evses: [{station: 1}]
            """);

    assertThat(site.config().meterStaleAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(site.config().rampInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(site.config().rampStepA()).isEqualTo(4);
    assertThat(site.config().rotationPeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> yaml("gridLimitA: 40\nrampStepA: -1\nevses: [{station: 1}]\n"))
        .hasMessageStartingWith("rampStepA:");
  }

  @Test
  void unknownTopLevelFieldsAreRefused() {
    assertThatThrownBy(() -> yaml("gridLimit: 40\nevses: [{station: 1}]\n"))
        .hasMessageStartingWith("gridLimit: unknown field");
  }
}
