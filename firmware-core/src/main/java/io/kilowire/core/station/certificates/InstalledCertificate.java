package io.kilowire.core.station.certificates;

import java.util.List;

/**
 * A certificate the station holds, as GetInstalledCertificateIds reports it: its use, its hash data
 * and, for the station's own chains, the hash data of the sub-CA certificates under it (M03.FR.05).
 */
public record InstalledCertificate(
    CertificateUse use, CertificateHash hash, List<CertificateHash> children) {
  public InstalledCertificate {
    children = List.copyOf(children);
  }
}
