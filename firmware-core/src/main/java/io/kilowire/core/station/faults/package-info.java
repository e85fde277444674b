/**
 * Fault reporting: the fault in force on each EVSE and its events, kept until the CSMS has them.
 */
@NullMarked
package io.kilowire.core.station.faults;

import org.jspecify.annotations.NullMarked;
