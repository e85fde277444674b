package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.certificates.PemCertificates;
import io.kilowire.core.testing.MintedCa;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 2.1 station's signing requests and their answers in virtual time, read on the wire: the
 * SignCertificate carries a requestId, a CertificateSigned echoing it is taken for that request,
 * one naming no open request is Rejected with a reasonCode and leaves the open request waiting.
 */
class V21CertificateSigningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = StationScenario.T0;

  private final StationScenario scenario = new StationScenario(OcppVersion.V21);
  private final MintedCa.Ca root =
      MintedCa.root("CSO Root", T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3650)));

  @BeforeEach
  void aStationTrustingTheCsmsRoot() {
    scenario.startOnline();
    ObjectNode install =
        JSON.createObjectNode()
            .put("certificateType", "CSMSRootCertificate")
            .put("certificate", PemCertificates.write(List.of(root.certificate())));
    assertThat(scenario.command("InstallCertificate", install.toString()).path("status").asText())
        .isEqualTo("Accepted");
  }

  @Test
  void theSignCertificateCarriesARequestIdAndAChainEchoingItIsAccepted() {
    JsonNode request = triggerSigning();
    assertThat(request.has("requestId")).isTrue();

    JsonNode answer = signed(request, request.path("requestId").asInt());

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(
            scenario
                .station()
                .certificates()
                .pendingRequestId(
                    io.kilowire.core.station.certificates.SigningKind.CHARGING_STATION))
        .as("the request is answered")
        .isEmpty();
  }

  @Test
  void aRequestIdNamingNoOpenRequestIsRejectedAndTheOpenRequestKeepsWaiting() {
    JsonNode request = triggerSigning();
    int id = request.path("requestId").asInt();

    JsonNode stale = signed(request, id == Integer.MAX_VALUE ? 0 : id + 1);

    assertThat(stale.path("status").asText()).isEqualTo("Rejected");
    assertThat(stale.at("/statusInfo/reasonCode").asText()).isEqualTo("UnknownRequestId");
    assertThat(signed(request, id).path("status").asText()).isEqualTo("Accepted");
  }

  @Test
  void aRequestIdWhenNoRequestIsOpenIsRejectedWithAReason() {
    JsonNode request = triggerSigning();
    int id = request.path("requestId").asInt();
    assertThat(signed(request, id).path("status").asText()).isEqualTo("Accepted");

    JsonNode again = signed(request, id);

    assertThat(again.path("status").asText()).isEqualTo("Rejected");
    assertThat(again.at("/statusInfo/reasonCode").asText()).isEqualTo("UnknownRequestId");
  }

  @Test
  void aChainWithoutRequestIdIsCheckedAsOnTwoZeroOne() {
    JsonNode request = triggerSigning();

    assertThat(signed(request, null).path("status").asText()).isEqualTo("Accepted");
  }

  @Test
  void aRequestSentAgainKeepsItsNumberAndANewRequestGetsANewOne() {
    JsonNode first = triggerSigning();
    // The scripted CSMS does not answer SignCertificate: the station sends it again, later.
    scenario.advance(Duration.ofMinutes(10));
    List<JsonNode> sent = signCertificates();
    assertThat(sent).hasSizeGreaterThan(1);
    assertThat(sent)
        .allSatisfy(
            r -> {
              assertThat(r.path("requestId").asInt()).isEqualTo(first.path("requestId").asInt());
              assertThat(r.path("csr").asText()).isEqualTo(first.path("csr").asText());
            });

    JsonNode next = triggerSigning();

    assertThat(next.path("requestId").asInt()).isNotEqualTo(first.path("requestId").asInt());
  }

  /** The CSMS triggers a signing request; returns the SignCertificate payload on the wire. */
  private JsonNode triggerSigning() {
    int before = signCertificates().size();
    assertThat(
            scenario
                .command(
                    "TriggerMessage", "{\"requestedMessage\":\"SignChargingStationCertificate\"}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    scenario.settle();
    List<JsonNode> sent = signCertificates();
    assertThat(sent).hasSizeGreaterThan(before);
    return sent.get(before);
  }

  /** CertificateSigned with the CSR of {@code request} signed by the root, and {@code id}. */
  private JsonNode signed(JsonNode request, Integer id) {
    String chain =
        PemCertificates.write(
            List.of(
                MintedCa.sign(
                    root,
                    request.path("csr").asText(),
                    scenario.clock.now().minusSeconds(60),
                    scenario.clock.now().plus(Duration.ofDays(365)))));
    ObjectNode payload = JSON.createObjectNode().put("certificateChain", chain);
    if (id != null) {
      payload.put("requestId", id);
    }
    return scenario.command("CertificateSigned", payload.toString());
  }

  private List<JsonNode> signCertificates() {
    return scenario.sent("SignCertificate");
  }
}
