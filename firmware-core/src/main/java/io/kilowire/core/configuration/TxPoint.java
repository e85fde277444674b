package io.kilowire.core.configuration;

import java.util.Optional;

/** The events that can start or stop a transaction (OCPP 2.0.1 TxStartPoint / TxStopPoint). */
public enum TxPoint {
  PARKING_BAY_OCCUPANCY("ParkingBayOccupancy"),
  EV_CONNECTED("EVConnected"),
  AUTHORIZED("Authorized"),
  DATA_SIGNED("DataSigned"),
  /** EV connected and authorized: everything needed to close the contactor. */
  POWER_PATH_CLOSED("PowerPathClosed"),
  ENERGY_TRANSFER("EnergyTransfer");

  private final String wireName;

  TxPoint(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<TxPoint> fromWireName(String name) {
    for (TxPoint p : values()) {
      if (p.wireName.equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
