package io.kilowire.emulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.emulator.control.EmulatorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An end-to-end test of a CSMS written as a scenario file: an EV plugs in and the CSMS is expected
 * to start the charge remotely. The same file, run by the emulator jar against a CSMS on 127.0.0.1,
 * passes against a CSMS that sends RemoteStartTransaction when a connector becomes Preparing, and
 * fails (exit code 3, the JUnit report naming the step) against one that does not.
 */
class ScenarioIT {
  private static final String SCENARIO =
      """
      name: remote-start-on-plug
      steps:
        - on: BootAccepted
          within: 30s
        - do: plug
          station: SCN-001
          evse: 1
          with: {model: city, soc: 25}
        - expect: {call: RemoteStartTransaction, payload: {connectorId: 1, idTag: REMOTE01}}
          within: 8s
        - expect: {status: Charging, evse: 1}
          within: 8s
      """;

  @TempDir Path dir;

  @Test
  void passesAgainstACsmsThatStartsRemotelyAndFailsAgainstOneThatDoesNot() throws Exception {
    Path scenario = dir.resolve("remote-start.yaml");
    Files.writeString(scenario, SCENARIO);

    try (TestCsms csms = TestCsms.start(OcppVersion.V16)) {
      // This CSMS starts a charge as soon as a car is plugged in.
      CompletableFuture<Void> remoteStart =
          CompletableFuture.runAsync(
              () -> {
                csms.awaitCall(
                    "SCN-001",
                    "StatusNotification",
                    p -> p.path("status").asText().equals("Preparing"),
                    Duration.ofSeconds(60));
                csms.call(
                    "SCN-001",
                    "RemoteStartTransaction",
                    "{\"connectorId\":1,\"idTag\":\"REMOTE01\"}");
              });
      Path report = dir.resolve("pass.xml");
      int exit = run(csms, scenario, report);
      remoteStart.get(5, TimeUnit.SECONDS);
      String xml = Files.readString(report);
      assertThat(exit).as(xml).isZero();
      assertThat(xml).contains("tests=\"4\" failures=\"0\" errors=\"0\"");
      assertThat(csms.calls("SCN-001", "StartTransaction"))
          .singleElement()
          .satisfies(r -> assertThat(r.payload().path("idTag").asText()).isEqualTo("REMOTE01"));
    }

    try (TestCsms silent = TestCsms.start(OcppVersion.V16)) {
      Path report = dir.resolve("fail.xml");
      int exit = run(silent, scenario, report);
      String xml = Files.readString(report);
      assertThat(exit).as(xml).isEqualTo(3);
      assertThat(xml)
          .contains("tests=\"4\" failures=\"2\"")
          .contains("step 3: expect RemoteStartTransaction from the CSMS")
          .contains(
              "<failure message=\"RemoteStartTransaction from the CSMS did not happen within 8 s\"/>");
    }
  }

  private int run(TestCsms csms, Path scenario, Path report) {
    try (EmulatorProcess emulator =
        EmulatorProcess.start(
            dir,
            "run",
            "--csms",
            csms.uri().toString(),
            "--id-prefix",
            "SCN-",
            "--ev-mode",
            "none",
            "--scenario",
            scenario.toString(),
            "--scenario-report",
            report.toString())) {
      // The run ends by itself when the scenario does.
      assertThat(emulator.process().waitFor(90, TimeUnit.SECONDS)).as(emulator.output()).isTrue();
      return emulator.process().exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
