package io.kilowire.core.station.certificates;

import io.kilowire.core.hal.Iso15118Link;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateAnswer;
import io.kilowire.core.hal.Iso15118Link.ContractCertificateRequest;
import io.kilowire.core.hal.Iso15118Link.OcspQuery;
import io.kilowire.core.hal.Iso15118Link.OcspStatus;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the ISO 15118 stack's certificate questions through the station's CSMS pass-through
 * ({@link Certificates#ev15118Certificate}, {@link Certificates#certificateStatus}): offline, or on
 * a protocol without it, the answer fails at once. Call on the station's thread.
 */
public final class HlcCertificateBackend implements Iso15118Link.CertificateBackend {
  private final Certificates certificates;

  public HlcCertificateBackend(Certificates certificates) {
    this.certificates = certificates;
  }

  @Override
  public CompletableFuture<ContractCertificateAnswer> contractCertificate(
      ContractCertificateRequest request) {
    return certificates
        .ev15118Certificate(request.schemaVersion(), request.install(), request.exiRequest())
        .thenApply(a -> new ContractCertificateAnswer(a.accepted(), a.exiResponse()));
  }

  @Override
  public CompletableFuture<OcspStatus> certificateStatus(OcspQuery query) {
    CertificateHash hash =
        new CertificateHash(
            query.hashAlgorithm(),
            query.issuerNameHash(),
            query.issuerKeyHash(),
            query.serialNumber());
    return certificates
        .certificateStatus(hash, query.responderUrl())
        .thenApply(a -> new OcspStatus(a.accepted(), a.ocspResult()));
  }
}
