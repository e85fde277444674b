package io.kilowire.core.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A manufacturer's firmware signing, minted for a test: a root certificate the station trusts, a
 * firmware signing certificate it issued, and a stranger's signing certificate it did not; all
 * valid for a day around {@code around} (a scenario's virtual time or now). Signatures are RSA-PSS
 * with SHA-256 over the whole image, as OCPP 2.0.1 L01.FR.04 says.
 */
public final class FirmwareSigning {
  private final KeyPair rootKeys;
  private final KeyPair signerKeys;
  private final KeyPair strangerKeys;
  public final X509Certificate root;
  public final X509Certificate signer;
  public final X509Certificate stranger;

  private FirmwareSigning(Instant around)
      throws GeneralSecurityException, OperatorCreationException {
    rootKeys = rsa();
    signerKeys = rsa();
    strangerKeys = rsa();
    root =
        certificate(
            "Kilowire Test Manufacturer Root",
            "Kilowire Test Manufacturer Root",
            rootKeys,
            rootKeys.getPrivate(),
            true,
            around);
    signer =
        certificate(
            "Kilowire Test Manufacturer Root",
            "Kilowire Firmware Signer",
            signerKeys,
            rootKeys.getPrivate(),
            false,
            around);
    stranger =
        certificate(
            "Someone Else",
            "Someone Else's Signer",
            strangerKeys,
            strangerKeys.getPrivate(),
            false,
            around);
  }

  public static FirmwareSigning around(Instant instant) {
    try {
      return new FirmwareSigning(instant);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signer's signature over {@code image}, base64. */
  public String sign(byte[] image) {
    return sign(image, signerKeys.getPrivate());
  }

  /** A signature over {@code image} by the stranger's key, base64. */
  public String signAsStranger(byte[] image) {
    return sign(image, strangerKeys.getPrivate());
  }

  public static String pem(X509Certificate certificate) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String sign(byte[] image, PrivateKey key) {
    try {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      s.initSign(key);
      s.update(image);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static X509Certificate certificate(
      String issuer, String subject, KeyPair keys, PrivateKey issuerKey, boolean ca, Instant around)
      throws GeneralSecurityException, OperatorCreationException {
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuer + ",O=Kilowire"),
            BigInteger.valueOf(around.toEpochMilli() ^ subject.hashCode() & 0xFFFFFFL),
            Date.from(around.minus(Duration.ofDays(1))),
            Date.from(around.plus(Duration.ofDays(1))),
            new X500Name("CN=" + subject + ",O=Kilowire"),
            keys.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign : KeyUsage.digitalSignature));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }
}
