package io.kilowire.core.station.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.v201.CertificateSigningUse;
import io.kilowire.core.ocpp.v201.GenericStatus;
import io.kilowire.core.ocpp.v201.SecurityEventNotificationRequest;
import io.kilowire.core.ocpp.v201.SecurityEventNotificationResponse;
import io.kilowire.core.ocpp.v201.SignCertificateRequest;
import io.kilowire.core.ocpp.v201.SignCertificateResponse;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.station.certificates.Certificates.DeleteOutcome;
import io.kilowire.core.station.certificates.Certificates.InstallOutcome;
import io.kilowire.core.station.logs.SecurityEvents;
import io.kilowire.core.station.logs.StationLog;
import io.kilowire.core.store.MemorySnapshotStore;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.MintedCa;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The certificates room alone, in virtual time: a real 2.0.1 gateway to a scripted CSMS over a
 * virtual link, a CA minted in the test signing the station's CSRs.
 */
class CertificatesTest {
  private static final String STATION = "KW-CERT-1";
  private static final Instant T0 = StationScenario.T0;

  private final VirtualScheduler clock = new VirtualScheduler(T0);
  private final ScriptedCsms csms = new ScriptedCsms(clock, OcppVersion.V201);
  private final List<SignCertificateRequest> csrs = new ArrayList<>();
  private final List<SecurityEventNotificationRequest> events = new ArrayList<>();
  private GenericStatus signAnswer = GenericStatus.ACCEPTED;
  private final VirtualLink link =
      new VirtualLink(clock, OcppVersion.V201, StationScenario.LATENCY)
          .csmsHandlers(
              s -> {
                csms.register(s);
                s.handle(
                    SignCertificateRequest.class,
                    r -> {
                      csrs.add(r);
                      return new SignCertificateResponse(null, signAnswer, null);
                    });
                s.handle(
                    SecurityEventNotificationRequest.class,
                    r -> {
                      events.add(r);
                      return new SecurityEventNotificationResponse(null);
                    });
              });
  private final SessionHolder session = new SessionHolder();
  private final MemorySnapshotStore snapshots = new MemorySnapshotStore();
  private boolean registered;
  private final List<StationCredential> inUse = new ArrayList<>();

