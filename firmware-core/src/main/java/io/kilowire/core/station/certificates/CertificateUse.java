package io.kilowire.core.station.certificates;

/** What a certificate installed on the station is for, in both versions' terms. */
public enum CertificateUse {
  /** Trust anchor of the CSMS's TLS certificate (1.6 CentralSystemRootCertificate). */
  CSMS_ROOT,
  /** Trust anchor of signed firmware. */
  MANUFACTURER_ROOT,
  /** ISO 15118: the V2G root. */
  V2G_ROOT,
  /** ISO 15118: an eMobility operator's root. */
  MO_ROOT,
  /**
   * ISO 15118-20: the root of the vehicle makers' (OEM) provisioning certificates (2.1
   * OEMRootCertificate), installed and reported like the other roots.
   */
  OEM_ROOT,
  /** ISO 15118: the station's own V2G (SECC) certificate chain. */
  V2G_CHAIN,
  /** The station's own certificate for the CSMS connection (security profile 3). */
  STATION;

  /** Whether a CSMS may install it with InstallCertificate (the roots). */
  public boolean isRoot() {
    return this != V2G_CHAIN && this != STATION;
  }
}
