package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.station.Station;
import org.jspecify.annotations.Nullable;

/**
 * Which EVSE and connector numbers a 2.0.1 command may name: EVSEs 1..n of the station, each with
 * one connector, number 1 (as the gateway reports them and the device model lists them); EVSE 0 is
 * the station as a whole, which has no connector of its own.
 */
final class V201Addresses {
  /** The one connector of every EVSE. */
  static final int CONNECTOR = 1;

  private V201Addresses() {}

  static boolean isEvse(Station station, int evse) {
    return evse >= 1 && evse <= station.evseCount();
  }

  /** An EVSE and connector that exist; a connector the EVSE does not have, never. */
  static boolean isConnector(Station station, int evse, int connector) {
    return isEvse(station, evse) && connector == CONNECTOR;
  }

  /**
   * Whether a command's optional {@code evse} names something that exists: absent (the station),
   * EVSE 0 without a connector (the station), or an EVSE with no connector or its own.
   */
  static boolean exists(Station station, @Nullable EVSE evse) {
    if (evse == null) {
      return true;
    }
    Integer connector = evse.connectorId();
    if (evse.id() == 0) {
      return connector == null;
    }
    return connector == null
        ? isEvse(station, evse.id())
        : isConnector(station, evse.id(), connector);
  }
}
