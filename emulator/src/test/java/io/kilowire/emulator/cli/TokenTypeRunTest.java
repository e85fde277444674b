package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.emulator.station.EmulatedToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code run --token-type}: the EVs present tokens of that type, and the sandbox CSMS, which checks
 * the formats as a strict CSMS does, accepts them and the sessions start (virtual time).
 */
class TokenTypeRunTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "ocpp2.0.1, ISO14443",
    "ocpp2.0.1, ISO15693",
    "ocpp2.0.1, eMAID",
    "ocpp2.0.1, Central",
    "ocpp2.0.1, Local",
    "ocpp2.0.1, KeyCode",
    "ocpp1.6, ISO14443",
    "ocpp1.6, eMAID"
  })
  void theSandboxAcceptsTheTokensOfEveryTypeAndTheSessionsStart(String protocol, String type) {
    StringWriter err = new StringWriter();
    // In virtual time the stations print to System.out.
    PrintStream systemOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          EmulatorCli.execute(
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(err, true),
              "run",
              "--speed",
              "max",
              "--duration",
              "5m",
              "--protocol",
              protocol,
              "--connectors",
              "1",
              "--token-type",
              type);
    } finally {
      System.setOut(systemOut);
    }

    assertThat(code).as(err.toString()).isZero();
    String token = EmulatedToken.of(EmulatedToken.Type.byName(type).orElseThrow(), "KW-EMU-001", 1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("started for " + token);
  }
}
