package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code schedule} command: the specifications' examples, and errors that name the field. */
class ScheduleCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** OCPP 1.6 §3.13.7: a daily recurring TxDefault, 11 kW, 6 kW from 08:00, 11 kW from 20:00. */
  private static final String V16_DAILY =
      "[{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":100,\"stackLevel\":0,"
          + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Recurring\","
          + "\"recurrencyKind\":\"Daily\",\"chargingSchedule\":{\"duration\":86400,"
          + "\"startSchedule\":\"2013-01-01T00:00:00Z\",\"chargingRateUnit\":\"W\","
          + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":11000.0,\"numberPhases\":3},"
          + "{\"startPeriod\":28800,\"limit\":6000.0,\"numberPhases\":3},"
          + "{\"startPeriod\":72000,\"limit\":11000.0,\"numberPhases\":3}]}}}]";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String profiles, String... args) throws Exception {
    Path file = dir.resolve("profiles.json");
    Files.writeString(file, profiles);
    List<String> all = new ArrayList<>(List.of("schedule", "--profiles", file.toString()));
    all.addAll(List.of(args));
    return EmulatorCli.execute(
        new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
  }

  /** {@code schedule} for 2.1 profiles on EVSE 1 from 2026-01-01T00:00Z, for {@code seconds}. */
  private int runOnEvse1In21(String profiles, String seconds, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--protocol",
                "ocpp2.1",
                "--evse",
                "1",
                "--start",
                "2026-01-01T00:00:00Z",
                "--duration",
                seconds));
    args.addAll(List.of(more));
    return run(profiles, args.toArray(String[]::new));
  }

  private JsonNode output() throws Exception {
    return JSON.readTree(out.toString());
  }

  @Test
  void theOcpp16DailyExampleYieldsItsThreePeriodsInWatts() throws Exception {
    int code =
        run(
            V16_DAILY,
            "--protocol",
            "ocpp1.6",
            "--evse",
            "1",
            "--start",
            "2026-01-01T00:00:00Z",
            "--duration",
            "86400",
            "--unit",
            "W");

    assertThat(code).isZero();
    JsonNode o = output();
    assertThat(o.path("results").get(0).path("status").asText()).isEqualTo("Accepted");
    JsonNode composite = o.path("composite");
    assertThat(composite.path("status").asText()).isEqualTo("Accepted");
    assertThat(composite.path("chargingSchedule").has("startSchedule")).isFalse();
    JsonNode periods = composite.path("chargingSchedule").path("chargingSchedulePeriod");
    assertThat(periods).hasSize(3);
    assertThat(periods.get(0).path("startPeriod").asInt()).isZero();
    assertThat(periods.get(0).path("limit").asDouble()).isEqualTo(11000.0);
    assertThat(periods.get(1).path("startPeriod").asInt()).isEqualTo(28800);
    assertThat(periods.get(1).path("limit").asDouble()).isEqualTo(6000.0);
    assertThat(periods.get(2).path("startPeriod").asInt()).isEqualTo(72000);
  }

  @Test
  void theSameExampleInAmpsConvertsOncePerPhaseNeverRoundingUp() throws Exception {
    int code =
        run(
            V16_DAILY,
            "--protocol",
            "ocpp1.6",
            "--evse",
            "1",
            "--start",
            "2026-01-01T06:00:00Z",
            "--duration",
            "10800",
            "--unit",
            "A");

    assertThat(code).isZero();
    JsonNode periods =
        output().path("composite").path("chargingSchedule").path("chargingSchedulePeriod");
    // 11000 W / (230 V x 3) = 15.94 A per phase; 6000 W / 690 V = 8.69 A.
    assertThat(periods.get(0).path("limit").asDouble()).isEqualTo(15.9);
    assertThat(periods.get(1).path("startPeriod").asInt()).isEqualTo(7200);
    assertThat(periods.get(1).path("limit").asDouble()).isEqualTo(8.6);
  }

  @Test
  void anOcpp201StationMaximumCapsTheTransactionsProfile() throws Exception {
    String profiles =
        "[{\"evseId\":0,\"chargingProfile\":{\"id\":1,\"stackLevel\":0,"
            + "\"chargingProfilePurpose\":\"ChargingStationMaxProfile\",\"chargingProfileKind\":\"Absolute\","
            + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2026-01-01T00:00:00Z\","
            + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":20}]}]}},"
            + "{\"evseId\":1,\"chargingProfile\":{\"id\":2,\"stackLevel\":0,"
            + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\",\"transactionId\":\"tx-1\","
            + "\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":"
            + "[{\"startPeriod\":0,\"limit\":32},{\"startPeriod\":1800,\"limit\":10}]}]}}]";

    int code =
        run(
            profiles,
            "--protocol",
            "ocpp2.0.1",
            "--evse",
            "1",
            "--start",
            "2026-01-01T12:00:00Z",
            "--duration",
            "3600",
            "--transaction-start",
            "2026-01-01T12:00:00Z");

    assertThat(code).isZero();
    JsonNode o = output();
    assertThat(o.path("results"))
        .extracting(r -> r.path("status").asText())
        .containsExactly("Accepted", "Accepted");
    JsonNode periods = o.path("composite").path("schedule").path("chargingSchedulePeriod");
    assertThat(periods.get(0).path("limit").asDouble()).isEqualTo(20.0);
    assertThat(periods.get(1).path("startPeriod").asInt()).isEqualTo(1800);
    assertThat(periods.get(1).path("limit").asDouble()).isEqualTo(10.0);
  }

  @Test
  void aRejectedProfileIsReportedWithItsReasonCode() throws Exception {
    String txProfileWithoutTransaction =
        "[{\"evseId\":1,\"chargingProfile\":{\"id\":3,\"stackLevel\":0,"
            + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\",\"transactionId\":\"tx-9\","
            + "\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":"
            + "[{\"startPeriod\":0,\"limit\":16}]}]}}]";

    int code =
        run(
            txProfileWithoutTransaction,
            "--protocol",
            "ocpp2.0.1",
            "--evse",
            "1",
            "--start",
            "2026-01-01T12:00:00Z",
            "--duration",
            "60");

    assertThat(code).isZero();
    JsonNode result = output().path("results").get(0);
    assertThat(result.path("status").asText()).isEqualTo("Rejected");
    assertThat(result.path("statusInfo").path("reasonCode").asText()).isEqualTo("TxNotFound");
  }

  @Test
  void aMalformedEntryExitsWithTwoNamingTheEntryAndTheField() throws Exception {
    String bad = V16_DAILY.replace("\"limit\":6000.0", "\"limit\":\"lots\"");

    int code =
        run(
            bad,
            "--protocol",
            "ocpp1.6",
            "--evse",
            "1",
            "--start",
            "2026-01-01T00:00:00Z",
            "--duration",
            "60");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("entry 0")
        .contains("csChargingProfiles.chargingSchedule.chargingSchedulePeriod[1].limit");
  }

  /** A 2.1 TxDefaultProfile: W, with 2.1's explicit operationMode ChargingOnly. */
  private static final String V21_TX_DEFAULT =
      "[{\"evseId\":1,\"chargingProfile\":{\"id\":4,\"stackLevel\":0,"
          + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
          + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2026-01-01T00:00:00Z\","
          + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
          + "{\"startPeriod\":0,\"limit\":11000,\"operationMode\":\"ChargingOnly\"},"
          + "{\"startPeriod\":3600,\"limit\":7000,\"operationMode\":\"ChargingOnly\"}]}]}}]";

  @Test
  void anOcpp21ProfileYieldsItsCompositeInThe21Shape() throws Exception {
    int code = runOnEvse1In21(V21_TX_DEFAULT, "7200", "--unit", "W");

    assertThat(code).as(err.toString()).isZero();
    JsonNode o = output();
    assertThat(o.path("results").get(0).path("status").asText()).isEqualTo("Accepted");
    JsonNode periods = o.path("composite").path("schedule").path("chargingSchedulePeriod");
    assertThat(periods).hasSize(2);
    assertThat(periods.get(0).path("limit").asDouble()).isEqualTo(11000.0);
    assertThat(periods.get(1).path("startPeriod").asInt()).isEqualTo(3600);
    assertThat(periods.get(1).path("limit").asDouble()).isEqualTo(7000.0);
  }

  @Test
  void anOcpp21CentralSetpointDischargesWithinItsLimitsAtTheStart() throws Exception {
    String discharging =
        V21_TX_DEFAULT.replace(
            "{\"startPeriod\":0,\"limit\":11000,\"operationMode\":\"ChargingOnly\"}",
            "{\"startPeriod\":0,\"limit\":11000,\"dischargeLimit\":-7000,\"setpoint\":-9000,"
                + "\"operationMode\":\"CentralSetpoint\"}");

    int code =
        run(
            discharging,
            "--protocol",
            "ocpp2.1",
            "--evse",
            "1",
            "--start",
            "2026-01-01T00:10:00Z",
            "--duration",
            "60",
            "--unit",
            "W");

    assertThat(code).as(err.toString()).isZero();
    JsonNode o = output();
    assertThat(o.path("results").get(0).path("status").asText()).isEqualTo("Accepted");
    JsonNode both = o.path("bidirectional");
    assertThat(both.path("operationMode").asText()).isEqualTo("CentralSetpoint");
    assertThat(both.path("limit").asDouble()).isEqualTo(11000.0);
    assertThat(both.path("dischargeLimit").asDouble()).isEqualTo(-7000.0);
    // The setpoint asks for more than the discharge limit allows: held at the limit.
    assertThat(both.path("setpoint").asDouble()).isEqualTo(-7000.0);
  }

  @Test
  void anOcpp21SetpointWithoutALimitIsTakenAndCapsNothing() throws Exception {
    // 2.1 lets the limit out in CentralSetpoint: the EVSE's hardware (32 A x 230 V x 3) bounds it.
    String setpointOnly =
        V21_TX_DEFAULT.replace(
            "{\"startPeriod\":0,\"limit\":11000,\"operationMode\":\"ChargingOnly\"}",
            "{\"startPeriod\":0,\"dischargeLimit\":-7000,\"setpoint\":-5000,"
                + "\"operationMode\":\"CentralSetpoint\"}");

    int code = runOnEvse1In21(setpointOnly, "7200", "--unit", "W");

    assertThat(code).as(err.toString()).isZero();
    JsonNode o = output();
    assertThat(o.path("results").get(0).path("status").asText()).isEqualTo("Accepted");
    JsonNode periods = o.path("composite").path("schedule").path("chargingSchedulePeriod");
    assertThat(periods).hasSize(2);
    assertThat(periods.get(0).path("limit").asDouble()).isEqualTo(22080.0);
    assertThat(periods.get(0).path("setpoint").asDouble()).isEqualTo(-5000.0);
    assertThat(periods.get(1).path("limit").asDouble()).isEqualTo(7000.0);
    assertThat(o.path("bidirectional").path("setpoint").asDouble()).isEqualTo(-5000.0);
  }

  @Test
  void anOcpp21ChargingOnlyPeriodWithoutALimitIsRejectedNamingIt() throws Exception {
    String noLimit =
        V21_TX_DEFAULT.replace(
            "{\"startPeriod\":0,\"limit\":11000,\"operationMode\":\"ChargingOnly\"}",
            "{\"startPeriod\":0,\"operationMode\":\"ChargingOnly\"}");

    int code = runOnEvse1In21(noLimit, "60");

    assertThat(code).as(err.toString()).isZero();
    JsonNode result = output().path("results").get(0);
    assertThat(result.path("status").asText()).isEqualTo("Rejected");
    assertThat(result.path("statusInfo").path("reasonCode").asText()).isEqualTo("InvalidSchedule");
    assertThat(result.path("statusInfo").path("additionalInfo").asText()).contains("limit");
  }

  @Test
  void anOcpp21FeatureTheEngineDoesNotModelYetExitsWithTwoNamingTheField() throws Exception {
    // preconditioning (2.1) is a request to the EV the engine does not model
    String preconditioning =
        V21_TX_DEFAULT.replace(
            "\"limit\":7000,\"operationMode\":\"ChargingOnly\"",
            "\"limit\":7000,\"preconditioningRequest\":true");

    int code = runOnEvse1In21(preconditioning, "60");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("entry 0")
        .contains(
            "chargingProfile.chargingSchedule[0].chargingSchedulePeriod[1].preconditioningRequest");
  }

  @Test
  void aFileThatIsNotAnArrayExitsWithTwo() throws Exception {
    assertThat(
            run(
                "{}",
                "--protocol",
                "ocpp1.6",
                "--evse",
                "1",
                "--start",
                "2026-01-01T00:00:00Z",
                "--duration",
                "60"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--profiles");
  }
}
