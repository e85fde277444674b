package io.kilowire.core.station.logs;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A security event (2.0.1 Part 2 appendix "Security events", 1.6 security whitepaper): its type as
 * the appendix spells it, when it happened and what the station can say about it.
 */
public record SecurityEvent(String type, Instant at, @Nullable String techInfo) {
  /** A CertificateSigned chain the station refused (A02.FR.07). */
  public static final String INVALID_STATION_CERTIFICATE = "InvalidChargingStationCertificate";

  public SecurityEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
  }
}
