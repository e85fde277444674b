/**
 * Display messages (OCPP 2.0.1 O01-O06): the messages a CSMS sets for the station's display, with
 * their priority, validity window, the station state they are for and the transaction they belong
 * to; which one the display shows now, persisted across restarts.
 */
@NullMarked
package io.kilowire.core.station.display;

import org.jspecify.annotations.NullMarked;
