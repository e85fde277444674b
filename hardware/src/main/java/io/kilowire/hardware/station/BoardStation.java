package io.kilowire.hardware.station;

import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.hal.BoardStationHardware;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.hardware.board.BoardConfig;
import io.kilowire.hardware.board.BoardSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One charging station on real boards: the drivers of a {@link BoardConfig} ({@link BoardSet}), a
 * {@link StationRuntime} on their {@link BoardStationHardware}, and the hardware's events wired
 * into the station on its own thread. {@link #close()} ends the station, then the drivers.
 */
public final class BoardStation implements AutoCloseable {
  /** What the meter values carry unless the CSMS changes it. */
  static final List<String> MEASURANDS =
      List.of("Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Voltage");

  private final BoardSet boards;
  private final StationRuntime runtime;

  private BoardStation(BoardSet boards, StationRuntime runtime) {
    this.boards = boards;
    this.runtime = runtime;
  }

  /**
   * Opens the boards and builds the station (not yet connected; see {@link #start()}).
   *
   * @param meterInterval the initial sampled meter-value interval (a CSMS may change it)
   */
  public static BoardStation open(
      BoardConfig config,
      TransportConfig transport,
      @Nullable Path stateDir,
      Duration meterInterval,
      StationIdentity identity)
      throws IOException {
    BoardSet boards = BoardSet.open(config, Clock.systemUTC());
    try {
      int seconds = (int) meterInterval.toSeconds();
      StationRuntime runtime =
          StationRuntime.builder(transport, boards.hardware())
              .identity(identity)
              .evses(boards.evseCount())
              .stateDir(stateDir)
              .v16Configuration(
                  c ->
                      c.initial(V16Keys.METER_VALUE_SAMPLE_INTERVAL, seconds)
                          .initial(V16Keys.METER_VALUES_SAMPLED_DATA, MEASURANDS))
              .v201DeviceModel(
                  d ->
                      d.initial(V201Variables.SampledDataCtrlr.TX_UPDATED_INTERVAL, seconds)
                          .initial(
                              V201Variables.SampledDataCtrlr.TX_UPDATED_MEASURANDS, MEASURANDS))
              .build();
      return new BoardStation(boards, runtime);
    } catch (RuntimeException e) {
      boards.close();
      throw e;
    }
  }

  /**
   * Restores the station's state, starts the hardware supervision on the station's thread, then
   * connects.
   */
  public void start() {
    runtime.start();
    runtime.call(
        () ->
            boards
                .hardware()
                .attach(runtime.scheduler(), BoardStationHardware.Events.of(runtime.station())));
  }

  public StationRuntime runtime() {
    return runtime;
  }

  public BoardSet boards() {
    return boards;
  }

  @Override
  public void close() {
    try {
      runtime.close();
    } finally {
      boards.close();
    }
  }
}