  private final MintedCa.Ca root =
      MintedCa.root("CSO Root", T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(3650)));
  private final MintedCa.Ca subCa =
      MintedCa.subCa(root, "CSO Sub", T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1000)));

  private final StationContext context =
      new StationContext(
          1,
          StationParameters.Fixed.defaults(),
          clock,
          new V201Gateway(session, new JsonFrameCodec(), new StationIdentity("K", "M", "S", "1")),
          new FakeHardware(clock),
          () -> registered,
          () -> registered);
  private final StationLog log = new StationLog();
  private final SecurityEvents securityEvents = new SecurityEvents(context, log);
  private final Certificates certificates = room();

  private Certificates room() {
    Certificates room =
        new Certificates(
            context,
            snapshots,
            new CertificateSettings.Fixed(
                STATION, "Kilowire CSO", 10_000, 5, Duration.ofSeconds(60), 3),
            securityEvents);
    room.onCredentialInUse(inUse::add);
    room.start();
    return room;
  }

  private void register() {
    session.attach(link.connect());
    registered = true;
    securityEvents.registered();
    certificates.registered();
    clock.advance(Duration.ofSeconds(1));
  }

  private static String pem(X509Certificate... chain) {
    return PemCertificates.write(List.of(chain));
  }

  private void installRoot() {
    assertThat(certificates.install(CertificateUse.CSMS_ROOT, pem(root.certificate())))
        .isEqualTo(InstallOutcome.ACCEPTED);
  }

  @Test
  void aTriggeredSigningRequestCarriesANewKeyAndTheSignedChainIsTakenIntoUse() {
    installRoot();
    register();

    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));

    assertThat(csrs).hasSize(1);
    assertThat(csrs.get(0).certificateType())
        .isEqualTo(CertificateSigningUse.CHARGING_STATION_CERTIFICATE);
    assertThat(MintedCa.csrSubject(csrs.get(0).csr())).isEqualTo("O=Kilowire CSO,CN=" + STATION);

    X509Certificate leaf =
        MintedCa.sign(subCa, csrs.get(0).csr(), T0.minusSeconds(60), T0.plus(Duration.ofDays(365)));
    assertThat(certificates.certificateSigned(pem(leaf, subCa.certificate()), null)).isTrue();
    clock.advance(Duration.ofSeconds(1));

    assertThat(certificates.credential(SigningKind.CHARGING_STATION))
        .hasValueSatisfying(c -> assertThat(c.chain()).containsExactly(leaf, subCa.certificate()));
    assertThat(inUse).hasSize(1);
    assertThat(inUse.get(0).leaf()).isEqualTo(leaf);
    // The request is answered: no CSR goes again.
    clock.advance(Duration.ofHours(1));
    assertThat(csrs).hasSize(1);
    assertThat(events).isEmpty();
  }

  @Test
  void aCertificateValidOnlyLaterIsTakenIntoUseFromItsStart() {
    installRoot();
    register();
    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));
    Instant start = clock.now().plus(Duration.ofMinutes(10));
    X509Certificate leaf =
        MintedCa.sign(subCa, csrs.get(0).csr(), start, start.plus(Duration.ofDays(365)));

    assertThat(certificates.certificateSigned(pem(leaf, subCa.certificate()), null)).isTrue();
    clock.advance(Duration.ofMinutes(9));
    assertThat(inUse).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(inUse).extracting(StationCredential::leaf).containsExactly(leaf);
  }

  @Test
  void anUnansweredRequestGoesAgainAfterADoublingWaitThenStops() {
    installRoot();
    register();
    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));
    assertThat(csrs).hasSize(1);

    clock.advance(Duration.ofSeconds(60));
    assertThat(csrs).hasSize(2);
    clock.advance(Duration.ofSeconds(119));
    assertThat(csrs).hasSize(2);
    clock.advance(Duration.ofSeconds(2));
    assertThat(csrs).hasSize(3);
    clock.advance(Duration.ofSeconds(240));
    assertThat(csrs).hasSize(4);
    // Three times sent again: then it waits for a trigger.
    clock.advance(Duration.ofHours(2));
    assertThat(csrs).hasSize(4);
    assertThat(csrs).extracting(SignCertificateRequest::csr).containsOnly(csrs.get(0).csr());

    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));
    assertThat(csrs).hasSize(5);
    assertThat(csrs.get(4).csr()).isNotEqualTo(csrs.get(0).csr());
  }

  @Test
  void aRefusedRequestIsNotSentAgain() {
    signAnswer = GenericStatus.REJECTED;
    register();
    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofHours(1));
    assertThat(csrs).hasSize(1);
  }

  @Test
  void aChainOutsideTheInstalledHierarchyIsRejectedWithASecurityEventAndEndsTheRetries() {
    installRoot();
    register();
    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));
    MintedCa.Ca stranger =
        MintedCa.root("Stranger", T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(100)));
    X509Certificate leaf =
        MintedCa.sign(stranger, csrs.get(0).csr(), T0, T0.plus(Duration.ofDays(365)));

    assertThat(certificates.certificateSigned(pem(leaf), null)).isFalse();
    clock.advance(Duration.ofSeconds(1));

    assertThat(events)
        .extracting(SecurityEventNotificationRequest::type)
        .containsExactly("InvalidChargingStationCertificate");
    assertThat(events.get(0).techInfo()).contains("CSMS_ROOT");
    assertThat(certificates.credential(SigningKind.CHARGING_STATION)).isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(csrs).hasSize(1);
  }

  @Test
  void aCertificateForAnotherKeyAnExpiredOneAndAWrongNameAreRejected() {
    installRoot();
    register();
    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));
    String csr = csrs.get(0).csr();

    X509Certificate otherKey =
        MintedCa.leaf(
            subCa,
            "O=Kilowire CSO,CN=" + STATION,
            MintedCa.keys().getPublic(),
            T0,
            T0.plus(Duration.ofDays(10)));
    X509Certificate expired =
        MintedCa.sign(subCa, csr, T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofDays(1)));

    assertThat(certificates.certificateSigned(pem(otherKey, subCa.certificate()), null)).isFalse();
    assertThat(certificates.certificateSigned(pem(expired, subCa.certificate()), null)).isFalse();
    assertThat(certificates.certificateSigned("not a certificate", null)).isFalse();
    clock.advance(Duration.ofSeconds(1));

    assertThat(events).hasSize(3);
    assertThat(events.get(0).techInfo()).contains("not for the key");
    assertThat(events.get(1).techInfo()).contains("expired");
    // The open request still stands: a good chain for it is accepted.
    X509Certificate good = MintedCa.sign(subCa, csr, T0, T0.plus(Duration.ofDays(365)));
    assertThat(certificates.certificateSigned(pem(good, subCa.certificate()), null)).isTrue();
  }

  @Test
  void securityEventsRaisedOfflineWaitForTheConnection() {
    installRoot();
    register();
    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));
    registered = false;
    session.detach();
    securityEvents.connectionLost();

    assertThat(certificates.certificateSigned("garbage", null)).isFalse();
    clock.advance(Duration.ofSeconds(5));
    assertThat(events).isEmpty();
    assertThat(securityEvents.pending()).hasSize(1);
    assertThat(log.entries(StationLog.Kind.SECURITY, null, null)).hasSize(1);

    register();
    assertThat(events).hasSize(1);
    assertThat(securityEvents.pending()).isEmpty();
  }

  @Test
  void aCertificateAMonthFromExpiryIsRenewedByTheStation() {
    installRoot();
    register();
    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));
    X509Certificate leaf =
        MintedCa.sign(subCa, csrs.get(0).csr(), T0, T0.plus(Duration.ofDays(40)));
    assertThat(certificates.certificateSigned(pem(leaf, subCa.certificate()), null)).isTrue();

    clock.advance(Duration.ofDays(9));
    assertThat(csrs).hasSize(1);
    clock.advance(Duration.ofDays(1).plusSeconds(30));
    assertThat(csrs).hasSize(2);
    assertThat(MintedCa.csrSubject(csrs.get(1).csr())).endsWith("CN=" + STATION);
  }

  @Test
  void caCertificatesAreInstalledListedAndDeletedByTheirHashData() {
    installRoot();
    // The same root again replaces it (M05.FR.17).
    installRoot();
    assertThat(certificates.entries()).isEqualTo(1);
    assertThat(certificates.install(CertificateUse.V2G_ROOT, pem(subCa.certificate())))
        .isEqualTo(InstallOutcome.ACCEPTED);
    X509Certificate notCa =
        MintedCa.leaf(subCa, "CN=leaf", MintedCa.keys().getPublic(), T0, T0.plusSeconds(3600));
    assertThat(certificates.install(CertificateUse.CSMS_ROOT, pem(notCa)))
        .isEqualTo(InstallOutcome.REJECTED);
    assertThat(certificates.install(CertificateUse.CSMS_ROOT, "-----BEGIN CERTIFICATE-----"))
        .isEqualTo(InstallOutcome.REJECTED);
    MintedCa.Ca expired =
        MintedCa.root("Old", T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofDays(1)));
    assertThat(certificates.install(CertificateUse.MO_ROOT, pem(expired.certificate())))
        .isEqualTo(InstallOutcome.REJECTED);

    CertificateHash rootHash = CertificateHash.of(root.certificate(), root.certificate(), "SHA256");
    CertificateHash subHash = CertificateHash.of(subCa.certificate(), root.certificate(), "SHA256");
    assertThat(certificates.installed(Set.of()))
        .extracting(InstalledCertificate::use, InstalledCertificate::hash)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CertificateUse.CSMS_ROOT, rootHash),
            org.assertj.core.groups.Tuple.tuple(CertificateUse.V2G_ROOT, subHash));
    assertThat(certificates.installed(Set.of(CertificateUse.MO_ROOT))).isEmpty();

    // Upper-case hex and a serial with leading zeros name the same certificate.
    CertificateHash asWritten =
        new CertificateHash(
            "SHA256",
            subHash.issuerNameHash().toUpperCase(java.util.Locale.ROOT),
            subHash.issuerKeyHash(),
            "00" + subHash.serialNumber());
    assertThat(certificates.delete(asWritten)).isEqualTo(DeleteOutcome.ACCEPTED);
    assertThat(certificates.delete(asWritten)).isEqualTo(DeleteOutcome.NOT_FOUND);
    assertThat(
            certificates.delete(
                CertificateHash.of(root.certificate(), root.certificate(), "SHA384")))
        .isEqualTo(DeleteOutcome.ACCEPTED);
    assertThat(certificates.entries()).isZero();
  }

  @Test
  void theStoreIsFullAtItsCapacity() {
    for (int i = 0; i < 5; i++) {
      MintedCa.Ca ca = MintedCa.root("R" + i, T0.minusSeconds(10), T0.plus(Duration.ofDays(10)));
      assertThat(certificates.install(CertificateUse.MO_ROOT, pem(ca.certificate())))
          .isEqualTo(InstallOutcome.ACCEPTED);
    }
    MintedCa.Ca sixth = MintedCa.root("R5", T0.minusSeconds(10), T0.plus(Duration.ofDays(10)));
    assertThat(certificates.install(CertificateUse.MO_ROOT, pem(sixth.certificate())))
        .isEqualTo(InstallOutcome.REJECTED);
  }

  @Test
  void theStationsOwnCertificateCannotBeDeletedAndEverythingSurvivesARestart() {
    installRoot();
    register();
    certificates.requestSigning(SigningKind.CHARGING_STATION);
    clock.advance(Duration.ofSeconds(1));
    X509Certificate leaf =
        MintedCa.sign(subCa, csrs.get(0).csr(), T0, T0.plus(Duration.ofDays(365)));
    assertThat(certificates.certificateSigned(pem(leaf, subCa.certificate()), null)).isTrue();

    assertThat(certificates.delete(CertificateHash.of(leaf, subCa.certificate(), "SHA256")))
        .isEqualTo(DeleteOutcome.FAILED);

    Certificates restarted = room();
    assertThat(restarted.installed(Set.of(CertificateUse.CSMS_ROOT))).hasSize(1);
    assertThat(restarted.credential(SigningKind.CHARGING_STATION))
        .hasValueSatisfying(
            c -> {
              assertThat(c.leaf()).isEqualTo(leaf);
              assertThat(c.key())
                  .isEqualTo(certificates.credential(SigningKind.CHARGING_STATION).get().key());
            });
  }
}
