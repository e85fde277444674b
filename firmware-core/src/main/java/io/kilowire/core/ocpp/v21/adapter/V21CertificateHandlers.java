package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v201.adapter.V201CertificateMapping;
import io.kilowire.core.ocpp.v21.CertificateHashData;
import io.kilowire.core.ocpp.v21.CertificateHashDataChain;
import io.kilowire.core.ocpp.v21.GetCertificateIdUse;
import io.kilowire.core.ocpp.v21.GetInstalledCertificateIdsRequest;
import io.kilowire.core.ocpp.v21.GetInstalledCertificateIdsResponse;
import io.kilowire.core.ocpp.v21.GetInstalledCertificateStatus;
import io.kilowire.core.ocpp.v21.InstallCertificateRequest;
import io.kilowire.core.ocpp.v21.InstallCertificateResponse;
import io.kilowire.core.ocpp.v21.InstallCertificateStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.certificates.CertificateHash;
import io.kilowire.core.station.certificates.CertificateUse;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.station.certificates.InstalledCertificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * InstallCertificate and GetInstalledCertificateIds in 2.1's terms (M03, M05), because 2.1 adds a
 * root type 2.0.1 cannot name: OEMRootCertificate, the root of the vehicle makers' ISO 15118-20
 * provisioning certificates. It is stored, checked and reported like the other roots;
 * DeleteCertificate names certificates by hash and keeps going through the 2.0.1 adapter.
 */
final class V21CertificateHandlers {
  private V21CertificateHandlers() {}

  static void register(V21Endpoint endpoint, Station station) {
    Certificates certificates = station.certificates();
    endpoint.session().handle(InstallCertificateRequest.class, r -> install(certificates, r));
    endpoint
        .session()
        .handle(GetInstalledCertificateIdsRequest.class, r -> installed(certificates, r));
  }

  static InstallCertificateResponse install(
      Certificates certificates, InstallCertificateRequest r) {
    return new InstallCertificateResponse(
        switch (certificates.install(use(r.certificateType()), r.certificate())) {
          case ACCEPTED -> InstallCertificateStatus.ACCEPTED;
          case REJECTED -> InstallCertificateStatus.REJECTED;
          case FAILED -> InstallCertificateStatus.FAILED;
        },
        null,
        null);
  }

  static GetInstalledCertificateIdsResponse installed(
      Certificates certificates, GetInstalledCertificateIdsRequest r) {
    Set<CertificateUse> uses = EnumSet.noneOf(CertificateUse.class);
    if (r.certificateType() != null) {
      r.certificateType().forEach(t -> uses.add(use(t)));
    }
    List<CertificateHashDataChain> found = new ArrayList<>();
    for (InstalledCertificate c : certificates.installed(uses)) {
      GetCertificateIdUse type = idUse(c.use());
      if (type != null) {
        found.add(
            new CertificateHashDataChain(
                wire(c.hash()),
                type,
                c.children().isEmpty()
                    ? null
                    : c.children().stream().map(V21CertificateHandlers::wire).toList(),
                null));
      }
    }
    return found.isEmpty()
        ? GetInstalledCertificateIdsResponse.of(GetInstalledCertificateStatus.NOT_FOUND)
        : new GetInstalledCertificateIdsResponse(
            GetInstalledCertificateStatus.ACCEPTED, null, found, null);
  }

  // 2.1's enums are 2.0.1's (same constants) plus the OEM root: the rest maps as on 2.0.1.

  private static CertificateUse use(io.kilowire.core.ocpp.v21.InstallCertificateUse use) {
    return use == io.kilowire.core.ocpp.v21.InstallCertificateUse.OEM_ROOT_CERTIFICATE
        ? CertificateUse.OEM_ROOT
        : V201CertificateMapping.use(
            io.kilowire.core.ocpp.v201.InstallCertificateUse.valueOf(use.name()));
  }

  private static CertificateUse use(GetCertificateIdUse use) {
    return use == GetCertificateIdUse.OEM_ROOT_CERTIFICATE
        ? CertificateUse.OEM_ROOT
        : V201CertificateMapping.use(
            io.kilowire.core.ocpp.v201.GetCertificateIdUse.valueOf(use.name()));
  }

  /** The GetInstalledCertificateIds type of a use; null for the station's own certificate. */
  private static @Nullable GetCertificateIdUse idUse(CertificateUse use) {
    if (use == CertificateUse.OEM_ROOT) {
      return GetCertificateIdUse.OEM_ROOT_CERTIFICATE;
    }
    var shared = V201CertificateMapping.idUse(use);
    return shared == null ? null : GetCertificateIdUse.valueOf(shared.name());
  }

  private static CertificateHashData wire(CertificateHash hash) {
    return V21Translation.translate(
        V201CertificateMapping.wire(hash), CertificateHashData.class, V21Translation.Mode.STRICT);
  }
}
