package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.certificates.CertificateHash;
import io.kilowire.core.station.certificates.PemCertificates;
import io.kilowire.core.testing.MintedCa;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theCertificateBlockPassesOcppRpcStrictMode(OcppVersion version) {
    boolean v16 = version == OcppVersion.V16;
    Instant now = Instant.now();
    MintedCa.Ca root = MintedCa.root("Root", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    String foreign = SecurityOcpp21IT.foreignChain(now);
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

    List<JsonNode> events =
        StrictCsmsRun.drive(
            version,
            "KW-CERT-RPC-" + version.name(),
            calls.toString(),
            t -> t.securityProfile(1).basicAuthPassword("0123456789abcdef0123"),
            "SecurityEventNotification");
    assertThat(
            StrictCsmsRun.results(events).stream()
                .map(
                    e ->
                        e.path("action").asText() + ":" + e.path("result").path("status").asText()))
        .containsExactly(
            "InstallCertificate:Accepted",
            "GetInstalledCertificateIds:Accepted",
            (v16 ? "ExtendedTriggerMessage" : "TriggerMessage") + ":Accepted",
            "CertificateSigned:Rejected",
            "DeleteCertificate:Accepted");
    assertThat(StrictCsmsRun.stationCalls(events, "SignCertificate"))
        .anyMatch(e -> e.path("params").path("csr").asText().contains("CERTIFICATE REQUEST"));
  }

  private static ObjectNode call(ArrayNode calls, String action) {
    ObjectNode params = JSON.createObjectNode();
    calls.addObject().put("action", action).set("params", params);
    return params;
  }
}
