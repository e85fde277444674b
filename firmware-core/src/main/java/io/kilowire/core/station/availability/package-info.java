/**
 * Availability: whether each EVSE is operative, the status the CSMS hears, and resets with the
 * reboot they end in.
 */
@NullMarked
package io.kilowire.core.station.availability;

import org.jspecify.annotations.NullMarked;
