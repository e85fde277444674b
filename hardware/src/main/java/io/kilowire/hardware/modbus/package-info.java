/**
 * Modbus RTU energy meters: {@link io.kilowire.hardware.modbus.ModbusRtuCodec} is the pure frame
 * codec, {@link io.kilowire.hardware.modbus.ModbusRtuClient} the thin jSerialComm adapter, and
 * {@link io.kilowire.hardware.modbus.ModbusMeter} turns register reads into validated {@link
 * io.kilowire.hardware.modbus.MeterSample}s.
 */
@NullMarked
package io.kilowire.hardware.modbus;

import org.jspecify.annotations.NullMarked;
