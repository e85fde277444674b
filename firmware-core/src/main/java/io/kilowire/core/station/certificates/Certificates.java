package io.kilowire.core.station.certificates;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.logs.SecurityEvent;
import io.kilowire.core.station.logs.SecurityEvents;
import io.kilowire.core.store.SnapshotStore;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's certificates (2.0.1 A02, A03, M03-M06; the 1.6 security extension): CA certificates
 * a CSMS installs, lists and deletes; the station's own key pairs, whose signing requests go to the
 * CSMS after a trigger or a month before the certificate expires, sent again with a doubling wait
 * until a certificate comes; the signed chain checked (its key, period, subject and that it chains
 * to an installed root) and taken into use from its start, or refused with a security event; ISO
 * 15118 certificate requests passed on to the CSMS.
 */
public final class Certificates {
  private static final Logger LOG = LoggerFactory.getLogger(Certificates.class);

  /** A03.FR.02: a new certificate is asked for when the current one expires within a month. */
  public static final Duration RENEWAL_AHEAD = Duration.ofDays(30);

  /** InstallCertificate's outcome (M05). */
  public enum InstallOutcome {
    ACCEPTED,
    REJECTED,
    FAILED
  }

  /** DeleteCertificate's outcome (M04). */
  public enum DeleteOutcome {
    ACCEPTED,
    FAILED,
    NOT_FOUND
  }

  /** A signing request in progress: its CSR, how often it was sent again, its timer. */
  private static final class Signing {
    final SigningRequest request;
    int resent;
    boolean waitingForConnection;
    TaskScheduler.@Nullable Cancellable timer;

    Signing(SigningRequest request) {
      this.request = request;
    }
  }

  private final StationContext context;
  private final CertificateSettings settings;
  private final CertificateStore store;
  private final SecurityEvents events;
  private final Map<SigningKind, Signing> signing = new EnumMap<>(SigningKind.class);
  private final Map<SigningKind, TaskScheduler.Cancellable> renewals =
      new EnumMap<>(SigningKind.class);
  private TaskScheduler.@Nullable Cancellable switchOver;
  private Consumer<StationCredential> inUse = c -> {};
  private Runnable changed = () -> {};

  /**
   * @param events where the station's security events go (the security log and the CSMS)
   */
  public Certificates(
      StationContext context,
      SnapshotStore snapshots,
      CertificateSettings settings,
      SecurityEvents events) {
    this.context = context;
    this.settings = settings;
    this.store = new CertificateStore(snapshots);
    this.events = events;
  }

  /**
   * Who uses the station's certificate for the CSMS connection: called when a newly signed one
   * becomes valid (A02.FR.08: from its start; the runtime reconnects with it) or one is
   * provisioned.
   */
  public void onCredentialInUse(Consumer<StationCredential> listener) {
    this.inUse = listener;
  }

  /** Who follows the installed CA certificates: called after each install and deletion. */
  public void onRootsChanged(Runnable listener) {
    this.changed = listener;
  }

  /** The installed certificates of {@code use} valid now, e.g. the CSMS roots TLS trusts. */
  public List<X509Certificate> trusted(CertificateUse use) {
    Instant now = context.scheduler().now();
    return store.roots().stream()
        .filter(r -> r.use() == use && validAt(r.certificate(), now) == null)
        .map(CertificateStore.Root::certificate)
        .toList();
  }

  /** Restores what was kept and plans the renewals. */
  public void start() {
    store.load();
    for (SigningKind kind : SigningKind.values()) {
      planRenewal(kind);
    }
  }

  /** The station may talk now: pending signing requests go out. */
  public void registered() {
    for (Map.Entry<SigningKind, Signing> e : signing.entrySet()) {
      if (e.getValue().waitingForConnection) {
        send(e.getKey(), e.getValue());
      }
    }
  }

  // ------------------------------------------------------------------------- CA certificates

