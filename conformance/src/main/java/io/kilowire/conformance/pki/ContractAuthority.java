package io.kilowire.conformance.pki;

import io.kilowire.core.ocpp.v201.OCSPRequestData;
import io.kilowire.core.transport.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The mobility operator's side of the ISO 15118 contract cases (C07): a root the CSMS trusts, the
 * contract certificates it issues for an eMAID (each with a fresh serial, so no CSMS can have an
 * OCSP answer cached), and the OCSP responder their access location names, served over HTTP.
 */
public final class ContractAuthority implements AutoCloseable {
  /** A contract certificate and what a station says of it in Authorize. */
  public record Contract(X509Certificate certificate, String pem, OCSPRequestData hashData) {
    public BigInteger serial() {
      return certificate.getSerialNumber();
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate root;
  private final PrivateKey key;
  private final OcspResponder responder;
  private final OcspEndpoint endpoint;

  private ContractAuthority(X509Certificate root, PrivateKey key, URI listen) {
    this.root = root;
    this.key = key;
    this.responder = new OcspResponder(root, key);
    this.endpoint = OcspEndpoint.start(listen, responder);
  }

  /**
   * The authority of the root in {@code rootCertificate} (the first certificate of the PEM file)
   * and its PKCS#8 key, its OCSP responder listening at {@code listen} (port 0: any free port).
   *
   * @throws IllegalArgumentException if a file cannot be read
   * @throws UncheckedIOException if the responder cannot listen there
   */
  public static ContractAuthority open(Path rootCertificate, Path rootKey, URI listen) {
    return new ContractAuthority(
        Pem.readCertificates(rootCertificate).get(0), Pem.readPrivateKey(rootKey), listen);
  }

  /**
   * Writes a fresh self-signed root (EC P-256, "Kilowire Conformance MO Root") and its key into
   * {@code dir} as {@code mo-root.pem} and {@code mo-root-key.pem}: the root a sandbox run's CSMS
   * trusts. It is valid from 2000 to 2099, so virtual-time runs at any date can use it.
   */
  public static Path[] writeRoot(Path dir) {
    KeyPair keys = Certificates.ecKeyPair();
    X500Name name = new X500Name("CN=Kilowire Conformance MO Root,O=Kilowire");
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(63, RANDOM).add(BigInteger.ONE),
              Date.from(Instant.parse("2000-01-01T00:00:00Z")),
              Date.from(Instant.parse("2099-12-31T00:00:00Z")),
              name,
              keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      X509Certificate root = sign(b, keys.getPrivate());
      Files.createDirectories(dir);
      Path certificate = Files.writeString(dir.resolve("mo-root.pem"), Certificates.pem(root));
      Path key =
          Files.writeString(
              dir.resolve("mo-root-key.pem"), Certificates.privateKeyPem(keys.getPrivate()));
      return new Path[] {certificate, key};
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a contract root", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new contract certificate for {@code emaid}, valid from an hour before {@code now} for a year,
   * whose OCSP responder answers {@code status} from now on.
   */
  public Contract issue(String emaid, Instant now, OcspResponder.Status status) {
    X500Name subject = new X500Name("CN=" + emaid + ",O=Kilowire Conformance");
    BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
              serial,
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              subject,
              Certificates.ecKeyPair().getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.authorityInfoAccess,
          false,
          new AuthorityInformationAccess(
              new AccessDescription(
                  AccessDescription.id_ad_ocsp,
                  new GeneralName(GeneralName.uniformResourceIdentifier, url()))));
      X509Certificate certificate = sign(b, key);
      responder.register(serial, status, now);
      return new Contract(
          certificate,
          Certificates.pem(certificate),
          Ocsp.requestData(Ocsp.certificateId(root, serial, "SHA256"), url()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue a contract certificate for " + emaid, e);
    }
  }

  /** The URL of the OCSP responder. */
  public String url() {
    return endpoint.url().toString();
  }

  /** The root, which the CSMS must trust as a V2G or MO root. */
  public X509Certificate root() {
    return root;
  }

  /** Whether the responder was asked about {@code serial} with this root's issuer hashes. */
  public boolean asked(BigInteger serial) {
    return askedBefore(serial, Long.MAX_VALUE);
  }

  /**
   * Whether the responder was asked about {@code serial} with this root's issuer hashes before
   * {@code nanos} (System.nanoTime()).
   */
  public boolean askedBefore(BigInteger serial, long nanos) {
    return responder.queries().stream()
        .anyMatch(q -> q.issuerMatches() && q.serial().equals(serial) && q.receivedNanos() < nanos);
  }

  /** Every question the responder got, in order. */
  public List<OcspResponder.Query> queries() {
    return responder.queries();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder(Certificates.signatureAlgorithm(signer))
                    .build(signer)));
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
