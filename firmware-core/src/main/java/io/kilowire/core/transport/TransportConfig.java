package io.kilowire.core.transport;

import io.kilowire.core.ocpp.OcppVersion;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a station reaches its CSMS: endpoint, identity, offered OCPP versions, security profile and
 * its credentials, liveness and reconnect timing. Immutable and validated on construction; every
 * message names the offending field. Build one with {@link #builder()}.
 *
 * <p>Security profiles (OCPP security whitepaper / 2.0.1 part 2 A00): 0 = plain ws, no auth; 1 = ws
 * + HTTP Basic; 2 = wss + HTTP Basic; 3 = wss + TLS client certificate. A profile never falls back
 * to a weaker one: profile 2 or 3 with a {@code ws://} URL is refused here, not downgraded.
 *
 * @param csmsUrl the CSMS endpoint, without the station id ({@code ws://} or {@code wss://})
 * @param stationId the station identity: the last URL path segment and the Basic-auth user
 * @param ocppVersions the subprotocols offered, most preferred first
 * @param basicAuthPassword profiles 1 and 2: the password (2.0.1 BasicAuthPassword, 1.6
 *     AuthorizationKey), sent as UTF-8
 * @param trustedCertificates profiles 2 and 3: the CA certificates a CSMS certificate must chain
 *     to; empty means the JVM's default trust store
 * @param clientCertificateChain profile 3: the station certificate, leaf first
 * @param clientPrivateKey profile 3: the key of the station certificate
 * @param pingInterval WebSocket ping interval in whole seconds; zero disables pings and liveness
 *     checks
 * @param connectTimeout bound on TCP connect, TLS and HTTP upgrade together, and on the closing
 *     handshake
 * @param refusalBackOffLimit how far the wait after a refused upgrade (HTTP 4xx) grows at most,
 *     random part aside (see {@link RetryBackOff#nextDelayAfterRefusal()})
 */
public record TransportConfig(
    URI csmsUrl,
    String stationId,
    List<OcppVersion> ocppVersions,
    int securityProfile,
    @Nullable String basicAuthPassword,
    List<X509Certificate> trustedCertificates,
    List<X509Certificate> clientCertificateChain,
    @Nullable PrivateKey clientPrivateKey,
    Duration pingInterval,
    Duration connectTimeout,
    Duration retryBackOffWaitMinimum,
    Duration retryBackOffRandomRange,
    int retryBackOffRepeatTimes,
    Duration refusalBackOffLimit) {

  /** The default of {@link #refusalBackOffLimit}: a refused fleet knocks about every 10 minutes. */
  public static final Duration DEFAULT_REFUSAL_LIMIT = Duration.ofMinutes(10);

  /** OCPP 2.0.1 identifierString limit; also applied to 1.6, where no CSMS expects longer ids. */
  public static final int MAX_STATION_ID_LENGTH = 48;

  public TransportConfig {
    Objects.requireNonNull(csmsUrl, "csmsUrl");
    Objects.requireNonNull(stationId, "stationId");
    ocppVersions = List.copyOf(ocppVersions);
    trustedCertificates = List.copyOf(trustedCertificates);
    clientCertificateChain = List.copyOf(clientCertificateChain);
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(retryBackOffWaitMinimum, "retryBackOffWaitMinimum");
    Objects.requireNonNull(retryBackOffRandomRange, "retryBackOffRandomRange");
    Objects.requireNonNull(refusalBackOffLimit, "refusalBackOffLimit");

    if (securityProfile < 0 || securityProfile > 3) {
      throw new IllegalArgumentException("securityProfile must be 0-3, got " + securityProfile);
    }
    validateUrl(csmsUrl, securityProfile);
    validateVersions(ocppVersions);
    validateStationId(stationId, ocppVersions, securityProfile);
    if ((securityProfile == 1 || securityProfile == 2)
        && (basicAuthPassword == null || basicAuthPassword.isEmpty())) {
      throw new IllegalArgumentException(
          "basicAuthPassword is required for securityProfile " + securityProfile);
    }
    if (securityProfile == 3 && (clientCertificateChain.isEmpty() || clientPrivateKey == null)) {
      throw new IllegalArgumentException(
          "securityProfile 3 requires clientCertificateChain and clientPrivateKey");
    }
    if (pingInterval.isNegative()) {
      throw new IllegalArgumentException("pingInterval must not be negative, got " + pingInterval);
    }
    if (pingInterval.getNano() != 0) {
      throw new IllegalArgumentException(
          "pingInterval must be whole seconds (WebSocketPingInterval), got " + pingInterval);
    }
    if (pingInterval.getSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("pingInterval is too long: " + pingInterval);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
    if (retryBackOffWaitMinimum.isNegative()) {
      throw new IllegalArgumentException("retryBackOffWaitMinimum must not be negative");
    }
    if (retryBackOffRandomRange.isNegative()) {
      throw new IllegalArgumentException("retryBackOffRandomRange must not be negative");
    }
    if (retryBackOffRepeatTimes < 0) {
      throw new IllegalArgumentException("retryBackOffRepeatTimes must not be negative");
    }
    if (refusalBackOffLimit.isNegative()) {
      throw new IllegalArgumentException("refusalBackOffLimit must not be negative");
    }
  }

  private static void validateUrl(URI url, int profile) {
    String scheme = url.getScheme();
    if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("csmsUrl must be ws:// or wss://, got " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("csmsUrl has no host: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("csmsUrl must not have a query or fragment: " + url);
    }
    boolean tls = "wss".equalsIgnoreCase(scheme);
    if (profile >= 2 && !tls) {
      throw new IllegalArgumentException(
          "securityProfile " + profile + " requires a wss:// csmsUrl, got " + url);
    }
    if (profile <= 1 && tls) {
      throw new IllegalArgumentException(
          "securityProfile "
              + profile
              + " is unencrypted and requires a ws:// csmsUrl; use profile 2 or 3 for wss://, got "
              + url);
    }
  }

  private static void validateVersions(List<OcppVersion> versions) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("ocppVersions must offer at least one version");
    }
    if (new HashSet<>(versions).size() != versions.size()) {
      throw new IllegalArgumentException("ocppVersions has duplicates: " + versions);
    }
  }

  private static void validateStationId(String id, List<OcppVersion> versions, int profile) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("stationId must not be empty");
    }
    if (id.length() > MAX_STATION_ID_LENGTH) {
      throw new IllegalArgumentException(
          "stationId must be at most " + MAX_STATION_ID_LENGTH + " characters, got " + id.length());
    }
    if (id.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("stationId must not contain control characters");
    }
    if (id.indexOf(':') >= 0) {
      if (versions.contains(OcppVersion.V201) || versions.contains(OcppVersion.V21)) {
        throw new IllegalArgumentException(
            "stationId must not contain ':' in OCPP 2.0.1 and later");
      }
      if (profile == 1 || profile == 2) {
        // RFC 7617: the Basic-auth user-id ends at the first colon.
        throw new IllegalArgumentException(
            "stationId must not contain ':' with HTTP Basic auth (securityProfile 1 or 2)");
      }
    }
  }

  /** The URL the station connects to: {@code csmsUrl/<percent-encoded stationId>}. */
  public URI connectionUri() {
    return ConnectionUrl.of(csmsUrl, stationId);
  }

  /** Whether this profile runs over TLS (2 and 3). */
  public boolean usesTls() {
    return securityProfile >= 2;
  }

  /** Whether this profile sends an HTTP Basic {@code Authorization} header (1 and 2). */
  public boolean usesBasicAuth() {
    return securityProfile == 1 || securityProfile == 2;
  }

  /** Keeps secrets out of logs. */
  @Override
  public String toString() {
    return "TransportConfig[csmsUrl="
        + csmsUrl
        + ", stationId="
        + stationId
        + ", ocppVersions="
        + ocppVersions
        + ", securityProfile="
        + securityProfile
        + ", basicAuthPassword="
        + (basicAuthPassword == null ? "none" : "***")
        + ", trustedCertificates="
        + trustedCertificates.size()
        + ", clientCertificate="
        + (clientCertificateChain.isEmpty()
            ? "none"
            : clientCertificateChain.get(0).getSubjectX500Principal().getName())
        + ", pingInterval="
        + pingInterval
        + ", connectTimeout="
        + connectTimeout
        + ", retryBackOff="
        + retryBackOffWaitMinimum
        + "+rand("
        + retryBackOffRandomRange
        + ") x2 up to "
        + retryBackOffRepeatTimes
        + " times, after a refusal up to "
        + refusalBackOffLimit
        + "]";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.csmsUrl = csmsUrl;
    b.stationId = stationId;
    b.ocppVersions = ocppVersions;
    b.securityProfile = securityProfile;
    b.basicAuthPassword = basicAuthPassword;
    b.trustedCertificates = trustedCertificates;
    b.clientCertificateChain = clientCertificateChain;
    b.clientPrivateKey = clientPrivateKey;
    b.pingInterval = pingInterval;
    b.connectTimeout = connectTimeout;
    b.retryBackOffWaitMinimum = retryBackOffWaitMinimum;
    b.retryBackOffRandomRange = retryBackOffRandomRange;
    b.retryBackOffRepeatTimes = retryBackOffRepeatTimes;
    b.refusalBackOffLimit = refusalBackOffLimit;
    return b;
  }

  /**
   * Builds a {@link TransportConfig}. Required: {@code csmsUrl} and {@code stationId}. Defaults:
   *
   * <ul>
   *   <li>ocppVersions: 2.0.1, then 1.6
   *   <li>securityProfile: 0
   *   <li>trustedCertificates: none, i.e. the JVM's default trust store
   *   <li>pingInterval: 60 s
   *   <li>connectTimeout: 10 s
   *   <li>retry back-off: wait minimum 1 s, random range 2 s, repeat times 2 (EVerest's defaults;
   *       OCPP leaves them to the implementation); after refusals growing up to 10 minutes
   * </ul>
   *
   * PEM paths are read when the setter is called, so a bad file fails at configuration time.
   */
  public static final class Builder {
    private @Nullable URI csmsUrl;
    private @Nullable String stationId;
    private List<OcppVersion> ocppVersions = List.of(OcppVersion.V201, OcppVersion.V16);
    private int securityProfile;
    private @Nullable String basicAuthPassword;
    private List<X509Certificate> trustedCertificates = List.of();
    private List<X509Certificate> clientCertificateChain = List.of();
    private @Nullable PrivateKey clientPrivateKey;
    private Duration pingInterval = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration retryBackOffWaitMinimum = Duration.ofSeconds(1);
    private Duration retryBackOffRandomRange = Duration.ofSeconds(2);
    private int retryBackOffRepeatTimes = 2;
    private Duration refusalBackOffLimit = DEFAULT_REFUSAL_LIMIT;

    private Builder() {}

    public Builder csmsUrl(URI url) {
      this.csmsUrl = url;
      return this;
    }

    public Builder csmsUrl(String url) {
      return csmsUrl(URI.create(url));
    }

    public Builder stationId(String id) {
      this.stationId = id;
      return this;
    }

    /** The versions to offer, most preferred first. */
    public Builder ocppVersions(OcppVersion... versions) {
      return ocppVersions(Arrays.asList(versions));
    }

    public Builder ocppVersions(List<OcppVersion> versions) {
      this.ocppVersions = List.copyOf(versions);
      return this;
    }

    public Builder securityProfile(int profile) {
      this.securityProfile = profile;
      return this;
    }

    public Builder basicAuthPassword(@Nullable String password) {
      this.basicAuthPassword = password;
      return this;
    }

    public Builder trustedCertificates(List<X509Certificate> certificates) {
      this.trustedCertificates = List.copyOf(certificates);
      return this;
    }

    /** Reads the trusted CA certificate(s) from a PEM file. */
    public Builder trustedCertificates(Path pem) {
      return trustedCertificates(Pem.readCertificates(pem));
    }

    public Builder clientCertificate(List<X509Certificate> chain, PrivateKey key) {
      this.clientCertificateChain = List.copyOf(chain);
      this.clientPrivateKey = key;
      return this;
    }

    /** Reads the station certificate (chain, leaf first) and its PKCS#8 key (RSA or EC). */
    public Builder clientCertificate(Path certificatePem, Path privateKeyPem) {
      return clientCertificate(
          Pem.readCertificates(certificatePem), Pem.readPrivateKey(privateKeyPem));
    }

    public Builder pingInterval(Duration interval) {
      this.pingInterval = interval;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder retryBackOffWaitMinimum(Duration wait) {
      this.retryBackOffWaitMinimum = wait;
      return this;
    }

    public Builder retryBackOffRandomRange(Duration range) {
      this.retryBackOffRandomRange = range;
      return this;
    }

    public Builder retryBackOffRepeatTimes(int times) {
      this.retryBackOffRepeatTimes = times;
      return this;
    }

    /** How far the wait after refused upgrades (HTTP 4xx) grows at most, random part aside. */
    public Builder refusalBackOffLimit(Duration limit) {
      this.refusalBackOffLimit = limit;
      return this;
    }

    /** All three back-off parameters at once. */
    public Builder retryBackOff(Duration waitMinimum, Duration randomRange, int repeatTimes) {
      return retryBackOffWaitMinimum(waitMinimum)
          .retryBackOffRandomRange(randomRange)
          .retryBackOffRepeatTimes(repeatTimes);
    }

    public TransportConfig build() {
      if (csmsUrl == null) {
        throw new IllegalArgumentException("csmsUrl is required");
      }
      if (stationId == null) {
        throw new IllegalArgumentException("stationId is required");
      }
      return new TransportConfig(
          csmsUrl,
          stationId,
          ocppVersions,
          securityProfile,
          basicAuthPassword,
          trustedCertificates,
          clientCertificateChain,
          clientPrivateKey,
          pingInterval,
          connectTimeout,
          retryBackOffWaitMinimum,
          retryBackOffRandomRange,
          retryBackOffRepeatTimes,
          refusalBackOffLimit);
    }
  }
}
