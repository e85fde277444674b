package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.der.GridState;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 frequency support at the station's outputs: in LocalFrequency the EV follows the
 * period's frequency-watt curve at the grid's frequency (the station's grid sensor), in
 * CentralFrequency its signal-watt curve at the CSMS's aFRR signal, each plus the baseline and
 * within the profile's limits. A station without a grid sensor, an EV that cannot discharge, or a
 * period without the curve its mode needs: Rejected, InvalidOperationMode.
 */
@DisplayName("2.1 frequency modes: the EV follows the curve at the grid's frequency or signal")
class FrequencyModesScenarioTest {
  /** 10 A feeding back at 49.8 Hz and below, none at 50 Hz, 10 A charging at 50.2 and above. */
  private static final String DROOP =
      "\"v2xFreqWattCurve\":[{\"frequency\":49.8,\"power\":-6900},{\"frequency\":50,\"power\":0},"
          + "{\"frequency\":50.2,\"power\":6900}]";

  private static final String SIGNAL =
      "\"v2xBaseline\":690,\"v2xSignalWattCurve\":[{\"signal\":-100,\"power\":-6900},"
          + "{\"signal\":100,\"power\":6900}]";

  private static StationScenario station(boolean gridSensor) {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    if (gridSensor) {
      sc.hardware.grid(GridState.of(50.0, 100));
    }
    sc.startOnline();
    return sc;
  }

  /** A V2G EV on a bidirectional EVSE 1, in a transaction; its id. */
  private static String v2g(StationScenario sc) {
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    return sc.station().openTransactions().stream().map(Transaction::id).findFirst().orElseThrow();
  }

  /** A TxProfile in W: 16 A charging, {@code dischargeW} discharging, in {@code mode}. */
  private static JsonNode set(
      StationScenario sc, String tx, long dischargeW, String mode, String curves) {
    return Ocpp21Charging.setProfile(
        sc,
        1,
        5,
        "TxProfile",
        tx,
        "W",
        "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":"
            + dischargeW
            + ",\"operationMode\":\""
            + mode
            + "\""
            + (curves.isEmpty() ? "" : "," + curves)
            + "}");
  }

  private static void accepted(JsonNode answer) {
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
  }

  private static void refused(JsonNode answer) {
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText())
        .isEqualTo("InvalidOperationMode");
  }

  @Test
  @DisplayName("LocalFrequency: the EV follows the curve as the grid's frequency moves")
  void localFrequencyFollowsTheGrid() {
    StationScenario sc = station(true);
    String tx = v2g(sc);
    accepted(set(sc, tx, -11040, "LocalFrequency", DROOP));
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(0.0);

    sc.hardware.grid(GridState.of(49.9, 100));
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-5.0);

    sc.hardware.grid(GridState.of(49.7, 100));
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-10.0);

    sc.hardware.grid(GridState.of(50.3, 100));
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(10.0);
  }

  @Test
  @DisplayName("LocalFrequency: held within the profile's discharge limit")
  void localFrequencyWithinTheLimits() {
    StationScenario sc = station(true);
    String tx = v2g(sc);
    accepted(set(sc, tx, -2760, "LocalFrequency", DROOP)); // 4 A
    sc.hardware.grid(GridState.of(49.5, 100));
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredDischarge(1)).isEqualTo(4.0);
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-4.0);
  }

  @Test
  @DisplayName("LocalFrequency without a grid sensor, or without a curve: Rejected")
  void localFrequencyNeedsASensorAndACurve() {
    StationScenario blind = station(false);
    refused(set(blind, v2g(blind), -11040, "LocalFrequency", DROOP));

    StationScenario sc = station(true);
    refused(set(sc, v2g(sc), -11040, "LocalFrequency", ""));
  }

  @Test
  @DisplayName("frequency modes on an EV that cannot discharge: Rejected")
  void frequencyModesNeedAV2gEv() {
    StationScenario sc = station(true);
    String tx = Ocpp21Charging.charging(sc);
    refused(set(sc, tx, -11040, "LocalFrequency", DROOP));
    refused(set(sc, tx, -11040, "CentralFrequency", SIGNAL));
  }

  @Test
  @DisplayName("CentralFrequency: the baseline, then the curve at each aFRR signal from its time")
  void centralFrequencyFollowsTheSignal() {
    StationScenario sc = station(false);
    String tx = v2g(sc);
    accepted(set(sc, tx, -11040, "CentralFrequency", SIGNAL));
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(1.0); // the baseline, 690 W

    JsonNode answer =
        sc.command("AFRRSignal", "{\"timestamp\":\"" + sc.clock.now() + "\",\"signal\":-50}");
    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-4.0); // 690 - 3450 W

    // A signal for later takes effect at its time.
    sc.command(
        "AFRRSignal", "{\"timestamp\":\"" + sc.clock.now().plusSeconds(60) + "\",\"signal\":100}");
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-4.0);
    sc.advance(Duration.ofSeconds(61));
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(11.0); // 7590 W, 11 A
  }

  @Test
  @DisplayName("CentralFrequency: the aFRR signal in force, and one sent ahead, survive a restart")
  void aFrrSignalsAreKeptAcrossARestart() {
    StationScenario sc = station(false);
    sc.hardware.bidirectional(1, true);
    accepted(
        Ocpp21Charging.setProfile(
            sc,
            1,
            5,
            "TxDefaultProfile",
            null,
            "W",
            "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":-11040,"
                + "\"operationMode\":\"CentralFrequency\","
                + SIGNAL
                + "}"));
    sc.command("AFRRSignal", "{\"timestamp\":\"" + sc.clock.now() + "\",\"signal\":-50}");
    sc.command(
        "AFRRSignal", "{\"timestamp\":\"" + sc.clock.now().plusSeconds(120) + "\",\"signal\":100}");

    sc.restartOnline();
    v2g(sc);

    // Not the baseline (690 W, 1 A): the signal received before the restart, 690 - 3450 W.
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-4.0);
    sc.advance(Duration.ofSeconds(121));
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(11.0); // the one sent ahead, 7590 W
  }

  @Test
  @DisplayName("CentralFrequency without a signal-watt curve: Rejected")
  void centralFrequencyNeedsItsCurve() {
    StationScenario sc = station(false);
    refused(set(sc, v2g(sc), -11040, "CentralFrequency", DROOP));
  }

  @Test
  @DisplayName("a virtual day of grid frequency: the outputs follow the curve within the limits")
  void aDayOfGridFrequency() {
    StationScenario sc = station(true);
    String tx = v2g(sc);
    accepted(set(sc, tx, -4830, "LocalFrequency", DROOP)); // 7 A back at most
    List<String> violations = new ArrayList<>();
    sc.hardware.onOutputChange(
        h -> {
          Double setpoint = h.offeredSetpoint(1);
          if (h.offeredDischarge(1) > 7 + 1e-9) {
            violations.add(sc.clock.now() + ": discharge " + h.offeredDischarge(1));
          }
          if (setpoint != null && (setpoint < -h.offeredDischarge(1) - 1e-9 || setpoint > 16)) {
            violations.add(sc.clock.now() + ": setpoint " + setpoint);
          }
        });
    Random random = new Random(50);
    double hz = 50;
    for (int minute = 0; minute < 24 * 60; minute += 10) {
      hz = Math.max(49.6, Math.min(50.4, hz + (random.nextDouble() - 0.5) * 0.1));
      hz = Math.round(hz * 100) / 100.0;
      sc.hardware.grid(GridState.of(hz, 100));
      sc.advance(Duration.ofMinutes(10));
      // The curve, in A per phase at 230 V on three phases, cut toward zero to 0.1 A.
      double watts = Math.max(-6900, Math.min(6900, (hz - 50) / 0.2 * 6900));
      double amps = Math.signum(watts) * Math.floor(Math.abs(watts) / 690 * 10 + 1e-6) / 10;
      double expected = Math.max(-7, Math.min(16, amps));
      assertThat(sc.hardware.offeredSetpoint(1)).as("at %s Hz", hz).isEqualTo(expected);
    }
    assertThat(violations).isEmpty();
  }
}
