package io.kilowire.core.runtime;

import static io.kilowire.core.transport.TransportFixtures.STATION;
import static io.kilowire.core.transport.TransportFixtures.server;
import static io.kilowire.core.transport.TransportFixtures.station;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestPki;
import io.kilowire.core.transport.OcppWebSocketServer;
import io.kilowire.core.transport.StationConnection;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.TransportFixtures.Implementation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our station client against our CSMS server, OCPP 1.6 / 2.0.1 x security profiles 0-3, on each
 * station transport.
 */
class OcppClientSecurityMatrixIT {
  @TempDir static Path dir;
  private static TestPki pki;
  private static ExecutorTaskScheduler csmsScheduler;

  @BeforeAll
  static void setUp() {
    pki = TestPki.create(dir, STATION);
    csmsScheduler = ExecutorTaskScheduler.singleThread("csms", Map.of());
  }

  @AfterAll
  static void tearDown() {
    csmsScheduler.close();
  }

  private static OcppClient.Builder client(Implementation transport, TransportConfig config) {
    return OcppClient.builder(config).transportFactory(transport.factory(config));
  }

  static Stream<Arguments> matrix() {
    return Stream.of(Implementation.values())
        .flatMap(
            t ->
                Stream.of(OcppVersion.V16, OcppVersion.V201)
                    .flatMap(v -> Stream.of(0, 1, 2, 3).map(p -> Arguments.of(t, v, p))));
  }

  @ParameterizedTest(name = "{1} over security profile {2} on {0}")
  @MethodSource("matrix")
  void stationAndCsmsCallEachOtherOverTheNegotiatedVersion(
      Implementation transport, OcppVersion version, int profile) throws Exception {
    StateRecorder states = new StateRecorder();
    try (OcppWebSocketServer csms = server(profile, pki, csmsScheduler).build().start();
        OcppClient client =
            client(transport, station(profile, pki, csms.uri(), version).build())
                .sessionConfigurer(StationHandlers::answerCsmsCalls)
                .stateListener(states)
                .build()) {
      client.start();

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> states.count(ClientState.Kind.CONNECTED) == 1);
      assertEquals(
          new ClientState.Connected(version), states.of(ClientState.Connected.class).get(0));
      assertTrue(StationHandlers.bootAndHeartbeat(client, version));

      await().atMost(Duration.ofSeconds(20)).until(() -> csms.connection(STATION).isPresent());
      StationConnection station = csms.connection(STATION).orElseThrow();
      assertEquals(version, station.version());
      assertTrue(StationHandlers.csmsCallIsAnswered(station.session()));
      if (profile == 3) {
        String peer = station.tlsSession().orElseThrow().getPeerPrincipal().getName();
        assertTrue(peer.contains("CN=" + STATION), peer);
      }
    }
  }
}
