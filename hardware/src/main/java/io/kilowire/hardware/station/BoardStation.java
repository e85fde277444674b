package io.kilowire.hardware.station;

import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.hal.BoardStationHardware;
import io.kilowire.core.hal.PilotController;
import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.BudgetSource;
import io.kilowire.core.loadmanagement.group.GroupMemberConfig;
import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.site.SiteBalancing;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.transfer.DownloadingFirmwareInstaller;
import io.kilowire.core.transfer.FileTransfers;
import io.kilowire.core.transfer.HttpLogUploader;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.hardware.board.BoardConfig;
import io.kilowire.hardware.board.BoardSet;
import io.kilowire.hardware.group.GroupNode;
import io.kilowire.hardware.group.StationGroupCharger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One charging station on real boards: the drivers of a {@link BoardConfig} ({@link BoardSet}), a
 * {@link StationRuntime} on their {@link BoardStationHardware}, and the hardware's events wired
 * into the station on its own thread. With a {@code site} section it balances its EVSEs against the
 * site's grid connection ({@link SiteBalancing} on the station's thread, a step per site-meter
 * reading); with a {@code group} section it is a member of a charger group ({@link GroupNode} with
 * a {@link StationGroupCharger}). {@link #close()} ends the balancing or the group node, the
 * station, then the drivers.
 */
public final class BoardStation implements AutoCloseable {
  /** What the meter values carry unless the CSMS changes it. */
  static final List<String> MEASURANDS =
      List.of("Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Voltage");

  private static final Logger LOG = LoggerFactory.getLogger(BoardStation.class);

  private final BoardConfig config;
  private final BoardSet boards;
  private final StationRuntime runtime;
  private volatile @Nullable SiteBalancing balancing;
  private volatile @Nullable GroupNode groupNode;
  private @Nullable BudgetSource lastSource;
  // the newest PV and battery readings, on the runtime: the balancing takes both at once
  private @Nullable PvReading latestPv;
  private @Nullable BatteryReading latestBattery;

  private BoardStation(BoardConfig config, BoardSet boards, StationRuntime runtime) {
    this.config = config;
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
      StationRuntime.Builder builder =
          StationRuntime.builder(transport, boards.hardware())
              // Logs go to the CSMS's server over HTTP(S) (GetLog, GetDiagnostics).
              .logUploader(new HttpLogUploader(FileTransfers.shared()));
      if (config.firmware() != null) {
        identity = withFirmware(builder, config.firmware(), stateDir, identity);
      }
      StationRuntime runtime =
          builder
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
      return new BoardStation(config, boards, runtime);
    } catch (RuntimeException e) {
      boards.close();
      throw e;
    }
  }

  /**
   * Firmware updates through the maker's install command (the config's {@code firmware}); returns
   * {@code identity} with the version installed last, which the state directory keeps.
   */
  private static StationIdentity withFirmware(
      StationRuntime.Builder builder,
      BoardConfig.Firmware firmware,
      @Nullable Path stateDir,
      StationIdentity identity)
      throws IOException {
    Path workDir =
        stateDir != null
            ? stateDir.resolve("firmware")
            : java.nio.file.Files.createTempDirectory("kilowire-firmware");
    Path versionFile = workDir.resolve("installed-version");
    String running =
        java.nio.file.Files.exists(versionFile)
            ? java.nio.file.Files.readString(versionFile).strip()
            : java.util.Objects.requireNonNullElse(identity.firmwareVersion(), "unknown");
    java.util.concurrent.atomic.AtomicReference<String> version =
        new java.util.concurrent.atomic.AtomicReference<>(running);
    List<java.security.cert.X509Certificate> roots =
        firmware.signingRoots() == null
            ? List.of()
            : io.kilowire.core.station.certificates.PemCertificates.parse(
                java.nio.file.Files.readString(firmware.signingRoots()));
    builder.firmwareInstaller(
        new DownloadingFirmwareInstaller(
            FileTransfers.shared(),
            version::get,
            roots,
            new CommandFirmwareFlash(
                firmware.installCommand(),
                firmware.installTimeout(),
                workDir,
                installed -> {
                  version.set(installed);
                  try {
                    java.nio.file.Files.writeString(versionFile, installed);
                  } catch (IOException e) {
                    LOG.warn("firmware version {} not kept: {}", installed, e.getMessage());
                  }
                })));
    return new StationIdentity(
        identity.vendor(), identity.model(), identity.serialNumber(), running);
  }

  /**
   * Restores the station's state, starts the hardware supervision on the station's thread, then
   * connects.
   */
  public void start() {
    if (config.site() != null || config.group() != null) {
      // A transaction resumed at start must not get the hardware maximum before the site's
      // balancing (or the group) has given it a share: it starts at 0 until then.
      runtime.call(
          () -> {
            for (int evse = 1; evse <= boards.evseCount(); evse++) {
              runtime.station().localLimit(evse, 0.0);
            }
          });
    }
    runtime.start();
    runtime.call(
        () ->
            boards
                .hardware()
                .attach(runtime.scheduler(), BoardStationHardware.Events.of(runtime.station())));
    BoardConfig.Site site = config.site();
    if (site != null) {
      startBalancing(site);
    }
    BoardConfig.Group group = config.group();
    if (group != null) {
      startGroup(group);
    }
  }

  /** The balancing runs on the station's thread; the meter's readings are handed over to it. */
  private void startBalancing(BoardConfig.Site site) {
    runtime.call(
        () -> {
          Station station = runtime.station();
          SiteBalancing.Builder b =
              SiteBalancing.builder(site.config(), runtime.scheduler())
                  .fallback(
                      new FallbackConfig(
                          site.config().meterStaleAfter(),
                          FallbackConfig.defaults().controllerSilentAfter(),
                          site.offlineCapA(),
                          FallbackConfig.defaults().safeShareA()))
                  .listener((a, r) -> stepped(a));
          for (int evse = 1; evse <= boards.evseCount(); evse++) {
            b.station(BoardConfig.slotId(evse), station, evse);
          }
          SiteBalancing s = b.build();
          balancing = s;
          s.start();
        });
    boards.siteReadings(
        reading ->
            runtime.execute(
                () -> {
                  SiteBalancing s = balancing;
                  if (s != null) {
                    s.reading(reading);
                  }
                }));
    // the PV and battery meters' readings wait for the next step (each site reading steps)
    boards.pvReadings(
        reading ->
            runtime.execute(
                () -> {
                  latestPv = reading;
                  energyReadings();
                }));
    boards.batteryReadings(
        reading ->
            runtime.execute(
                () -> {
                  latestBattery = reading;
                  energyReadings();
                }));
  }

  /** Hands the newest PV and battery readings together to the balancing (on the runtime). */
  private void energyReadings() {
    SiteBalancing s = balancing;
    if (s != null) {
      s.energyReadings(latestPv, latestBattery);
    }
  }

  private void stepped(Allocation a) {
    boards.batterySetpoint(a.batteryW());
    // an EVSE with a phase contactor carries out the phases the balancer counts its EV on
    for (var e : a.phases().entrySet()) {
      PilotController c = boards.hardware().controller(Integer.parseInt(e.getKey()));
      if (c != null && c.phases() != e.getValue()) {
        c.requestPhases(e.getValue());
      }
    }
    if (a.source() != lastSource) {
      lastSource = a.source();
      LOG.info("site budget now from {}: {} A available", a.source(), a.availableA());
    }
    LOG.debug("site step: limits {}, budget {}", a.limitsA(), a.availableA());
  }

  /**
   * The member's limit becomes the EVSE's local limit; the station's own watchdog reports a lost
   * controller and caps at the member's safe share, as the member does.
   */
  private void startGroup(BoardConfig.Group group) {
    GroupMemberConfig member = group.config().member(group.member());
    runtime.call(
        () ->
            runtime
                .station()
                .configureFallback(
                    new FallbackConfig(
                        FallbackConfig.defaults().meterStaleAfter(),
                        group.config().controllerSilentAfter(),
                        null,
                        member.safeShareA()),
                    false,
                    true));
    GroupNode node =
        new GroupNode(
            group.config(),
            group.member(),
            new StationGroupCharger(runtime, group.evse(), config.maxCurrentA()),
            Instant.now().getEpochSecond(),
            line -> LOG.info("group: {}", line));
    groupNode = node;
    node.start();
  }

  /** The site balancing, when the config has a site section and the station started. */
  public Optional<SiteBalancing> balancing() {
    return Optional.ofNullable(balancing);
  }

  public StationRuntime runtime() {
    return runtime;
  }

  public BoardSet boards() {
    return boards;
  }

  @Override
  public void close() {
    boards.siteReadings(null);
    GroupNode node = groupNode;
    if (node != null) {
      node.close();
    }
    SiteBalancing s = balancing;
    if (s != null) {
      runtime.call(s::close);
    }
    try {
      runtime.close();
    } finally {
      boards.close();
    }
  }
}
