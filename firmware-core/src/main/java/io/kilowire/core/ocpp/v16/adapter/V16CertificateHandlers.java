package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v16.CertificateHashData;
import io.kilowire.core.ocpp.v16.CertificateSignedRequest;
import io.kilowire.core.ocpp.v16.CertificateSignedResponse;
import io.kilowire.core.ocpp.v16.CertificateSignedStatus;
import io.kilowire.core.ocpp.v16.CertificateUse;
import io.kilowire.core.ocpp.v16.DeleteCertificateRequest;
import io.kilowire.core.ocpp.v16.DeleteCertificateResponse;
import io.kilowire.core.ocpp.v16.DeleteCertificateStatus;
import io.kilowire.core.ocpp.v16.GetInstalledCertificateIdsRequest;
import io.kilowire.core.ocpp.v16.GetInstalledCertificateIdsResponse;
import io.kilowire.core.ocpp.v16.GetInstalledCertificateStatus;
import io.kilowire.core.ocpp.v16.HashAlgorithm;
import io.kilowire.core.ocpp.v16.InstallCertificateRequest;
import io.kilowire.core.ocpp.v16.InstallCertificateResponse;
import io.kilowire.core.ocpp.v16.InstallCertificateStatus;
import io.kilowire.core.station.certificates.CertificateHash;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.station.certificates.InstalledCertificate;
import java.util.List;
import java.util.Set;

/**
 * Answers the CSMS's certificate commands of the OCPP 1.6 security extension from the station's
 * {@link Certificates}; the signing trigger is in ExtendedTriggerMessage ({@link
 * V16StationHandlers}).
 */
public final class V16CertificateHandlers {
  private V16CertificateHandlers() {}

  public static void register(OcppEndpoint session, Certificates certificates) {
    session.handle(
        InstallCertificateRequest.class,
        r ->
            new InstallCertificateResponse(
                switch (certificates.install(use(r.certificateType()), r.certificate())) {
                  case ACCEPTED -> InstallCertificateStatus.ACCEPTED;
                  case REJECTED -> InstallCertificateStatus.REJECTED;
                  case FAILED -> InstallCertificateStatus.FAILED;
                }));
    session.handle(
        DeleteCertificateRequest.class,
        r -> {
          CertificateHashData h = r.certificateHashData();
          return new DeleteCertificateResponse(
              switch (certificates.delete(
                  new CertificateHash(
                      h.hashAlgorithm().value(),
                      h.issuerNameHash(),
                      h.issuerKeyHash(),
                      h.serialNumber()))) {
                case ACCEPTED -> DeleteCertificateStatus.ACCEPTED;
                case FAILED -> DeleteCertificateStatus.FAILED;
                case NOT_FOUND -> DeleteCertificateStatus.NOT_FOUND;
              });
        });
    session.handle(
        GetInstalledCertificateIdsRequest.class,
        r -> {
          List<CertificateHashData> found =
              certificates.installed(Set.of(use(r.certificateType()))).stream()
                  .map(InstalledCertificate::hash)
                  .map(
                      h ->
                          new CertificateHashData(
                              HashAlgorithm.valueOf(h.algorithm()),
                              h.issuerNameHash(),
                              h.issuerKeyHash(),
                              h.serialNumber()))
                  .toList();
          return found.isEmpty()
              ? new GetInstalledCertificateIdsResponse(
                  null, GetInstalledCertificateStatus.NOT_FOUND)
              : new GetInstalledCertificateIdsResponse(
                  found, GetInstalledCertificateStatus.ACCEPTED);
        });
    session.handle(
        CertificateSignedRequest.class,
        r ->
            new CertificateSignedResponse(
                certificates.certificateSigned(r.certificateChain(), null)
                    ? CertificateSignedStatus.ACCEPTED
                    : CertificateSignedStatus.REJECTED));
  }

  private static io.kilowire.core.station.certificates.CertificateUse use(CertificateUse use) {
    return use == CertificateUse.CENTRAL_SYSTEM_ROOT_CERTIFICATE
        ? io.kilowire.core.station.certificates.CertificateUse.CSMS_ROOT
        : io.kilowire.core.station.certificates.CertificateUse.MANUFACTURER_ROOT;
  }
}
