package io.kilowire.emulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParserTest {
  @Test
  void stepsReadWithTheirTriggersStationsAndArguments() {
    Scenario s =
        ScenarioParser.parse(
            """
            name: demo
            steps:
              - on: BootAccepted
              - at: 2m
                do: plug
                stations: [A, B]
                evse: 2
                with: {model: suv}
              - after: 5s
                expect: {call: RemoteStartTransaction, payload: {idTag: T1}}
                within: 20s
              - do: send
                station: A
                with: {action: DataTransfer, payload: {vendorId: x}}
            """,
            true,
            "file");

    assertThat(s.name()).isEqualTo("demo");
    assertThat(s.steps()).hasSize(4);
    assertThat(s.steps().get(0).trigger())
        .isEqualTo(
            new Scenario.Trigger.On(
                new EventMatch.Registration("Accepted"), ScenarioParser.DEFAULT_WITHIN));
    Scenario.Step plug = s.steps().get(1);
    assertThat(plug.trigger()).isEqualTo(new Scenario.Trigger.At(Duration.ofMinutes(2)));
    assertThat(plug.stations()).containsExactly("A", "B");
    assertThat(plug.arguments().path("evse").asInt()).isEqualTo(2);
    assertThat(plug.arguments().path("model").asText()).isEqualTo("suv");
    Scenario.Step expect = s.steps().get(2);
    assertThat(expect.within()).isEqualTo(Duration.ofSeconds(20));
    assertThat(expect.label()).isEqualTo("expect RemoteStartTransaction from the CSMS");
    assertThat(s.steps().get(3).stations()).containsExactly("A");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "steps: []|steps: expected at least one entry",
        "steps: [{do: plugg, evse: 1}]|steps[0].do: unknown operation 'plugg'",
        "steps: [{do: plug}]|steps[0].evse: required",
        "steps: [{do: stop, evse: 1}]|steps[0].evse: stop acts on a station, not an EVSE",
        "steps: [{at: 1s, after: 2s, do: stop}]|steps[0]: one of at, after and on at most",
        "steps: [{do: stop, expect: BootAccepted}]|steps[0]: either do or expect, not both",
        "steps: [{after: 5s}]|steps[0]: a step does something",
        "steps: [{on: Booted}]|steps[0].on: one of BootAccepted",
        "steps: [{expect: {call: X, status: Charging}}]|steps[0].expect: exactly one of call",
        "steps: [{expect: {call: X, from: nobody}}]|steps[0].expect.from: csms or station",
        "steps: [{expect: {transaction: paused}}]|steps[0].expect.transaction: started or ended",
        "steps: [{do: send}]|steps[0]: with.action: required",
        "steps: [{do: stop, within: soon}]|steps[0].within: expected a duration",
        "steps: [{do: stop, colour: red}]|steps[0].colour: unknown field",
      })
  void aBadScenarioIsRefusedNamingTheField(String yaml, String message) {
    assertThatThrownBy(() -> ScenarioParser.parse(yaml, true, "s"))
        .isInstanceOf(ScenarioParser.ScenarioException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aPayloadMatchesWhenItHoldsTheGivenFieldsWhateverTheirJsonType() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var actual =
        json.readTree("{\"connectorId\":1,\"idTag\":\"T1\",\"chargingProfile\":{\"id\":3}}");

    assertThat(EventMatch.contains(actual, json.readTree("{\"idTag\":\"T1\"}"))).isTrue();
    assertThat(EventMatch.contains(actual, json.readTree("{\"connectorId\":\"1\"}"))).isTrue();
    assertThat(EventMatch.contains(actual, json.readTree("{\"chargingProfile\":{\"id\":3}}")))
        .isTrue();
    assertThat(EventMatch.contains(actual, json.readTree("{\"idTag\":\"T2\"}"))).isFalse();
    assertThat(EventMatch.contains(actual, json.readTree("{\"evseId\":1}"))).isFalse();
  }
}
