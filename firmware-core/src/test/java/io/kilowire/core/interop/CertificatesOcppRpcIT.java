package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.station.certificates.CertificateHash;
import io.kilowire.core.station.certificates.PemCertificates;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.MintedCa;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The certificate block driven by ocpp-rpc in strict mode: the CSMS installs a root, lists it,
 * triggers a signing request, sends a chain the station must refuse and deletes the root. Every
 * answer and every CALL of the station (SignCertificate, SecurityEventNotification) passes the OCA
 * schemas; the statuses are the ones the use cases prescribe.
 */
class CertificatesOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theCertificateBlockPassesOcppRpcStrictMode(OcppVersion version) {
    boolean v16 = version == OcppVersion.V16;
    Instant now = Instant.now();
    MintedCa.Ca root = MintedCa.root("Root", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    MintedCa.Ca stranger =
        MintedCa.root("Stranger", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    String foreign =
        PemCertificates.write(
            List.of(
                MintedCa.leaf(
                    stranger,
                    "CN=KW",
                    MintedCa.keys().getPublic(),
                    now.minusSeconds(60),
                    now.plus(Duration.ofDays(3)))));
    CertificateHash hash = CertificateHash.of(root.certificate(), root.certificate(), "SHA256");
    ObjectNode hashData =
        JSON.createObjectNode()
            .put("hashAlgorithm", "SHA256")
            .put("issuerNameHash", hash.issuerNameHash())
            .put("issuerKeyHash", hash.issuerKeyHash())
            .put("serialNumber", hash.serialNumber());

    ArrayNode calls = JSON.createArrayNode();
    call(calls, "InstallCertificate")
        .put("certificateType", v16 ? "CentralSystemRootCertificate" : "CSMSRootCertificate")
        .put("certificate", PemCertificates.write(List.of(root.certificate())));
    ObjectNode ids = call(calls, "GetInstalledCertificateIds");
    if (v16) {
      ids.put("certificateType", "CentralSystemRootCertificate");
    }
    call(calls, v16 ? "ExtendedTriggerMessage" : "TriggerMessage")
        .put(
            "requestedMessage",
            v16 ? "SignChargePointCertificate" : "SignChargingStationCertificate");
    call(calls, "CertificateSigned").put("certificateChain", foreign);
    call(calls, "DeleteCertificate").set("certificateHashData", hashData);

    try (NodePeer csms =
        NodePeer.start(
            "server.js", "--protocol", version.subprotocol(), "--csms-call", calls.toString())) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(URI.create("ws://127.0.0.1:" + port))
              .stationId("KW-CERT-RPC-" + version.name())
              .ocppVersions(version)
              .securityProfile(1)
              .basicAuthPassword("0123456789abcdef0123")
              .build();
      try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    csms.events().stream()
                            .filter(e -> e.path("event").asText().startsWith("csmsCall"))
                            .count()
                        == 5);
        csms.await(
            e ->
                e.path("event").asText().equals("call")
                    && e.path("action").asText().equals("SecurityEventNotification"),
            WAIT);
      }
      List<JsonNode> events = csms.events();
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(events)
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .noneMatch(e -> e.path("event").asText().equals("badMessage"))
          .noneMatch(e -> e.path("event").asText().equals("csmsCallError"));
      assertThat(
              events.stream()
                  .filter(e -> e.path("event").asText().equals("csmsCallResult"))
                  .map(
                      e ->
                          e.path("action").asText()
                              + ":"
                              + e.path("result").path("status").asText()))
          .containsExactly(
              "InstallCertificate:Accepted",
              "GetInstalledCertificateIds:Accepted",
              (v16 ? "ExtendedTriggerMessage" : "TriggerMessage") + ":Accepted",
              "CertificateSigned:Rejected",
              "DeleteCertificate:Accepted");
      assertThat(events)
          .anyMatch(
              e ->
                  e.path("event").asText().equals("call")
                      && e.path("action").asText().equals("SignCertificate")
                      && e.path("params").path("csr").asText().contains("CERTIFICATE REQUEST"));
    }
  }

  private static ObjectNode call(ArrayNode calls, String action) {
    ObjectNode params = JSON.createObjectNode();
    calls.addObject().put("action", action).set("params", params);
    return params;
  }
}
