package io.kilowire.core.testing;

import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A certificate authority minted in a test (BouncyCastle): a self-signed root, sub-CAs under it,
 * and leaf certificates for a station's CSR, each with the validity the test asks for.
 */
public final class MintedCa {
  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffff);

  /** A CA: its certificate and key. */
  public record Ca(X509Certificate certificate, KeyPair keys) {}

  private MintedCa() {}

  public static KeyPair keys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed root CA valid from {@code from} to {@code to}. */
  public static Ca root(String name, Instant from, Instant to) {
    KeyPair keys = keys();
    X509Certificate cert =
        issue(new X500Name("CN=" + name + ",O=Test"), keys.getPublic(), null, keys, from, to, true);
    return new Ca(cert, keys);
  }

  /** A sub-CA signed by {@code issuer}. */
  public static Ca subCa(Ca issuer, String name, Instant from, Instant to) {
    KeyPair keys = keys();
    X509Certificate cert =
        issue(
            new X500Name("CN=" + name + ",O=Test"),
            keys.getPublic(),
            issuer.certificate(),
            issuer.keys(),
            from,
            to,
            true);
    return new Ca(cert, keys);
  }

  /** A leaf certificate for {@code subject} and {@code key}, signed by {@code issuer}. */
  public static X509Certificate leaf(
      Ca issuer, String subject, PublicKey key, Instant from, Instant to) {
    return issue(new X500Name(subject), key, issuer.certificate(), issuer.keys(), from, to, false);
  }

  /** Signs a PEM CSR as a CA would: its subject and key, checked signature. */
  public static X509Certificate sign(Ca issuer, String csrPem, Instant from, Instant to) {
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      PKCS10CertificationRequest csr = (PKCS10CertificationRequest) parser.readObject();
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
      if (!csr.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(jca.getPublicKey()))) {
        throw new IllegalArgumentException("the CSR's signature does not verify");
      }
      return issue(
          csr.getSubject(),
          jca.getPublicKey(),
          issuer.certificate(),
          issuer.keys(),
          from,
          to,
          false);
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign the CSR", e);
    }
  }

  /** The subject of a PEM CSR, as X.500 text (e.g. {@code O=Org,CN=KW-1}). */
  public static String csrSubject(String csrPem) {
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      return ((PKCS10CertificationRequest) parser.readObject()).getSubject().toString();
    } catch (Exception e) {
      throw new IllegalStateException("not a CSR: " + csrPem, e);
    }
  }

  private static X509Certificate issue(
      X500Name subject,
      PublicKey key,
      X509Certificate issuer,
      KeyPair issuerKeys,
      Instant from,
      Instant to,
      boolean ca) {
    try {
      X500Name issuerName =
          issuer == null
              ? subject
              : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(SERIALS.incrementAndGet()),
              Date.from(from),
              Date.from(to),
              subject,
              key);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue a certificate", e);
    }
  }
}
