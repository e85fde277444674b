package io.kilowire.conformance.sandbox;

import io.kilowire.conformance.pki.Certificates;
import io.kilowire.conformance.pki.Ocsp;
import io.kilowire.conformance.pki.OcspClient;
import io.kilowire.core.ocpp.v201.AuthorizeCertificateStatus;
import io.kilowire.core.ocpp.v201.OCSPRequestData;
import io.kilowire.emulator.sandbox.ContractCheck;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's contract check (C07), as a CSMS with one trusted MO root does it: a chain the
 * station sends must lead to that root and be valid now; the certificates the station names by
 * their OCSP request data must be the root's; and the root's OCSP responder decides, asked in real
 * time (C07.FR.05).
 */
public final class OcspContractCheck implements ContractCheck {
  private final X509Certificate root;
  private final OcspClient ocsp;

  public OcspContractCheck(X509Certificate root, Duration timeout) {
    this.root = root;
    this.ocsp = new OcspClient(timeout);
  }

  @Override
  public AuthorizeCertificateStatus check(
      String emaid,
      @Nullable String certificateChain,
      List<OCSPRequestData> hashData,
      Instant now) {
    if (certificateChain != null) {
      return checkChain(certificateChain, now);
    }
    AuthorizeCertificateStatus worst = AuthorizeCertificateStatus.ACCEPTED;
    for (OCSPRequestData data : hashData) {
      CertificateID id;
      try {
        id = Ocsp.certificateId(data);
      } catch (IllegalArgumentException e) {
        return AuthorizeCertificateStatus.CERT_CHAIN_ERROR;
      }
      if (!Ocsp.issuedBy(id, root)) {
        return AuthorizeCertificateStatus.CERT_CHAIN_ERROR;
      }
      AuthorizeCertificateStatus status = status(ocsp.ask(id, data.responderURL(), root));
      if (status != AuthorizeCertificateStatus.ACCEPTED) {
        worst = status;
      }
    }
    return worst;
  }

  /** A chain, contract certificate first, each signed by the next and the last by the root. */
  private AuthorizeCertificateStatus checkChain(String pem, Instant now) {
    List<X509Certificate> chain = Certificates.chain(pem);
    if (chain.isEmpty()) {
      return AuthorizeCertificateStatus.CERT_CHAIN_ERROR;
    }
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : root;
      try {
        chain.get(i).verify(issuer.getPublicKey());
        chain.get(i).checkValidity(Date.from(now));
      } catch (CertificateExpiredException e) {
        return AuthorizeCertificateStatus.CERTIFICATE_EXPIRED;
      } catch (CertificateNotYetValidException e) {
        return AuthorizeCertificateStatus.CERT_CHAIN_ERROR;
      } catch (GeneralSecurityException e) {
        return AuthorizeCertificateStatus.CERT_CHAIN_ERROR;
      }
    }
    X509Certificate contract = chain.get(0);
    X509Certificate issuer = chain.size() > 1 ? chain.get(1) : root;
    String url = Ocsp.responderUrl(contract);
    if (url == null) {
      return AuthorizeCertificateStatus.CERT_CHAIN_ERROR;
    }
    return status(
        ocsp.ask(Ocsp.certificateId(issuer, contract.getSerialNumber(), "SHA256"), url, issuer));
  }

  private static AuthorizeCertificateStatus status(OcspClient.Answer answer) {
    return switch (answer) {
      case GOOD -> AuthorizeCertificateStatus.ACCEPTED;
      case REVOKED -> AuthorizeCertificateStatus.CERTIFICATE_REVOKED;
      case UNKNOWN, FAILED -> AuthorizeCertificateStatus.CERT_CHAIN_ERROR;
    };
  }
}
