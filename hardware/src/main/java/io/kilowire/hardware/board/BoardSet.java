package io.kilowire.hardware.board;

import io.kilowire.core.hal.BoardStationHardware;
import io.kilowire.core.hal.PilotConfig;
import io.kilowire.core.hal.SiteMeter;
import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.hardware.coap.CoapSiteMeter;
import io.kilowire.hardware.coap.GridReading;
import io.kilowire.hardware.coap.GridReadingListener;
import io.kilowire.hardware.modbus.MeterRegisterMap;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import io.kilowire.hardware.modbus.Sdm120;
import io.kilowire.hardware.modbus.Sdm630;
import io.kilowire.hardware.rapi.RapiBoard;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every driver a {@link BoardConfig} describes, opened and wired to the HAL: one {@link RapiEvse}
 * per EVSE, one {@link ModbusBus} per serial port (meters sharing an RS-485 line share its bus),
 * the optional site meter, and the {@link BoardStationHardware} on top. Closing it stops the
 * supervision tick first (the boards then fall to their failsafe) and closes the drivers.
 */
public final class BoardSet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BoardSet.class);

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private final List<RapiEvse> boards = new ArrayList<>();
  private @Nullable BoardStationHardware hardware;
  private @Nullable ModbusEnergyMeter energyMeter;
  private @Nullable SiteMeter siteMeter;
  private volatile @Nullable Consumer<SiteReading> siteListener;
  private volatile @Nullable Consumer<PvReading> pvListener;
  private volatile @Nullable Consumer<BatteryReading> batteryListener;
  private volatile @Nullable BatteryControl batteryControl;

  private BoardSet() {}

  /**
   * Opens every port, arms the boards' heartbeats, polls every meter once, and starts polling.
   * Fails (closing what it opened) if a port cannot be opened, a board does not answer, or an
   * EVSE's meter gives no valid first reading (the message names it: {@code evses[0].meter: ...}).
   */
  public static BoardSet open(BoardConfig config, Clock clock) throws IOException {
    BoardSet set = new BoardSet();
    try {
      set.openAll(config, clock);
    } catch (IOException | RuntimeException e) {
      set.close();
      throw e;
    }
    return set;
  }

  private void openAll(BoardConfig config, Clock clock) throws IOException {
    Map<String, ModbusBus> buses = new LinkedHashMap<>();
    Map<String, Integer> busBaud = new HashMap<>();
    Map<Integer, ModbusBus.Polled> meters = new HashMap<>();
    List<BoardStationHardware.EvsePorts> ports = new ArrayList<>();
    for (int i = 0; i < config.evses().size(); i++) {
      BoardConfig.Evse e = config.evses().get(i);
      BoardConfig.Rapi r = e.rapi();
      RapiEvse board =
          opening(
              "evses[" + i + "].rapi.port",
              r.port(),
              () ->
                  RapiEvse.open(
                      new RapiBoard.Config(
                          r.port(), r.baud(), Duration.ofMillis(500), 2, true, Clock.systemUTC()),
                      new RapiEvse.Lease(
                          Duration.ofSeconds(r.heartbeatSeconds()), r.failsafeCurrentA())));
      opened.push(board);
      boards.add(board);
      ModbusBus.Polled meter =
          meterOn(buses, busBaud, e.meter(), config, clock, "evses[" + i + "].meter");
      meters.put(i + 1, meter);
    }
    ModbusEnergyMeter energy = new ModbusEnergyMeter(meters);
    this.energyMeter = energy;
    for (int i = 0; i < boards.size(); i++) {
      RapiEvse b = boards.get(i);
      BoardConfig.PhaseRelay relay = config.evses().get(i).phaseContactor();
      if (relay == null) {
        ports.add(new BoardStationHardware.EvsePorts(b, b.contactor(), energy, b));
        continue;
      }
      ModbusPhaseContactor phases =
          new ModbusPhaseContactor(relay, b::pilotOffOnBoard, b::pilotOffWanted);
      BoardConfig.ModbusLink link = relay.link();
      bus(
              buses,
              busBaud,
              link.port(),
              link.baud(),
              config,
              clock,
              "evses[" + i + "].phaseContactor.modbus")
          .addDevice(phases::poll);
      ports.add(
          new BoardStationHardware.EvsePorts(b, b.contactor(), energy, phases.guarding(b), phases));
    }
    BoardConfig.SiteMeterConfig site = config.siteMeter();
    if (site instanceof BoardConfig.ModbusSite m) {
      ModbusBus.Polled polled =
          meterOn(buses, busBaud, m.meter(), config, clock, "siteMeter.modbus");
      polled.listener(sample -> siteReading(ModbusSiteMeter.reading(sample)));
      siteMeter = new ModbusSiteMeter(polled);
    } else if (site instanceof BoardConfig.CoapSite c) {
      CoapSiteMeter coap =
          new CoapSiteMeter(
              CoapSiteMeter.Settings.of(c.uri()).withStaleAfter(config.meterStaleAfter()),
              new GridReadingListener() {
                @Override
                public void reading(GridReading reading) {
                  siteReading(CoapGridMeter.reading(reading));
                }

                @Override
                public void stale(@Nullable Instant lastReadingAt, Duration silentFor) {
                  LOG.warn("site meter silent for {} (last reading {})", silentFor, lastReadingAt);
                }
              });
      opened.push(coap);
      coap.start();
      siteMeter = new CoapGridMeter(coap);
    }
    BoardConfig.Site balanced = config.site();
    BoardConfig.PvMeterConfig pv = balanced == null ? null : balanced.pvMeter();
    if (pv instanceof BoardConfig.Meter m) {
      ModbusBus.Polled polled = meterOn(buses, busBaud, m, config, clock, "site.pvMeter.modbus");
      polled.listener(sample -> pvReading(ModbusPvMeter.reading(sample)));
    } else if (pv instanceof BoardConfig.SunSpecUnit u) {
      SunSpecMeter inverter = new SunSpecMeter(u, clock);
      bus(buses, busBaud, u.port(), u.baud(), config, clock, "site.pvMeter.sunspec")
          .addDevice(client -> inverter.pv(client).ifPresent(this::pvReading));
    }
    BoardConfig.BatteryMeterConfig battery = balanced == null ? null : balanced.batteryMeter();
    BoardConfig.BatteryCommand command = balanced == null ? null : balanced.batteryCommand();
    if (battery instanceof BoardConfig.BatteryMeter map) {
      BatteryControl control =
          BatteryControl.registerMap(map, command, clock, this::batteryReading);
      batteryControl = control;
      bus(buses, busBaud, map.port(), map.baud(), config, clock, "site.batteryMeter.modbus")
          .addDevice(control::poll);
    } else if (battery instanceof BoardConfig.SunSpecUnit u) {
      BatteryControl control = BatteryControl.sunSpec(u, command, clock, this::batteryReading);
      batteryControl = control;
      bus(buses, busBaud, u.port(), u.baud(), config, clock, "site.batteryMeter.sunspec")
          .addDevice(control::poll);
    }
    for (ModbusBus bus : buses.values()) {
      bus.pollOnce();
      bus.start();
    }
    // A station cannot start a transaction without a meter register: refuse to start blind.
    for (int i = 0; i < config.evses().size(); i++) {
      if (meters.get(i + 1).lastGood().isEmpty()) {
        BoardConfig.Meter m = config.evses().get(i).meter();
        throw new IOException(
            "evses[" + i + "].meter: no valid reading from unit " + m.unit() + " on " + m.port());
      }
    }
    BoardStationHardware.Config defaults = BoardStationHardware.Config.defaults();
    PilotConfig pilot =
        defaults.pilot().toBuilder()
            .phaseSwitchReconnectDelay(config.phaseSwitchTiming().reconnect())
            .phaseSwitchReconnectDelayAfterLoadOpen(config.phaseSwitchTiming().afterLoadOpen())
            .build();
    hardware =
        new BoardStationHardware(
            new BoardStationHardware.Config(
                    pilot,
                    defaults.maxCurrentA(),
                    defaults.pollInterval(),
                    defaults.contactorCloseTimeout(),
                    defaults.contactorOpenTimeout())
                .withMaxCurrentA(config.maxCurrentA())
                .withContactorTimeout(config.contactorTimeout()),
            ports);
    hardware.iso15118Dash20(config.iso15118Dash20());
  }

  private ModbusBus.Polled meterOn(
      Map<String, ModbusBus> buses,
      Map<String, Integer> busBaud,
      BoardConfig.Meter m,
      BoardConfig config,
      Clock clock,
      String where)
      throws IOException {
    ModbusBus bus = bus(buses, busBaud, m.port(), m.baud(), config, clock, where);
    MeterRegisterMap map =
        switch (m.model()) {
          case SDM630 -> Sdm630.INSTANCE;
          case SDM120 -> Sdm120.INSTANCE;
        };
    return bus.add(m.unit(), map, config.meterStaleAfter());
  }

  /** The bus on {@code port}, opened at the first device on it. */
  private ModbusBus bus(
      Map<String, ModbusBus> buses,
      Map<String, Integer> busBaud,
      String port,
      int baudRate,
      BoardConfig config,
      Clock clock,
      String where)
      throws IOException {
    Integer baud = busBaud.get(port);
    if (baud != null && baud != baudRate) {
      throw new IllegalArgumentException(
          where + ".baud: " + baudRate + " differs from " + baud + " on the same port " + port);
    }
    ModbusBus bus = buses.get(port);
    if (bus == null) {
      bus =
          opening(
              where + ".port",
              port,
              () ->
                  ModbusBus.open(
                      ModbusRtuClient.Config.defaults(port).withBaudRate(baudRate),
                      config.meterPoll(),
                      clock));
      opened.push(bus);
      buses.put(port, bus);
      busBaud.put(port, baudRate);
    }
    return bus;
  }

  private interface Opener<T> {
    T open() throws IOException;
  }

  /** Opens a device; any failure becomes an IOException naming the config field and the path. */
  private static <T> T opening(String field, String path, Opener<T> opener) throws IOException {
    try {
      return opener.open();
    } catch (IOException | RuntimeException e) {
      throw new IOException(field + ": cannot open " + path + ": " + e.getMessage(), e);
    }
  }

  public BoardStationHardware hardware() {
    BoardStationHardware h = hardware;
    if (h == null) {
      throw new IllegalStateException("not open");
    }
    return h;
  }

  /** The EVSE meters, by EVSE id. */
  public ModbusEnergyMeter energyMeter() {
    ModbusEnergyMeter m = energyMeter;
    if (m == null) {
      throw new IllegalStateException("not open");
    }
    return m;
  }

  private void siteReading(SiteReading reading) {
    Consumer<SiteReading> l = siteListener;
    if (l != null) {
      l.accept(reading);
    }
  }

  /**
   * Every new site-meter reading from now on goes to {@code listener}, on the meter's own thread
   * (Modbus bus, CoAP observer): hand it over to the station's thread, never block. A failed poll
   * or a silent meter gives nothing, never a zero reading.
   */
  public void siteReadings(@Nullable Consumer<SiteReading> listener) {
    siteListener = listener;
  }

  private void pvReading(PvReading reading) {
    Consumer<PvReading> l = pvListener;
    if (l != null) {
      l.accept(reading);
    }
  }

  /**
   * Every new PV-meter reading from now on goes to {@code listener}, on the bus's thread: hand it
   * over, never block. A failed poll gives nothing.
   */
  public void pvReadings(@Nullable Consumer<PvReading> listener) {
    pvListener = listener;
  }

  private void batteryReading(BatteryReading reading) {
    Consumer<BatteryReading> l = batteryListener;
    if (l != null) {
      l.accept(reading);
    }
  }

  /**
   * Every new battery reading from now on goes to {@code listener}, on the bus's thread: hand it
   * over, never block. A failed poll gives nothing, and so does a battery that refused its last
   * setpoint (until it takes one again).
   */
  public void batteryReadings(@Nullable Consumer<BatteryReading> listener) {
    batteryListener = listener;
  }

  /**
   * The balancer's battery setpoint (W, discharging positive), written to the battery on its bus
   * when the config's {@code site.batteryMeter.command} asks for it; otherwise ignored.
   */
  public void batterySetpoint(double watts) {
    BatteryControl c = batteryControl;
    if (c != null) {
      c.setpoint(watts);
    }
  }

  /** The site meter, when the config names one. */
  public Optional<SiteMeter> siteMeter() {
    return Optional.ofNullable(siteMeter);
  }

  /** EVSE {@code evse}'s board (1-based). */
  public RapiEvse board(int evse) {
    return boards.get(evse - 1);
  }

  public int evseCount() {
    return boards.size();
  }

  @Override
  public void close() {
    BoardStationHardware h = hardware;
    if (h != null) {
      h.stop();
    }
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        LOG.warn("closing a driver failed", e);
      }
    }
  }
}
