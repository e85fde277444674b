package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code run --expired-certificate}: every station starts with a certificate that has expired, and
 * asks the CSMS (here the sandbox, in virtual time) for a new one with SignCertificate.
 */
class ExpiredCertificateRunTest {
  @TempDir Path traces;

  @ParameterizedTest
  @ValueSource(strings = {"ocpp2.1", "ocpp2.0.1", "ocpp1.6"})
  void aStationWithAnExpiredCertificateAsksForANewOne(String protocol) throws Exception {
    StringWriter err = new StringWriter();
    PrintStream systemOut = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
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
              "2m",
              "--protocol",
              protocol,
              "--stations",
              "2",
              "--ev-mode",
              "none",
              "--expired-certificate",
              "--trace",
              traces.toString());
    } finally {
      System.setOut(systemOut);
    }

    assertThat(code).as(err.toString()).isZero();
    for (String id : new String[] {"KW-EMU-001", "KW-EMU-002"}) {
      String frames = Files.readString(traces.resolve(id + ".ocpp.jsonl"));
      assertThat(frames).as(id).contains("SignCertificate").contains("CERTIFICATE REQUEST");
    }
  }
}
