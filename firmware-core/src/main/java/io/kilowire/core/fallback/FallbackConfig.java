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
    double safeShareA) {}
