package io.kilowire.hardware.rapi;

/**
 * EVSE state codes as the board reports them (hex) in {@code $GS} and {@code $AT}. Pilot state uses
 * the same code space (A/B/C/D). Codes this driver does not know map to {@link #UNKNOWN}; the raw
 * code is kept alongside so nothing is lost.
 */
public enum EvseState {
  UNKNOWN(0x00, false),
  NOT_CONNECTED(0x01, false),
  CONNECTED(0x02, false),
  CHARGING(0x03, false),
  VENT_REQUIRED(0x04, true),
  DIODE_CHECK_FAILED(0x05, true),
  GFCI_FAULT(0x06, true),
  NO_GROUND(0x07, true),
  STUCK_RELAY(0x08, true),
  GFI_SELF_TEST_FAILED(0x09, true),
  OVER_TEMPERATURE(0x0A, true),
  OVER_CURRENT(0x0B, true),
  SLEEPING(0xFE, false),
  DISABLED(0xFF, false);

  private final int code;
  private final boolean fault;

  EvseState(int code, boolean fault) {
    this.code = code;
    this.fault = fault;
  }

  public int code() {
    return code;
  }

  /** True for the board's own fault states (the board has opened its relay). */
  public boolean isFault() {
    return fault;
  }

  public static EvseState of(int code) {
    for (EvseState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
