/**
 * Real device drivers: OpenEVSE RAPI in {@code rapi}, Modbus RTU energy meters in {@code modbus}
 * (each a pure codec beside a thin jSerialComm adapter), CoAP in {@code coap}; their adapters to
 * the HAL ports in {@code board}, and a station on real boards in {@code station}. See
 * docs/DRIVERS.md.
 */
@NullMarked
package io.kilowire.hardware;

import org.jspecify.annotations.NullMarked;
