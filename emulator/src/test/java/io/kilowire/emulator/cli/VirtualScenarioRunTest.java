package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --speed max --scenario}: a scenario in virtual time, in-process against the in-memory
 * sandbox: ten simulated minutes of charging pass in about a second, and the exit code and the
 * JUnit report say whether every expectation held.
 */
class VirtualScenarioRunTest {
  private static final String CHARGE =
      """
      name: charge-for-ten-minutes
      steps:
        - on: BootAccepted
        - do: plug
          evse: 1
          with: {model: compact, idToken: 04A1B2C3D4E5F6}
        - expect: {transaction: started, evse: 1}
          within: 30s
        - after: 10m
          do: unplug
          evse: 1
        - expect: {call: StopTransaction, from: station, payload: {reason: EVDisconnected}}
      """;

  @TempDir Path dir;

  private int run(Path scenario, Path report) {
    return EmulatorCli.execute(
        new PrintWriter(new StringWriter(), true),
        new PrintWriter(new StringWriter(), true),
        "run",
        "--speed",
        "max",
        "--ev-mode",
        "none",
        "--scenario",
        scenario.toString(),
        "--scenario-report",
        report.toString());
  }

  @Test
  void aScenarioWhoseExpectationsHoldPassesInVirtualTime() throws Exception {
    Path scenario = Files.writeString(dir.resolve("charge.yaml"), CHARGE);
    Path report = dir.resolve("report.xml");

    assertThat(run(scenario, report)).isZero();
    assertThat(Files.readString(report))
        .contains(
            "<testsuite name=\"charge-for-ten-minutes\" tests=\"5\" failures=\"0\" errors=\"0\"")
        .contains("name=\"step 4: do unplug\" time=\"600.000\"");
  }

  @Test
  void anExpectationThatDoesNotHoldFailsTheRunWithExitCodeThree() throws Exception {
    Path scenario =
        Files.writeString(
            dir.resolve("remote.yaml"),
            CHARGE + "  - expect: {call: RemoteStartTransaction}\n    within: 5m\n");
    Path report = dir.resolve("report.xml");

    assertThat(run(scenario, report)).isEqualTo(3);
    assertThat(Files.readString(report))
        .contains("tests=\"6\" failures=\"1\" errors=\"0\"")
        .contains(
            "<failure message=\"RemoteStartTransaction from the CSMS did not happen within 300 s\"/>");
  }
}
