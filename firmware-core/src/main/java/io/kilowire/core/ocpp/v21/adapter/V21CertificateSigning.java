package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v201.adapter.V201CertificateHandlers;
import io.kilowire.core.ocpp.v201.adapter.V201CertificateMapping;
import io.kilowire.core.ocpp.v21.CertificateSignedRequest;
import io.kilowire.core.ocpp.v21.CertificateSignedResponse;
import io.kilowire.core.ocpp.v21.CertificateSignedStatus;
import io.kilowire.core.ocpp.v21.SignCertificateRequest;
import io.kilowire.core.ocpp.v21.StatusInfo;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.station.certificates.SigningKind;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * 2.1's requestId on the certificate signing messages (A02, A03): each SignCertificate the station
 * sends carries the number of its open signing request ({@link Certificates#pendingRequestId}), and
 * a CertificateSigned that echoes a number is taken only for that request. A number matching no
 * open request of the certificate's kind is Rejected with reasonCode {@value #UNKNOWN_REQUEST} and
 * leaves the open request alone (the chain answers some other, older request; the right one may
 * still come). Without a number the chain is checked as on 2.0.1, and its key still has to be the
 * open request's.
 */
public final class V21CertificateSigning {
  /** The reasonCode of a CertificateSigned whose requestId names no open signing request. */
  static final String UNKNOWN_REQUEST = "UnknownRequestId";

  private V21CertificateSigning() {}

  public static void register(V21Endpoint endpoint, Station station) {
    Certificates certificates = station.certificates();
    endpoint.amend(SignCertificateRequest.class, r -> numbered(r, certificates));
    endpoint.session().handle(CertificateSignedRequest.class, r -> signed(r, certificates));
  }

  /** The station's SignCertificate with the number of the request it carries. */
  static SignCertificateRequest numbered(SignCertificateRequest r, Certificates certificates) {
    var shared =
        V21Translation.translate(
            r, io.kilowire.core.ocpp.v201.SignCertificateRequest.class, Mode.LENIENT);
    OptionalInt id = certificates.pendingRequestId(kind(shared.certificateType()));
    return id.isEmpty()
        ? r
        : new SignCertificateRequest(
            r.csr(), r.certificateType(), r.hashRootCertificate(), id.getAsInt(), r.customData());
  }

  /** A CertificateSigned: its requestId checked, then the chain as on 2.0.1. */
  static CertificateSignedResponse signed(CertificateSignedRequest r, Certificates certificates) {
    io.kilowire.core.ocpp.v201.CertificateSignedRequest shared;
    try {
      // The number is this class's; the rest must be 2.0.1's (V2G20Certificate is not).
      shared =
          V21Translation.translate(
              new CertificateSignedRequest(
                  r.certificateChain(), r.certificateType(), null, r.customData()),
              io.kilowire.core.ocpp.v201.CertificateSignedRequest.class,
              Mode.STRICT);
    } catch (Untranslatable u) {
      throw new OcppCallException(
          ErrorCode.NOT_SUPPORTED,
          "CertificateSigned " + u.path() + ": " + u.problem() + "; not supported here");
    }
    if (r.requestId() != null) {
      OptionalInt open = certificates.pendingRequestId(kind(shared.certificateType()));
      if (open.isEmpty() || open.getAsInt() != r.requestId()) {
        return new CertificateSignedResponse(
            CertificateSignedStatus.REJECTED,
            new StatusInfo(
                UNKNOWN_REQUEST,
                open.isEmpty()
                    ? "no signing request of the station awaits a certificate"
                    : "the open signing request is " + open.getAsInt() + ", not " + r.requestId(),
                null),
            null);
      }
    }
    return V21Translation.translate(
        V201CertificateHandlers.certificateSigned(certificates, shared),
        CertificateSignedResponse.class,
        Mode.STRICT);
  }

  /** No certificateType means the CSMS connection's certificate (as the domain takes it). */
  private static SigningKind kind(io.kilowire.core.ocpp.v201.@Nullable CertificateSigningUse use) {
    SigningKind kind = V201CertificateMapping.kind(use);
    return kind == null ? SigningKind.CHARGING_STATION : kind;
  }
}
