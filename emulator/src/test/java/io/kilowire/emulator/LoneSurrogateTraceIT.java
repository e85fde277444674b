package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.HostileCsms;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.trace.FrameTrace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hostile CSMS sends, over a real WebSocket, strings holding a lone UTF-16 surrogate ({@code
 * "\ud800"}, valid JSON, not valid Unicode) to an emulated station that traces its frames: the
 * station answers them and every later call, keeps sending its own, and the trace records those
 * frames faithfully (the surrogate escaped) and keeps recording.
 */
class LoneSurrogateTraceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aLoneSurrogateNeitherWedgesTheStationNorItsTrace(OcppVersion version) throws Exception {
    String id = "LS-" + version.name();
    Path traceDir = dir.resolve("trace");
    boolean v16 = version == OcppVersion.V16;
    try (HostileCsms csms = HostileCsms.start(version);
        EmulatedStation station = station(csms, id, version, traceDir)) {
      station.start();
      await().atMost(WAIT).until(() -> csms.hasReceived("[2,") && station.isAccepted());

      // The escape travels as six ASCII characters; JSON readers turn it into one lone char.
      csms.sendRaw(
          "[2,\"evil-data\",\"DataTransfer\",{\"vendorId\":\"kilowire\",\"data\":\"\\ud800\"}]",
          WAIT);
      csms.sendRaw("[2,\"evil-action\",\"\\ud800\",{}]", WAIT);
      csms.sendRaw(
          v16
              ? "[2,\"after\",\"GetConfiguration\",{\"key\":[\"HeartbeatInterval\"]}]"
              : "[2,\"after\",\"GetVariables\",{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}]",
          WAIT);
      csms.sendRaw("[2,\"trigger\",\"TriggerMessage\",{\"requestedMessage\":\"Heartbeat\"}]", WAIT);

      await().atMost(WAIT).until(() -> csms.hasReceived("[3,\"after\","));
      await().atMost(WAIT).until(() -> heartbeatAfterTrigger(csms));
      assertThat(csms.hasReceived("[4,\"evil-action\",\"NotImplemented\"")).isTrue();
      assertThat(csms.received()).anyMatch(f -> f.matches("\\[[34],\"evil-data\".*"));
    }

    Path file = traceDir.resolve(id + ".ocpp.jsonl");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
    JsonNode evil = frameOf(lines, "rx", "evil-data");
    assertThat(evil.path(3).path("data").asText()).isEqualTo("\ud800");
    assertThat(frameOf(lines, "rx", "evil-action").path(2).asText()).isEqualTo("\ud800");
    // Our answer names the unknown action, lone surrogate and all; the trace keeps it too.
    assertThat(frameOf(lines, "tx", "evil-action").path(3).asText()).contains("\ud800");
    assertThat(frameOf(lines, "tx", "after").path(0).asInt()).isEqualTo(3);
    assertThat(lines)
        .anyMatch(
            l ->
                l.path("dir").asText().equals("tx")
                    && l.path("frame").path(2).asText().equals("Heartbeat"));
  }

  private static boolean heartbeatAfterTrigger(HostileCsms csms) {
    List<String> frames = csms.received();
    int trigger = -1;
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).startsWith("[3,\"trigger\"")) {
        trigger = i;
      } else if (trigger >= 0 && frames.get(i).contains("\"Heartbeat\"")) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode frameOf(List<JsonNode> lines, String dir, String messageId) {
    return lines.stream()
        .filter(l -> l.path("dir").asText().equals(dir))
        .map(l -> l.path("frame"))
        .filter(f -> f.path(1).asText().equals(messageId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + dir + " line for " + messageId));
  }

  private static EmulatedStation station(
      HostileCsms csms, String id, OcppVersion version, Path traceDir) {
    return new EmulatedStation(
        TransportConfig.builder()
            .csmsUrl(csms.uri())
            .stationId(id)
            .ocppVersions(version)
            .securityProfile(0)
            .build(),
        1,
        new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
        new FrameTrace(traceDir, id, Clock.systemUTC()),
        null,
        null,
        Duration.ofSeconds(60),
        null,
        false,
        7,
        EmulatedStation.Timebase.realTime(),
        io.kilowire.emulator.station.EmulatedToken.Type.ISO14443);
  }
}
