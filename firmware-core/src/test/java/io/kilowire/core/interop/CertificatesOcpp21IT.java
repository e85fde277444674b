package io.kilowire.core.interop;

import static io.kilowire.core.transport.TransportFixtures.STATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.station.certificates.PemCertificates;
import io.kilowire.core.station.certificates.SigningKind;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.MintedCa;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.testing.TestPki;
import io.kilowire.core.transport.TransportFixtures;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2.1 station's own certificate renewed through ocpp-rpc in strict mode with the 2.1 schemas,
 * over wss on 127.0.0.1: the CSMS installs its roots, the station asks for a certificate (by itself
 * when its certificate expires within a month, A03; or when the CSMS triggers it, A02) with a
 * SignCertificate numbered by 2.1's requestId, the test signs the CSR with the CSMS's CA and sends
 * the chain back echoing the number: the station accepts it, and on profile 3 connects again at
 * once with the new certificate. A number naming no open request is Rejected with a reasonCode; a
 * request left unanswered goes again, the same number, with a doubling wait (SecurityCtrlr
 * CertSigningWaitMinimum, CertSigningRepeatTimes); the security event of a refused chain waits for
 * the next connection when the CSMS is gone.
 */
class CertificatesOcpp21IT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = OcppRpcCsms.WAIT;

  @TempDir static Path dir;
  private static TestPki pki;
  private static MintedCa.Ca cso;
  private static Path clientCas;

  @BeforeAll
  static void mint() throws IOException {
    // The TLS test PKI: its client certificate for the station expires in two days.
    pki = TestPki.create(dir, STATION);
    Instant now = Instant.now();
    cso = MintedCa.root("CSO Root", now.minusSeconds(3600), now.plus(Duration.ofDays(3650)));
    // The CSMS takes client certificates of either CA: the station's first and its renewed one.
    clientCas = dir.resolve("client-cas.pem");
    Files.writeString(
        clientCas,
        Files.readString(pki.caCertificate()) + PemCertificates.write(List.of(cso.certificate())));
  }

  @Test
  void aCertificateDueForRenewalIsRenewedAndTheNextConnectionUsesItAtOnce() throws IOException {
    try (NodePeer csms = TlsOcpp21IT.peer(pki.server(), clientCas, installRoots().toString())) {
      try (StationRuntime station = station(csms, 3)) {
        // Not triggered: the station's certificate expires within a month (A03).
        JsonNode request = OcppRpcCsms.awaitCall(csms, "SignCertificate", p -> true);
        assertThat(request.path("params").has("requestId")).isTrue();
        awaitResults(csms, 2);

        X509Certificate renewed = signed(request);
        csms.send(certificateSigned(renewed, request.at("/params/requestId").asInt()));

        awaitResults(csms, 3);
        assertThat(results(csms).get(2).at("/result/status").asText()).isEqualTo("Accepted");
        // Profile 3 connects again at once, presenting the new certificate.
        csms.await(
            e ->
                e.path("event").asText().equals("auth")
                    && e.path("clientCertificateIssuer").asText().equals("CSO Root"),
            WAIT);
        assertThat(station.transportConfig().clientCertificateChain()).containsExactly(renewed);
        // ...and trusts the CSMS roots installed, the server's among them.
        assertThat(station.transportConfig().trustedCertificates())
            .hasSize(2)
            .contains(cso.certificate());
        // The new connection speaks 2.1 (no new boot: the station stays registered).
        await()
            .atMost(WAIT)
            .until(
                () ->
                    OcppRpcCsms.count(csms, e -> e.path("event").asText().equals("connected"))
                        == 2);
        csms.send(TlsOcpp21IT.GET_PROFILE);
        awaitResults(csms, 4);
        assertThat(results(csms).get(3).at("/result/getVariableResult/0/attributeValue").asText())
            .isEqualTo("3");
      }
      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("auth"))
          .extracting(e -> e.path("clientCertificateIssuer").asText())
          .containsExactly("Kilowire Test CA", "CSO Root");
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  @Test
  void aTriggeredRequestTakesTheChainEchoingItsNumberOnly() throws IOException {
    ArrayNode calls = installRoots();
    call(calls, "TriggerMessage").put("requestedMessage", "SignChargingStationCertificate");
    try (NodePeer csms = TlsOcpp21IT.peer(pki.server(), null, calls.toString())) {
      try (StationRuntime station = station(csms, 2)) {
        JsonNode request = OcppRpcCsms.awaitCall(csms, "SignCertificate", p -> true);
        awaitResults(csms, 3);
        int id = request.at("/params/requestId").asInt();
        X509Certificate leaf = signed(request);

        csms.send(certificateSigned(leaf, id == Integer.MAX_VALUE ? 0 : id + 1));
        awaitResults(csms, 4);
        csms.send(certificateSigned(leaf, id));
        awaitResults(csms, 5);

        JsonNode stale = results(csms).get(3).path("result");
        assertThat(stale.path("status").asText()).isEqualTo("Rejected");
        assertThat(stale.at("/statusInfo/reasonCode").asText()).isEqualTo("UnknownRequestId");
        assertThat(results(csms).get(4).at("/result/status").asText()).isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .until(() -> station.transportConfig().clientCertificateChain().contains(leaf));
      }
      assertThat(results(csms).get(2).at("/result/status").asText()).isEqualTo("Accepted");
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  @Test
  void aStationSpeakingIso15118Dash20TakesItsV2g20CertificateForTheHlcSide() throws IOException {
    ArrayNode calls = installRoots();
    call(calls, "InstallCertificate")
        .put("certificateType", "V2GRootCertificate")
        .put("certificate", PemCertificates.write(List.of(cso.certificate())));
    call(calls, "TriggerMessage").put("requestedMessage", "SignV2G20Certificate");
    try (NodePeer csms = TlsOcpp21IT.peer(pki.server(), null, calls.toString())) {
      try (StationRuntime station = station(csms, 2, true)) {
        JsonNode request = OcppRpcCsms.awaitCall(csms, "SignCertificate", p -> true);
        awaitResults(csms, 4);
        assertThat(request.at("/params/certificateType").asText()).isEqualTo("V2G20Certificate");
        int id = request.at("/params/requestId").asInt();
        X509Certificate leaf = signed(request);

        ObjectNode line = JSON.createObjectNode().put("action", "CertificateSigned");
        line.putObject("params")
            .put("certificateChain", PemCertificates.write(List.of(leaf)))
            .put("certificateType", "V2G20Certificate")
            .put("requestId", id);
        csms.send(line.toString());
        awaitResults(csms, 5);

        assertThat(results(csms).get(3).at("/result/status").asText()).isEqualTo("Accepted");
        assertThat(results(csms).get(4).at("/result/status").asText()).isEqualTo("Accepted");
        // Kept as the ISO 15118-20 SECC certificate; the CSMS connection's stays as it was.
        AtomicReference<List<X509Certificate>> v2g20 = new AtomicReference<>(List.of());
        station.call(
            () ->
                station
                    .station()
                    .certificates()
                    .credential(SigningKind.V2G20)
                    .ifPresent(c -> v2g20.set(c.chain())));
        assertThat(v2g20.get()).containsExactly(leaf);
        assertThat(station.transportConfig().clientCertificateChain()).doesNotContain(leaf);
        // Listed as a V2G certificate chain (M03), by the leaf's serial number.
        ObjectNode ids = JSON.createObjectNode().put("action", "GetInstalledCertificateIds");
        ids.putObject("params").putArray("certificateType").add("V2GCertificateChain");
        csms.send(ids.toString());
        awaitResults(csms, 6);
        assertThat(results(csms).get(5).at("/result/certificateHashDataChain"))
            .extracting(c -> c.at("/certificateHashData/serialNumber").asText())
            .containsExactly(leaf.getSerialNumber().toString(16));
      }
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  @Test
  void anUnansweredRequestGoesAgainWithADoublingWaitAsOftenAsConfigured() {
    ArrayNode calls = JSON.createArrayNode();
    ArrayNode settings = call(calls, "SetVariables").putArray("setVariableData");
    setting(settings, "CertSigningWaitMinimum", "1");
    setting(settings, "CertSigningRepeatTimes", "2");
    call(calls, "TriggerMessage").put("requestedMessage", "SignChargingStationCertificate");
    try (NodePeer csms = TlsOcpp21IT.peer(pki.server(), null, calls.toString())) {
      try (StationRuntime station = station(csms, 2)) {
        // No CertificateSigned comes: the CSR goes again after 1 s, then after 2 s, then no more.
        List<Instant> sent = new java.util.ArrayList<>();
        for (int n = 1; n <= 3; n++) {
          int count = n;
          await()
              .atMost(WAIT)
              .pollInterval(Duration.ofMillis(10))
              .until(() -> OcppRpcCsms.calls(csms, "SignCertificate", p -> true) >= count);
          sent.add(Instant.now());
        }
        await()
            .during(Duration.ofSeconds(5))
            .atMost(Duration.ofSeconds(6))
            .until(() -> OcppRpcCsms.calls(csms, "SignCertificate", p -> true) == 3);

        assertThat(station.transportConfig().clientCertificateChain())
            .as("no certificate came")
            .isEmpty();
        // Lower bounds only: a loaded machine may delay a request, never bring it forward.
        assertThat(Duration.between(sent.get(0), sent.get(1)))
            .isGreaterThan(Duration.ofMillis(900));
        assertThat(Duration.between(sent.get(1), sent.get(2)))
            .isGreaterThan(Duration.ofMillis(1900));
      }
      List<JsonNode> requests =
          csms.events().stream()
              .filter(
                  e ->
                      e.path("event").asText().equals("call")
                          && e.path("action").asText().equals("SignCertificate"))
              .toList();
      assertThat(requests)
          .extracting(e -> e.at("/params/requestId").asInt())
          .as("one request, sent three times")
          .containsOnly(requests.get(0).at("/params/requestId").asInt());
      assertThat(results(csms).get(0).at("/result/setVariableResult/0/attributeStatus").asText())
          .isEqualTo("Accepted");
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  @Test
  void aRefusedChainsSecurityEventWaitsForTheNextConnection() {
    try (NodePeer csms = TlsOcpp21IT.peer(pki.server(), null, "[]")) {
      try (StationRuntime station = station(csms, 2)) {
        OcppRpcCsms.awaitCall(csms, "StatusNotification", p -> true);
        ObjectNode chain = JSON.createObjectNode().put("action", "CertificateSigned");
        chain
            .putObject("params")
            .put("certificateChain", SecurityOcpp21IT.foreignChain(Instant.now()));
        // One write: the CSMS closes the connection right behind its CALL, so nothing the station
        // sends in return can be answered on it.
        csms.send(chain + "\n{\"offline\":true}");
        csms.awaitEvent("closed", WAIT);
        assertThat(station.transportConfig().securityProfile()).isEqualTo(2);
        csms.send("{\"offline\":false}");

        csms.await(
            e -> {
              List<JsonNode> events = csms.events();
              int reconnected = nth(events, "connected", 2);
              return reconnected >= 0
                  && events.subList(reconnected, events.size()).stream()
                      .anyMatch(
                          c ->
                              c.path("event").asText().equals("call")
                                  && c.path("action").asText().equals("SecurityEventNotification")
                                  && c.at("/params/type")
                                      .asText()
                                      .equals("InvalidChargingStationCertificate"));
            },
            WAIT);
      }
      assertThat(csms.primitiveViolations()).isEmpty();
      // The station's Rejected may reach the peer after it dropped the CALL it closed behind, as
      // an answer to an id it no longer knows; anything else malformed still fails the test.
      assertThat(csms.events())
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .noneMatch(
              e ->
                  e.path("event").asText().equals("badMessage")
                      && !e.path("frame")
                          .asText()
                          .matches("\\[3,\"[^\"]+\",\\{\"status\":\"Rejected\"}]"));
    }
  }

  /** The index of the {@code n}th event named {@code name}, or -1. */
  private static int nth(List<JsonNode> events, String name, int n) {
    for (int i = 0, seen = 0; i < events.size(); i++) {
      if (events.get(i).path("event").asText().equals(name) && ++seen == n) {
        return i;
      }
    }
    return -1;
  }

  private static void setting(ArrayNode settings, String variable, String value) {
    ObjectNode data = settings.addObject().put("attributeValue", value);
    data.putObject("component").put("name", "SecurityCtrlr");
    data.putObject("variable").put("name", variable);
  }

  /** The CSMS installs both CAs as CSMS roots: the TLS test CA (its server's) and its own. */
  private static ArrayNode installRoots() throws IOException {
    ArrayNode calls = JSON.createArrayNode();
    call(calls, "InstallCertificate")
        .put("certificateType", "CSMSRootCertificate")
        .put("certificate", Files.readString(pki.caCertificate()));
    call(calls, "InstallCertificate")
        .put("certificateType", "CSMSRootCertificate")
        .put("certificate", PemCertificates.write(List.of(cso.certificate())));
    return calls;
  }

  private static StationRuntime station(NodePeer csms, int profile) {
    return station(csms, profile, false);
  }

  private static StationRuntime station(NodePeer csms, int profile, boolean iso15118Dash20) {
    int port = csms.awaitEvent("ready", WAIT).path("port").asInt();
    LazyHardware hardware = new LazyHardware();
    StationRuntime station =
        StationRuntime.builder(
                TransportFixtures.station(
                        profile, pki, URI.create("wss://127.0.0.1:" + port), OcppVersion.V21)
                    .build(),
                hardware)
            .build();
    hardware.fake = new FakeHardware(station.scheduler());
    hardware.fake.iso15118Dash20(iso15118Dash20);
    station.start();
    return station;
  }

  /** The station's CSR signed by the CSMS's CA, valid for a year. */
  private static X509Certificate signed(JsonNode signCertificate) {
    Instant now = Instant.now();
    return MintedCa.sign(
        cso,
        signCertificate.at("/params/csr").asText(),
        now.minusSeconds(60),
        now.plus(Duration.ofDays(365)));
  }

  private static String certificateSigned(X509Certificate leaf, int requestId) {
    ObjectNode line = JSON.createObjectNode().put("action", "CertificateSigned");
    line.putObject("params")
        .put("certificateChain", PemCertificates.write(List.of(leaf)))
        .put("requestId", requestId);
    return line.toString();
  }

  private static List<JsonNode> results(NodePeer csms) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().startsWith("csmsCall"))
        .toList();
  }

  /** Waits for {@code n} answers to the CSMS's CALLs (failing with all the peer's events). */
  private static void awaitResults(NodePeer csms, int n) {
    csms.await(e -> results(csms).size() >= n, WAIT);
  }

  private static ObjectNode call(ArrayNode calls, String action) {
    ObjectNode params = JSON.createObjectNode();
    calls.addObject().put("action", action).set("params", params);
    return params;
  }
}
