/**
 * The limits on the station's EVSEs, combined in one place ({@link
 * io.kilowire.core.station.limits.Limits}): charging profiles, the local allocation, the fallback
 * cap, an external limit and the EV's needs; the station-wide limits shared among the EVSEs and
 * guarded at the outputs.
 */
@NullMarked
package io.kilowire.core.station.limits;

import org.jspecify.annotations.NullMarked;
