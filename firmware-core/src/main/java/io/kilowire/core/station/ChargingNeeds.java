package io.kilowire.core.station;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an EV asked for over ISO 15118 (ChargeParameterDiscovery / ScheduleExchange), in
 * version-neutral terms; 2.0.1 forwards it as NotifyEVChargingNeeds (K15).
 *
 * @param energyWh the energy the EV wants, if it said
 * @param minCurrentA the EV's minimum current per phase
 * @param maxCurrentA the EV's maximum current per phase
 * @param maxVoltageV the EV's maximum voltage
 * @param phases the phases the EVSE supplies, 1 or 3
 * @param departureTime when the driver leaves, if the EV said
 * @param minEnergyWh energy to the EV's minimum state of charge (ISO 15118-20), if it said
 * @param maxEnergyWh energy to the EV's maximum state of charge (ISO 15118-20), if it said
 * @param targetSocPercent the state of charge the EV wants at departure, if it said
 * @param maxDischargePowerW null unless the EV feeds back here (BPT on a bidirectional EVSE): the
 *     most it may, total watts
 * @param minV2xEnergyWh energy to the bottom of the EV's V2X cycling range (negative: it may give
 *     that much); BPT only
 * @param controlMode the ISO 15118-20 control mode the EV chose, if it said
 * @param maxV2xEnergyWh energy to the top of the EV's V2X cycling range; BPT only
 * @param energyOffer what the EV offers to feed back over time (scheduled control); BPT only
 */
public record ChargingNeeds(
    @Nullable Double energyWh,
    double minCurrentA,
    double maxCurrentA,
    double maxVoltageV,
    int phases,
    @Nullable Instant departureTime,
    @Nullable Double minEnergyWh,
    @Nullable Double maxEnergyWh,
    @Nullable Integer targetSocPercent,
    @Nullable Double maxDischargePowerW,
    @Nullable Double minV2xEnergyWh,
    @Nullable EvControlMode controlMode,
    @Nullable Double maxV2xEnergyWh,
    @Nullable EnergyOffer energyOffer) {

  /** Needs without what ISO 15118-20 adds (an ISO 15118-2 or DIN EV). */
  public ChargingNeeds(
      @Nullable Double energyWh,
      double minCurrentA,
      double maxCurrentA,
      double maxVoltageV,
      int phases,
      @Nullable Instant departureTime) {
    this(
        energyWh,
        minCurrentA,
        maxCurrentA,
        maxVoltageV,
        phases,
        departureTime,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The EV feeds energy back here (ISO 15118-20 BPT). */
  public boolean bidirectional() {
    return maxDischargePowerW != null;
  }

  /** Whether the EV said anything only ISO 15118-20 carries. */
  public boolean iso15118Dash20() {
    return minEnergyWh != null
        || maxEnergyWh != null
        || targetSocPercent != null
        || maxDischargePowerW != null
        || minV2xEnergyWh != null
        || controlMode != null;
  }
}
