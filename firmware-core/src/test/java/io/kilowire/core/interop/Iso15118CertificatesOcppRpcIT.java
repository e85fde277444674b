package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.station.certificates.CertificateHash;
import io.kilowire.core.station.certificates.Ev15118Answer;
import io.kilowire.core.station.certificates.OcspAnswer;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The ISO 15118 certificate pass-through (2.0.1 M01/M02 Get15118EVCertificate, M06
 * GetCertificateStatus) against ocpp-rpc in strict mode over a real WebSocket on 127.0.0.1: what an
 * EV asks reaches the CSMS as it was, and the CSMS's EXI response and OCSP result come back to the
 * caller unchanged. Not one schema complaint on either side.
 */
class Iso15118CertificatesOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String EXI_REQUEST = "gJgCAAEAAQA=";
  private static final String ANSWERS =
      "{\"Get15118EVCertificate\":{\"status\":\"Accepted\",\"exiResponse\":\"gJgCAAIAAgA=\"},"
          + "\"GetCertificateStatus\":{\"status\":\"Accepted\",\"ocspResult\":\"MAMKAQA=\"}}";

  @Test
  void anEvsCertificateRequestAndAnOcspQueryPassThroughTheStation() throws Exception {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.0.1", "--reply", ANSWERS)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = OcppRpcCsms.station201(port, "KW-ISO15118", hardware)) {
        station.start();
        awaitCall(csms, "StatusNotification", p -> true);

        AtomicReference<CompletableFuture<Ev15118Answer>> ev = new AtomicReference<>();
        AtomicReference<CompletableFuture<OcspAnswer>> ocsp = new AtomicReference<>();
        station.call(
            () -> {
              ev.set(
                  station
                      .station()
                      .certificates()
                      .ev15118Certificate("urn:iso:15118:2:2013:MsgDef", true, EXI_REQUEST));
              ocsp.set(
                  station
                      .station()
                      .certificates()
                      .certificateStatus(
                          new CertificateHash("SHA256", "aa11", "bb22", "0c"),
                          "http://ocsp.example/"));
            });

        Ev15118Answer answer = ev.get().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.accepted()).isTrue();
        assertThat(answer.exiResponse()).isEqualTo("gJgCAAIAAgA=");
        OcspAnswer status = ocsp.get().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(status.accepted()).isTrue();

        JsonNode asked = awaitCall(csms, "Get15118EVCertificate", p -> true);
        assertThat(asked.path("params").path("exiRequest").asText()).isEqualTo(EXI_REQUEST);
        assertThat(asked.path("params").path("action").asText()).isEqualTo("Install");
        JsonNode query = awaitCall(csms, "GetCertificateStatus", p -> true);
        assertThat(query.path("params").path("ocspRequestData").path("responderURL").asText())
            .isEqualTo("http://ocsp.example/");
      }
      assertNoComplaints(csms);
    }
  }
}
