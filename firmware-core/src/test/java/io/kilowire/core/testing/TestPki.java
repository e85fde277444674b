package io.kilowire.core.testing;

import io.kilowire.core.transport.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests (security profiles 2 and 3), minted with BouncyCastle and written
 * as PEM files so the production PEM loading is exercised:
 *
 * <ul>
 *   <li>{@link #caCertificate()}: the CA stations and the CSMS trust
 *   <li>{@link #server()}: CSMS certificate (RSA 2048) for IP 127.0.0.1 and DNS localhost
 *   <li>{@link #wrongNameServer()}: signed by the CA, but only for {@code csms.invalid}
 *   <li>{@link #untrustedServer()}: right names, signed by a CA nobody trusts
 *   <li>{@link #client()}: station certificate (EC P-256, CN = station id) signed by the CA
 *   <li>{@link #selfSignedClient()}: station certificate signed by itself
 * </ul>
 *
 * Consumers of the firmware-core test-jar need {@code org.bouncycastle:bcpkix-jdk18on} on their
 * test classpath.
 */
public final class TestPki {
  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFFFFL);

  /** A certificate chain (leaf first) and its PKCS#8 key, as PEM files. */
  public record Material(Path certificate, Path privateKey) {}

  private final Path caCertificate;
  private final Material server;
  private final Material wrongNameServer;
  private final Material untrustedServer;
  private final Material client;
  private final Material selfSignedClient;

  private TestPki(
      Path caCertificate,
      Material server,
      Material wrongNameServer,
      Material untrustedServer,
      Material client,
      Material selfSignedClient) {
    this.caCertificate = caCertificate;
    this.server = server;
    this.wrongNameServer = wrongNameServer;
    this.untrustedServer = untrustedServer;
    this.client = client;
    this.selfSignedClient = selfSignedClient;
  }

  /**
   * Mints everything and writes it to {@code dir}; the client certificates name {@code stationId}.
   */
  public static TestPki create(Path dir, String stationId) {
    try {
      KeyPair caKeys = ec();
      X509Certificate ca = ca("Kilowire Test CA", caKeys);
      KeyPair otherCaKeys = ec();
      X509Certificate otherCa = ca("Kilowire Unknown CA", otherCaKeys);

      KeyPair serverKeys = rsa();
      X509Certificate serverCert =
          leaf(
              "Kilowire Test CSMS",
              serverKeys,
              ca,
              caKeys.getPrivate(),
              true,
              "127.0.0.1",
              "localhost");
      KeyPair wrongKeys = ec();
      X509Certificate wrongCert =
          leaf("csms.invalid", wrongKeys, ca, caKeys.getPrivate(), true, "csms.invalid");
      KeyPair untrustedKeys = ec();
      X509Certificate untrustedCert =
          leaf(
              "Kilowire Untrusted CSMS",
              untrustedKeys,
              otherCa,
              otherCaKeys.getPrivate(),
              true,
              "127.0.0.1",
              "localhost");
      KeyPair clientKeys = ec();
      X509Certificate clientCert = leaf(stationId, clientKeys, ca, caKeys.getPrivate(), false);
      KeyPair selfKeys = ec();
      X509Certificate selfCert = selfSignedLeaf(stationId, selfKeys);

      Files.createDirectories(dir);
      Path caPem = writeCertificates(dir.resolve("ca.pem"), ca);
      return new TestPki(
          caPem,
          write(dir, "server", serverKeys.getPrivate(), serverCert),
          write(dir, "wrong-name-server", wrongKeys.getPrivate(), wrongCert),
          write(dir, "untrusted-server", untrustedKeys.getPrivate(), untrustedCert),
          write(dir, "client", clientKeys.getPrivate(), clientCert),
          write(dir, "self-signed-client", selfKeys.getPrivate(), selfCert));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot mint test certificates", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path caCertificate() {
    return caCertificate;
  }

  public Material server() {
    return server;
  }

  public Material wrongNameServer() {
    return wrongNameServer;
  }

  public Material untrustedServer() {
    return untrustedServer;
  }

  public Material client() {
    return client;
  }

  public Material selfSignedClient() {
    return selfSignedClient;
  }

  /** A CSMS context serving {@code material} and trusting the test CA for client certificates. */
  public SSLContext serverContext(Material material) {
    return TlsContexts.forServer(material.certificate(), material.privateKey(), caCertificate);
  }

  // ------------------------------------------------------------------------------- minting

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static X509Certificate ca(String name, KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name("CN=" + name + ",O=Kilowire");
    X509v3CertificateBuilder b = builder(subject, subject, keys);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(b, keys.getPrivate());
  }

  private static X509Certificate leaf(
      String commonName,
      KeyPair keys,
      X509Certificate issuer,
      PrivateKey issuerKey,
      boolean server,
      String... names)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name("CN=" + commonName + ",O=Kilowire");
    // From the encoding: re-parsing getName() (RFC 2253, reversed) would flip the RDN order.
    X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    X509v3CertificateBuilder b = builder(issuerName, subject, keys);
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
    b.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
    if (names.length > 0) {
      GeneralName[] san = new GeneralName[names.length];
      for (int i = 0; i < names.length; i++) {
        boolean ip = names[i].chars().allMatch(c -> c == '.' || Character.isDigit(c));
        san[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
    }
    return sign(b, issuerKey);
  }

  private static X509Certificate selfSignedLeaf(String commonName, KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name("CN=" + commonName + ",O=Kilowire");
    X509v3CertificateBuilder b = builder(subject, subject, keys);
    b.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    return sign(b, keys.getPrivate());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(key);
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  // -------------------------------------------------------------------------------- writing

  private static Material write(Path dir, String name, PrivateKey key, X509Certificate cert)
      throws IOException {
    Path certPem = writeCertificates(dir.resolve(name + ".pem"), cert);
    Path keyPem = dir.resolve(name + "-key.pem");
    try (Writer w = Files.newBufferedWriter(keyPem, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(new JcaPKCS8Generator(key, null)); // "BEGIN PRIVATE KEY", unencrypted
    }
    return new Material(certPem, keyPem);
  }

  private static Path writeCertificates(Path file, X509Certificate... certs) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      for (X509Certificate c : List.of(certs)) {
        pem.writeObject(c);
      }
    }
    return file;
  }
}
