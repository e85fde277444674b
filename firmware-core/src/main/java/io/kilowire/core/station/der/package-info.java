/**
 * The station's DER controls (OCPP 2.1 block R): {@link
 * io.kilowire.core.station.der.DerControlRoom} keeps the grid operator's controls across restarts,
 * reads the grid through the hardware, and puts what the controls in force allow on the station's
 * limits; alarms and control starts and stops go to the CSMS through {@link
 * io.kilowire.core.station.der.DerNotifications}.
 */
@NullMarked
package io.kilowire.core.station.der;

import org.jspecify.annotations.NullMarked;
