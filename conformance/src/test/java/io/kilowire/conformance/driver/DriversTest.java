package io.kilowire.conformance.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kilowire.conformance.script.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriversTest {
  static final TriggerRequest REQUEST =
      new TriggerRequest(
          "TC_F_01_CSMS",
          "KWC-SP1",
          "RequestStartTransaction",
          Json.obj("idToken", Json.obj("idToken", "VALID01", "type", "ISO14443")),
          "Start a transaction",
          "send");

  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @Nested
  class Exec {
    @Test
    void passesTheTriggerAsJsonOnStandardInput(@TempDir Path dir) throws IOException {
      Path got = dir.resolve("got.json");
      CsmsDriver driver = Drivers.parse("exec:cat > " + got, QUIET, Duration.ofSeconds(10));

      driver.trigger(REQUEST);

      assertThat(Json.parse(Files.readString(got))).isEqualTo(REQUEST.toJson());
    }

    @Test
    void aNonZeroExitIsADriverErrorWithTheCommandsOutput() {
      CsmsDriver driver =
          Drivers.parse("exec:echo CSMS offline; exit 3", QUIET, Duration.ofSeconds(10));

      assertThatThrownBy(() -> driver.trigger(REQUEST))
          .isInstanceOf(DriverException.class)
          .hasMessageContaining("exited with status 3")
          .hasMessageContaining("CSMS offline");
    }

    @Test
    void aCommandThatHangsIsKilledAtTheTimeout() {
      CsmsDriver driver = Drivers.parse("exec:sleep 30", QUIET, Duration.ofMillis(200));

      assertThatThrownBy(() -> driver.trigger(REQUEST))
          .isInstanceOf(DriverException.class)
          .hasMessageContaining("did not finish within 200 ms");
    }
  }

  @Nested
  class Http {
    @Test
    void postsTheTriggerAndAccepts2xx() throws Exception {
      BlockingQueue<String> bodies = new ArrayBlockingQueue<>(1);
      HttpServer server = server(204, bodies);
      try {
        CsmsDriver driver =
            Drivers.parse(
                "http:http://127.0.0.1:" + server.getAddress().getPort() + "/trigger",
                QUIET,
                Duration.ofSeconds(5));

        driver.trigger(REQUEST);

        assertThat(Json.parse(bodies.poll(5, TimeUnit.SECONDS))).isEqualTo(REQUEST.toJson());
      } finally {
        server.stop(0);
      }
    }

    @Test
    void anotherStatusIsADriverErrorWithTheStatus() throws Exception {
      HttpServer server = server(500, new ArrayBlockingQueue<>(1));
      try {
        CsmsDriver driver =
            Drivers.parse(
                "http:http://127.0.0.1:" + server.getAddress().getPort() + "/trigger",
                QUIET,
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> driver.trigger(REQUEST))
            .isInstanceOf(DriverException.class)
            .hasMessageContaining("answered HTTP 500");
      } finally {
        server.stop(0);
      }
    }

    private HttpServer server(int status, BlockingQueue<String> bodies) throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/trigger",
          exchange -> {
            bodies.offer(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
      return server;
    }
  }

  @Test
  void promptPrintsTheInstructionForAPerson() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Drivers.parse("prompt", new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ZERO)
        .trigger(REQUEST);

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("TC_F_01_CSMS", "KWC-SP1", "Start a transaction", "RequestStartTransaction");
  }

  @Test
  void anUnknownDriverIsNamed() {
    assertThatThrownBy(() -> Drivers.parse("ssh:host", QUIET, Duration.ZERO))
        .hasMessageContaining("unknown driver ssh:host");
  }
}
