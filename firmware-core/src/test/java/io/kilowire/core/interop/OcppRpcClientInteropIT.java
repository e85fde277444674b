package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.OcppWebSocketServer;
import io.kilowire.core.transport.StationConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party station (ocpp-rpc) against our RPC endpoint: one strict-mode call that ocpp-rpc
 * validates both ways, then malformed frames sent raw, each of which must come back with the
 * CALLERROR code and message id the OCPP-J specification of that version prescribes, or no reply
 * where it prescribes silence.
 */
class OcppRpcClientInteropIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private ExecutorTaskScheduler scheduler;
  private OcppWebSocketServer server;

  @BeforeEach
  void startEndpoint() {
    scheduler = ExecutorTaskScheduler.singleThread("it-csms", Map.of());
    server =
        OcppWebSocketServer.builder(scheduler)
            .ocppVersions(OcppVersion.V201, OcppVersion.V16)
            .sessionInitializer(OcppRpcClientInteropIT::handlers)
            .build()
            .start();
  }

  @AfterEach
  void stopEndpoint() {
    server.stop();
    scheduler.close();
  }

  private static void handlers(StationConnection connection, RpcSession session) {
    if (connection.version() == OcppVersion.V16) {
      session.handle(
          io.kilowire.core.ocpp.v16.BootNotificationRequest.class,
          r ->
              new io.kilowire.core.ocpp.v16.BootNotificationResponse(
                  io.kilowire.core.ocpp.v16.RegistrationStatus.ACCEPTED, Instant.now(), 300));
      session.handle(
          io.kilowire.core.ocpp.v16.HeartbeatRequest.class,
          r -> new io.kilowire.core.ocpp.v16.HeartbeatResponse(Instant.now()));
    } else {
      session.handle(
          io.kilowire.core.ocpp.v201.BootNotificationRequest.class,
          r ->
              new io.kilowire.core.ocpp.v201.BootNotificationResponse(
                  null,
                  Instant.now(),
                  300,
                  io.kilowire.core.ocpp.v201.RegistrationStatus.ACCEPTED,
                  null));
      session.handle(
          io.kilowire.core.ocpp.v201.HeartbeatRequest.class,
          r -> new io.kilowire.core.ocpp.v201.HeartbeatResponse(null, Instant.now()));
    }
  }

  /** A raw frame and the reply prefix expected ({@code null}: no reply at all). */
  private record Case(String frame, String expectedReplyPrefix) {}

  @Test
  void malformedOcpp16CallsGetTheirOcpp16Codes() throws Exception {
    List<Case> cases =
        List.of(
            new Case(
                "[2,\"m1\",\"BootNotification\",{\"chargePointModel\":\"X\"}]",
                "[4,\"m1\",\"OccurenceConstraintViolation\""),
            new Case(
                "[2,\"m2\",\"BootNotification\",{\"chargePointVendor\":1,\"chargePointModel\":\"X\"}]",
                "[4,\"m2\",\"TypeConstraintViolation\""),
            new Case(
                "[2,\"m3\",\"BootNotification\",{\"chargePointVendor\":\""
                    + "v".repeat(21)
                    + "\",\"chargePointModel\":\"X\"}]",
                "[4,\"m3\",\"PropertyConstraintViolation\""),
            new Case(
                "[2,\"m4\",\"BootNotification\",{\"chargePointVendor\":\"V\",\"chargePointModel\":\"X\",\"colour\":\"red\"}]",
                "[4,\"m4\",\"FormationViolation\""),
            new Case("[2,\"m5\",\"BrewCoffee\",{}]", "[4,\"m5\",\"NotImplemented\""),
            new Case("[2,\"m6\",\"Reset\",{\"type\":\"Soft\"}]", "[4,\"m6\",\"NotSupported\""),
            new Case("[2,\"m7\",\"Authorize\",{\"idTag\":\"abc\"}]", "[4,\"m7\",\"NotSupported\""),
            new Case("[2,\"m8\",\"Heartbeat\",{]", "[4,\"m8\",\"FormationViolation\""),
            new Case("[2,\"m9\",\"Heartbeat\"]", "[4,\"m9\",\"ProtocolError\""),
            new Case("[2,5,\"Heartbeat\",{}]", null),
            new Case("[9,\"m10\",\"Heartbeat\",{}]", null),
            new Case("[5,\"m12\",\"Heartbeat\",{}]", null),
            new Case("[6,\"m13\",{}]", null),
            new Case("[2,\"m11\",\"Heartbeat\",{}]", "[3,\"m11\",{\"currentTime\":\""));
    runAgainstEndpoint("ocpp1.6", cases);
  }

  @Test
  void malformedOcpp201CallsGetTheirOcpp201Codes() throws Exception {
    String station = "{\"model\":\"X\",\"vendorName\":\"V\"}";
    List<Case> cases =
        List.of(
            new Case(
                "[2,\"n1\",\"BootNotification\",{\"reason\":\"PowerUp\"}]",
                "[4,\"n1\",\"OccurrenceConstraintViolation\""),
            new Case(
                "[2,\"n2\",\"BootNotification\",{\"chargingStation\":"
                    + station
                    + ",\"reason\":7}]",
                "[4,\"n2\",\"TypeConstraintViolation\""),
            new Case(
                "[2,\"n3\",\"BootNotification\",{\"chargingStation\":"
                    + station
                    + ",\"reason\":\"Bored\"}]",
                "[4,\"n3\",\"PropertyConstraintViolation\""),
            new Case(
                "[2,\"n4\",\"BootNotification\",{\"chargingStation\":"
                    + station
                    + ",\"reason\":\"PowerUp\",\"mood\":1}]",
                "[4,\"n4\",\"ProtocolError\""),
            new Case("[2,\"n5\",\"BrewCoffee\",{}]", "[4,\"n5\",\"NotImplemented\""),
            new Case("[2,\"n6\",\"Reset\",{\"type\":\"Immediate\"}]", "[4,\"n6\",\"NotSupported\""),
            new Case("[2,\"n7\",\"Heartbeat\",{]", "[4,\"n7\",\"FormatViolation\""),
            new Case("[2,\"n8\",\"Heartbeat\"]", "[4,\"n8\",\"RpcFrameworkError\""),
            new Case("[2,5,\"Heartbeat\",{}]", "[4,\"-1\",\"RpcFrameworkError\""),
            new Case("[9,\"n10\",\"Heartbeat\",{}]", "[4,\"n10\",\"MessageTypeNotSupported\""),
            // 2.1's types are unknown to 2.0.1 even when their shape is wrong for 2.1
            new Case("[5,\"n12\",\"Heartbeat\",{}]", "[4,\"n12\",\"MessageTypeNotSupported\""),
            new Case("[6,\"n13\",{}]", "[4,\"n13\",\"MessageTypeNotSupported\""),
            new Case("[7,13,\"Heartbeat\",{}]", "[4,\"-1\",\"MessageTypeNotSupported\""),
            new Case("[2,\"n11\",\"Heartbeat\",{}]", "[3,\"n11\",{\"currentTime\":\""));
    runAgainstEndpoint("ocpp2.0.1", cases);
  }

  private void runAgainstEndpoint(String protocol, List<Case> cases) throws Exception {
    List<Object> steps = new ArrayList<>();
    // First a strict-mode call: ocpp-rpc validates our CALLRESULT against its own schemas.
    steps.add(
        protocol.equals("ocpp1.6")
            ? Map.of(
                "call",
                "BootNotification",
                "params",
                Map.of("chargePointVendor", "V", "chargePointModel", "X"))
            : Map.of(
                "call",
                "BootNotification",
                "params",
                Map.of(
                    "chargingStation",
                    Map.of("model", "X", "vendorName", "V"),
                    "reason",
                    "PowerUp")));
    cases.forEach(c -> steps.add(c.frame()));
    Path frames = dir.resolve("frames.json");
    Files.writeString(frames, JSON.writeValueAsString(steps));

    try (NodePeer station =
        NodePeer.start(
            "client.js",
            "--endpoint",
            server.uri().toString(),
            "--identity",
            "RPC-PEER-1",
            "--protocol",
            protocol,
            "--frames",
            frames.toString(),
            "--wait-ms",
            "1500")) {
      station.awaitEvent("done", WAIT);
      assertThat(station.primitiveViolations())
          .as("primitive-datatype rules broken in our replies")
          .isEmpty();
      JsonNode boot = station.await(e -> e.path("step").asInt(-1) == 0, WAIT);
      assertThat(boot.has("error")).as("strict call failed: %s", boot).isFalse();
      assertThat(boot.path("result").path("status").asText()).isEqualTo("Accepted");
      for (int i = 0; i < cases.size(); i++) {
        int step = i + 1;
        JsonNode outcome = station.await(e -> e.path("step").asInt(-1) == step, WAIT);
        Case c = cases.get(i);
        if (c.expectedReplyPrefix() == null) {
          assertThat(outcome.path("reply").isNull())
              .as("%s should get no reply: %s", c.frame(), outcome)
              .isTrue();
        } else {
          assertThat(outcome.path("reply").asText())
              .as("reply to %s", c.frame())
              .startsWith(c.expectedReplyPrefix());
        }
      }
    }
  }
}
