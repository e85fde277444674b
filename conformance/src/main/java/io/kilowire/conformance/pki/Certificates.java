package io.kilowire.conformance.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Key pairs, certificate signing requests and PEM chains, as the certificate cases need them. */
public final class Certificates {
  private Certificates() {}

  /** A fresh EC P-256 key pair. */
  public static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
    }
  }

  /** A fresh RSA key pair of {@code bits} bits. */
  public static KeyPair rsaKeyPair(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make RSA keys", e);
    }
  }

  /** A private key as unencrypted PKCS#8 PEM. */
  public static String privateKeyPem(java.security.PrivateKey key) {
    try {
      return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IllegalStateException("cannot write the private key", e);
    }
  }

  /** A PEM certificate signing request for {@code keys}, subject CN and O as given. */
  public static String csr(KeyPair keys, String commonName, String organization) {
    try {
      X500Name subject = new X500Name("CN=" + commonName + ",O=" + organization);
      PKCS10CertificationRequest request =
          new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      return pem(request);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a CSR", e);
    }
  }

  /** The public key of a PEM CSR. */
  public static PublicKey csrPublicKey(String csrPem) {
    try {
      return new JcaPKCS10CertificationRequest(parseCsr(csrPem)).getPublicKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the CSR's public key cannot be read", e);
    }
  }

  static PKCS10CertificationRequest parseCsr(String csrPem) {
    try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
      Object read = parser.readObject();
      if (!(read instanceof PKCS10CertificationRequest request)) {
        throw new IllegalArgumentException("not a PEM certificate signing request");
      }
      return request;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM certificate signing request", e);
    }
  }

  /** The X.509 certificates of a PEM chain, leaf first; empty when it holds none. */
  public static List<X509Certificate> chain(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      return out;
    } catch (GeneralSecurityException e) {
      return List.of();
    }
  }

  /**
   * A self-signed client certificate for {@code commonName} and its key, written as PEM files in a
   * temporary folder: a certificate no CSMS should trust.
   */
  public static java.nio.file.Path[] selfSignedFiles(String commonName) {
    KeyPair keys = ecKeyPair();
    try {
      X500Name subject = new X500Name("CN=" + commonName + ",O=Untrusted");
      java.time.Instant now = java.time.Instant.now();
      var builder =
          new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
              subject,
              java.math.BigInteger.valueOf(now.toEpochMilli()),
              java.util.Date.from(now.minusSeconds(300)),
              java.util.Date.from(now.plusSeconds(86_400)),
              subject,
              keys.getPublic());
      X509Certificate certificate =
          new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kilowire-untrusted");
      java.nio.file.Path cert = dir.resolve("client.pem");
      java.nio.file.Path key = dir.resolve("client-key.pem");
      java.nio.file.Files.writeString(cert, pem(certificate));
      java.nio.file.Files.writeString(key, privateKeyPem(keys.getPrivate()));
      // deleted in reverse order: the files, then their folder
      dir.toFile().deleteOnExit();
      cert.toFile().deleteOnExit();
      key.toFile().deleteOnExit();
      return new java.nio.file.Path[] {cert, key};
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a self-signed certificate", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The signature algorithm a CA with {@code key} signs with (SHA-256, ECDSA or RSA). */
  static String signatureAlgorithm(java.security.PrivateKey key) {
    return key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
  }

  /** PEM text of a BouncyCastle or JCA object (certificate, CSR). */
  static String pem(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
