package io.kilowire.conformance.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.conformance.SuiteFromTheCommandLine;
import io.kilowire.conformance.pki.Certificates;
import io.kilowire.conformance.pki.SigningAuthority;
import io.kilowire.conformance.script.Json;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.transport.TlsContexts;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection-level TLS cases (2.0.1 TC_A_04/06/07/08, 1.6 TC_086/087) against the sandbox
 * serving wss:// on 127.0.0.1 with client certificates required: all PASS; and against TLS
 * endpoints each wrong in one way, every case FAILs against at least one of them. These cases need
 * a real TLS endpoint, so they are NOT_APPLICABLE in the virtual-time variant matrix.
 */
class TlsCasesIT {
  private static final String STATION = "KWC-TLS3";
  private static final String CASES_201 = "TC_A_04_CSMS,TC_A_06_CSMS,TC_A_07_CSMS,TC_A_08_CSMS";
  private static final String CASES_16 = "TC_086_CSMS,TC_087_CSMS";

  @TempDir static Path dir;
  private static SigningAuthority authority;
  private static Path authorityPem;
  private static ExecutorTaskScheduler scheduler;

  @BeforeAll
  static void mintTheLabsCertificates() throws Exception {
    authority = SigningAuthority.create("Kilowire Lab CA");
    authorityPem = Files.writeString(dir.resolve("ca.pem"), authority.certificatePem());
    KeyPair client = Certificates.ecKeyPair();
    Files.writeString(dir.resolve("client.pem"), authority.issue(STATION, client.getPublic()));
    Files.writeString(
        dir.resolve("client-key.pem"), Certificates.privateKeyPem(client.getPrivate()));
    scheduler = ExecutorTaskScheduler.singleThread("tls-csms", Map.of());
  }

  @AfterAll
  static void stop() {
    scheduler.close();
  }

  /** What a TLS endpoint is wrong about, and so which cases it must FAIL. */
  enum Endpoint {
    SOUND,
    /** The certificate names csms.example.com, not the endpoint 127.0.0.1 (A00.FR.510). */
    WRONG_COMMON_NAME,
    /** A 1024-bit RSA key (A00.FR.502). */
    SMALL_KEY,
    /** Answers a TLS 1.1 ClientHello as if it would go on (A00.FR.315). */
    ACCEPTS_TLS11,
    /** Does not ask for a client certificate, so takes an untrusted one (A00.FR.407). */
    NO_CLIENT_CERTIFICATE_REQUIRED,
    /** Trusts another CA for client certificates, so refuses the station's valid one. */
    TRUSTS_ANOTHER_CA
  }

  @Test
  void theSoundEndpointPassesAndEachFaultyOneFailsItsCases() throws Exception {
    Map<Endpoint, Map<String, String>> seen = new LinkedHashMap<>();
    for (Endpoint endpoint : Endpoint.values()) {
      seen.put(endpoint, verdicts(endpoint));
    }

    String all = seen.toString();
    assertThat(seen.get(Endpoint.SOUND).values()).as(all).allMatch(v -> v.startsWith("PASS"));
    assertThat(seen.get(Endpoint.SOUND)).as(all).hasSize(6);
    assertFailures(seen, Endpoint.WRONG_COMMON_NAME, "TC_A_04_CSMS", "TC_086_CSMS");
    assertFailures(seen, Endpoint.SMALL_KEY, "TC_A_04_CSMS", "TC_086_CSMS");
    assertFailures(seen, Endpoint.ACCEPTS_TLS11, "TC_A_06_CSMS");
    assertFailures(seen, Endpoint.NO_CLIENT_CERTIFICATE_REQUIRED, "TC_A_08_CSMS");
    assertFailures(
        seen,
        Endpoint.TRUSTS_ANOTHER_CA,
        "TC_A_04_CSMS",
        "TC_A_06_CSMS",
        "TC_A_07_CSMS",
        "TC_A_08_CSMS",
        "TC_086_CSMS",
        "TC_087_CSMS");
    assertThat(seen.get(Endpoint.WRONG_COMMON_NAME).get("TC_A_04_CSMS"))
        .contains("common name is csms.example.com, not the endpoint's name 127.0.0.1");
    assertThat(seen.get(Endpoint.SMALL_KEY).get("TC_A_04_CSMS"))
        .contains("RSA key has 1024 bits, fewer than 2048");
    assertThat(seen.get(Endpoint.ACCEPTS_TLS11).get("TC_A_06_CSMS"))
        .contains("answered a TLS 1.1 ClientHello");
    assertThat(seen.get(Endpoint.NO_CLIENT_CERTIFICATE_REQUIRED).get("TC_A_08_CSMS"))
        .contains("client certificate it cannot trust");
  }

