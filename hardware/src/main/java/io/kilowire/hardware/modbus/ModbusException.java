package io.kilowire.hardware.modbus;

import java.io.IOException;

/** A Modbus transaction without a usable answer. The caller gets no value in that case. */
public final class ModbusException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the transaction failed. */
  public enum Kind {
    /** The CRC of the reply did not match. */
    CRC,
    /** No complete reply in time. */
    TIMEOUT,
    /** The slave answered with an exception code. */
    EXCEPTION_RESPONSE,
    /** Wrong unit, function, length or shape. */
    MALFORMED,
    /** The port is closed or was lost. */
    PORT_CLOSED
  }

  private final Kind kind;
  private final int exceptionCode;

  public ModbusException(Kind kind, String message) {
    this(kind, 0, message);
  }

  public ModbusException(Kind kind, int exceptionCode, String message) {
    super(message);
    this.kind = kind;
    this.exceptionCode = exceptionCode;
  }

  public Kind kind() {
    return kind;
  }

  /** The slave's exception code (1 illegal function, 2 illegal address, ...), or 0. */
  public int exceptionCode() {
    return exceptionCode;
  }
}
