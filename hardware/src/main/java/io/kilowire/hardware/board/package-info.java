/**
 * Adapters from the drivers to the HAL ports of {@code io.kilowire.core.hal}: {@link
 * io.kilowire.hardware.board.RapiEvse} (OpenEVSE RAPI as control pilot, contactor, fault inputs and
 * watchdog), {@link io.kilowire.hardware.board.ModbusBus} with {@link
 * io.kilowire.hardware.board.ModbusEnergyMeter} / {@link
 * io.kilowire.hardware.board.ModbusSiteMeter} (polled Modbus RTU meters), {@link
 * io.kilowire.hardware.board.CoapGridMeter} (CoAP site meter), and the station's board description
 * read from a small JSON file ({@link io.kilowire.hardware.board.BoardConfig}). See
 * docs/DRIVERS.md.
 */
@NullMarked
package io.kilowire.hardware.board;

import org.jspecify.annotations.NullMarked;
