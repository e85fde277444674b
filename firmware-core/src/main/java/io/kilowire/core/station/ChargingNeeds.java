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
 */
public record ChargingNeeds(
    @Nullable Double energyWh,
    double minCurrentA,
    double maxCurrentA,
    double maxVoltageV,
    int phases,
    @Nullable Instant departureTime) {}
