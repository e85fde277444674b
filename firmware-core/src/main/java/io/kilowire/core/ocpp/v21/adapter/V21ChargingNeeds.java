package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.ChargingNeeds;
import io.kilowire.core.ocpp.v21.ControlMode;
import io.kilowire.core.ocpp.v21.EVEnergyOffer;
import io.kilowire.core.ocpp.v21.EVPowerSchedule;
import io.kilowire.core.ocpp.v21.EVPowerScheduleEntry;
import io.kilowire.core.ocpp.v21.EnergyTransferMode;
import io.kilowire.core.ocpp.v21.MobilityNeedsMode;
import io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v21.V2XChargingParameters;
import io.kilowire.core.station.EnergyOffer;
import io.kilowire.core.station.EvControlMode;
import io.kilowire.core.station.Station;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What 2.1 adds to NotifyEVChargingNeeds (K15) for an ISO 15118-20 EV: the 2.0.1 mapping sends the
 * ISO 15118-2 AC parameters; before the request leaves, this adds the EV's energy requests, target
 * SoC and, for an EV that feeds back here (BPT), its discharge figures as v2xChargingParameters,
 * with requestedEnergyTransfer AC_BPT; the ISO 15118-20 control mode the EV chose, the transfer
 * modes this session can use and, for a scheduled EV, its energy offer. The EV decides its own
 * targets (mobilityNeedsMode EVCC): the station has no way to change them.
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
    double minChargeW = Math.ceil(needs.minCurrentA()) * needs.maxVoltageV() * needs.phases();
    V2XChargingParameters v2x =
        new V2XChargingParameters(
            limit(minChargeW),
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
            energy(needs.maxV2xEnergyWh()),
            needs.targetSocPercent(),
            null);
    // What this session can use: the plain AC mode, and BPT where both EV and EVSE can.
    List<EnergyTransferMode> available =
        needs.bidirectional()
            ? List.of(plain.requestedEnergyTransfer(), EnergyTransferMode.AC_BPT)
            : List.of(plain.requestedEnergyTransfer());
    ChargingNeeds amended =
        new ChargingNeeds(
            plain.acChargingParameters(),
            plain.derChargingParameters(),
            offer(needs.energyOffer()),
            needs.bidirectional() ? EnergyTransferMode.AC_BPT : plain.requestedEnergyTransfer(),
            plain.dcChargingParameters(),
            v2x,
            available,
            controlMode(needs.controlMode()),
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

  private static @Nullable ControlMode controlMode(@Nullable EvControlMode mode) {
    if (mode == null) {
      return null;
    }
    return switch (mode) {
      case SCHEDULED -> ControlMode.SCHEDULED_CONTROL;
      case DYNAMIC -> ControlMode.DYNAMIC_CONTROL;
    };
  }

  /** The EV's offer as its power schedule (the price schedule is optional; it sends none). */
  private static @Nullable EVEnergyOffer offer(@Nullable EnergyOffer offer) {
    if (offer == null) {
      return null;
    }
    List<EVPowerScheduleEntry> entries =
        offer.entries().stream()
            .map(
                e ->
                    EVPowerScheduleEntry.of(
                        Math.toIntExact(e.duration().toSeconds()), energy(e.powerW())))
            .toList();
    return EVEnergyOffer.of(EVPowerSchedule.of(entries, offer.from()));
  }

  /** Watts the EV surely has, to a tenth. */
  private static @Nullable BigDecimal limit(@Nullable Double watts) {
    return watts == null ? null : BigDecimal.valueOf(watts).setScale(1, RoundingMode.FLOOR);
  }

  /** Watt-hours (or an offer's watts) to a tenth; an energy request may be negative. */
  private static @Nullable BigDecimal energy(@Nullable Double wh) {
    return wh == null ? null : BigDecimal.valueOf(wh).setScale(1, RoundingMode.HALF_EVEN);
  }
}
