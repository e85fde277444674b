package io.kilowire.emulator.sandbox;

import io.kilowire.core.station.certificates.PemCertificates;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's certificate authority, minted when first needed: the root it installs on a station
 * when asked to (InstallCertificate), and OCSP answers signed with it that vouch for any
 * certificate asked about (GetCertificateStatus), since the sandbox has no real responder to ask.
 */
final class SandboxCa {
  private final java.util.function.Supplier<Instant> clock;
  private KeyPair keys;
  private X509Certificate root;

  SandboxCa(java.util.function.Supplier<Instant> clock) {
    this.clock = clock;
  }

  /** The root certificate, PEM. */
  synchronized String rootPem() {
    return PemCertificates.write(List.of(root()));
  }

  /**
   * A successful RFC 6960 OCSPResponse, DER in Base64, saying GOOD for the certificate these hashes
   * name.
   */
  synchronized String ocspGood(
      String algorithm, String issuerNameHash, String issuerKeyHash, String serialNumber) {
    root();
    HexFormat hex = HexFormat.of();
    CertificateID id =
        new CertificateID(
            new CertID(
                new AlgorithmIdentifier(oid(algorithm)),
                new DEROctetString(hex.parseHex(issuerNameHash)),
                new DEROctetString(hex.parseHex(issuerKeyHash)),
                new ASN1Integer(new BigInteger(serialNumber, 16))));
    try {
      Instant now = clock.get();
      BasicOCSPRespBuilder basic =
          new BasicOCSPRespBuilder(new RespID(name()))
              .addResponse(
                  id,
                  CertificateStatus.GOOD,
                  Date.from(now),
                  Date.from(now.plus(Duration.ofDays(7))),
                  null);
      byte[] der =
          new OCSPRespBuilder()
              .build(
                  OCSPRespBuilder.SUCCESSFUL,
                  basic.build(
                      signer(),
                      new X509CertificateHolder[] {new X509CertificateHolder(root.getEncoded())},
                      Date.from(now)))
              .getEncoded();
      return Base64.getEncoder().encodeToString(der);
    } catch (OCSPException | GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("the sandbox cannot answer OCSP", e);
    }
  }

  private static ASN1ObjectIdentifier oid(String algorithm) {
    return switch (algorithm.toUpperCase(Locale.ROOT)) {
      case "SHA384" -> NISTObjectIdentifiers.id_sha384;
      case "SHA512" -> NISTObjectIdentifiers.id_sha512;
      default -> NISTObjectIdentifiers.id_sha256;
    };
  }

  private static X500Name name() {
    return new X500Name("CN=Kilowire sandbox CA,O=Kilowire");
  }

  private ContentSigner signer() {
    try {
      return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate root() {
    if (root != null) {
      return root;
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      keys = g.generateKeyPair();
      Instant now = clock.get();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name(),
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              name(),
              keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      root = new JcaX509CertificateConverter().getCertificate(b.build(signer()));
      return root;
    } catch (GeneralSecurityException
        | org.bouncycastle.cert.CertIOException
        | IllegalStateException e) {
      throw new IllegalStateException("the sandbox cannot mint its CA", e);
    }
  }
}
