/**
 * Drivers behind the HAL ports (serial, Modbus, CoAP). Arrive with the hardware-abstraction issue.
 */
@NullMarked
package io.kilowire.hardware;

import org.jspecify.annotations.NullMarked;
