package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EmulatedToken;
import io.kilowire.emulator.trace.PilotTrace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A CSMS over a real WebSocket sets charging profiles, and the emulated EV's measured current, as
 * the station reports it in its meter values, follows them: 16 A unlimited, 10 A under a profile,
 * and a pause below 6 A; by duty cycle, and for an ISO 15118 EV over the link.
 */
class SmartChargingFollowIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path traceDir;

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void theEvsMeasuredCurrentFollowsTheProfilesTheCsmsSets(OcppVersion version) throws Exception {
    String id = "SC-" + version.name();
    try (TestCsms csms = TestCsms.start(version);
        EmulatedStation station = oneEvseStation(csms, id, version, traceDir, false)) {
      station.start();
      boolean v16 = version == OcppVersion.V16;
      String meterAction = v16 ? "MeterValues" : "TransactionEvent";

      awaitCurrent(csms, id, meterAction, 16.0);

      JsonNode answer = csms.call(id, "SetChargingProfile", profile(version, 10.0, 1));
      assertThat(answer.path("status").asText()).isEqualTo("Accepted");
      awaitCurrent(csms, id, meterAction, 10.0);
      // The EV reads 16.6 % duty as 9.96 A: the table never lets it draw more than the limit.
      assertThat(station.hardware().drawA(1)).isLessThanOrEqualTo(10.0).isGreaterThan(9.9);

      csms.call(id, "SetChargingProfile", profile(version, 4.0, 2));
      awaitCurrent(csms, id, meterAction, 0.0);
      if (v16) {
        csms.awaitCall(
            id, "StatusNotification", p -> p.path("status").asText().equals("SuspendedEVSE"), WAIT);
      }

      JsonNode composite =
          csms.call(
              id,
              "GetCompositeSchedule",
              v16
                  ? "{\"connectorId\":1,\"duration\":600,\"chargingRateUnit\":\"A\"}"
                  : "{\"evseId\":1,\"duration\":600,\"chargingRateUnit\":\"A\"}");
      JsonNode periods =
          v16
              ? composite.path("chargingSchedule").path("chargingSchedulePeriod")
              : composite.path("schedule").path("chargingSchedulePeriod");
      assertThat(composite.path("status").asText()).isEqualTo("Accepted");
      assertThat(periods.get(0).path("limit").asDouble()).isEqualTo(4.0);

      // The pilot trace shows what the car was told: 16 A unlimited EV at 32 A hardware
      // (53.3 %), 10 A -> 16.6 % (IEC 61851-1: I / 0.6, rounded down), 4 A -> pause (+12 V).
      List<String> rows = Files.readAllLines(traceDir.resolve(id + ".pilot.csv"));
      assertThat(rows.get(0)).isEqualTo(PilotTrace.HEADER);
      assertThat(rows).anyMatch(r -> r.endsWith(",1,10.0,16.6,C,9.96"));
      assertThat(rows).anyMatch(r -> r.endsWith(",1,4.0,100.0,B,0.00"));
    }
  }

  /**
   * An ISO 15118 EV (the emulator's {@code --hlc}) under a CSMS's 10 A profile: the pilot stays at
   * 5 %, the limit reaches the EV over the simulated link, and the EV draws at most 10 A.
   */
  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void anHlcEvDrawsNoMoreThanTheProfileWithThePilotAtFivePercent(OcppVersion version)
      throws Exception {
    String id = "HLC-" + version.name();
    try (TestCsms csms = TestCsms.start(version);
        EmulatedStation station = oneEvseStation(csms, id, version, traceDir, true)) {
      station.start();
      String meterAction = version == OcppVersion.V16 ? "MeterValues" : "TransactionEvent";
      awaitCurrent(csms, id, meterAction, 16.0);

      JsonNode answer = csms.call(id, "SetChargingProfile", profile(version, 10.0, 1));
      assertThat(answer.path("status").asText()).isEqualTo("Accepted");
      awaitCurrent(csms, id, meterAction, 10.0);
      assertThat(station.hardware().drawA(1)).isLessThanOrEqualTo(10.0).isGreaterThan(9.9);
      assertThat(station.hardware().pilotOfferA(1)).isEqualTo(10.0);

      if (version == OcppVersion.V201) {
        JsonNode needs = csms.awaitCall(id, "NotifyEVChargingNeeds", WAIT).payload();
        assertThat(
                needs
                    .path("chargingNeeds")
                    .path("acChargingParameters")
                    .path("evMaxCurrent")
                    .asInt())
            .isEqualTo(16);
      }

      assertFivePercentPilot(traceDir, id);
    }
  }

  /**
   * The trace shows 5 % on the pilot the whole time the EV charges, its draw at 16 A unlimited and
   * at 10 A under the profile.
   */
  private static void assertFivePercentPilot(Path traceDir, String id) throws IOException {
    List<String> rows = Files.readAllLines(traceDir.resolve(id + ".pilot.csv"));
    List<String> charging = rows.stream().skip(1).filter(r -> r.contains(",C,")).toList();
    assertThat(charging).isNotEmpty().allMatch(r -> r.split(",")[3].equals("5.0"));
    assertThat(rows).anyMatch(r -> r.endsWith(",1,10.0,5.0,C,10.00"));
    assertThat(rows).anyMatch(r -> r.endsWith(",1,32.0,5.0,C,16.00"));
  }

  /**
   * The same ISO 15118-2 EV (AC, no bidirectional power) on OCPP 2.1 against ocpp-rpc in strict
   * mode with the 2.1 schemas: the CSMS's 2.1 TxDefaultProfile of 10 A reaches the EV over the link
   * with the pilot at 5 %, the EV's needs reach the CSMS as 2.1's NotifyEVChargingNeeds, the meter
   * values show 10 A, and every frame passes the schemas.
   */
  @Test
  void anHlcEvOnOcpp21DrawsNoMoreThanTheProfileWithThePilotAtFivePercent() throws Exception {
    String id = "HLC-V21";
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          oneEvseStation(
              java.net.URI.create("ws://127.0.0.1:" + port), id, OcppVersion.V21, traceDir, true)) {
        station.start();
        awaitCall(csms, "TransactionEvent", p -> l1Current(p) == 16.0);
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":"
                + profile(OcppVersion.V21, 10.0, 1)
                + "}");
        awaitCall(csms, "TransactionEvent", p -> l1Current(p) == 10.0);
        assertThat(station.hardware().drawA(1)).isLessThanOrEqualTo(10.0).isGreaterThan(9.9);
        assertThat(station.hardware().pilotOfferA(1)).isEqualTo(10.0);
        JsonNode needs = awaitCall(csms, "NotifyEVChargingNeeds", p -> true);
        assertThat(needs.at("/chargingNeeds/acChargingParameters/evMaxCurrent").asInt())
            .isEqualTo(16);
        assertThat(needs.at("/chargingNeeds/v2xChargingParameters").isMissingNode()).isTrue();
      }
      assertFivePercentPilot(traceDir, id);
      InteropStations.assertNoComplaints(csms);
      assertThat(csms.events())
          .noneMatch(e -> e.path("event").asText().equals("csmsCallError"))
          .noneMatch(
              e ->
                  e.path("event").asText().equals("frame")
                      && e.path("frame").asText().startsWith("[4,"));
    }
  }

  /** The params of the station's CALL of {@code action} to the peer that match. */
  private static JsonNode awaitCall(NodePeer csms, String action, Predicate<JsonNode> params) {
    return csms.await(
            e ->
                e.path("event").asText().equals("call")
                    && e.path("action").asText().equals(action)
                    && params.test(e.path("params")),
            WAIT)
        .path("params");
  }

  /**
   * One station with one EVSE on {@code csms}, tracing its pilot into {@code traceDir}; its EV (16
   * A, 3 phases) arrives after about 200 ms and stays 10 minutes, speaking ISO 15118 if {@code
   * hlc}.
   */
  private static EmulatedStation oneEvseStation(
      TestCsms csms, String id, OcppVersion version, Path traceDir, boolean hlc) {
    return oneEvseStation(csms.uri(), id, version, traceDir, hlc);
  }

  private static EmulatedStation oneEvseStation(
      java.net.URI csms, String id, OcppVersion version, Path traceDir, boolean hlc) {
    return new EmulatedStation(
        TransportConfig.builder()
            .csmsUrl(csms)
            .stationId(id)
            .ocppVersions(version)
            .securityProfile(0)
            .build(),
        1,
        new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
        null,
        new PilotTrace(traceDir, id),
        null,
        Duration.ofSeconds(2),
        new EmulatedStation.EvBehaviour(
                Duration.ofMillis(200),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                16,
                3,
                60_000)
            .withHlc(hlc),
        false,
        7,
        EmulatedStation.Timebase.realTime(),
        EmulatedToken.Type.ISO14443);
  }

  /**
   * A station-wide TxDefault profile at {@code stackLevel} limiting every EVSE to {@code amps}
   * (2.0.1 and 2.1 share the shape).
   */
  private static String profile(OcppVersion version, double amps, int stackLevel) {
    String period = "[{\"startPeriod\":0,\"limit\":" + amps + "}]";
    if (version == OcppVersion.V16) {
      return "{\"connectorId\":0,\"csChargingProfiles\":{\"chargingProfileId\":"
          + stackLevel
          + ",\"stackLevel\":"
          + stackLevel
          + ",\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
          + "\"chargingSchedule\":{\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
          + "\"chargingSchedulePeriod\":"
          + period
          + "}}}";
    }
    return "{\"evseId\":0,\"chargingProfile\":{\"id\":"
        + stackLevel
        + ",\"stackLevel\":"
        + stackLevel
        + ",\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
        + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
        + "\"chargingSchedulePeriod\":"
        + period
        + "}]}}";
  }

  /** Waits for a meter value whose L1 current is {@code amps}. */
  private static void awaitCurrent(TestCsms csms, String id, String action, double amps) {
    csms.awaitCall(id, action, p -> l1Current(p) == amps, WAIT);
  }

  private static double l1Current(JsonNode payload) {
    double found = Double.NaN;
    for (JsonNode mv : payload.path("meterValue")) {
      for (JsonNode sv : mv.path("sampledValue")) {
        if ("Current.Import".equals(sv.path("measurand").asText())
            && "L1".equals(sv.path("phase").asText())) {
          found = sv.path("value").asDouble();
        }
      }
    }
    return found;
  }
}
