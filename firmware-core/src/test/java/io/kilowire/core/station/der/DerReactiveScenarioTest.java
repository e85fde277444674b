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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reactive DER controls (VoltVar, FixedVar, FixedPFAbsorb/Inject, WattVar, WattPF) at the
 * station's outputs: the reactive current each output that can exchange reactive power is given,
 * from the grid's voltage and the output's active power; plain outputs get none; a station without
 * such an output, or without a grid sensor for VoltVar, answers NotSupported with the reason. The
 * EVSE's maximum is 32 A, so 1 % of its maximum reactive power is 0.32 A; the HAL takes absorbed
 * (inductive) current positive.
 */
@DisplayName("2.1 reactive DER controls at the station's outputs")
class DerReactiveScenarioTest {

  /**
   * A two-EVSE 2.1 station: EVSE 1 bidirectional with a V2G EV (ISO 15118-20 BPT) drawing {@code
   * amps} per phase, EVSE 2 a plain output with an EV drawing the same.
   */
  private static StationScenario v2gCharging(double amps, boolean gridSensor) {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults());
    if (gridSensor) {
      sc.hardware.grid(GridState.of(50.0, 100));
    }
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, amps);
    sc.startCharging(2, "TOKEN-2", amps);
    return sc;
  }

  private static JsonNode set(StationScenario sc, String id, String type, String setting) {
    return sc.command(
        "SetDERControl",
        "{\"isDefault\":true,\"controlId\":\""
            + id
            + "\",\"controlType\":\""
            + type
            + "\","
            + setting
            + "}");
  }

  /**
   * A default VoltVar: 30 % injected at 92 % of nominal voltage, none from 98 to 102 %, 30 %
   * absorbed at 108 %; {@code extra} adds curve fields (each followed by a comma).
   */
  private static JsonNode voltVar(StationScenario sc, String extra) {
    return set(
        sc,
        "vv",
        "VoltVar",
        "\"curve\":{\"priority\":0,\"yUnit\":\"PctMaxVar\","
            + extra
            + "\"curveData\":[{\"x\":92,\"y\":30},{\"x\":98,\"y\":0},{\"x\":102,\"y\":0},"
            + "{\"x\":108,\"y\":-30}]}");
  }

  private static void accepted(JsonNode answer) {
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
  }

  @Test
  @DisplayName("VoltVar: the V2G output injects at low voltage and absorbs at high, plain ones not")
  void voltVarFollowsTheGridVoltage() {
    StationScenario sc = v2gCharging(16, true);
    accepted(voltVar(sc, ""));
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(0, within(1e-9));

    sc.hardware.grid(GridState.of(50.0, 95));
    sc.advance(Duration.ofSeconds(2));
    // 15 % of the maximum injected: 4.8 A capacitive.
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(-4.8, within(1e-9));
    assertThat(sc.hardware.offeredReactive(2)).isNull();

    sc.hardware.grid(GridState.of(50.0, 105));
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(4.8, within(1e-9));
    // The meter measures it: 4.8 A on three phases at 230 V, 3312 var absorbed.
    assertThat(sc.hardware.read(1).reactiveImportVar()).isCloseTo(3312, within(1e-6));

    sc.command("ClearDERControl", "{\"isDefault\":true,\"controlId\":\"vv\"}");
    assertThat(sc.hardware.offeredReactive(1)).isNull();
  }

  @Test
  @DisplayName("a VoltVar curve's responseTime: 90 % of a step within it, then the target")
  void aResponseTimePacesTheReactiveTarget() {
    StationScenario sc = v2gCharging(16, true);
    accepted(voltVar(sc, "\"responseTime\":10,"));
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(0, within(1e-9));
    List<Double> seen = new ArrayList<>();
    sc.hardware.onOutputChange(
        h -> {
          Double q = h.offeredReactive(1);
          if (q != null) {
            seen.add(q);
          }
        });

    // A step to 15 % injected (-4.8 A): not at once.
    sc.hardware.grid(GridState.of(50.0, 95));
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredReactive(1)).isBetween(-4.32, 0.0);

    // Within the response time (and a reading's interval), at least 90 % of it.
    sc.advance(Duration.ofSeconds(10));
    assertThat(sc.hardware.offeredReactive(1)).isBetween(-4.8, -4.32);

    // Then the target itself, and the steps never overshot it nor turned back.
    sc.advance(Duration.ofSeconds(60));
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(-4.8, within(1e-9));
    assertThat(seen).isNotEmpty().allSatisfy(q -> assertThat(q).isBetween(-4.8, 0.0));
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)).isLessThanOrEqualTo(seen.get(i - 1));
    }
    assertThat(sc.hardware.offeredReactive(2)).isNull();
  }

  @Test
  @DisplayName("a fixed power factor follows the active power the EV draws")
  void aFixedPowerFactorFollowsTheActivePower() {
    StationScenario sc = v2gCharging(16, false);
    accepted(
        set(
            sc,
            "pf",
            "FixedPFAbsorb",
            "\"fixedPFAbsorb\":{\"priority\":0,\"displacement\":0.8,\"excitation\":true}"));
    // Drawing 16 A at cos φ 0.8: 12 A absorbed.
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(12, within(1e-9));

    sc.hardware.draw(1, 8);
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(6, within(1e-9));
    assertThat(sc.hardware.offeredReactive(2)).isNull();
  }

  @Test
  @DisplayName("WattVar and WattPF read the output's active power on their x axis")
  void wattCurvesReadTheActivePower() {
    StationScenario sc = v2gCharging(32, false);
    accepted(
        set(
            sc,
            "wv",
            "WattVar",
            "\"curve\":{\"priority\":1,\"yUnit\":\"PctMaxVar\",\"curveData\":"
                + "[{\"x\":-100,\"y\":-40},{\"x\":-50,\"y\":0}]}"));
    // Drawing the full 32 A: 40 % absorbed, 12.8 A.
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(12.8, within(1e-9));

    // A WattPF of a higher priority takes over: cos φ 0.8 injecting at full draw, 24 A.
    accepted(
        set(
            sc,
            "wpf",
            "WattPF",
            "\"curve\":{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
                + "[{\"x\":-100,\"y\":-0.8},{\"x\":-50,\"y\":-1}]}"));
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(-24, within(1e-9));
  }

  @Test
  @DisplayName(
      "a DER control goes before a profile's setpointReactive; cleared, the profile's is back")
  void aDerControlGoesBeforeAProfilesSetpoint() {
    StationScenario sc = v2gCharging(16, false);
    String tx = sc.station().transaction(1).map(Transaction::id).orElseThrow();
    JsonNode profile =
        sc.command(
            "SetChargingProfile",
            "{\"evseId\":1,\"chargingProfile\":{\"id\":9,\"stackLevel\":1,"
                + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Absolute\","
                + "\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2025-12-31T00:00:00Z\","
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":16,\"setpoint\":10,\"setpointReactive\":-4,"
                + "\"operationMode\":\"CentralSetpoint\"}]}]}}");
    accepted(profile);
    assertThat(sc.hardware.offeredReactive(1)).isEqualTo(-4.0);

    accepted(
        set(
            sc,
            "fv",
            "FixedVar",
            "\"fixedVar\":{\"priority\":0,\"setpoint\":-20,\"unit\":\"PctMaxVar\"}"));
    // 20 % absorbed: 6.4 A inductive, whatever the profile asks.
    assertThat(sc.hardware.offeredReactive(1)).isCloseTo(6.4, within(1e-9));

    sc.command("ClearDERControl", "{\"isDefault\":true,\"controlType\":\"FixedVar\"}");
    assertThat(sc.hardware.offeredReactive(1)).isEqualTo(-4.0);
  }

  @Test
  @DisplayName("no output that can exchange reactive power, or no grid sensor: NotSupported, why")
  void notSupportedWithTheReason() {
    StationScenario plain =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    plain.hardware.grid(GridState.of(50.0, 100));
    plain.startOnline();
    JsonNode refused =
        set(
            plain,
            "fv",
            "FixedVar",
            "\"fixedVar\":{\"priority\":0,\"setpoint\":-20,\"unit\":\"PctMaxVar\"}");
    assertThat(refused.path("status").asText()).isEqualTo("NotSupported");
    assertThat(refused.at("/statusInfo/additionalInfo").asText())
        .contains("FixedVar")
        .contains("no output here can exchange reactive power");

    StationScenario sensorless = v2gCharging(16, false);
    JsonNode voltVar =
        set(
            sensorless,
            "vv",
            "VoltVar",
            "\"curve\":{\"priority\":0,\"yUnit\":\"PctMaxVar\",\"curveData\":[{\"x\":95,\"y\":10}]}");
    assertThat(voltVar.path("status").asText()).isEqualTo("NotSupported");
    assertThat(voltVar.at("/statusInfo/additionalInfo").asText()).contains("no grid sensor");
  }

  @Test
  @DisplayName("a fixed power factor whose excitation contradicts its type: Rejected, InvalidValue")
  void aContradictingExcitationIsRejected() {
    StationScenario sc = v2gCharging(16, false);
    JsonNode answer =
        set(
            sc,
            "pf",
            "FixedPFInject",
            "\"fixedPFInject\":{\"priority\":0,\"displacement\":0.9,\"excitation\":true}");
    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.at("/statusInfo/reasonCode").asText()).isEqualTo("InvalidValue");
    assertThat(answer.at("/statusInfo/additionalInfo").asText()).contains("excitation");
  }
}
