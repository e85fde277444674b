package io.kilowire.hardware.station;

import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.hardware.board.BoardConfig;
import io.kilowire.hardware.modbus.FakeSdmMeter;
import io.kilowire.hardware.rapi.FakeOpenEvse;
import io.kilowire.hardware.rapi.RapiFrame;
import io.kilowire.hardware.testing.DevicePort;
import io.kilowire.hardware.testing.SocatPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The devices around a board station in a test: a fake OpenEVSE and a fake SDM630 (unit 11), each
 * on its own socat PTY pair, more meters on more pairs, and the station built from a config file
 * exactly as {@code kilowire-station.jar} does it. Closing it closes everything in reverse order.
 */
final class BoardRig implements AutoCloseable {
  private final Path dir;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
  final SocatPair rapi;
  final SocatPair modbus;
  final FakeOpenEvse board;
  final FakeSdmMeter meter;

  private BoardRig(Path dir) throws Exception {
    this.dir = dir;
    rapi = pair("rapi");
    modbus = pair("modbus");
    board =
        push(new FakeOpenEvse(push(new DevicePort(rapi.deviceEnd(), 115_200)), this::reporting));
    meter = meterOn(modbus, 11);
    meter.load(new float[] {230f, 230f, 230f}, new float[] {0f, 0f, 0f}, 0f, 12.5f);
  }

  static BoardRig start(Path dir) throws Exception {
    return new BoardRig(dir);
  }

  private int securityProfile;
  private volatile boolean plugged;
  private volatile boolean charging;
  private volatile boolean asleep = true;
  private volatile String reportedState = "01 0 01";

  /**
   * From now on the board answers like one with an EV: {@code $GS} tells whether it is plugged in
   * (B) or charging (C: relay closed while the board is awake; asleep after {@code $FS} it shows
   * the sleeping state with the relay open).
   */
  private @Nullable String withEv(RapiFrame cmd) {
    switch (cmd.token()) {
      case "FS", "FD" -> asleep = true;
      case "FE" -> asleep = false;
      case "GS" -> {
        if (!plugged) {
          return "$OK 01 0 01 0000";
        }
        if (!charging) {
          return "$OK 02 0 02 0000";
        }
        return asleep ? "$OK FE 0 03 0000" : "$OK 03 0 03 0000";
      }
      default -> {}
    }
    return openEvse(cmd);
  }

  /**
   * The station built next connects with security profile 1 (Basic auth over ws://), so the 1.6
   * security extension is in use and fallback events go out as SecurityEventNotification.
   */
  void useSecurityExtension() {
    securityProfile = 1;
  }

  /**
   * In OCPP 1.6, after the boot: the EV plugs in, the CSMS starts a transaction remotely, the EV
   * asks for energy.
   */
  void chargeV16(TestCsms csms, String id, Duration wait) {
    csms.awaitCall(id, "BootNotification", wait);
    evPlugsIn();
    csms.awaitCall(
        id, "StatusNotification", p -> p.at("/status").asText().equals("Preparing"), wait);
    String status =
        csms.call(id, "RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG1\"}")
            .at("/status")
            .asText();
    if (!status.equals("Accepted")) {
      throw new AssertionError("RemoteStartTransaction " + status);
    }
    csms.awaitCall(id, "StartTransaction", wait);
    evCharges();
  }

  /** The EV plugs in (state B). */
  void evPlugsIn() {
    board.script(this::withEv);
    plugged = true;
    board.send("$AT 02 02 32 0000", 0);
  }

  /** The EV asks for energy (state C); the relay closes when the board is awake. */
  void evCharges() {
    charging = true;
    board.send(asleep ? "$AT FE 03 32 0000" : "$AT 03 03 32 0000", 0);
  }

