package io.kilowire.core.hal.iso15118;

/** The units of an ISO 15118-2 PhysicalValue (SPEC-FACTS F.1), with their wire symbols. */
public enum PhysicalUnit {
  HOURS("h"),
  MINUTES("m"),
  SECONDS("s"),
  AMPERES("A"),
  VOLTS("V"),
  WATTS("W"),
  WATT_HOURS("Wh");

  private final String symbol;

  PhysicalUnit(String symbol) {
    this.symbol = symbol;
  }

  /** The symbol as it appears in the schema's unitSymbolType. */
  public String symbol() {
    return symbol;
  }
}
