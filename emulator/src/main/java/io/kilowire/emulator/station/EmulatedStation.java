package io.kilowire.emulator.station;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.runtime.ClientState;
import io.kilowire.core.runtime.OcppClient;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.WebSocketTransport;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.trace.FrameTrace;
import io.kilowire.emulator.trace.TracingTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * One emulated charging station: connects, boots (retrying while the CSMS answers Pending or
 * Rejected), reports each connector Available, and sends heartbeats at the interval the CSMS gave.
 * Protocol details live in {@link StationProtocol}, one per OCPP version.
 */
public final class EmulatedStation implements AutoCloseable {
  /** How long to wait before booting again after a failed or unanswered BootNotification. */
  private static final Duration BOOT_RETRY = Duration.ofSeconds(30);

  private final String id;
  private final int connectors;
  private final Console console;
  private final @Nullable FrameTrace trace;
  private final OcppClient client;
  private @Nullable StationProtocol protocol;
  private TaskScheduler.@Nullable Cancellable timer;
  private boolean accepted;
  private int heartbeats;

  public EmulatedStation(
      TransportConfig config, int connectors, Console console, @Nullable FrameTrace trace) {
    this.id = config.stationId();
    this.connectors = connectors;
    this.console = console;
    this.trace = trace;
    this.client =
        OcppClient.builder(config)
            .transportFactory(
                scheduler -> {
                  WebSocketTransport ws = new WebSocketTransport(config, scheduler);
                  return trace == null ? ws : new TracingTransport(ws, trace);
                })
            .sessionConfigurer(this::configure)
            .stateListener(this::onState)
            .build();
  }

  public String id() {
    return id;
  }

  /** Whether the CSMS accepted the last BootNotification on the current connection. */
  public synchronized boolean isAccepted() {
    return accepted;
  }

  public synchronized int heartbeatsAnswered() {
    return heartbeats;
  }

  public void start() {
    client.start();
  }

  private void configure(RpcSession session) {
    protocol = StationProtocol.forVersion(session.version(), client, this::afterTrigger);
    protocol.registerHandlers(session, connectors);
  }

  private void onState(ClientState state) {
    switch (state.kind()) {
      case CONNECTED -> {
        console.line(
            id, "connected with " + ((ClientState.Connected) state).version().subprotocol());
        boot();
      }
      case DISCONNECTED -> {
        synchronized (this) {
          accepted = false;
        }
        cancelTimer();
        console.line(id, "disconnected: " + ((ClientState.Disconnected) state).reason());
      }
      case RETRY_SCHEDULED ->
          console.line(
              id,
              "reconnecting in " + ((ClientState.RetryScheduled) state).delay().toMillis() + " ms");
      default -> {}
    }
  }

  private void boot() {
    StationProtocol p = protocol;
    if (p == null) {
      return;
    }
    p.boot(client)
        .whenComplete(
            (result, failure) -> client.scheduler().execute(() -> afterBoot(p, result, failure)));
  }

  private void afterBoot(
      StationProtocol p, StationProtocol.@Nullable BootResult result, @Nullable Throwable failure) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (!(cause instanceof CallFailedException.NotConnected)) {
        console.line(
            id,
            "BootNotification failed: "
                + cause.getMessage()
                + "; retrying in "
                + BOOT_RETRY.toSeconds()
                + " s");
        schedule(BOOT_RETRY, this::boot);
      }
      return;
    }
    Duration interval = result.interval().isZero() ? BOOT_RETRY : result.interval();
    if (!result.accepted()) {
      console.line(
          id,
          "BootNotification "
              + result.status()
              + "; booting again in "
              + interval.toSeconds()
              + " s");
      schedule(interval, this::boot);
      return;
    }
    synchronized (this) {
      accepted = true;
    }
    console.line(id, "accepted; heartbeat every " + interval.toSeconds() + " s");
    p.reportConnectors(client, connectors);
    schedule(interval, () -> heartbeat(p, interval));
  }

  private void heartbeat(StationProtocol p, Duration interval) {
    p.heartbeat(client)
        .whenComplete(
            (ok, failure) -> {
              if (failure == null) {
                synchronized (this) {
                  heartbeats++;
                }
              }
            });
    schedule(interval, () -> heartbeat(p, interval));
  }

  /** A TriggerMessage asked for a message; the protocol sends it once the reply is out. */
  private void afterTrigger(Runnable send) {
    client.scheduler().schedule(Duration.ZERO, send);
  }

  private synchronized void schedule(Duration delay, Runnable task) {
    cancelTimer();
    timer = client.scheduler().schedule(delay, task);
  }

  private synchronized void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** Sends one call and ignores its outcome beyond a log line on failure. */
  static <T> void fireAndLog(CompletableFuture<T> call, Console console, String id, String what) {
    call.whenComplete(
        (ok, failure) -> {
          if (failure != null) {
            console.line(id, what + " failed: " + failure.getMessage());
          }
        });
  }

  OcppVersion version() {
    StationProtocol p = protocol;
    return p == null ? OcppVersion.V16 : p.version();
  }

  @Override
  public void close() {
    cancelTimer();
    client.close();
    if (trace != null) {
      trace.close();
    }
  }
}
