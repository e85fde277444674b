package io.kilowire.hardware.station;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.hardware.board.BoardConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar kilowire-station.jar --config FILE --csms ws://host:port/ocpp --id ID
 * [--protocol ocpp1.6|ocpp2.0.1|ocpp2.1] [--state-dir DIR] [--meter-interval SECONDS]}: one station
 * on the boards the config file describes, until the process is stopped.
 */
public final class BoardStationMain {
  static final String USAGE =
      "usage: kilowire-station --config FILE --csms ws://host:port/path --id ID"
          + " [--protocol ocpp1.6|ocpp2.0.1|ocpp2.1] [--state-dir DIR] [--meter-interval SECONDS]";

  /** The parsed command line. */
  record Args(
      Path config,
      URI csms,
      String id,
      OcppVersion version,
      @Nullable Path stateDir,
      Duration meterInterval) {}

  private BoardStationMain() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.err));
  }

  static int run(String[] argv, PrintStream err) {
    List<String> words = List.of(argv);
    if (words.contains("--help") || words.contains("-h")) {
      err.println(USAGE);
      return 0;
    }
    Args args;
    BoardConfig config;
    try {
      args = parse(argv);
      config = BoardConfig.load(args.config());
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (BoardConfig.Invalid e) {
      err.println("config " + argvConfig(argv) + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot read config: " + e.getMessage());
      return 2;
    }
    TransportConfig transport =
        TransportConfig.builder()
            .csmsUrl(args.csms())
            .stationId(args.id())
            .ocppVersions(args.version())
            .build();
    BoardStation station;
    try {
      station =
          BoardStation.open(
              config,
              transport,
              args.stateDir(),
              args.meterInterval(),
              new StationIdentity("Kilowire", "KW-BOARD", args.id(), "0.1.0"));
    } catch (IOException e) {
      err.println("cannot open the boards: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  station.close();
                  stopped.countDown();
                },
                "kilowire-shutdown"));
    station.start();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String argvConfig(String[] argv) {
    for (int i = 0; i + 1 < argv.length; i++) {
      if (argv[i].equals("--config")) {
        return argv[i + 1];
      }
    }
    return "";
  }

  /** Parses the command line; an {@link IllegalArgumentException} names what is wrong. */
  static Args parse(String[] argv) {
    Path config = null;
    URI csms = null;
    String id = null;
    OcppVersion version = OcppVersion.V16;
    Path stateDir = null;
    Duration meterInterval = Duration.ofSeconds(60);
    for (int i = 0; i < argv.length; i++) {
      String flag = argv[i];
      if (i + 1 >= argv.length) {
        throw new IllegalArgumentException(flag + ": value missing");
      }
      String value = argv[++i];
      switch (flag) {
        case "--config" -> config = Path.of(value);
        case "--csms" -> {
          csms = URI.create(value);
          if (!"ws".equals(csms.getScheme()) && !"wss".equals(csms.getScheme())) {
            throw new IllegalArgumentException("--csms: a ws:// or wss:// URL, not " + value);
          }
        }
        case "--id" -> id = value;
        case "--protocol" ->
            version =
                OcppVersion.fromSubprotocol(value)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "--protocol: ocpp1.6, ocpp2.0.1 or ocpp2.1, not " + value));
        case "--state-dir" -> stateDir = Path.of(value);
        case "--meter-interval" -> {
          try {
            meterInterval = Duration.ofSeconds(Integer.parseInt(value));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--meter-interval: seconds, not " + value);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (config == null || csms == null || id == null) {
      throw new IllegalArgumentException("--config, --csms and --id are required");
    }
    return new Args(config, csms, id, version, stateDir, meterInterval);
  }
}
