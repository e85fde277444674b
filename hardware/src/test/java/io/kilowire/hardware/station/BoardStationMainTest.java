package io.kilowire.hardware.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.ocpp.OcppVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardStationMainTest {
  @TempDir Path dir;

  @Test
  void theRequiredOptionsAndTheDefaults() {
    BoardStationMain.Args a =
        BoardStationMain.parse(
            new String[] {
              "--config", "s.json", "--csms", "ws://127.0.0.1:9000/ocpp", "--id", "CP1"
            });
    assertThat(a.config()).isEqualTo(Path.of("s.json"));
    assertThat(a.csms()).isEqualTo(URI.create("ws://127.0.0.1:9000/ocpp"));
    assertThat(a.id()).isEqualTo("CP1");
    assertThat(a.version()).isEqualTo(OcppVersion.V16);
    assertThat(a.stateDir()).isNull();
    assertThat(a.meterInterval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void everyOption() {
    BoardStationMain.Args a =
        BoardStationMain.parse(
            new String[] {
              "--config", "s.json", "--csms", "wss://csms.example/ocpp", "--id", "CP1",
              "--protocol", "ocpp2.0.1", "--state-dir", "/var/lib/kw", "--meter-interval", "15"
            });
    assertThat(a.version()).isEqualTo(OcppVersion.V201);
    assertThat(a.stateDir()).isEqualTo(Path.of("/var/lib/kw"));
    assertThat(a.meterInterval()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void ocpp21IsAProtocolTheStationSpeaks() {
    BoardStationMain.Args a =
        BoardStationMain.parse(
            new String[] {
              "--config",
              "s.json",
              "--csms",
              "ws://127.0.0.1:9000",
              "--id",
              "CP1",
              "--protocol",
              "ocpp2.1"
            });
    assertThat(a.version()).isEqualTo(OcppVersion.V21);
  }

  @Test
  void badCommandLinesNameTheProblem() {
    assertThatThrownBy(() -> BoardStationMain.parse(new String[] {"--id", "CP1"}))
        .hasMessage("--config, --csms and --id are required");
    assertThatThrownBy(() -> BoardStationMain.parse(new String[] {"--csms", "http://x"}))
        .hasMessageStartingWith("--csms: a ws:// or wss:// URL");
    assertThatThrownBy(() -> BoardStationMain.parse(new String[] {"--protocol", "ocpp2.2"}))
        .hasMessageStartingWith("--protocol: ocpp1.6, ocpp2.0.1 or ocpp2.1");
    assertThatThrownBy(() -> BoardStationMain.parse(new String[] {"--port", "1"}))
        .hasMessage("unknown option --port");
    assertThatThrownBy(() -> BoardStationMain.parse(new String[] {"--config"}))
        .hasMessage("--config: value missing");
  }

  @Test
  void helpPrintsTheUsageAndExitsWithZero() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BoardStationMain.run(
            new String[] {"--help"}, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--config");
  }

  @Test
  void aBadConfigFileExitsWithTheFieldItIsAbout() throws Exception {
    Path config = dir.resolve("station.json");
    Files.writeString(config, "{\"evses\":[{\"meter\":{}}]}");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BoardStationMain.run(
            new String[] {
              "--config", config.toString(), "--csms", "ws://127.0.0.1:1/", "--id", "X"
            },
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("evses[0].rapi: required");
  }
}