  /**
   * The board changes state: it notifies with {@code $AT} and, like a real board, answers every
   * later {@code $GS} with that state (a board that kept answering "not connected" would unplug the
   * EV again at the station's next heartbeat).
   */
  void boardState(String evseHex, String pilotHex, int amps) {
    reportedState = evseHex + " 0 " + pilotHex;
    board.send("$AT " + evseHex + " " + pilotHex + " " + amps + " 0000", 0);
  }

  private @Nullable String reporting(RapiFrame cmd) {
    return cmd.token().equals("GS") ? "$OK " + reportedState + " 0000" : openEvse(cmd);
  }

  /** A healthy OpenEVSE: answers every command the adapter sends. */
  static @Nullable String openEvse(RapiFrame cmd) {
    return switch (cmd.token()) {
      case "SC" -> "$OK " + cmd.args().get(0);
      case "GS" -> "$OK 01 0 01 0000";
      case "FE", "FS", "FD" -> "$OK";
      case "SY" -> cmd.args().isEmpty() ? "$OK" : "$OK " + String.join(" ", cmd.args()) + " 0";
      default -> "$NK";
    };
  }

  <T extends AutoCloseable> T push(T closeable) {
    cleanup.push(closeable);
    return closeable;
  }

  /** Another PTY pair. */
  SocatPair pair(String name) throws Exception {
    return push(SocatPair.start(Files.createDirectory(dir.resolve(name))));
  }

  /** A fake SDM630 at {@code unit} on the device end of {@code pair} (9600 baud). */
  FakeSdmMeter meterOn(SocatPair pair, int unit) throws Exception {
    return push(new FakeSdmMeter(push(new DevicePort(pair.deviceEnd(), 9600)), unit));
  }

  /** The board and EVSE meter of EVSE 1 as a config entry. */
  String evse() {
    return """
        {"rapi": {"port": "%s", "heartbeatSeconds": 3, "failsafeCurrentA": 6},
         "meter": {"port": "%s", "unit": 11, "model": "sdm630"}}
        """
        .formatted(rapi.driverEnd(), modbus.driverEnd());
  }

  /** Writes {@code json} as the config file, builds the station on it and starts it. */
  BoardStation station(String json, TestCsms csms, String id, OcppVersion version)
      throws Exception {
    return station(json, csms.uri(), id, version);
  }

  /** As {@link #station(String, TestCsms, String, OcppVersion)}, to the CSMS at {@code csms}. */
  BoardStation station(String json, java.net.URI csms, String id, OcppVersion version)
      throws Exception {
    Path config = Files.writeString(dir.resolve("station.json"), json);
    TransportConfig transport =
        TransportConfig.builder()
            .csmsUrl(csms)
            .stationId(id)
            .ocppVersions(version)
            .retryBackOff(Duration.ofMillis(200), Duration.ofMillis(100), 0)
            .securityProfile(securityProfile)
            .basicAuthPassword(securityProfile == 1 ? "board-rig-password-0123" : null)
            .build();
    BoardStation station =
        push(
            BoardStation.open(
                BoardConfig.load(config),
                transport,
                dir.resolve("state"),
                Duration.ofSeconds(1),
                new StationIdentity("Kilowire", "KW-BOARD", id, "0.1.0")));
    station.start();
    return station;
  }

  /** Waits until the last {@code $SC} the board received offers {@code amps}. */
  void awaitCurrent(int amps, Duration wait) {
    await()
        .atMost(wait)
        .until(
            () -> {
              List<String> sc = commands().stream().filter(c -> c.startsWith("$SC ")).toList();
              return sc.isEmpty() ? "" : sc.get(sc.size() - 1);
            },
            c -> c.equals("$SC " + amps + " V"));
  }

  /** The commands the board received, without sequence ids and checksums. */
  List<String> commands() {
    return board.received().stream()
        .map(l -> l.replaceAll(" ?:[0-9A-F]{2}\\^.*|\\^.*", ""))
        .toList();
  }

  @Override
  public void close() {
    while (!cleanup.isEmpty()) {
      try {
        cleanup.pop().close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the rig", e);
      }
    }
  }
}
