package io.kilowire.core.station;

import io.kilowire.core.scheduling.TaskScheduler;
import java.util.function.BooleanSupplier;

/**
 * What every room of a station works with: its EVSEs (numbered 1 to {@code evseCount}), its
 * parameters, its clock, the CSMS and the hardware, and whether the CSMS can be reached now.
 *
 * @param hardware the station's outputs and meters as the rooms use them: readings carry the
 *     current offered, offers are checked against the limits on the whole station
 * @param online whether the connection to the CSMS is open
 * @param registered whether the station may talk to the CSMS now: online and accepted
 */
public record StationContext(
    int evseCount,
    StationParameters params,
    TaskScheduler scheduler,
    CsmsGateway gateway,
    StationHardware hardware,
    BooleanSupplier online,
    BooleanSupplier registered) {}
