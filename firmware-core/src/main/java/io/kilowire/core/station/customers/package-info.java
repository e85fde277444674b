/**
 * Customer information (OCPP 2.0.1 N09, N10): what the station holds about a customer, reported and
 * cleared on the CSMS's request.
 */
@NullMarked
package io.kilowire.core.station.customers;

import org.jspecify.annotations.NullMarked;
