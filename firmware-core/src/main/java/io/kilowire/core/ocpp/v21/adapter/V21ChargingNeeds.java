package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.ChargingNeeds;
import io.kilowire.core.ocpp.v21.EnergyTransferMode;
import io.kilowire.core.ocpp.v21.MobilityNeedsMode;
import io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v21.V2XChargingParameters;
import io.kilowire.core.station.Station;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * What 2.1 adds to NotifyEVChargingNeeds (K15) for an ISO 15118-20 EV: the 2.0.1 mapping sends the
 * ISO 15118-2 AC parameters; before the request leaves, this adds the EV's energy requests, target
 * SoC and, for an EV that feeds back here (BPT), its discharge figures as v2xChargingParameters,
 * with requestedEnergyTransfer AC_BPT. The EV decides its own targets (mobilityNeedsMode EVCC): the
 * station has no way to change them.
 */
public final class V21ChargingNeeds {
  private V21ChargingNeeds() {}

  public static void register(V21Endpoint endpoint, Station station) {
    endpoint.amend(
        NotifyEVChargingNeedsRequest.class,
        r -> station.chargingNeeds(r.evseId()).map(needs -> withV2x(r, needs)).orElse(r));
  }

  /** {@code request} with what only 2.1 carries of {@code needs}; as it is for a -2 / DIN EV. */
  static NotifyEVChargingNeedsRequest withV2x(
      NotifyEVChargingNeedsRequest request, io.kilowire.core.station.ChargingNeeds needs) {
    if (!needs.iso15118Dash20()) {
      return request;
    }
    ChargingNeeds plain = request.chargingNeeds();
    // Whole amps the EV can surely take, as in the AC parameters, times the supply.
    double maxChargeW = Math.floor(needs.maxCurrentA()) * needs.maxVoltageV() * needs.phases();
    V2XChargingParameters v2x =
        new V2XChargingParameters(
            null,
            null,
            null,
            limit(maxChargeW),
            null,
            null,
            null,
            null,
            null,
            limit(needs.maxDischargePowerW()),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            energy(needs.energyWh()),
            energy(needs.minEnergyWh()),
            energy(needs.maxEnergyWh()),
            energy(needs.minV2xEnergyWh()),
            null,
            needs.targetSocPercent(),
            null);
    ChargingNeeds amended =
        new ChargingNeeds(
            plain.acChargingParameters(),
            plain.derChargingParameters(),
            plain.evEnergyOffer(),
            needs.bidirectional() ? EnergyTransferMode.AC_BPT : plain.requestedEnergyTransfer(),
            plain.dcChargingParameters(),
            v2x,
            plain.availableEnergyTransfer(),
            plain.controlMode(),
            MobilityNeedsMode.EVCC,
            plain.departureTime(),
            plain.customData());
    return new NotifyEVChargingNeedsRequest(
        request.evseId(),
        request.maxScheduleTuples(),
        amended,
        request.timestamp(),
        request.customData());
  }

  /** Watts the EV surely has, to a tenth. */
  private static @Nullable BigDecimal limit(@Nullable Double watts) {
    return watts == null ? null : BigDecimal.valueOf(watts).setScale(1, RoundingMode.FLOOR);
  }

  /** Watt-hours to a tenth; an energy request may be negative. */
  private static @Nullable BigDecimal energy(@Nullable Double wh) {
    return wh == null ? null : BigDecimal.valueOf(wh).setScale(1, RoundingMode.HALF_EVEN);
  }
}
