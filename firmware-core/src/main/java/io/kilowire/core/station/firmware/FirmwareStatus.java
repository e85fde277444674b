package io.kilowire.core.station.firmware;

/**
 * The steps of a firmware update as the CSMS hears them (2.0.1 FirmwareStatusEnumType, which the
 * 1.6 security extension shares); plain 1.6 FirmwareStatusNotification has a subset, and its
 * gateway leaves out what it cannot say.
 */
public enum FirmwareStatus {
  DOWNLOAD_SCHEDULED,
  DOWNLOADING,
  DOWNLOAD_PAUSED,
  DOWNLOADED,
  DOWNLOAD_FAILED,
  SIGNATURE_VERIFIED,
  INVALID_SIGNATURE,
  INSTALL_SCHEDULED,
  INSTALLING,
  INSTALL_REBOOTING,
  INSTALLED,
  INSTALLATION_FAILED,
  INSTALL_VERIFICATION_FAILED,
  /** Only in an answer to a trigger: no update going on. */
  IDLE;

  /** Whether the update stops here. */
  public boolean ends() {
    return this == DOWNLOAD_FAILED
        || this == INVALID_SIGNATURE
        || this == INSTALLED
        || this == INSTALLATION_FAILED
        || this == INSTALL_VERIFICATION_FAILED;
  }
}
