package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.CertificateHashDataChain;
import io.kilowire.core.ocpp.v201.CertificateSignedRequest;
import io.kilowire.core.ocpp.v201.CertificateSignedResponse;
import io.kilowire.core.ocpp.v201.CertificateSignedStatus;
import io.kilowire.core.ocpp.v201.DeleteCertificateRequest;
import io.kilowire.core.ocpp.v201.DeleteCertificateResponse;
import io.kilowire.core.ocpp.v201.DeleteCertificateStatus;
import io.kilowire.core.ocpp.v201.GetCertificateIdUse;
import io.kilowire.core.ocpp.v201.GetInstalledCertificateIdsRequest;
import io.kilowire.core.ocpp.v201.GetInstalledCertificateIdsResponse;
import io.kilowire.core.ocpp.v201.GetInstalledCertificateStatus;
import io.kilowire.core.ocpp.v201.InstallCertificateRequest;
import io.kilowire.core.ocpp.v201.InstallCertificateResponse;
import io.kilowire.core.ocpp.v201.InstallCertificateStatus;
import io.kilowire.core.station.certificates.CertificateUse;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.station.certificates.InstalledCertificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Answers the CSMS's OCPP 2.0.1 certificate commands (A02, M03-M05) from the station's {@link
 * Certificates}; the signing trigger is in {@link V201StationHandlers}' TriggerMessage.
 */
public final class V201CertificateHandlers {
  private V201CertificateHandlers() {}

  public static void register(OcppEndpoint session, Certificates certificates) {
    session.handle(
        InstallCertificateRequest.class,
        r ->
            new InstallCertificateResponse(
                null,
                switch (certificates.install(
                    V201CertificateMapping.use(r.certificateType()), r.certificate())) {
                  case ACCEPTED -> InstallCertificateStatus.ACCEPTED;
                  case REJECTED -> InstallCertificateStatus.REJECTED;
                  case FAILED -> InstallCertificateStatus.FAILED;
                },
                null));
    session.handle(
        DeleteCertificateRequest.class,
        r ->
            new DeleteCertificateResponse(
                null,
                switch (certificates.delete(V201CertificateMapping.hash(r.certificateHashData()))) {
                  case ACCEPTED -> DeleteCertificateStatus.ACCEPTED;
                  case FAILED -> DeleteCertificateStatus.FAILED;
                  case NOT_FOUND -> DeleteCertificateStatus.NOT_FOUND;
                },
                null));
    session.handle(
        GetInstalledCertificateIdsRequest.class,
        r -> {
          Set<CertificateUse> uses = EnumSet.noneOf(CertificateUse.class);
          if (r.certificateType() != null) {
            r.certificateType().forEach(t -> uses.add(V201CertificateMapping.use(t)));
          }
          List<CertificateHashDataChain> found = new ArrayList<>();
          for (InstalledCertificate c : certificates.installed(uses)) {
            GetCertificateIdUse type = V201CertificateMapping.idUse(c.use());
            if (type != null) {
              found.add(
                  new CertificateHashDataChain(
                      null,
                      V201CertificateMapping.wire(c.hash()),
                      type,
                      c.children().isEmpty()
                          ? null
                          : c.children().stream().map(V201CertificateMapping::wire).toList()));
            }
          }
          return found.isEmpty()
              ? new GetInstalledCertificateIdsResponse(
                  null, GetInstalledCertificateStatus.NOT_FOUND, null, null)
              : new GetInstalledCertificateIdsResponse(
                  null, GetInstalledCertificateStatus.ACCEPTED, null, found);
        });
    session.handle(CertificateSignedRequest.class, r -> certificateSigned(certificates, r));
  }

  /** A02/A03: the chain checked and taken into use, or refused (see {@link Certificates}). */
  public static CertificateSignedResponse certificateSigned(
      Certificates certificates, CertificateSignedRequest r) {
    return new CertificateSignedResponse(
        null,
        certificates.certificateSigned(
                r.certificateChain(), V201CertificateMapping.kind(r.certificateType()))
            ? CertificateSignedStatus.ACCEPTED
            : CertificateSignedStatus.REJECTED,
        null);
  }
}
