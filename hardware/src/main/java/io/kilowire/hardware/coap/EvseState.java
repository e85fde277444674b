package io.kilowire.hardware.coap;

import io.kilowire.core.station.ConnectorStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.transaction.Transaction;
import java.util.Optional;

/**
 * What a building-management system sees of one EVSE.
 *
 * @param status the OCPP 1.6 connector status
 * @param limitA the current limit in force, amps per phase; NaN when none is set yet
 * @param charging whether the EV is drawing energy now
 * @param energyWh energy delivered in the current session (0 without a session)
 * @param powerW active power now
 */
public record EvseState(
    ConnectorStatus status, double limitA, boolean charging, double energyWh, double powerW) {

  /**
   * The state of one EVSE as the station knows it. Call it on the station's thread: the station is
   * a single-threaded step machine and its queries are not safe from elsewhere.
   */
  public static EvseState of(Station station, int evse) {
    Optional<Transaction> tx = station.transaction(evse);
    boolean charging = tx.map(Transaction::charging).orElse(false);
    double energy =
        tx.map(t -> Math.max(0, t.lastReading().energyWh() - t.meterStartWh())).orElse(0.0);
    double power = tx.map(t -> t.lastReading().powerW()).orElse(0.0);
    return new EvseState(station.status(evse), station.currentLimit(evse), charging, energy, power);
  }
}
