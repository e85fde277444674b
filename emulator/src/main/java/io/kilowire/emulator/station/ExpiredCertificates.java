package io.kilowire.emulator.station;

import io.kilowire.core.station.certificates.SigningKind;
import io.kilowire.core.station.certificates.StationCredential;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Station certificates that have already expired, for testing a CSMS against them: a fresh P-256
 * key, its certificate (CN the station id) valid for a year that ended a day ago, issued by a CA
 * the emulator mints for the purpose.
 */
final class ExpiredCertificates {
  private ExpiredCertificates() {}

  static StationCredential mint(String stationId, Instant now) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair ca = g.generateKeyPair();
      KeyPair station = g.generateKeyPair();
      Instant end = now.minus(Duration.ofDays(1));
      Instant start = end.minus(Duration.ofDays(365));
      X500Name issuer = new X500Name("CN=Kilowire emulator factory CA,O=Kilowire");
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          issuer,
                          BigInteger.valueOf(now.toEpochMilli()),
                          Date.from(start),
                          Date.from(end),
                          new X500Name("CN=" + stationId + ",O=Kilowire"),
                          station.getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
      return new StationCredential(
          SigningKind.CHARGING_STATION, List.of(certificate), station.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot mint an expired certificate", e);
    }
  }
}
