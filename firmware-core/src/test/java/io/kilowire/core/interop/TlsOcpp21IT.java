package io.kilowire.core.interop;

import static io.kilowire.core.transport.TransportFixtures.PASSWORD;
import static io.kilowire.core.transport.TransportFixtures.STATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.testing.TestPki;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.TransportFixtures;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security profiles 2 and 3 on a 2.1 station against ocpp-rpc in strict mode with the 2.1 schemas,
 * over wss on 127.0.0.1 ({@code server.js --tls-cert/--tls-key[/--tls-client-ca]}): the station
 * negotiates {@code ocpp2.1} inside TLS, logs in with Basic auth on profile 2 and with its client
 * certificate on profile 3, and boots; a certificate signed by a CA the other side does not trust
 * is refused in the TLS handshake, whichever side holds it.
 */
class TlsOcpp21IT {
  private static final Duration WAIT = OcppRpcCsms.WAIT;

  /** A CSMS call reading the security profile the station connected with. */
  static final String GET_PROFILE =
      "{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":[{\"component\":"
          + "{\"name\":\"SecurityCtrlr\"},\"variable\":{\"name\":\"SecurityProfile\"}}]}}";

  @TempDir static Path dir;
  private static TestPki pki;

  @BeforeAll
  static void mint() {
    pki = TestPki.create(dir, STATION);
  }

  @Test
  void profileTwoIsTlsWithBasicAuthAndTheTwoOneSubprotocol() {
    try (NodePeer csms = peer(pki.server(), null)) {
      runStation(csms, 2, t -> t);

      JsonNode auth = csms.awaitEvent("auth", WAIT);
      assertThat(auth.path("password").asText()).isEqualTo(PASSWORD);
      assertThat(auth.path("clientCertificate").isNull()).isTrue();
      assertBootedOnTwoOneAndReports(csms, 2);
    }
  }

  @Test
  void profileThreeLogsInWithTheStationsClientCertificate() {
    try (NodePeer csms = peer(pki.server(), pki.caCertificate())) {
      runStation(csms, 3, t -> t);

      JsonNode auth = csms.awaitEvent("auth", WAIT);
      assertThat(auth.path("clientCertificate").asText()).isEqualTo(STATION);
      assertThat(auth.path("password").isNull()).as("no Basic auth on profile 3").isTrue();
      assertBootedOnTwoOneAndReports(csms, 3);
    }
  }

  @Test
  void aClientCertificateFromACaTheCsmsDoesNotTrustIsRefused() {
    try (NodePeer csms = peer(pki.server(), pki.caCertificate())) {
      TestPki.Material stranger = pki.selfSignedClient();
      runStation(csms, 3, t -> t.clientCertificate(stranger.certificate(), stranger.privateKey()));

      csms.awaitEvent("tlsClientError", WAIT);
      assertThat(csms.events()).noneMatch(e -> e.path("event").asText().equals("auth"));
    }
  }

  @Test
  void aCsmsCertificateFromACaTheStationDoesNotTrustIsRefused() {
    try (NodePeer csms = peer(pki.untrustedServer(), null)) {
      runStation(csms, 2, t -> t);

      // The station aborts the handshake with an alert: the CSMS never sees a WebSocket upgrade.
      csms.awaitEvent("tlsClientError", WAIT);
      assertThat(csms.events()).noneMatch(e -> e.path("event").asText().equals("auth"));
    }
  }

  /** server.js serving wss with {@code server}'s certificate; with {@code clientCa}, profile 3. */
  private static NodePeer peer(TestPki.Material server, Path clientCa) {
    return peer(server, clientCa, GET_PROFILE);
  }

  /**
   * server.js for 2.1 over wss with {@code server}'s certificate, making {@code calls} (its
   * --csms-call) after the station's boot; with {@code clientCa} (a PEM file, one or more CA
   * certificates) it requires a client certificate signed by one of them (profile 3).
   */
  static NodePeer peer(TestPki.Material server, Path clientCa, String calls) {
    List<String> args = new ArrayList<>(List.of("--protocol", "ocpp2.1", "--csms-call", calls));
    args.addAll(
        List.of(
            "--tls-cert",
            server.certificate().toString(),
            "--tls-key",
            server.privateKey().toString()));
    if (clientCa != null) {
      args.addAll(List.of("--tls-client-ca", clientCa.toString()));
    }
    return NodePeer.start("server.js", args.toArray(String[]::new));
  }

  /**
   * Starts a 2.1 station on {@code profile} against the peer, waits until the peer saw the
   * connection attempt end (an answered CSMS CALL or a refused handshake), and closes it.
   */
  private static void runStation(
      NodePeer csms, int profile, UnaryOperator<TransportConfig.Builder> adjust) {
    JsonNode ready = csms.awaitEvent("ready", WAIT);
    assertThat(ready.path("tls").asBoolean()).isTrue();
    URI url = URI.create("wss://127.0.0.1:" + ready.path("port").asInt());
    TransportConfig config =
        adjust.apply(TransportFixtures.station(profile, pki, url, OcppVersion.V21)).build();
    LazyHardware hardware = new LazyHardware();
    try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
      hardware.fake = new FakeHardware(station.scheduler());
      station.start();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  OcppRpcCsms.count(
                          csms,
                          e ->
                              e.path("event").asText().startsWith("csmsCall")
                                  || e.path("event").asText().equals("tlsClientError"))
                      > 0);
    }
  }

  private static void assertBootedOnTwoOneAndReports(NodePeer csms, int profile) {
    assertThat(csms.awaitEvent("connected", WAIT).path("protocol").asText()).isEqualTo("ocpp2.1");
    OcppRpcCsms.awaitCall(csms, "BootNotification", p -> true);
    JsonNode answer = csms.awaitEvent("csmsCallResult", WAIT);
    assertThat(answer.at("/result/getVariableResult/0/attributeValue").asText())
        .as("the profile the station reports is the one it connected with")
        .isEqualTo(String.valueOf(profile));
    OcppRpcCsms.assertNoComplaints(csms);
  }
}
