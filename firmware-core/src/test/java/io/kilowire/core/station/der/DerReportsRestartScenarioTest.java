package io.kilowire.core.station.der;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.der.GridState;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DER alarms and control starts/stops that have not reached the CSMS survive a power loss: raised
 * while the CSMS is unreachable, they are kept in the station's store and go out after the restart,
 * in order, with the time they happened; once delivered, a later restart does not send them again.
 */
@DisplayName("2.1 DER reports kept across a restart")
class DerReportsRestartScenarioTest {

  private static List<JsonNode> sent(StationScenario sc, String action) {
    return DerControlScenarioTest.sent(sc, action);
  }

  @Test
  @DisplayName("an alarm and its end raised offline reach the CSMS after a power loss and restart")
  void alarmsSurviveARestart() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    sc.hardware.grid(GridState.of(50.0, 100));
    sc.startOnline();
    JsonNode set =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"lf\",\"controlType\":\"LFMustTrip\",\"curve\":"
                + "{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
                + "[{\"x\":0,\"y\":49.0}]}}");
    assertThat(set.path("status").asText()).isEqualTo("Accepted");
    Instant scheduledStart = sc.clock.now().plusSeconds(5);
    JsonNode scheduled =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":false,\"controlId\":\"peak\",\"controlType\":\"LimitMaxDischarge\","
                + "\"limitMaxDischarge\":{\"priority\":0,\"pctMaxDischargePower\":10,"
                + "\"startTime\":\""
                + scheduledStart
                + "\",\"duration\":600}}");
    assertThat(scheduled.path("status").asText()).isEqualTo("Accepted");
    sc.drop();

    Instant dip = sc.clock.now();
    sc.hardware.grid(GridState.of(48.8, 100));
    sc.advance(Duration.ofSeconds(10)); // tripped; the scheduled control started
    sc.hardware.grid(GridState.of(50.0, 100));
    sc.advance(Duration.ofSeconds(2)); // the trip ended
    assertThat(sent(sc, "NotifyDERAlarm")).isEmpty();

    sc.restartOnline();
    sc.advance(Duration.ofSeconds(5));
    List<JsonNode> alarms = sent(sc, "NotifyDERAlarm");
    assertThat(alarms).hasSize(2);
    assertThat(alarms.get(0).path("gridEventFault").asText()).isEqualTo("UnderFrequency");
    assertThat(alarms.get(0).has("alarmEnded")).isFalse();
    assertThat(Instant.parse(alarms.get(0).path("timestamp").asText()))
        .as("the time of the trip, before the restart")
        .isAfter(dip)
        .isBeforeOrEqualTo(dip.plusSeconds(1));
    assertThat(alarms.get(1).path("alarmEnded").asBoolean()).isTrue();
    List<JsonNode> starts = sent(sc, "NotifyDERStartStop");
    assertThat(starts).hasSize(1);
    assertThat(starts.get(0).path("controlId").asText()).isEqualTo("peak");
    assertThat(Instant.parse(starts.get(0).path("timestamp").asText())).isEqualTo(scheduledStart);

    sc.restartOnline();
    sc.advance(Duration.ofSeconds(5));
    assertThat(sent(sc, "NotifyDERAlarm")).as("delivered ones are not sent again").hasSize(2);
    assertThat(sent(sc, "NotifyDERStartStop")).hasSize(1);
  }
}
