package io.kilowire.conformance.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A certificate authority made on the spot: the built-in sandbox signs the CSRs stations send it
 * (SignCertificate) with it, as a CSMS with its own CA does.
 */
public final class SigningAuthority {
  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFFFFL);

  private final KeyPair keys;
  private final X509Certificate certificate;

  private SigningAuthority(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A self-signed authority named {@code name}, valid ten years. */
  public static SigningAuthority create(String name) {
    KeyPair keys = Certificates.ecKeyPair();
    X500Name subject = new X500Name("CN=" + name + ",O=Kilowire");
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(SERIALS.incrementAndGet()),
              Date.from(Instant.now().minus(Duration.ofMinutes(5))),
              Date.from(Instant.now().plus(Duration.ofDays(3650))),
              subject,
              keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      return new SigningAuthority(keys, sign(b, keys));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot make a signing authority", e);
    }
  }

  /**
   * Signs the PEM CSR {@code csrPem}: the returned PEM chain is the new certificate (the CSR's
   * subject and key, valid a year) followed by this authority's.
   *
   * @throws IllegalArgumentException if {@code csrPem} is not a CSR whose signature holds
   */
  public String sign(String csrPem) {
    PKCS10CertificationRequest csr = Certificates.parseCsr(csrPem);
    try {
      JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(csr);
      if (!csr.isSignatureValid(
          new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
              .build(request.getPublicKey()))) {
        throw new IllegalArgumentException("the CSR's signature does not hold");
      }
      return issue(csr.getSubject(), request.getPublicKey());
    } catch (GeneralSecurityException
        | OperatorCreationException
        | org.bouncycastle.pkcs.PKCSException
        | java.io.IOException e) {
      throw new IllegalArgumentException("cannot sign the CSR: " + e.getMessage(), e);
    }
  }

  /**
   * A certificate for {@code commonName} (O=Kilowire) and {@code key}, valid a year, with {@code
   * ipAddresses} as its subject alternative names: the PEM chain, leaf first. The sandbox's own TLS
   * endpoint uses one.
   */
  public String issue(String commonName, PublicKey key, String... ipAddresses) {
    try {
      return issue(new X500Name("CN=" + commonName + ",O=Kilowire"), key, ipAddresses);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
    }
  }

  /** This authority's certificate, PEM. */
  public String certificatePem() {
    return Certificates.pem(certificate);
  }

  private String issue(X500Name subject, PublicKey key, String... ipAddresses)
      throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(SERIALS.incrementAndGet()),
            Date.from(Instant.now().minus(Duration.ofMinutes(5))),
            Date.from(Instant.now().plus(Duration.ofDays(365))),
            subject,
            key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    if (ipAddresses.length > 0) {
      GeneralName[] names = new GeneralName[ipAddresses.length];
      for (int i = 0; i < names.length; i++) {
        names[i] = new GeneralName(GeneralName.iPAddress, ipAddresses[i]);
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    return Certificates.pem(sign(b, keys)) + Certificates.pem(certificate);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }
}
