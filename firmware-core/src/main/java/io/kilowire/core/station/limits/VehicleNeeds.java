package io.kilowire.core.station.limits;

import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.station.ChargingNeeds;
import io.kilowire.core.station.CsmsGateway;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the EV on each EVSE told over ISO 15118 (charging needs): the CSMS hears of it (2.0.1
 * NotifyEVChargingNeeds) now, or after the reconnect if the EV is still there then, and the sharing
 * of the station's limits takes its phases, maximum and departure. Forgotten when the EV leaves.
 */
final class VehicleNeeds {
  private static final Logger LOG = LoggerFactory.getLogger(VehicleNeeds.class);

  private final @Nullable ChargingNeeds[] needs;
  private final boolean[] sent;
  private final CsmsGateway gateway;
  private final BooleanSupplier registered;

  VehicleNeeds(int evseCount, CsmsGateway gateway, BooleanSupplier registered) {
    this.needs = new ChargingNeeds[evseCount];
    this.sent = new boolean[evseCount];
    this.gateway = gateway;
    this.registered = registered;
  }

  void told(int evse, ChargingNeeds told) {
    needs[evse - 1] = told;
    sent[evse - 1] = false;
    send(evse);
  }

  /** The EV left. */
  void forget(int evse) {
    needs[evse - 1] = null;
  }

  @Nullable ChargingNeeds of(int evse) {
    return needs[evse - 1];
  }

  /** The station is registered again: the needs not yet sent go out. */
  void sendAll() {
    for (int evse = 1; evse <= needs.length; evse++) {
      send(evse);
    }
  }

  private void send(int evse) {
    ChargingNeeds told = needs[evse - 1];
    if (told != null && !sent[evse - 1] && registered.getAsBoolean()) {
      sent[evse - 1] = true;
      gateway
          .chargingNeeds(evse, told)
          .whenComplete(
              (r, failure) -> {
                if (failure != null
                    && CallFailedException.cause(failure)
                        instanceof CallFailedException.NotConnected
                    && needs[evse - 1] == told) {
                  sent[evse - 1] = false; // the link went down first: after the reconnect
                } else if (failure != null) {
                  LOG.warn(
                      "NotifyEVChargingNeeds on EVSE {} failed: {}", evse, failure.getMessage());
                }
              });
    }
  }

  /**
   * The phases the EV on {@code evse} draws on: what it said over ISO 15118, else three. Not the
   * phases its meter shows current on: an EV seen on one phase may switch to three before the next
   * sample, and a one-phase share on three phases is three times the power. Three is the safe
   * guess: a share computed for three phases is a third of the power on one phase, never more.
   */
  int phases(int evse) {
    ChargingNeeds told = needs[evse - 1];
    if (told != null && told.phases() >= 1 && told.phases() <= 3) {
      return told.phases();
    }
    return 3;
  }
}
