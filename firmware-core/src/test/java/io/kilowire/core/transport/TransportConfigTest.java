package io.kilowire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportConfigTest {
  private static final String PASSWORD = "0123456789abcdef0123";

  @TempDir static Path dir;
  private static TestPki pki;

  @BeforeAll
  static void mintCertificates() {
    pki = TestPki.create(dir, "CP1");
  }

  private static TransportConfig.Builder plain() {
    return TransportConfig.builder().csmsUrl("ws://127.0.0.1:9000/ocpp").stationId("CP1");
  }

  private static String refusal(TransportConfig.Builder builder) {
    return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
  }

  @Test
  void theBuilderDefaultsAreTheDocumentedOnes() {
    TransportConfig c = plain().build();

    assertEquals(List.of(OcppVersion.V201, OcppVersion.V16), c.ocppVersions());
    assertEquals(0, c.securityProfile());
    assertEquals(Duration.ofSeconds(60), c.pingInterval());
    assertEquals(Duration.ofSeconds(10), c.connectTimeout());
    assertEquals(Duration.ofSeconds(1), c.retryBackOffWaitMinimum());
    assertEquals(Duration.ofSeconds(2), c.retryBackOffRandomRange());
    assertEquals(2, c.retryBackOffRepeatTimes());
  }

  @Test
  void theConnectionUriAppendsTheEncodedStationId() {
    TransportConfig c = plain().stationId("CP 1").ocppVersions(OcppVersion.V16).build();

    assertEquals(URI.create("ws://127.0.0.1:9000/ocpp/CP%201"), c.connectionUri());
  }

  @ParameterizedTest(name = "profile {0}")
  @ValueSource(ints = {2, 3})
  void tlsProfilesRefuseAPlainWsUrl(int profile) {
    String message =
        refusal(
            plain()
                .securityProfile(profile)
                .basicAuthPassword(PASSWORD)
                .clientCertificate(pki.client().certificate(), pki.client().privateKey()));

    assertTrue(message.contains("requires a wss:// csmsUrl"), message);
  }

  @ParameterizedTest(name = "profile {0}")
  @ValueSource(ints = {0, 1})
  void unencryptedProfilesRefuseAWssUrl(int profile) {
    String message =
        refusal(
            plain()
                .csmsUrl("wss://127.0.0.1:9000")
                .securityProfile(profile)
                .basicAuthPassword(PASSWORD));

    assertTrue(message.contains("requires a ws:// csmsUrl"), message);
  }

  @ParameterizedTest(name = "profile {0}")
  @ValueSource(ints = {1, 2})
  void basicAuthProfilesRequireAPassword(int profile) {
    String url = profile == 2 ? "wss://127.0.0.1:9000" : "ws://127.0.0.1:9000";

    String message = refusal(plain().csmsUrl(url).securityProfile(profile));

    assertTrue(message.contains("basicAuthPassword is required"), message);
  }

  @Test
  void profileThreeRequiresClientKeyMaterial() {
    String message = refusal(plain().csmsUrl("wss://127.0.0.1:9000").securityProfile(3));

    assertTrue(message.contains("clientCertificateChain and clientPrivateKey"), message);
  }

  @Test
  void aProfileOutsideZeroToThreeIsRefused() {
    assertTrue(refusal(plain().securityProfile(4)).contains("securityProfile must be 0-3"));
  }

  @Test
  void aStationIdLongerThan48CharactersIsRefused() {
    String message = refusal(plain().stationId("x".repeat(49)));

    assertTrue(message.contains("stationId must be at most 48"), message);
  }

  @Test
  void aStationIdOf48CharactersIsAccepted() {
    assertEquals(48, plain().stationId("x".repeat(48)).build().stationId().length());
  }

  @Test
  void aColonInTheStationIdIsRefusedWhenOfferingOcpp201() {
    String message = refusal(plain().stationId("CP:1").ocppVersions(OcppVersion.V201));

    assertTrue(message.contains("must not contain ':'"), message);
  }

  @Test
  void aColonInTheStationIdIsAcceptedForOcpp16WithoutBasicAuth() {
    assertEquals(
        "CP:1", plain().stationId("CP:1").ocppVersions(OcppVersion.V16).build().stationId());
  }

  @Test
  void aColonInTheStationIdIsRefusedWithBasicAuth() {
    String message =
        refusal(
            plain()
                .stationId("CP:1")
                .ocppVersions(OcppVersion.V16)
                .securityProfile(1)
                .basicAuthPassword(PASSWORD));

    assertTrue(message.contains("HTTP Basic"), message);
  }

  @Test
  void aNegativePingIntervalIsRefused() {
    String message = refusal(plain().pingInterval(Duration.ofSeconds(-1)));

    assertTrue(message.contains("pingInterval must not be negative"), message);
  }

  @Test
  void aFractionalPingIntervalIsRefused() {
    String message = refusal(plain().pingInterval(Duration.ofMillis(1500)));

    assertTrue(message.contains("pingInterval must be whole seconds"), message);
  }

  @Test
  void aZeroPingIntervalTurnsPingsOff() {
    assertEquals(Duration.ZERO, plain().pingInterval(Duration.ZERO).build().pingInterval());
  }

  @Test
  void anEmptyOrDuplicatedVersionListIsRefused() {
    assertTrue(refusal(plain().ocppVersions(List.of())).contains("at least one version"));
    assertTrue(
        refusal(plain().ocppVersions(OcppVersion.V16, OcppVersion.V16)).contains("duplicates"));
  }

  @Test
  void aNonWebSocketSchemeIsRefused() {
    assertTrue(refusal(plain().csmsUrl("http://127.0.0.1:9000")).contains("ws:// or wss://"));
  }

  @Test
  void missingUrlOrStationIdIsNamed() {
    assertEquals(
        "csmsUrl is required",
        assertThrows(
                IllegalArgumentException.class,
                () -> TransportConfig.builder().stationId("CP1").build())
            .getMessage());
    assertEquals(
        "stationId is required",
        assertThrows(
                IllegalArgumentException.class,
                () -> TransportConfig.builder().csmsUrl("ws://h").build())
            .getMessage());
  }

  @Test
  void profileThreeLoadsItsPemMaterial() {
    TransportConfig c =
        plain()
            .csmsUrl("wss://127.0.0.1:9000")
            .securityProfile(3)
            .trustedCertificates(pki.caCertificate())
            .clientCertificate(pki.client().certificate(), pki.client().privateKey())
            .build();

    assertEquals(1, c.trustedCertificates().size());
    assertEquals(1, c.clientCertificateChain().size());
    assertEquals("EC", c.clientPrivateKey().getAlgorithm());
  }

  @Test
  void toStringKeepsThePasswordOut() {
    String text = plain().securityProfile(1).basicAuthPassword(PASSWORD).build().toString();

    assertFalse(text.contains(PASSWORD), text);
    assertTrue(text.contains("basicAuthPassword=***"), text);
  }
}
