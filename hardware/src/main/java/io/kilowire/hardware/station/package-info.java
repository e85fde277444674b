/**
 * A station on real boards: {@link io.kilowire.hardware.station.BoardStation} wires a {@code
 * StationRuntime} to the drivers a board config file describes, and {@link
 * io.kilowire.hardware.station.BoardStationMain} is the command line of {@code
 * kilowire-station.jar}.
 */
@NullMarked
package io.kilowire.hardware.station;

import org.jspecify.annotations.NullMarked;