  /**
   * Installs the CA certificate(s) of {@code pem} for {@code use} (M05): a certificate already
   * there is replaced (M05.FR.17); one outside its validity or without CA rights, or text that is
   * no certificate, is Rejected (M05.FR.07); beyond the store's capacity Rejected (M05.FR.06); a
   * store that cannot save Failed.
   */
  public InstallOutcome install(CertificateUse use, String pem) {
    if (!use.isRoot()) {
      return InstallOutcome.REJECTED;
    }
    List<X509Certificate> certificates;
    try {
      certificates = PemCertificates.parse(pem);
    } catch (IllegalArgumentException e) {
      LOG.info("InstallCertificate {} rejected: {}", use, e.getMessage());
      return InstallOutcome.REJECTED;
    }
    Instant now = context.scheduler().now();
    for (X509Certificate c : certificates) {
      String problem = validAt(c, now);
      if (problem == null && c.getBasicConstraints() < 0) {
        problem = "it is no CA certificate (basicConstraints)";
      }
      if (problem != null) {
        LOG.info("InstallCertificate {} rejected: {}", use, problem);
        return InstallOutcome.REJECTED;
      }
    }
    try {
      for (X509Certificate c : certificates) {
        Optional<CertificateStore.Root> same =
            store.roots().stream()
                .filter(r -> r.use() == use && r.certificate().equals(c))
                .findFirst();
        if (same.isPresent()) {
          store.replace(same.get(), new CertificateStore.Root(use, c));
        } else if (store.size() >= settings.maxEntries()) {
          LOG.info("InstallCertificate {} rejected: {} certificates held", use, store.size());
          return InstallOutcome.REJECTED;
        } else {
          store.add(new CertificateStore.Root(use, c));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("InstallCertificate {} failed: the store cannot save", use, e);
      return InstallOutcome.FAILED;
    }
    changed.run();
    return InstallOutcome.ACCEPTED;
  }

  /**
   * Roots the station trusts before any CSMS installed one (its maker's or its operator's), added
   * as {@code use} unless already there; they count as installed from then on.
   */
  public void provisionRoots(CertificateUse use, List<X509Certificate> certificates) {
    for (X509Certificate c : certificates) {
      boolean there =
          store.roots().stream().anyMatch(r -> r.use() == use && r.certificate().equals(c));
      if (!there) {
        store.add(new CertificateStore.Root(use, c));
      }
    }
    changed.run();
  }

  /**
   * Deletes the certificate {@code hash} names (M04): the station's own certificate for the CSMS
   * connection is never deleted this way (Failed, M04.FR.06).
   */
  public DeleteOutcome delete(CertificateHash hash) {
    Optional<StationCredential> own = store.credential(SigningKind.CHARGING_STATION);
    if (own.isPresent()
        && chainHashes(own.get(), hash.algorithm()).stream().anyMatch(hash::sameAs)) {
      return DeleteOutcome.FAILED;
    }
    for (CertificateStore.Root r : store.roots()) {
      if (hashOf(r.certificate(), hash.algorithm()).sameAs(hash)) {
        try {
          store.remove(r);
        } catch (RuntimeException e) {
          LOG.warn("DeleteCertificate failed: the store cannot save", e);
          return DeleteOutcome.FAILED;
        }
        changed.run();
        return DeleteOutcome.ACCEPTED;
      }
    }
    return DeleteOutcome.NOT_FOUND;
  }

  /**
   * The certificates of {@code uses} (all when empty), with hash data in {@link
   * CertificateHash#DEFAULT_ALGORITHM} (M03): the roots, and the station's V2G chains (ISO 15118-2
   * and -20) with their sub-CA certificates as children (M03.FR.05).
   */
  public List<InstalledCertificate> installed(Set<CertificateUse> uses) {
    List<InstalledCertificate> out = new ArrayList<>();
    String algorithm = CertificateHash.DEFAULT_ALGORITHM;
    for (CertificateStore.Root r : store.roots()) {
      if (uses.isEmpty() || uses.contains(r.use())) {
        out.add(new InstalledCertificate(r.use(), hashOf(r.certificate(), algorithm), List.of()));
      }
    }
    if (uses.isEmpty() || uses.contains(CertificateUse.V2G_CHAIN)) {
      // The ISO 15118-2 SECC chain and, on a station speaking ISO 15118-20, its -20 one.
      for (SigningKind kind : List.of(SigningKind.V2G, SigningKind.V2G20)) {
        store
            .credential(kind)
            .ifPresent(
                v2g -> {
                  List<CertificateHash> hashes = chainHashes(v2g, algorithm);
                  out.add(
                      new InstalledCertificate(
                          CertificateUse.V2G_CHAIN,
                          hashes.get(0),
                          hashes.subList(1, hashes.size())));
                });
      }
    }
    return out;
  }

  /** Whether a certificate of {@code use} is installed and valid now (A05.FR.02). */
  public boolean hasValid(CertificateUse use) {
    Instant now = context.scheduler().now();
    if (use == CertificateUse.STATION) {
      return store
          .credential(SigningKind.CHARGING_STATION)
          .map(c -> validAt(c.leaf(), now) == null)
          .orElse(false);
    }
    return store.roots().stream()
        .anyMatch(r -> r.use() == use && validAt(r.certificate(), now) == null);
  }

  /** How many certificates the station holds (2.0.1 CertificateEntries). */
  public int entries() {
    return store.size();
  }

  // ------------------------------------------------------------------ the station's own keys

  /** The station's certificate of {@code kind} and its key, if it has one. */
  public Optional<StationCredential> credential(SigningKind kind) {
    return store.credential(kind);
  }

  /**
   * The CSMS asks for a new certificate (TriggerMessage SignChargingStationCertificate, 1.6
   * ExtendedTriggerMessage SignChargePointCertificate): after the trigger's reply a new key pair
   * and its CSR go out (A02.FR.02-03); a stopped or refused request starts anew (A02.FR.19-20).
   */
  public void requestSigning(SigningKind kind) {
    context.scheduler().schedule(Duration.ZERO, () -> startSigning(kind));
  }

  /**
   * Whether the station asks for a certificate of {@code kind} now: the ISO 15118 SECC ones only
   * while V2G certificate installation is enabled; its own for the CSMS connection always.
   */
  public boolean signs(SigningKind kind) {
    return kind == SigningKind.CHARGING_STATION || settings.v2gCertificateInstallation();
  }

  /**
   * Credentials the station is given locally (by its maker, or by an operator): kept, renewed when
   * due and in use from the next connection.
   */
  public void provision(StationCredential credential) {
    store.credential(credential);
    planRenewal(credential.kind());
    if (credential.kind() == SigningKind.CHARGING_STATION) {
      inUse.accept(credential);
    }
  }

  /**
   * The number of the station's open signing request of {@code kind} (2.1 SignCertificate
   * requestId, which the CSMS echoes in CertificateSigned), if one awaits a certificate. It is
   * drawn from the request's public key, so a request sent again, or still open after a restart,
   * keeps its number without being stored, and a new key pair gets a new one.
   */
  public OptionalInt pendingRequestId(SigningKind kind) {
    return store
        .pending(kind)
        .map(keys -> OptionalInt.of(requestIdOf(keys.getPublic().getEncoded())))
        .orElse(OptionalInt.empty());
  }

  /**
   * Which of the station's open signing requests sent {@code csr}: a version adapter whose records
   * cannot name every kind (2.0.1 has no V2G20Certificate) finds the kind by the CSR it carries.
   */
  public Optional<SigningKind> signingKindOf(String csr) {
    return signing.entrySet().stream()
        .filter(e -> e.getValue().request.pem().equals(csr))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  static int requestIdOf(byte[] publicKey) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(publicKey);
      return java.nio.ByteBuffer.wrap(digest).getInt() & Integer.MAX_VALUE;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * A certificate chain the CSMS signed for a request of the station (CertificateSigned, leaf
   * first). Accepted when it is for the key of an open request, within its period, names the
   * station, and chains to an installed root of its kind; otherwise Rejected, discarded and
   * reported as a security event, and no request goes out again until the CSMS triggers one
   * (A02.FR.06-07, FR.16, FR.20).
   *
   * @param requested the certificateType of the message; none means the CSMS connection's
   * @return true if accepted
   */
  public boolean certificateSigned(String pem, @Nullable SigningKind requested) {
    SigningKind kind = requested == null ? SigningKind.CHARGING_STATION : requested;
    if (pem.length() > settings.maxChainSize()) {
      LOG.info(
          "CertificateSigned rejected: {} characters, more than {}",
          pem.length(),
          settings.maxChainSize());
      return false;
    }
    List<X509Certificate> chain = List.of();
    String problem;
    try {
      chain = PemCertificates.parse(pem);
      problem = problemWith(chain, kind);
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    Optional<KeyPair> keys = store.pending(kind);
    if (problem != null || keys.isEmpty()) {
      String info = problem != null ? problem : "no signing request awaits it";
      LOG.warn("CertificateSigned ({}) rejected: {}", kind, info);
      stopSigning(kind);
      events.raise(SecurityEvent.INVALID_STATION_CERTIFICATE, info);
      return false;
    }
    StationCredential credential = new StationCredential(kind, chain, keys.get().getPrivate());
    store.credential(credential);
    store.pending(kind, null);
    stopSigning(kind);
    planRenewal(kind);
    if (kind == SigningKind.CHARGING_STATION) {
      // A02.FR.08: in use as soon as its period has begun.
      Duration until = Duration.between(context.scheduler().now(), credential.notBefore());
      if (switchOver != null) {
        switchOver.cancel();
      }
      switchOver =
          context
              .scheduler()
              .schedule(until.isNegative() ? Duration.ZERO : until, () -> inUse.accept(credential));
    }
    return true;
  }

  private @Nullable String problemWith(List<X509Certificate> chain, SigningKind kind) {
    Optional<KeyPair> keys = store.pending(kind);
    if (keys.isEmpty()) {
      return "no signing request of the station awaits a " + kind + " certificate";
    }
    X509Certificate leaf = chain.get(0);
    if (!Arrays.equals(leaf.getPublicKey().getEncoded(), keys.get().getPublic().getEncoded())) {
      return "the certificate is not for the key of the station's signing request";
    }
    Instant now = context.scheduler().now();
    if (!leaf.getNotAfter().toInstant().isAfter(now)) {
      return "the certificate expired on " + leaf.getNotAfter().toInstant();
    }
    X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
    if (!settings.commonName().equals(rdn(subject, BCStyle.CN))) {
      return "its CN is not the station's identity " + settings.commonName();
    }
    String organization = settings.organizationName();
    if (!organization.isEmpty() && !organization.equals(rdn(subject, BCStyle.O))) {
      return "its O is not the organization " + organization;
    }
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate issuer = chain.get(i + 1);
      if (!signedBy(chain.get(i), issuer)) {
        return "certificate " + (i + 1) + " of the chain is not signed by the next";
      }
      String period = validAt(issuer, now);
      if (period != null) {
        return "certificate " + (i + 2) + " of the chain: " + period;
      }
    }
    CertificateUse anchor =
        kind == SigningKind.CHARGING_STATION ? CertificateUse.CSMS_ROOT : CertificateUse.V2G_ROOT;
    X509Certificate top = chain.get(chain.size() - 1);
    boolean anchored =
        store.roots().stream()
            .filter(r -> r.use() == anchor && validAt(r.certificate(), now) == null)
            .anyMatch(r -> r.certificate().equals(top) || signedBy(top, r.certificate()));
    if (!anchored) {
      return "the chain does not lead to an installed " + anchor + " certificate";
    }
    return null;
  }

  private static @Nullable String rdn(
      X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier id) {
    RDN[] rdns = name.getRDNs(id);
    return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  private void startSigning(SigningKind kind) {
    stopSigning(kind);
    SigningRequest request =
        SigningRequest.create(settings.commonName(), settings.organizationName());
    store.pending(kind, request.keys());
    Signing s = new Signing(request);
    signing.put(kind, s);
    send(kind, s);
  }

  private void send(SigningKind kind, Signing s) {
    if (!context.registered().getAsBoolean()) {
      s.waitingForConnection = true;
      return;
    }
    s.waitingForConnection = false;
    context
        .gateway()
        .signCertificate(s.request.pem(), kind)
        .whenComplete(
            (accepted, failure) -> {
              if (signing.get(kind) != s) {
                return;
              }
              if (failure == null && !accepted) {
                // A02.FR.21: a refused request is not sent again until the CSMS asks.
                LOG.warn("the CSMS refused the {} signing request", kind);
                signing.remove(kind);
                return;
              }
              if (s.resent >= settings.signingRepeatTimes()) {
                LOG.warn(
                    "no certificate after {} signing requests; waiting for a trigger",
                    s.resent + 1);
                signing.remove(kind);
                return;
              }
              Duration wait = settings.signingWaitMinimum().multipliedBy(1L << s.resent);
              s.timer =
                  context
                      .scheduler()
                      .schedule(
                          wait,
                          () -> {
                            s.resent++;
                            send(kind, s);
                          });
            });
  }

  private void stopSigning(SigningKind kind) {
    Signing s = signing.remove(kind);
    if (s != null && s.timer != null) {
      s.timer.cancel();
    }
  }

  /** A03.FR.02: a new key pair and CSR a month before the certificate of {@code kind} expires. */
  private void planRenewal(SigningKind kind) {
    TaskScheduler.Cancellable old = renewals.remove(kind);
    if (old != null) {
      old.cancel();
    }
    Optional<StationCredential> credential = store.credential(kind);
    if (credential.isEmpty()) {
      return;
    }
    Duration until =
        Duration.between(
            context.scheduler().now(), credential.get().notAfter().minus(RENEWAL_AHEAD));
    renewals.put(
        kind,
        context
            .scheduler()
            .schedule(
                until.isNegative() ? Duration.ZERO : until,
                () -> {
                  renewals.remove(kind);
                  if (!signs(kind)) {
                    LOG.info(
                        "the {} certificate expires within a month: not renewed, as"
                            + " V2G certificate installation is disabled",
                        kind);
                  } else if (!signing.containsKey(kind)) {
                    LOG.info("the {} certificate expires within a month: renewing it", kind);
                    startSigning(kind);
                  }
                }));
  }

  // ------------------------------------------------------------------------------ ISO 15118

  /**
   * An EV's certificate installation ({@code install}) or update, passed to the CSMS (M01, M02);
   * fails at once while the CSMS cannot be reached, so the EV learns of it in time, and while
   * contract certificate installation is disabled.
   */
  public CompletableFuture<Ev15118Answer> ev15118Certificate(
      String schemaVersion, boolean install, String exiRequest) {
    if (!settings.contractCertificateInstallation()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("contract certificate installation is disabled"));
    }
    if (!context.registered().getAsBoolean()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the CSMS cannot be reached"));
    }
    return context.gateway().ev15118Certificate(schemaVersion, install, exiRequest);
  }

  /** The OCSP status of a certificate, asked of the CSMS (M06). */
  public CompletableFuture<OcspAnswer> certificateStatus(
      CertificateHash hash, String responderUrl) {
    if (!context.registered().getAsBoolean()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the CSMS cannot be reached"));
    }
    return context.gateway().certificateStatus(hash, responderUrl);
  }

  // ------------------------------------------------------------------------------ helpers

  private CertificateHash hashOf(X509Certificate c, String algorithm) {
    return CertificateHash.of(c, issuerOf(c), algorithm);
  }

  /** The installed certificate that signed {@code c}; itself for a root or when unknown. */
  private X509Certificate issuerOf(X509Certificate c) {
    if (c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
      return c;
    }
    return store.roots().stream()
        .map(CertificateStore.Root::certificate)
        .filter(r -> !r.equals(c) && signedBy(c, r))
        .findFirst()
        .orElse(c);
  }

  private List<CertificateHash> chainHashes(StationCredential credential, String algorithm) {
    List<X509Certificate> chain = credential.chain();
    List<CertificateHash> out = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : issuerOf(chain.get(i));
      out.add(CertificateHash.of(chain.get(i), issuer, algorithm));
    }
    return out;
  }

  private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
    if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      c.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Null if {@code c} is valid at {@code now}, else why not. */
  private static @Nullable String validAt(X509Certificate c, Instant now) {
    try {
      c.checkValidity(Date.from(now));
      return null;
    } catch (CertificateException e) {
      return "outside its validity "
          + c.getNotBefore().toInstant()
          + " - "
          + c.getNotAfter().toInstant();
    }
  }
}
