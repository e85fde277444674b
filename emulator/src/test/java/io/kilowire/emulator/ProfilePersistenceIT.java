package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Charging profiles survive kill -9 (OCPP 1.6 errata 3.37: profiles survive reboots and power
 * cycles): a profile set on a running emulated station is in force again after SIGKILL and a
 * restart on the same state directory.
 */
class ProfilePersistenceIT {
  private static final String STATION = "KW-EMU-001";
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aProfileSetBeforeSigkillLimitsTheStationAfterTheRestart(OcppVersion version)
      throws Exception {
    Path state = dir.resolve("state");
    boolean v16 = version == OcppVersion.V16;
    try (TestCsms csms = TestCsms.start(version)) {
      Process first = start(csms, version, state);
      try {
        csms.awaitCall(STATION, "BootNotification", WAIT);
        await().atMost(WAIT).until(() -> csms.isConnected(STATION));
        JsonNode answer = csms.call(STATION, "SetChargingProfile", maxProfile(version, 12.0));
        assertThat(answer.path("status").asText()).isEqualTo("Accepted");
      } finally {
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      int boots = csms.calls(STATION, "BootNotification").size();
      Process second = start(csms, version, state);
      try {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    csms.calls(STATION, "BootNotification").size() > boots
                        && csms.isConnected(STATION));
        JsonNode composite =
            csms.call(
                STATION,
                "GetCompositeSchedule",
                v16 ? "{\"connectorId\":1,\"duration\":300}" : "{\"evseId\":1,\"duration\":300}");
        JsonNode periods =
            v16
                ? composite.path("chargingSchedule").path("chargingSchedulePeriod")
                : composite.path("schedule").path("chargingSchedulePeriod");
        assertThat(composite.path("status").asText()).isEqualTo("Accepted");
        assertThat(periods.get(0).path("limit").asDouble()).isEqualTo(12.0);
      } finally {
        second.destroyForcibly();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  /** A station maximum of {@code amps} per phase. */
  private static String maxProfile(OcppVersion version, double amps) {
    String period = "[{\"startPeriod\":0,\"limit\":" + amps + "}]";
    if (version == OcppVersion.V16) {
      return "{\"connectorId\":0,\"csChargingProfiles\":{\"chargingProfileId\":7,\"stackLevel\":0,"
          + "\"chargingProfilePurpose\":\"ChargePointMaxProfile\",\"chargingProfileKind\":\"Absolute\","
          + "\"chargingSchedule\":{\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
          + "\"chargingSchedulePeriod\":"
          + period
          + "}}}";
    }
    return "{\"evseId\":0,\"chargingProfile\":{\"id\":7,\"stackLevel\":0,"
        + "\"chargingProfilePurpose\":\"ChargingStationMaxProfile\",\"chargingProfileKind\":\"Absolute\","
        + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
        + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":"
        + period
        + "}]}}";
  }

  private Process start(TestCsms csms, OcppVersion version, Path state) throws IOException {
    Path jar = Path.of("target", "kilowire-emulator.jar");
    assertThat(jar).exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "run",
            "--csms",
            csms.uri().toString(),
            "--protocol",
            version.subprotocol(),
            "--connectors",
            "1",
            "--state-dir",
            state.toString()));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out-" + System.nanoTime() + ".txt").toFile())
        .start();
  }
}
