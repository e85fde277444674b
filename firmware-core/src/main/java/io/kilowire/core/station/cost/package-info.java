/**
 * Costs shown to the EV driver (OCPP 2.0.1 I02, I03): the running cost of a transaction and its
 * total at the end, on the EVSE's display.
 */
@NullMarked
package io.kilowire.core.station.cost;

import org.jspecify.annotations.NullMarked;
