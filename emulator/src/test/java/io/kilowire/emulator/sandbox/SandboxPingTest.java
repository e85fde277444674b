package io.kilowire.emulator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.runtime.ExecutorTaskScheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark's sink sets how often the sandbox pings its stations (bench --sink-ping). */
class SandboxPingTest {
  @Test
  void theSandboxPingsAtTheIntervalItIsGiven() throws Exception {
    ExecutorTaskScheduler scheduler = ExecutorTaskScheduler.singleThread("sandbox", Map.of());
    HttpClient http = HttpClient.newHttpClient();
    // The server's default is 60 s: a ping within 10 s comes from the interval set here.
    try (SandboxCsms sandbox =
        SandboxCsms.quiet(scheduler, Clock.systemUTC(), 0)
            .pingInterval(Duration.ofSeconds(1))
            .start()) {
      CompletableFuture<ByteBuffer> pinged = new CompletableFuture<>();
      WebSocket socket =
          http.newWebSocketBuilder()
              .subprotocols("ocpp1.6")
              .buildAsync(
                  URI.create(sandbox.uri() + "/PING-1"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                      pinged.complete(message);
                      return WebSocket.Listener.super.onPing(webSocket, message);
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      assertThat(pinged.get(10, TimeUnit.SECONDS)).isNotNull();
      socket.abort();
    } finally {
      scheduler.close();
    }
  }
}
