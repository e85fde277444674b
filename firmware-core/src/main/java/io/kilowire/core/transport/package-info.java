/**
 * The edge where OCPP-J frames meet the network: the station's WebSocket transport with the OCPP
 * security profiles 0-3, reconnect back-off, an in-memory transport for tests and the emulator, and
 * a CSMS-side WebSocket server. Everything here does I/O or runs threads; the pure core only sees
 * {@link io.kilowire.core.transport.OcppTransport} and frames as strings.
 */
@NullMarked
package io.kilowire.core.transport;

import org.jspecify.annotations.NullMarked;
