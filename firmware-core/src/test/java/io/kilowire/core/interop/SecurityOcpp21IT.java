package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.station.certificates.CertificateHash;
import io.kilowire.core.station.certificates.Ev15118Answer;
import io.kilowire.core.station.certificates.OcspAnswer;
import io.kilowire.core.station.certificates.PemCertificates;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.MintedCa;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security on a 2.1 station against ocpp-rpc in strict mode with the 2.1 schemas, over a real
 * WebSocket on 127.0.0.1: the station logs in with Basic auth (profile 1) and, given a new
 * BasicAuthPassword, logs in again with it at once, never reads it back and keeps it across a
 * restart; the certificate block (A02/A03, M03-M06) runs as in 2.0.1. What 2.1 added to those
 * messages and the station cannot honour (V2G20 certificates) is answered with CALLERROR
 * NotSupported naming the field, never silently dropped; 2.1's OEM roots are installed, listed and
 * deleted like the other roots; 2.1's signing requestId is honoured ({@link CertificatesOcpp21IT}).
 */
class SecurityOcpp21IT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "0123456789abcdef0123";

  @Test
  void basicAuthAndTheCertificateBlockPassStrictMode() {
    Instant now = Instant.now();
    MintedCa.Ca root = MintedCa.root("Root", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    CertificateHash hash = CertificateHash.of(root.certificate(), root.certificate(), "SHA256");
    ArrayNode calls = JSON.createArrayNode();
    call(calls, "InstallCertificate")
        .put("certificateType", "CSMSRootCertificate")
        .put("certificate", PemCertificates.write(List.of(root.certificate())));
    call(calls, "GetInstalledCertificateIds")
        .putArray("certificateType")
        .add("CSMSRootCertificate");
    call(calls, "TriggerMessage").put("requestedMessage", "SignChargingStationCertificate");
    call(calls, "CertificateSigned").put("certificateChain", foreignChain(now));
    call(calls, "DeleteCertificate")
        .putObject("certificateHashData")
        .put("hashAlgorithm", "SHA256")
        .put("issuerNameHash", hash.issuerNameHash())
        .put("issuerKeyHash", hash.issuerKeyHash())
        .put("serialNumber", hash.serialNumber());

    List<JsonNode> events =
        StrictCsmsRun.drive(
            OcppVersion.V21,
            "KW-SEC-21",
            calls.toString(),
            t -> t.securityProfile(1).basicAuthPassword(PASSWORD),
            "SecurityEventNotification");

    assertThat(events)
        .filteredOn(e -> e.path("event").asText().equals("auth"))
        .first()
        .satisfies(
            e -> {
              assertThat(e.path("identity").asText()).isEqualTo("KW-SEC-21");
              assertThat(e.path("password").asText()).isEqualTo(PASSWORD);
            });
    assertThat(StrictCsmsRun.results(events))
        .extracting(e -> e.path("action").asText() + ":" + e.path("result").path("status").asText())
        .containsExactly(
            "InstallCertificate:Accepted",
            "GetInstalledCertificateIds:Accepted",
            "TriggerMessage:Accepted",
            "CertificateSigned:Rejected",
            "DeleteCertificate:Accepted");
    JsonNode listed = StrictCsmsRun.results(events).get(1).path("result");
    assertThat(listed.path("certificateHashDataChain").get(0).path("certificateType").asText())
        .isEqualTo("CSMSRootCertificate");
    assertThat(StrictCsmsRun.stationCalls(events, "SignCertificate"))
        .anyMatch(e -> e.path("params").path("csr").asText().contains("CERTIFICATE REQUEST"));
    // The refused chain is reported as a security event, as in 2.0.1.
    assertThat(StrictCsmsRun.stationCalls(events, "SecurityEventNotification"))
        .anyMatch(
            e ->
                e.path("params").path("type").asText().equals("InvalidChargingStationCertificate"));
  }

  @Test
  void aNewBasicAuthPasswordIsUsedOnANewConnectionAtOnce() {
    String rotated = "fedcba9876543210fedc";
    String calls = "[" + setPassword(rotated) + "]";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", StrictCsmsRun.WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(URI.create("ws://127.0.0.1:" + port))
              .stationId("KW-SEC-21-ROTATE")
              .ocppVersions(OcppVersion.V21)
              .securityProfile(1)
              .basicAuthPassword(PASSWORD)
              .build();
      try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        csms.await(
            e ->
                e.path("event").asText().equals("auth")
                    && e.path("password").asText().equals(rotated),
            StrictCsmsRun.WAIT);
        org.awaitility.Awaitility.await()
            .atMost(StrictCsmsRun.WAIT)
            .until(() -> answers(csms).size() == 1);
      }
      List<JsonNode> results = answers(csms);
      assertThat(results.get(0).path("result").at("/setVariableResult/0/attributeStatus").asText())
          .isEqualTo("Accepted");
      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("auth"))
          .extracting(e -> e.path("password").asText())
          .containsExactly(PASSWORD, rotated);
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  @Test
  void theBasicAuthPasswordNeverReadsBackAndSurvivesARestart(@TempDir Path state) {
    String rotated = "fedcba9876543210fedc";
    String readBack =
        "{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":[{\"component\":"
            + "{\"name\":\"SecurityCtrlr\"},\"variable\":{\"name\":\"BasicAuthPassword\"}}]}}";
    String calls = "[" + setPassword(rotated) + "]";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", StrictCsmsRun.WAIT).get("port").asInt();
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(URI.create("ws://127.0.0.1:" + port))
              .stationId("KW-SEC-21-KEEP")
              .ocppVersions(OcppVersion.V21)
              .securityProfile(1)
              .basicAuthPassword(PASSWORD)
              .build();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config, hardware).stateDir(state).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        awaitLogin(csms, rotated, 1);
        OcppRpcCsms.awaitCall(csms, "StatusNotification", p -> true);
        csms.send(readBack);
        org.awaitility.Awaitility.await()
            .atMost(StrictCsmsRun.WAIT)
            .until(() -> answers(csms).size() == 2);
      }
      // Restarted with the installer's password: the one the CSMS set is the one it logs in with.
      LazyHardware again = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config, again).stateDir(state).build()) {
        again.fake = new FakeHardware(station.scheduler());
        station.start();
        awaitLogin(csms, rotated, 2);
      }
      List<JsonNode> results = answers(csms);
      assertThat(results.get(0).path("result").at("/setVariableResult/0/attributeStatus").asText())
          .isEqualTo("Accepted");
      JsonNode read = results.get(1).path("result").at("/getVariableResult/0");
      assertThat(read.path("attributeStatus").asText()).isEqualTo("Rejected");
      assertThat(read.has("attributeValue")).as("write-only: no value").isFalse();
      assertThat(read.at("/attributeStatusInfo/reasonCode").asText()).isEqualTo("WriteOnly");
      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("auth"))
          .extracting(e -> e.path("password").asText())
          .containsExactly(PASSWORD, rotated, rotated);
      assertThat(csms.events())
          .noneMatch(
              e ->
                  e.path("event").asText().equals("frame")
                      && e.toString().contains(rotated)
                      && e.path("dir").asText().equals("rx"));
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  /** The CSMS's SetVariables of a new BasicAuthPassword, as a line for the peer. */
  private static String setPassword(String password) {
    return "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":\""
        + password
        + "\",\"component\":{\"name\":\"SecurityCtrlr\"},"
        + "\"variable\":{\"name\":\"BasicAuthPassword\"}}]}}";
  }

  /** Waits for the {@code n}th login with {@code password}. */
  private static void awaitLogin(NodePeer csms, String password, int n) {
    org.awaitility.Awaitility.await()
        .atMost(StrictCsmsRun.WAIT)
        .until(
            () ->
                OcppRpcCsms.count(
                        csms,
                        e ->
                            e.path("event").asText().equals("auth")
                                && e.path("password").asText().equals(password))
                    == n);
  }

  @Test
  void aV2g20CertificateNoRequestOfTheStationAwaitsIsRejected() {
    Instant now = Instant.now();
    ArrayNode calls = JSON.createArrayNode();
    call(calls, "CertificateSigned")
        .put("certificateChain", foreignChain(now))
        .put("certificateType", "V2G20Certificate");

    List<JsonNode> answers = run(calls.toString());

    assertThat(answers)
        .extracting(e -> e.path("event").asText() + ":" + e.path("result").path("status").asText())
        .containsExactly("csmsCallResult:Rejected");
  }

  @Test
  void anOemRootIsInstalledListedAndDeletedLikeTheOtherRoots() {
    Instant now = Instant.now();
    MintedCa.Ca oem = MintedCa.root("Oem", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    MintedCa.Ca csms = MintedCa.root("Csms", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    CertificateHash hash = CertificateHash.of(oem.certificate(), oem.certificate(), "SHA256");
    ArrayNode calls = JSON.createArrayNode();
    call(calls, "InstallCertificate")
        .put("certificateType", "OEMRootCertificate")
        .put("certificate", PemCertificates.write(List.of(oem.certificate())));
    call(calls, "InstallCertificate")
        .put("certificateType", "CSMSRootCertificate")
        .put("certificate", PemCertificates.write(List.of(csms.certificate())));
    // The same checks as for every root: a certificate without CA rights is no OEM root.
    call(calls, "InstallCertificate")
        .put("certificateType", "OEMRootCertificate")
        .put("certificate", foreignLeaf(now));
    call(calls, "GetInstalledCertificateIds").putArray("certificateType").add("OEMRootCertificate");
    call(calls, "GetInstalledCertificateIds");
    call(calls, "DeleteCertificate")
        .putObject("certificateHashData")
        .put("hashAlgorithm", "SHA256")
        .put("issuerNameHash", hash.issuerNameHash())
        .put("issuerKeyHash", hash.issuerKeyHash())
        .put("serialNumber", hash.serialNumber());
    call(calls, "GetInstalledCertificateIds").putArray("certificateType").add("OEMRootCertificate");

    List<JsonNode> answers = run(calls.toString());

    assertThat(answers)
        .extracting(e -> e.path("event").asText() + ":" + e.path("result").path("status").asText())
        .containsExactly(
            "csmsCallResult:Accepted",
            "csmsCallResult:Accepted",
            "csmsCallResult:Rejected",
            "csmsCallResult:Accepted",
            "csmsCallResult:Accepted",
            "csmsCallResult:Accepted",
            "csmsCallResult:NotFound");
    JsonNode oemOnly = answers.get(3).path("result").path("certificateHashDataChain");
    assertThat(oemOnly).hasSize(1);
    assertThat(oemOnly.get(0).path("certificateType").asText()).isEqualTo("OEMRootCertificate");
    assertThat(oemOnly.get(0).path("certificateHashData").path("serialNumber").asText())
        .isEqualTo(hash.serialNumber());
    assertThat(answers.get(4).path("result").path("certificateHashDataChain"))
        .extracting(c -> c.path("certificateType").asText())
        .containsExactlyInAnyOrder("OEMRootCertificate", "CSMSRootCertificate");
  }

  @Test
  void anEvsCertificateRequestAndAnOcspQueryPassThroughWithTwoOneAnswers() throws Exception {
    // remainingContracts is 2.1's: the answer must still pass through with its EXI response.
    String answers =
        "{\"Get15118EVCertificate\":{\"status\":\"Accepted\",\"exiResponse\":\"gJgCAAIAAgA=\","
            + "\"remainingContracts\":1},"
            + "\"GetCertificateStatus\":{\"status\":\"Accepted\",\"ocspResult\":\"MAMKAQA=\"}}";
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", answers)) {
      int port = csms.awaitEvent("ready", StrictCsmsRun.WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port, "KW-SEC-21-15118", 0), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        OcppRpcCsms.awaitCall(csms, "StatusNotification", p -> true);

        AtomicReference<CompletableFuture<Ev15118Answer>> ev = new AtomicReference<>();
        AtomicReference<CompletableFuture<OcspAnswer>> ocsp = new AtomicReference<>();
        station.call(
            () -> {
              ev.set(
                  station
                      .station()
                      .certificates()
                      .ev15118Certificate("urn:iso:15118:2:2013:MsgDef", true, "gJgCAAEAAQA="));
              ocsp.set(
                  station
                      .station()
                      .certificates()
                      .certificateStatus(
                          new CertificateHash("SHA256", "aa11", "bb22", "0c"),
                          "http://ocsp.example/"));
            });

        Ev15118Answer answer = ev.get().get(StrictCsmsRun.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.accepted()).isTrue();
        assertThat(answer.exiResponse()).isEqualTo("gJgCAAIAAgA=");
        OcspAnswer status = ocsp.get().get(StrictCsmsRun.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(status.accepted()).isTrue();
        JsonNode asked = OcppRpcCsms.awaitCall(csms, "Get15118EVCertificate", p -> true);
        assertThat(asked.path("params").path("exiRequest").asText()).isEqualTo("gJgCAAEAAQA=");
        assertThat(asked.path("params").path("action").asText()).isEqualTo("Install");
        JsonNode query = OcppRpcCsms.awaitCall(csms, "GetCertificateStatus", p -> true);
        assertThat(query.path("params").path("ocspRequestData").path("responderURL").asText())
            .isEqualTo("http://ocsp.example/");
      }
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  private static TransportConfig config(int port, String stationId, int profile) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId(stationId)
        .ocppVersions(OcppVersion.V21)
        .securityProfile(profile)
        .build();
  }

  /** The peer's answers to {@code calls}, against a 2.1 station on profile 0. */
  private static List<JsonNode> run(String calls) {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", StrictCsmsRun.WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      TransportConfig config = config(port, "KW-SEC-21-NEW", 0);
      try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        org.awaitility.Awaitility.await()
            .atMost(StrictCsmsRun.WAIT)
            .until(() -> answers(csms).size() == countOf(calls));
      }
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(csms.events())
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
      return answers(csms);
    }
  }

  private static List<JsonNode> answers(NodePeer csms) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().startsWith("csmsCall"))
        .toList();
  }

  private static int countOf(String calls) {
    try {
      return JSON.readTree(calls).size();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A chain signed by a CA the station does not trust, which it must refuse. */
  static String foreignChain(Instant now) {
    return foreignLeaf(now);
  }

  /** A certificate without CA rights, signed by a CA the station does not trust. */
  private static String foreignLeaf(Instant now) {
    MintedCa.Ca stranger =
        MintedCa.root("Stranger", now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    return PemCertificates.write(
        List.of(
            MintedCa.leaf(
                stranger,
                "CN=KW",
                MintedCa.keys().getPublic(),
                now.minusSeconds(60),
                now.plus(Duration.ofDays(3)))));
  }

  private static ObjectNode call(ArrayNode calls, String action) {
    ObjectNode params = JSON.createObjectNode();
    calls.addObject().put("action", action).set("params", params);
    return params;
  }
}
