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
 * Ride-through and trip timing at the outputs, in virtual time: a must-trip curve trips only after
 * the grid stayed beyond a level for that level's time, a shorter dip is ridden through without an
 * alarm; momentary cessation stops the exchange at once and gives it back at once; a may-trip curve
 * is taken and changes nothing; a type the station cannot execute is NotSupported with the reason.
 */
@DisplayName("2.1 DER ride-through and trip timing at the outputs")
class DerRideThroughScenarioTest {
  private static StationScenario charging() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    sc.hardware.grid(GridState.of(50.0, 100));
    sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    return sc;
  }

  private static JsonNode set(StationScenario sc, String id, String type, String points) {
    return sc.command(
        "SetDERControl",
        "{\"isDefault\":true,\"controlId\":\""
            + id
            + "\",\"controlType\":\""
            + type
            + "\",\"curve\":{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":["
            + points
            + "]}}");
  }

  private static void accepted(JsonNode answer) {
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
  }

  private static void voltage(StationScenario sc, double pct) {
    sc.hardware.grid(GridState.of(50.0, pct));
  }

  private static void advance(StationScenario sc, long millis) {
    sc.advance(Duration.ofMillis(millis));
  }

  private static List<JsonNode> alarms(StationScenario sc) {
    sc.settle();
    return alarmsSoFar(sc);
  }

  private static List<JsonNode> alarmsSoFar(StationScenario sc) {
    return DerControlScenarioTest.sent(sc, "NotifyDERAlarm");
  }

  /** Under-voltage: below 45 % within 0.16 s, below 70 % within 2 s. */
  private static final String LV_CURVE = "{\"x\":0.16,\"y\":45},{\"x\":2,\"y\":70}";

  @Test
  @DisplayName("below 70 % the station keeps charging for 2 s, then trips with NotifyDERAlarm")
  void tripsAfterTheCurvesTime() {
    StationScenario sc = charging();
    accepted(set(sc, "lv", "LVMustTrip", LV_CURVE));
    Instant dip = sc.clock.now();
    voltage(sc, 65);
    advance(sc, 1000); // read within this second: beyond 70 % since the reading before
    assertThat(sc.hardware.offeredCurrent(1)).as("riding through").isEqualTo(32);
    assertThat(alarmsSoFar(sc)).isEmpty();
    advance(sc, 1000);
    assertThat(sc.hardware.offeredCurrent(1)).as("tripped").isZero();
    List<JsonNode> alarms = alarms(sc);
    assertThat(alarms).hasSize(1);
    assertThat(alarms.get(0).path("controlType").asText()).isEqualTo("LVMustTrip");
    assertThat(alarms.get(0).path("gridEventFault").asText()).isEqualTo("UnderVoltage");
    // 2 s after the last reading that saw the grid inside, up to a second before the dip.
    assertThat(Instant.parse(alarms.get(0).path("timestamp").asText()))
        .isAfter(dip.plusSeconds(1))
        .isBeforeOrEqualTo(dip.plusSeconds(2));
  }

  @Test
  @DisplayName("a deeper dip trips within its shorter time, between two readings")
  void deeperDipTripsSooner() {
    StationScenario sc = charging();
    accepted(set(sc, "lv", "LVMustTrip", LV_CURVE));
    voltage(sc, 40);
    advance(sc, 1000); // the next reading: beyond 45 % since the one before, over 0.16 s ago
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    assertThat(alarms(sc)).hasSize(1);
  }

  @Test
  @DisplayName("a dip shorter than the curve's time is ridden through: no trip, no alarm")
  void shortDipRiddenThrough() {
    StationScenario sc = charging();
    accepted(set(sc, "lv", "LVMustTrip", LV_CURVE));
    voltage(sc, 65);
    advance(sc, 1000); // one reading beyond 70 %, less than 2 s after the last inside
    voltage(sc, 100);
    advance(sc, 5000);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
    assertThat(sc.hardware.outputs()).noneMatch(o -> o.equals("current 1 0.0"));
    assertThat(alarms(sc)).isEmpty();
  }

  @Test
  @DisplayName("momentary cessation: nothing while below the curve, all back at once after")
  void momentaryCessation() {
    StationScenario sc = charging();
    accepted(set(sc, "lmc", "LVMomCess", "{\"x\":1,\"y\":50}"));
    accepted(
        sc.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"es\",\"controlType\":\"EnterService\","
                + "\"enterService\":{\"priority\":0,\"highVoltage\":110,\"lowVoltage\":90,"
                + "\"highFreq\":50.1,\"lowFreq\":49.9,\"delay\":300}}"));
    voltage(sc, 40);
    advance(sc, 1000);
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    List<JsonNode> alarms = alarms(sc);
    assertThat(alarms).hasSize(1);
    assertThat(alarms.get(0).path("controlType").asText()).isEqualTo("LVMomCess");
    assertThat(alarms.get(0).path("gridEventFault").asText()).isEqualTo("UnderVoltage");

    voltage(sc, 100);
    advance(sc, 1000);
    assertThat(sc.hardware.offeredCurrent(1)).as("no EnterService delay").isEqualTo(32);
    assertThat(alarms(sc)).hasSize(2);
    assertThat(alarms(sc).get(1).path("alarmEnded").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("a may-trip curve is taken and the station rides through")
  void mayTripRidesThrough() {
    StationScenario sc = charging();
    accepted(set(sc, "hvm", "HVMayTrip", "{\"x\":0,\"y\":105}"));
    voltage(sc, 112);
    advance(sc, 10_000);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
    assertThat(alarms(sc)).isEmpty();
  }

  @Test
  @DisplayName("PowerMonitoringMustTrip is NotSupported, and the reason says why")
  void powerMonitoringNotSupported() {
    StationScenario sc = charging();
    JsonNode answer = set(sc, "pm", "PowerMonitoringMustTrip", "{\"x\":1,\"y\":100}");
    assertThat(answer.path("status").asText()).isEqualTo("NotSupported");
    assertThat(answer.at("/statusInfo/additionalInfo").asText())
        .contains("does not trip on its discharge power")
        .contains("LimitMaxDischarge");
  }

  @Test
  @DisplayName("a LimitMaxDischarge whose only content is a power-monitoring curve: NotSupported")
  void aPowerMonitoringCurveWithoutItsThresholdIsNotSupported() {
    StationScenario sc = charging();
    String trip =
        "\"powerMonitoringMustTrip\":{\"priority\":0,\"yUnit\":\"PctMaxW\","
            + "\"curveData\":[{\"x\":1,\"y\":100}]}";
    JsonNode alone =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"lmd\",\"controlType\":\"LimitMaxDischarge\","
                + "\"limitMaxDischarge\":{\"priority\":0,"
                + trip
                + "}}");
    assertThat(alone.path("status").asText()).isEqualTo("NotSupported");
    assertThat(alone.at("/statusInfo/reasonCode").asText()).isEqualTo("UnsupportedParam");
    assertThat(alone.at("/statusInfo/additionalInfo").asText())
        .contains("limitMaxDischarge.powerMonitoringMustTrip")
        .contains("pctMaxDischargePower");
    assertThat(sc.station().der().all()).isEmpty();

    // With its threshold the curve never becomes active: discharge is held under it.
    JsonNode withThreshold =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"lmd\",\"controlType\":\"LimitMaxDischarge\","
                + "\"limitMaxDischarge\":{\"priority\":0,\"pctMaxDischargePower\":50,"
                + trip
                + "}}");
    assertThat(withThreshold.path("status").asText()).isEqualTo("Accepted");
  }
}
