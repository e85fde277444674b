package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.logs.LogUploader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each way an emulated station's log upload can be made to behave. */
class SimulatedLogUploadsTest {
  private static final byte[] LOG = "a log line\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void realUploadsPutTheFileUnderTheLocationOfAServerOnLoopback() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    server.start();
    try {
      URI location = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/in/");
      new SimulatedLogUploads().upload(location, "d.log", LOG).get(10, TimeUnit.SECONDS);
      assertThat(received).containsExactly("PUT /in/d.log a log line\n");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void simulatedUploadsSucceedAfterAMomentWithoutSending() {
    VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    SimulatedLogUploads uploads = new SimulatedLogUploads();
    uploads.attach(clock);
    uploads.uploadMode(SimulatedLogUploads.UploadMode.parse("Simulated"));

    CompletableFuture<Void> done =
        uploads.upload(URI.create("http://unreachable.invalid/"), "d", LOG);
    assertThat(done).isNotDone();
    clock.advance(SimulatedLogUploads.SIMULATED_UPLOAD_TIME);
    assertThat(done).isCompleted();
  }

  @Test
  void timedOutUploadsNeverFinishAndFailedOnesNameTheFailure() {
    VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    SimulatedLogUploads uploads = new SimulatedLogUploads();
    uploads.attach(clock);
    URI nowhere = URI.create("http://unreachable.invalid/");

    uploads.uploadMode(SimulatedLogUploads.UploadMode.TIMEOUT);
    CompletableFuture<Void> hanging = uploads.upload(nowhere, "d", LOG);
    clock.advance(Duration.ofHours(1));
    assertThat(hanging).isNotDone();

    uploads.uploadMode(SimulatedLogUploads.UploadMode.FAIL);
    assertThatThrownBy(() -> uploads.upload(nowhere, "d", LOG).get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            LogUploader.Failure.class,
            f -> assertThat(f.kind()).isEqualTo(LogUploader.Failure.Kind.UPLOAD_FAILURE));
  }

  @Test
  void anUnknownModeIsRefusedNamingTheChoices() {
    assertThatThrownBy(() -> SimulatedLogUploads.UploadMode.parse("slow"))
        .hasMessageContaining("real, simulated, timeout or fail")
        .hasMessageContaining("slow");
  }
}
