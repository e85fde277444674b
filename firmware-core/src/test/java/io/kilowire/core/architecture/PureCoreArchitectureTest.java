package io.kilowire.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The design rules of the core. Decision logic stays deterministic: pure packages take time from an
 * injected clock or scheduler and do no I/O, so tests and the emulator can run them in virtual
 * time. The layers point one way: the engines know neither the protocol versions nor the station
 * nor the hardware, and the station's rooms do not call back into their coordinator. Long
 * hand-written source files are reported.
 */
class PureCoreArchitectureTest {
  /** Everything except the edges (transport, runtime, store.file) and the JSON codec. */
  private static final String[] PURE = {
    "io.kilowire.core.ocpp",
    "io.kilowire.core.ocpp.model..",
    "io.kilowire.core.ocpp.rpc..",
    "io.kilowire.core.ocpp.v16..",
    "io.kilowire.core.ocpp.v201..",
    "io.kilowire.core.scheduling..",
    "io.kilowire.core.observation..",
    "io.kilowire.core.configuration..",
    "io.kilowire.core.station..",
    "io.kilowire.core.transaction..",
    "io.kilowire.core.authorization..",
    "io.kilowire.core.smartcharging..",
    "io.kilowire.core.tariff..",
    "io.kilowire.core.loadmanagement..",
    "io.kilowire.core.fallback..",
    "io.kilowire.core.der..",
    "io.kilowire.core.site..",
    "io.kilowire.core.hal..",
    "io.kilowire.core.store",
  };

  /**
   * The engines: decision logic free of protocol versions, of the station that drives them and of
   * the hardware. Version rules reach them as parameters (e.g. smartcharging.ProfileRules); the
   * values they share with the layers above live in metering.
   */
  private static final String[] ENGINES = {
    "io.kilowire.core.smartcharging..",
    "io.kilowire.core.tariff..",
    "io.kilowire.core.transaction..",
    "io.kilowire.core.loadmanagement..",
    "io.kilowire.core.authorization..",
    "io.kilowire.core.fallback..",
    "io.kilowire.core.metering..",
    "io.kilowire.core.der..",
  };

  /** What stands above the engines and drives them; no arrow may point back up to it. */
  private static final String[] ABOVE_THE_ENGINES = {
    "io.kilowire.core.ocpp..",
    "io.kilowire.core.station..",
    "io.kilowire.core.hal..",
    "io.kilowire.core.site..",
    "io.kilowire.core.runtime..",
    "io.kilowire.core.transport..",
  };

  /** A hand-written source file longer than this is hard to take in at one sitting. */
  private static final int LONG_FILE_LINES = 600;

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kilowire.core");
  }

  @Test
  void purePackagesStartNoThreadsAndUseNoExecutors() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(Thread.class.getName())
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.util.concurrent.Executor.class)
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(java.util.concurrent.ForkJoinPool.class.getName())
        .check(core);
  }

  @Test
  void purePackagesNeverReadTheSystemClock() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.time.Clock.class, "systemUTC")
        .orShould()
        .callMethod(java.time.Clock.class, "systemDefaultZone")
        .check(core);
  }

  @Test
  void purePackagesDoNoNetworkFileOrDeviceIo() {
    // java.net.URI is a value and stays allowed; sockets, connections and files are not.
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net.http..",
            "java.nio.channels..",
            "java.nio.file..",
            "javax.net..",
            "org.java_websocket..",
            "com.fazecast..",
            "org.eclipse.californium..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.net.Socket.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.net.ServerSocket.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.net.DatagramSocket.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.net.URLConnection.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.io.File.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.io.FileInputStream.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.io.FileOutputStream.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.io.RandomAccessFile.class)
        .check(core);
  }

  @Test
  void onlyTheJsonCodecImportsJackson() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.kilowire.core.ocpp.json..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..")
        .check(core);
  }

  @Test
  void theWireModelDoesNotDependOnTheRpcOrTransportLayers() {
    // The records themselves; their adapter subpackages are checked below.
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.kilowire.core.ocpp.model..",
            "io.kilowire.core.ocpp.v16",
            "io.kilowire.core.ocpp.v201")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kilowire.core.ocpp.rpc..",
            "io.kilowire.core.transport..",
            "io.kilowire.core.runtime..")
        .check(core);
  }

  @Test
  void adaptersReachTheCsmsOnlyThroughThePureRpcLayer() {
    // Adapters register handlers on an RpcSession and send through it; sockets and threads
    // (transport, runtime) stay at the edge.
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.kilowire.core.ocpp.v16.adapter..", "io.kilowire.core.ocpp.v201.adapter..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.kilowire.core.transport..", "io.kilowire.core.runtime..")
        .check(core);
  }

  @Test
  void enginesKnowNeitherTheProtocolNorTheStationNorTheHardware() {
    noClasses()
        .that()
        .resideInAnyPackage(ENGINES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ABOVE_THE_ENGINES)
        .check(core);
  }

  @Test
  void theStationsRoomsDoNotReachBackToTheirCoordinator() {
    // Station and StationRooms build the rooms and route events to them; a room that called its
    // coordinator would tie the rooms back into one class.
    noClasses()
        .that()
        .resideInAPackage("io.kilowire.core.station.(*)..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.kilowire.core.station.Station")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.kilowire.core.station.StationRooms")
        .check(core);
  }

  @Test
  void longSourceFilesAreReported() throws IOException {
    Path sources = mainSources();
    List<String> longFiles = new ArrayList<>();
    int seen = 0;
    try (Stream<Path> walk = Files.walk(sources)) {
      for (Path file : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        seen++;
        List<String> lines = Files.readAllLines(file);
        boolean generated = !lines.isEmpty() && lines.get(0).startsWith("// Generated by");
        if (!generated && lines.size() > LONG_FILE_LINES) {
          longFiles.add(lines.size() + " lines: " + sources.relativize(file));
        }
      }
    }
    // A report, not a failure: a long file asks to be split into rooms, it does not break the
    // build. The test fails only if it could not look at the sources.
    System.out.println(
        longFiles.isEmpty()
            ? "No hand-written source file over " + LONG_FILE_LINES + " lines."
            : "Hand-written source files over "
                + LONG_FILE_LINES
                + " lines:\n  "
                + String.join("\n  ", longFiles));
    assertThat(seen).as("Java sources under %s", sources).isGreaterThan(100);
  }

  /** firmware-core's main sources, from the build's project directory or the module's. */
  private static Path mainSources() {
    String project = System.getProperty("kilowire.project.dir");
    Path module = project == null ? Path.of("") : Path.of(project, "firmware-core");
    return module.resolve("src/main/java").toAbsolutePath();
  }
}
