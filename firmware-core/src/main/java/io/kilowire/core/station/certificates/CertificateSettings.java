package io.kilowire.core.station.certificates;

import java.time.Duration;

/**
 * What the station's configuration says about certificates (2.0.1 SecurityCtrlr, 1.6 security
 * extension keys), read when needed so a change applies at once.
 */
public interface CertificateSettings {
  /** The CN of the station's certificates: its identity (A00.FR.511). */
  String commonName();

  /** The O of the station's certificates (2.0.1 OrganizationName, 1.6 CpoName); may be empty. */
  String organizationName();

  /** The longest certificate chain CertificateSigned may carry, in characters of PEM. */
  int maxChainSize();

  /** How many certificates the station keeps installed at most. */
  int maxEntries();

  /** The first wait for a CertificateSigned after the CSMS accepted a CSR (A02.FR.17). */
  Duration signingWaitMinimum();

  /** How often a CSR is sent again, each time after twice the wait (A02.FR.18-19). */
  int signingRepeatTimes();

  /**
   * Whether the station asks for its ISO 15118 SECC certificates (2.0.1 ISO15118Ctrlr
   * V2GCertificateInstallationEnabled).
   */
  default boolean v2gCertificateInstallation() {
    return true;
  }

  /**
   * Whether an EV's contract certificate requests go to the CSMS (2.0.1 ISO15118Ctrlr
   * ContractCertificateInstallationEnabled).
   */
  default boolean contractCertificateInstallation() {
    return true;
  }

  /** Fixed values, for tests and stations without a configuration. */
  record Fixed(
      String commonName,
      String organizationName,
      int maxChainSize,
      int maxEntries,
      Duration signingWaitMinimum,
      int signingRepeatTimes)
      implements CertificateSettings {
    public static Fixed defaults(String commonName) {
      return new Fixed(commonName, "", 10_000, 20, Duration.ofSeconds(60), 3);
    }
  }
}
