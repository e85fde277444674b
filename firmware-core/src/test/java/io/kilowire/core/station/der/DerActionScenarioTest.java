package io.kilowire.core.station.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.der.GridState;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A 2.1 station acting on its DER controls, judged at the outputs: what the EVSE offers follows the
 * curves as the grid's frequency moves, never above the station's own limits; discharging is
 * capped; a must-trip condition stops both ways with NotifyDERAlarm until the grid is back inside
 * the EnterService window for its delay; a scheduled control reports its start and stop.
 */
@DisplayName("2.1 DER controls acted on at the outputs")
class DerActionScenarioTest {
  private static StationScenario charging(boolean bidirectional) {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    sc.hardware.grid(GridState.of(50.0, 100));
    sc.startOnline();
    sc.hardware.bidirectional(1, bidirectional);
    sc.hardware.evInBptSession(1, bidirectional);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    return sc;
  }

  private static void grid(StationScenario sc, double hz, double voltPct) {
    sc.hardware.grid(GridState.of(hz, voltPct));
    sc.advance(DerControlRoom.GRID_READ);
  }

  private static JsonNode set(StationScenario sc, String body) {
    JsonNode answer = sc.command("SetDERControl", body);
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    return answer;
  }

  private static List<JsonNode> sent(StationScenario sc, String action) {
    return DerControlScenarioTest.sent(sc, action);
  }

  @Test
  @DisplayName("the current offered falls with the frequency along the FreqWatt curve, and returns")
  void offeredFallsWithTheFrequency() {
    StationScenario sc = charging(false);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
    DerControlScenarioTest.setFreqWatt(sc, "fw", true);

    assertThat(sc.hardware.offeredCurrent(1)).as("50 Hz: the curve allows all").isEqualTo(32);
    grid(sc, 49.9, 100);
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(16, within(1e-9));
    grid(sc, 49.85, 100);
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(8, within(1e-9));
    grid(sc, 49.7, 100);
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    grid(sc, 50.0, 100);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
  }

