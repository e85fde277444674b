package io.kilowire.core.fallback;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * @param meterStaleAfter a site meter without a reading newer than this is stale
 * @param controllerSilentAfter a group member that has not heard its controller for this long falls
 *     back to its safe share
 * @param offlineStationCapA optional cap per EVSE (amps per phase) while the CSMS is unreachable
 * @param safeShareA this member's pre-agreed share while the controller is lost (amps per phase)
 */
public record FallbackConfig(
    Duration meterStaleAfter,
    Duration controllerSilentAfter,
    @Nullable Double offlineStationCapA,
    double safeShareA) {

  public FallbackConfig {
    if (meterStaleAfter.isNegative() || controllerSilentAfter.isNegative()) {
      throw new IllegalArgumentException("fallback: durations must be >= 0");
    }
    if (offlineStationCapA != null && !(offlineStationCapA >= 0)) {
      throw new IllegalArgumentException("fallback: offlineStationCapA must be >= 0");
    }
    if (!(safeShareA >= 0)) {
      throw new IllegalArgumentException("fallback: safeShareA must be >= 0");
    }
  }

  /** Meter stale after 15 s, controller lost after 30 s, no offline cap, a safe share of 6 A. */
  public static FallbackConfig defaults() {
    return new FallbackConfig(Duration.ofSeconds(15), Duration.ofSeconds(30), null, 6);
  }
}
