package io.kilowire.conformance.cases;

import java.util.Locale;
import java.util.Optional;

/**
 * The certification profile a case belongs to: OCPP 2.0.1 Part 5's profiles and the OCPP 1.6
 * feature profiles (with the security extension as one), and one for what only 2.1 has.
 */
public enum Profile {
  CORE("Core", "Core"),
  ADVANCED_SECURITY("AdvancedSecurity", "Advanced Security"),
  LOCAL_AUTH_LIST("LocalAuthList", "Local Authorization List Management"),
  SMART_CHARGING("SmartCharging", "Smart Charging"),
  ADVANCED_DEVICE_MANAGEMENT("AdvancedDeviceManagement", "Advanced Device Management"),
  ADVANCED_USER_INTERFACE("AdvancedUserInterface", "Advanced User Interface"),
  RESERVATION("Reservation", "Reservation"),
  ISO15118("ISO15118", "ISO 15118 support"),
  /** OCPP 1.6 Remote Trigger. */
  REMOTE_TRIGGER("RemoteTrigger", "Remote Trigger"),
  /** OCPP 1.6 Firmware Management. */
  FIRMWARE_MANAGEMENT("FirmwareManagement", "Firmware Management"),
  /** The OCPP 1.6 security extension. */
  SECURITY("Security", "Security"),
  /** What only OCPP 2.1 has (Kilowire's own cases: the OCA has no 2.1 profiles yet). */
  OCPP21("Ocpp21", "OCPP 2.1 additions");

  private final String key;
  private final String title;

  Profile(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** Its name on the command line ({@code --profiles Core,SmartCharging}). */
  public String key() {
    return key;
  }

  /** Its name in reports. */
  public String title() {
    return title;
  }

  /** The profile of a {@code --profiles} entry, in any letter case. */
  public static Optional<Profile> byKey(String key) {
    for (Profile p : values()) {
      if (p.key.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
