package io.kilowire.hardware.modbus;

/** Why a poll produced no sample. */
public enum MeterFault {
  CRC,
  TIMEOUT,
  EXCEPTION_RESPONSE,
  MALFORMED,
  PORT_CLOSED,
  /** NaN or infinity in any register. */
  NOT_A_NUMBER,
  NEGATIVE_ENERGY,
  ENERGY_BACKWARDS,
  VOLTAGE_OUT_OF_RANGE,
  CURRENT_OUT_OF_RANGE,
  POWER_OUT_OF_RANGE
}
