package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CSMS changes the station's credentials over a real WebSocket on 127.0.0.1: a new password
 * (A01; 1.6 AuthorizationKey) is used by a connection opened right after the reply, and the 1.6
 * security profile rises, never falls, and only with what the new profile needs.
 */
class ConnectionSecurityIT {
  private static final Duration WAIT = RuntimeStations.WAIT;
  private static final String OLD = "0123456789abcdef0123456789abcdef";
  private static final String NEW = "fedcba9876543210fedcba9876543210";
  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aNewPasswordIsUsedByTheNextConnectionWhichOpensAtOnce(OcppVersion version) {
    String id = "KW-PW-" + version.name();
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    accepted.add(OLD);
    List<String> seen = new CopyOnWriteArrayList<>();
    TestCsms csms =
        TestCsms.start(
            (station, password) -> {
              seen.add(password);
              return accepted.contains(password);
            },
            version);
    StationRuntime station =
        stations.station(
            csms, version, id, t -> t.securityProfile(1).basicAuthPassword(OLD), r -> r);
    int connections = seen.size();

    // From now on the CSMS knows the station by its new password only.
    accepted.add(NEW);
    String answer =
        version == OcppVersion.V16
            ? csms.call(
                    id,
                    "ChangeConfiguration",
                    "{\"key\":\"AuthorizationKey\",\"value\":\"" + NEW + "\"}")
                .at("/status")
                .asText()
            : csms.call(
                    id,
                    "SetVariables",
                    "{\"setVariableData\":[{\"attributeValue\":\""
                        + NEW
                        + "\",\"component\":"
                        + "{\"name\":\"SecurityCtrlr\"},\"variable\":{\"name\":\"BasicAuthPassword\"}}]}")
                .at("/setVariableResult/0/attributeStatus")
                .asText();
    assertThat(answer).isEqualTo("Accepted");
    accepted.remove(OLD);

    await().atMost(WAIT).until(() -> seen.size() > connections && csms.isConnected(id));
    assertThat(seen.subList(connections, seen.size())).containsOnly(NEW);
    assertThat(station.transportConfig().basicAuthPassword()).isEqualTo(NEW);
    // The password never reads back.
    if (version == OcppVersion.V16) {
      assertThat(
              csms.call(id, "GetConfiguration", "{\"key\":[\"AuthorizationKey\"]}")
                  .at("/configurationKey/0")
                  .has("value"))
          .isFalse();
    }
  }

  @Test
  void theOneSixSecurityProfileRisesOnlyWithWhatItNeedsAndNeverFalls() {
    String id = "KW-PROFILE-16";
    TestCsms csms = stations.csms(OcppVersion.V16);
    StationRuntime station = stations.station(csms, OcppVersion.V16, id);

    assertThat(change(csms, id, "SecurityProfile", "1"))
        .as("no password yet")
        .isEqualTo("Rejected");
    assertThat(change(csms, id, "AuthorizationKey", OLD)).isEqualTo("Accepted");
    assertThat(change(csms, id, "SecurityProfile", "2"))
        .as("no CSMS root installed")
        .isEqualTo("Rejected");
    long connectedBefore = csms.events().stream().filter(e -> e.startsWith("connected")).count();
    assertThat(change(csms, id, "SecurityProfile", "1")).isEqualTo("Accepted");

    await()
        .atMost(WAIT)
        .until(
            () ->
                csms.events().stream().filter(e -> e.startsWith("connected")).count()
                        > connectedBefore
                    && csms.isConnected(id));
    assertThat(station.transportConfig().securityProfile()).isEqualTo(1);
    assertThat(station.transportConfig().basicAuthPassword()).isEqualTo(OLD);
    assertThat(
            csms.call(id, "GetConfiguration", "{\"key\":[\"SecurityProfile\"]}")
                .at("/configurationKey/0/value")
                .asText())
        .isEqualTo("1");
    assertThat(change(csms, id, "SecurityProfile", "0")).as("no downgrade").isEqualTo("Rejected");
    assertThat(change(csms, id, "SecurityProfile", "1"))
        .as("no sideways move")
        .isEqualTo("Rejected");
  }

  private static String change(TestCsms csms, String id, String key, String value) {
    return csms.call(
            id, "ChangeConfiguration", "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}")
        .at("/status")
        .asText();
  }
}
