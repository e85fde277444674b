package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.certificates.PemCertificates;
import io.kilowire.core.testing.MintedCa;
import io.kilowire.core.testing.TestCsms;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Certificate management over a real WebSocket on 127.0.0.1, against a CA minted in the test: the
 * CSMS installs its root, lists and deletes certificates by their hash data, asks the station for a
 * new certificate, signs its CSR and sends the chain back; the station keeps it and its next
 * connection carries it. A chain from another CA is refused with a security event.
 */
class CertificatesIT {
  private static final Duration WAIT = RuntimeStations.WAIT;
  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theCsmsRenewsTheStationsCertificateThroughItsOwnCa(OcppVersion version) {
    boolean v16 = version == OcppVersion.V16;
    String id = "KW-CERT-" + version.name();
    Instant now = Instant.now();
    MintedCa.Ca root =
        MintedCa.root("CSO Root", now.minusSeconds(3600), now.plus(Duration.ofDays(3650)));
    MintedCa.Ca sub =
        MintedCa.subCa(root, "CSO Sub", now.minusSeconds(3600), now.plus(Duration.ofDays(900)));
    TestCsms csms = stations.csms(version);
    // The security extension's messages are the 1.6 station's from profile 1 on.
    StationRuntime station =
        stations.station(
            csms,
            version,
            id,
            t -> v16 ? t.securityProfile(1).basicAuthPassword("0123456789abcdef0123") : t,
            r -> r);

    String rootPem = json(PemCertificates.write(List.of(root.certificate())));
    String rootType = v16 ? "CentralSystemRootCertificate" : "CSMSRootCertificate";
    assertThat(
            csms.call(
                    id,
                    "InstallCertificate",
                    "{\"certificateType\":\"" + rootType + "\",\"certificate\":" + rootPem + "}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    JsonNode ids =
        csms.call(
            id,
            "GetInstalledCertificateIds",
            v16
                ? "{\"certificateType\":\"CentralSystemRootCertificate\"}"
                : "{\"certificateType\":[\"CSMSRootCertificate\"]}");
    assertThat(ids.at("/status").asText()).isEqualTo("Accepted");
    JsonNode hash =
        v16
            ? ids.at("/certificateHashData/0")
            : ids.at("/certificateHashDataChain/0/certificateHashData");
    assertThat(hash.at("/serialNumber").asText())
        .isEqualTo(root.certificate().getSerialNumber().toString(16));

    csms.reply(v16 ? "SignCertificate" : "SignCertificate", r -> "{\"status\":\"Accepted\"}");
    csms.reply("SecurityEventNotification", r -> "{}");
    assertThat(
            csms.call(
                    id,
                    v16 ? "ExtendedTriggerMessage" : "TriggerMessage",
                    v16
                        ? "{\"requestedMessage\":\"SignChargePointCertificate\"}"
                        : "{\"requestedMessage\":\"SignChargingStationCertificate\"}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    String csr = csms.awaitCall(id, "SignCertificate", WAIT).at("/csr").asText();

    // A chain from a CA the station does not trust: refused, and a security event says why.
    MintedCa.Ca stranger =
        MintedCa.root("Stranger", now.minusSeconds(60), now.plus(Duration.ofDays(9)));
    X509Certificate foreign =
        MintedCa.sign(stranger, csr, now.minusSeconds(60), now.plus(Duration.ofDays(9)));
    assertThat(signed(csms, id, List.of(foreign)).at("/status").asText()).isEqualTo("Rejected");
    JsonNode event = csms.awaitCall(id, "SecurityEventNotification", WAIT).payload();
    assertThat(event.at("/type").asText())
        .isEqualTo(v16 ? "InvalidChargePointCertificate" : "InvalidChargingStationCertificate");

    X509Certificate leaf =
        MintedCa.sign(sub, csr, now.minusSeconds(60), now.plus(Duration.ofDays(365)));
    assertThat(signed(csms, id, List.of(leaf, sub.certificate())).at("/status").asText())
        .isEqualTo("Accepted");
    // The next connection carries the new certificate, and trusts the installed root.
    await().atMost(WAIT).until(() -> !station.transportConfig().clientCertificateChain().isEmpty());
    assertThat(station.transportConfig().clientCertificateChain())
        .containsExactly(leaf, sub.certificate());
    assertThat(station.transportConfig().trustedCertificates()).containsExactly(root.certificate());

    // The station's own certificate cannot be deleted; the root can, once.
    String leafHash =
        "{\"hashAlgorithm\":\"SHA256\",\"issuerNameHash\":\"x\",\"issuerKeyHash\":\"y\","
            + "\"serialNumber\":\""
            + leaf.getSerialNumber().toString(16)
            + "\"}";
    assertThat(
            csms.call(id, "DeleteCertificate", "{\"certificateHashData\":" + leafHash + "}")
                .at("/status")
                .asText())
        .isEqualTo("NotFound");
    assertThat(
            csms.call(id, "DeleteCertificate", "{\"certificateHashData\":" + hash + "}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    assertThat(
            csms.call(id, "DeleteCertificate", "{\"certificateHashData\":" + hash + "}")
                .at("/status")
                .asText())
        .isEqualTo("NotFound");
  }

  private static JsonNode signed(TestCsms csms, String id, List<X509Certificate> chain) {
    return csms.call(
        id,
        "CertificateSigned",
        "{\"certificateChain\":" + json(PemCertificates.write(chain)) + "}");
  }

  private static String json(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }
}