  @Test
  @DisplayName("a station maximum below the DER bound stays in force: DER only lowers")
  void neverAboveTheStationLimit() {
    StationScenario sc = charging(false);
    JsonNode max =
        sc.command(
            "SetChargingProfile",
            "{\"evseId\":0,\"chargingProfile\":{\"id\":1,\"stackLevel\":0,"
                + "\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
                + "\"startSchedule\":\"2025-12-31T00:00:00Z\",\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":10}]}]}}");
    assertThat(max.path("status").asText()).isEqualTo("Accepted");
    DerControlScenarioTest.setFreqWatt(sc, "fw", true);

    grid(sc, 49.9, 100); // the curve allows 16 A
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
    grid(sc, 49.85, 100); // the curve allows 8 A
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(8, within(1e-9));
  }

  @Test
  @DisplayName("discharging is capped by LimitMaxDischarge and stopped where the curve says draw")
  void dischargeIsCapped() {
    StationScenario sc = charging(true);
    String tx =
        sc.station().openTransactions().stream().map(Transaction::id).findFirst().orElseThrow();
    JsonNode v2g =
        sc.command(
            "SetChargingProfile",
            "{\"evseId\":1,\"chargingProfile\":{\"id\":5,\"stackLevel\":0,"
                + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Absolute\","
                + "\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2025-12-31T00:00:00Z\","
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":32,\"dischargeLimit\":-20,\"operationMode\":\"CentralSetpoint\","
                + "\"setpoint\":-20}]}]}}");
    assertThat(v2g.path("status").asText()).as(v2g.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredDischarge(1)).isCloseTo(20, within(1e-9));

    set(
        sc,
        "{\"isDefault\":true,\"controlId\":\"lm\",\"controlType\":\"LimitMaxDischarge\","
            + "\"limitMaxDischarge\":{\"priority\":0,\"pctMaxDischargePower\":25}}");
    assertThat(sc.hardware.offeredDischarge(1)).as("25 % of 32 A").isCloseTo(8, within(1e-9));
    assertThat(sc.hardware.offeredSetpoint(1)).isGreaterThanOrEqualTo(-8);

    DerControlScenarioTest.setFreqWatt(sc, "fw", true);
    assertThat(sc.hardware.offeredDischarge(1)).as("50 Hz: the curve says draw").isZero();
    grid(sc, 49.65, 100); // the curve asks 25 % fed back; the limit allows 25 %
    assertThat(sc.hardware.offeredDischarge(1)).isCloseTo(8, within(1e-9));
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
  }

  @Test
  @DisplayName("over-frequency trips both ways with NotifyDERAlarm; EnterService holds it out")
  void mustTripAndEnterService() {
    StationScenario sc = charging(false);
    set(
        sc,
        "{\"isDefault\":true,\"controlId\":\"hf\",\"controlType\":\"HFMustTrip\",\"curve\":"
            + "{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
            + "[{\"x\":0.2,\"y\":51.5},{\"x\":10,\"y\":50.5}]}}");
    set(
        sc,
        "{\"isDefault\":true,\"controlId\":\"es\",\"controlType\":\"EnterService\","
            + "\"enterService\":{\"priority\":0,\"highVoltage\":110,\"lowVoltage\":90,"
            + "\"highFreq\":50.1,\"lowFreq\":49.9,\"delay\":30}}");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);

    grid(sc, 50.6, 100);
    assertThat(sc.hardware.offeredCurrent(1)).as("riding through").isEqualTo(32);
    sc.advance(Duration.ofSeconds(10)); // beyond 50.5 Hz for the curve's 10 s
    sc.settle();
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    List<JsonNode> alarms = sent(sc, "NotifyDERAlarm");
    assertThat(alarms).hasSize(1);
    assertThat(alarms.get(0).path("controlType").asText()).isEqualTo("HFMustTrip");
    assertThat(alarms.get(0).path("gridEventFault").asText()).isEqualTo("OverFrequency");
    assertThat(alarms.get(0).has("alarmEnded")).isFalse();

    grid(sc, 50.3, 100); // below the trip level, outside the EnterService window
    sc.settle();
    assertThat(sent(sc, "NotifyDERAlarm")).hasSize(2);
    assertThat(sent(sc, "NotifyDERAlarm").get(1).path("alarmEnded").asBoolean()).isTrue();
    sc.advance(Duration.ofSeconds(60));
    assertThat(sc.hardware.offeredCurrent(1)).as("outside the window").isZero();

    grid(sc, 50.0, 100);
    sc.advance(Duration.ofSeconds(28));
    assertThat(sc.hardware.offeredCurrent(1)).as("inside, before the delay").isZero();
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
  }

  @Test
  @DisplayName("a scheduled control reports its start and its stop")
  void scheduledStartAndStop() {
    StationScenario sc = charging(false);
    Instant start = sc.clock.now().plusSeconds(60);
    set(
        sc,
        "{\"isDefault\":false,\"controlId\":\"peak\",\"controlType\":\"LimitMaxDischarge\","
            + "\"limitMaxDischarge\":{\"priority\":0,\"pctMaxDischargePower\":10,"
            + "\"startTime\":\""
            + start
            + "\",\"duration\":120}}");
    assertThat(sent(sc, "NotifyDERStartStop")).isEmpty();

    sc.advance(Duration.ofSeconds(61));
    List<JsonNode> reports = sent(sc, "NotifyDERStartStop");
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).path("controlId").asText()).isEqualTo("peak");
    assertThat(reports.get(0).path("started").asBoolean()).isTrue();
    assertThat(Instant.parse(reports.get(0).path("timestamp").asText())).isEqualTo(start);

    sc.advance(Duration.ofSeconds(120));
    reports = sent(sc, "NotifyDERStartStop");
    assertThat(reports).hasSize(2);
    assertThat(reports.get(1).path("started").asBoolean()).isFalse();
    assertThat(Instant.parse(reports.get(1).path("timestamp").asText()))
        .isEqualTo(start.plusSeconds(120));
  }

  @Test
  @DisplayName("an alarm raised while the CSMS is unreachable reaches it after the reconnect")
  void alarmsWaitForTheConnection() {
    StationScenario sc = charging(false);
    set(
        sc,
        "{\"isDefault\":true,\"controlId\":\"lf\",\"controlType\":\"LFMustTrip\",\"curve\":"
            + "{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
            + "[{\"x\":0.2,\"y\":47.5},{\"x\":10,\"y\":49.0}]}}");
    sc.drop();

    Instant before = sc.clock.now();
    grid(sc, 47.4, 100); // read within a second, beyond the curve's 0.2 s level
    sc.settle();
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    assertThat(sent(sc, "NotifyDERAlarm")).isEmpty();

    Instant reconnected = sc.clock.now();
    sc.connect();
    sc.advance(Duration.ofSeconds(5));
    List<JsonNode> alarms = sent(sc, "NotifyDERAlarm");
    assertThat(alarms).hasSize(1);
    assertThat(alarms.get(0).path("gridEventFault").asText()).isEqualTo("UnderFrequency");
    // The time of the trip, not of the sending.
    assertThat(Instant.parse(alarms.get(0).path("timestamp").asText()))
        .isAfter(before)
        .isBeforeOrEqualTo(before.plus(DerControlRoom.GRID_READ))
        .isBefore(reconnected);
  }

  @Test
  @DisplayName("DERCtrlr.Enabled false: the controls held rest, a new one is Rejected NotEnabled")
  void disabled() {
    StationScenario sc = charging(false);
    DerControlScenarioTest.setFreqWatt(sc, "fw", true);
    grid(sc, 49.9, 100);
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(16, within(1e-9));

    sc.station().der().enabled(() -> false);
    sc.advance(DerControlRoom.GRID_READ);

    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
    JsonNode refused = DerControlScenarioTest.setFreqWatt(sc, "fw-2", true);
    assertThat(refused.path("status").asText()).isEqualTo("Rejected");
    assertThat(refused.at("/statusInfo/reasonCode").asText()).isEqualTo("NotEnabled");
    assertThat(sc.station().der().all()).hasSize(1);
  }
}
