/**
 * Reservations (1.6 ReserveNow / CancelReservation, 2.0.1 H01–H04): an EVSE, a connector type or
 * any EVSE held for a token or its group until an expiry, persisted across restarts.
 */
@NullMarked
package io.kilowire.core.station.reservations;

import org.jspecify.annotations.NullMarked;
