package io.kilowire.conformance.pki;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Asks an OCSP responder about one certificate over HTTP (a POST, RFC 6960 appendix A), as a CSMS
 * does for a contract certificate (C07.FR.05), and trusts only an answer signed with the issuer's
 * key.
 */
public final class OcspClient {
  /** What the responder said. */
  public enum Answer {
    GOOD,
    REVOKED,
    /** Unknown to the responder. */
    UNKNOWN,
    /** No usable answer: unreachable, not successful, unsigned by the issuer, another CertID. */
    FAILED
  }

  private final HttpClient http;
  private final Duration timeout;

  public OcspClient(Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  /** The status of the certificate {@code id} names, from the responder at {@code url}. */
  public Answer ask(CertificateID id, String url, X509Certificate issuer) {
    try {
      byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(timeout)
                  .header("Content-Type", "application/ocsp-request")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return Answer.FAILED;
      }
      OCSPResp answer = new OCSPResp(response.body());
      if (answer.getStatus() != OCSPResp.SUCCESSFUL
          || !(answer.getResponseObject() instanceof BasicOCSPResp basic)
          || !basic.isSignatureValid(
              new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
        return Answer.FAILED;
      }
      for (SingleResp single : basic.getResponses()) {
        if (single.getCertID().equals(id)) {
          Object status = single.getCertStatus();
          return status == null
              ? Answer.GOOD
              : status instanceof RevokedStatus ? Answer.REVOKED : Answer.UNKNOWN;
        }
      }
      return Answer.FAILED;
    } catch (IOException | OCSPException | OperatorCreationException | RuntimeException e) {
      return Answer.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.FAILED;
    }
  }
}