  /** Exactly {@code failing} FAIL against {@code endpoint}; the other cases PASS. */
  private static void assertFailures(
      Map<Endpoint, Map<String, String>> seen, Endpoint endpoint, String... failing) {
    Map<String, String> verdicts = seen.get(endpoint);
    Map<String, String> expected = new TreeMap<>();
    verdicts.keySet().forEach(id -> expected.put(id, "PASS"));
    for (String id : failing) {
      expected.put(id, "FAIL");
    }
    Map<String, String> actual =
        verdicts.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue().substring(0, e.getValue().indexOf(' ')),
                    (a, b) -> a,
                    TreeMap::new));
    assertThat(actual).as(endpoint + ": " + verdicts).isEqualTo(expected);
  }

  /**
   * Both protocols' TLS cases against a sandbox behind {@code endpoint}: id to verdict + reason.
   */
  private static Map<String, String> verdicts(Endpoint endpoint) throws Exception {
    KeyPair serverKeys =
        endpoint == Endpoint.SMALL_KEY ? Certificates.rsaKeyPair(1024) : Certificates.ecKeyPair();
    String name = endpoint == Endpoint.WRONG_COMMON_NAME ? "csms.example.com" : "127.0.0.1";
    Path folder = Files.createDirectories(dir.resolve(endpoint.name()));
    Path chain =
        Files.writeString(
            folder.resolve("server.pem"),
            authority.issue(name, serverKeys.getPublic(), "127.0.0.1"));
    Path key =
        Files.writeString(
            folder.resolve("server-key.pem"), Certificates.privateKeyPem(serverKeys.getPrivate()));
    Path trusted = authorityPem;
    if (endpoint == Endpoint.TRUSTS_ANOTHER_CA) {
      trusted =
          Files.writeString(
              folder.resolve("other-ca.pem"),
              SigningAuthority.create("Kilowire Other CA").certificatePem());
    }
    SSLContext context = TlsContexts.forServer(chain, key, trusted);
    Map<String, String> verdicts = new TreeMap<>();
    try (SandboxCsms csms =
            new SandboxCsms(
                    new Console(new PrintStream(OutputStream.nullOutputStream())),
                    scheduler,
                    Clock.systemUTC(),
                    0)
                .tls(context, endpoint != Endpoint.NO_CLIENT_CERTIFICATE_REQUIRED)
                .start();
        Tls11AcceptingFront front =
            endpoint == Endpoint.ACCEPTS_TLS11 ? new Tls11AcceptingFront(csms.uri()) : null) {
      URI url = front == null ? csms.uri() : front.uri();
      verdicts.putAll(run(folder, url, "ocpp2.0.1", CASES_201));
      verdicts.putAll(run(folder, url, "ocpp1.6", CASES_16));
    }
    return verdicts;
  }

  private static Map<String, String> run(Path folder, URI csms, String protocol, String cases)
      throws Exception {
    Path config = folder.resolve(protocol + ".json");
    Files.writeString(
        config,
        Json.text(
            Json.obj(
                "csms",
                csms.toString(),
                "protocol",
                protocol,
                "stations",
                Json.arr(
                    Json.obj(
                        "id",
                        STATION,
                        "securityProfile",
                        3,
                        "caCertificate",
                        "../ca.pem",
                        "clientCertificate",
                        "../client.pem",
                        "clientKey",
                        "../client-key.pem")),
                "timeouts",
                Json.obj("response", "5s"))));
    SuiteFromTheCommandLine.Outcome outcome =
        SuiteFromTheCommandLine.run(config, folder.resolve("report-" + protocol), "--cases", cases);
    Map<String, String> verdicts = outcome.verdicts();
    assertThat(verdicts).as(outcome.output()).hasSize(cases.split(",").length);
    return verdicts;
  }
}
