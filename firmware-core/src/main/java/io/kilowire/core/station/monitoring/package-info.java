/**
 * Variable monitoring (OCPP 2.0.1 N02-N08): monitors on device-model variables (upper and lower
 * thresholds, delta, periodic and clock-aligned periodic) with their severities, the monitoring
 * base and level, the events a tripped monitor raises (queued offline up to a severity) and the
 * monitors persisted across restarts. Versions without a device model have no monitors.
 */
@NullMarked
package io.kilowire.core.station.monitoring;

import org.jspecify.annotations.NullMarked;
