package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.CertificateSignedRequest;
import io.kilowire.core.ocpp.v21.CertificateSignedResponse;
import io.kilowire.core.ocpp.v21.CertificateSignedStatus;
import io.kilowire.core.ocpp.v21.CertificateSigningUse;
import io.kilowire.core.ocpp.v21.SignCertificateRequest;
import io.kilowire.core.ocpp.v21.StatusInfo;
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
 * open request's. 2.1's V2G20Certificate (the ISO 15118-20 SECC certificate) is signed and taken
 * like the V2GCertificate, as a kind of its own.
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

  /**
   * The station's SignCertificate with the number of the request it carries, and its kind in 2.1's
   * terms: the 2.0.1 record says V2GCertificate for an ISO 15118-20 request too.
   */
  static SignCertificateRequest numbered(SignCertificateRequest r, Certificates certificates) {
    SigningKind kind =
        certificates.signingKindOf(r.csr()).orElseGet(() -> kind(r.certificateType()));
    OptionalInt id = certificates.pendingRequestId(kind);
    return new SignCertificateRequest(
        r.csr(),
        r.certificateType() == null ? null : use(kind),
        r.hashRootCertificate(),
        id.isEmpty() ? r.requestId() : Integer.valueOf(id.getAsInt()),
        r.customData());
  }

  /** A CertificateSigned: its requestId checked, then the chain as on 2.0.1. */
  static CertificateSignedResponse signed(CertificateSignedRequest r, Certificates certificates) {
    SigningKind kind = kind(r.certificateType());
    if (r.requestId() != null) {
      OptionalInt open = certificates.pendingRequestId(kind);
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
    return CertificateSignedResponse.of(
        certificates.certificateSigned(r.certificateChain(), kind)
            ? CertificateSignedStatus.ACCEPTED
            : CertificateSignedStatus.REJECTED);
  }

  /** No certificateType means the CSMS connection's certificate (as the domain takes it). */
  private static SigningKind kind(@Nullable CertificateSigningUse use) {
    if (use == null) {
      return SigningKind.CHARGING_STATION;
    }
    return switch (use) {
      case CHARGING_STATION_CERTIFICATE -> SigningKind.CHARGING_STATION;
      case V2_G_CERTIFICATE -> SigningKind.V2G;
      case V2_G20_CERTIFICATE -> SigningKind.V2G20;
    };
  }

  private static CertificateSigningUse use(SigningKind kind) {
    return switch (kind) {
      case CHARGING_STATION -> CertificateSigningUse.CHARGING_STATION_CERTIFICATE;
      case V2G -> CertificateSigningUse.V2_G_CERTIFICATE;
      case V2G20 -> CertificateSigningUse.V2_G20_CERTIFICATE;
    };
  }
}
