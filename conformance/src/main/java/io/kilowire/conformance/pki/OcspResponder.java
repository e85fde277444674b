package io.kilowire.conformance.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The suite's OCSP responder for the certificates one CA issues (RFC 6960): it answers each
 * certificate it was told about as good or revoked, signed with the CA's own key, and any other as
 * unknown; and it keeps every question, so a case can tell whether the CSMS asked it about the
 * contract certificate before answering (the OCTT's tool validation of C07). Pure: the bytes of a
 * request in, the bytes of the answer out; {@link OcspEndpoint} serves it over HTTP.
 */
public final class OcspResponder {
  /** What the responder says of a certificate it knows. */
  public enum Status {
    GOOD,
    REVOKED
  }

  /**
   * One certificate asked about.
   *
   * @param hashAlgorithm of its CertID (SHA1, SHA256, ...)
   * @param issuerMatches whether its issuer hashes are those of this responder's CA
   * @param receivedNanos System.nanoTime() when the question came
   */
  public record Query(
      String hashAlgorithm, BigInteger serial, boolean issuerMatches, long receivedNanos) {}

  private record Known(Status status, Instant asOf) {}

  /** How long an answer stays fresh (its nextUpdate). */
  private static final Duration VALIDITY = Duration.ofDays(1);

  private final X509Certificate issuer;
  private final X509CertificateHolder issuerHolder;
  private final PrivateKey key;
  private final Map<BigInteger, Known> known = new ConcurrentHashMap<>();
  private final List<Query> queries = new CopyOnWriteArrayList<>();

  public OcspResponder(X509Certificate issuer, PrivateKey key) {
    this.issuer = issuer;
    this.issuerHolder = Ocsp.holder(issuer);
    this.key = key;
  }

  /**
   * From now on answers {@code serial} with {@code status}, as of {@code asOf} (the answer's
   * thisUpdate; a revocation one minute before it).
   */
  public void register(BigInteger serial, Status status, Instant asOf) {
    known.put(serial, new Known(status, asOf));
  }

  /** Every certificate asked about so far, in order. */
  public List<Query> queries() {
    return List.copyOf(queries);
  }

  /**
   * The DER OCSPResponse to the DER OCSPRequest {@code request}: successful and signed, or
   * malformedRequest when it cannot be read.
   */
  public byte[] answer(byte[] request) {
    OCSPReq parsed;
    try {
      parsed = new OCSPReq(request);
    } catch (IOException | RuntimeException e) {
      return status(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    Req[] asked = parsed.getRequestList();
    if (asked.length == 0) {
      return status(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(issuerHolder.getSubject()));
    Instant producedAt = Instant.ofEpochMilli(issuer.getNotBefore().getTime());
    List<Known> answered = new ArrayList<>();
    for (Req r : asked) {
      CertificateID id = r.getCertID();
      boolean ours = Ocsp.issuedBy(id, issuer);
      queries.add(new Query(Ocsp.algorithmName(id), id.getSerialNumber(), ours, System.nanoTime()));
      Known k = ours ? known.get(id.getSerialNumber()) : null;
      if (k == null) {
        builder.addResponse(id, new UnknownStatus());
        continue;
      }
      answered.add(k);
      producedAt = k.asOf().isAfter(producedAt) ? k.asOf() : producedAt;
      CertificateStatus status =
          k.status() == Status.GOOD
              ? CertificateStatus.GOOD
              : new RevokedStatus(
                  Date.from(k.asOf().minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
      builder.addResponse(
          id, status, Date.from(k.asOf()), Date.from(k.asOf().plus(VALIDITY)), null);
    }
    Extension nonce = parsed.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (nonce != null) {
      builder.setResponseExtensions(new Extensions(nonce));
    }
    try {
      return new OCSPRespBuilder()
          .build(
              OCSPRespBuilder.SUCCESSFUL,
              builder.build(
                  new JcaContentSignerBuilder(Certificates.signatureAlgorithm(key)).build(key),
                  new X509CertificateHolder[] {issuerHolder},
                  Date.from(producedAt)))
          .getEncoded();
    } catch (OCSPException | OperatorCreationException | IOException e) {
      return status(OCSPRespBuilder.INTERNAL_ERROR);
    }
  }

  private static byte[] status(int code) {
    try {
      return new OCSPRespBuilder().build(code, null).getEncoded();
    } catch (OCSPException | IOException e) {
      throw new IllegalStateException("cannot write an OCSP status", e);
    }
  }
}
