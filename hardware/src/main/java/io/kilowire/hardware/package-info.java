/**
 * Real device drivers: OpenEVSE RAPI in {@code rapi}, Modbus RTU energy meters in {@code modbus}.
 * Each is a pure codec beside a thin jSerialComm adapter; see docs/DRIVERS.md.
 */
@NullMarked
package io.kilowire.hardware;

import org.jspecify.annotations.NullMarked;
