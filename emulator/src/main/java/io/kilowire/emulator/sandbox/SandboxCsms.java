package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.IdTagInfo;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.OcppWebSocketServer;
import io.kilowire.core.transport.StationConnection;
import io.kilowire.emulator.cli.Console;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A CSMS for trying stations out with nothing else installed: it listens on 127.0.0.1, accepts
 * every boot, authorizes every token, numbers transactions, and prints what it sees. It speaks OCPP
 * 2.0.1 and 1.6, preferring 2.0.1 when a station offers both.
 */
public final class SandboxCsms implements AutoCloseable {
  /** The heartbeat interval it hands out, in seconds. */
  public static final int HEARTBEAT_INTERVAL = 60;

  private final Console console;
  private final Clock clock;
  private final TaskScheduler scheduler;
  private final @Nullable OcppWebSocketServer server;
  private final boolean printCalls;
  private final AtomicInteger transactionIds = new AtomicInteger();
  private final JsonFrameCodec codec = new JsonFrameCodec();

  /** A sandbox in virtual time: stations reach it over in-memory links ({@link #accept}). */
  private SandboxCsms(Console console, TaskScheduler scheduler, Clock clock, boolean printCalls) {
    this.console = console;
    this.clock = clock;
    this.scheduler = scheduler;
    this.server = null;
    this.printCalls = printCalls;
  }

  /**
   * A sandbox without a socket for stations on in-memory links, on {@code scheduler} (virtual time
   * in the emulator's {@code --speed max}).
   *
   * @param printCalls print every call (a simulated day of many stations prints a lot)
   */
  public static SandboxCsms inMemory(
      Console console, TaskScheduler scheduler, Clock clock, boolean printCalls) {
    return new SandboxCsms(console, scheduler, clock, printCalls);
  }

  public SandboxCsms(Console console, TaskScheduler scheduler, Clock clock, int port) {
    this(console, scheduler, clock, port, true);
  }

  /**
   * A sandbox on a socket that prints nothing: the load benchmark's CSMS, holding thousands of
   * stations (the NIO server needs no thread per connection).
   */
  public static SandboxCsms quiet(TaskScheduler scheduler, Clock clock, int port) {
    return new SandboxCsms(
        new Console(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())),
        scheduler,
        clock,
        port,
        false);
  }

  private SandboxCsms(
      Console console, TaskScheduler scheduler, Clock clock, int port, boolean printCalls) {
    this.console = console;
    this.clock = clock;
    this.scheduler = scheduler;
    this.printCalls = printCalls;
    this.server =
        OcppWebSocketServer.builder(scheduler)
            .bind(new InetSocketAddress("127.0.0.1", port))
            .ocppVersions(OcppVersion.V201, OcppVersion.V16)
            .sessionInitializer(this::initialize)
            .listener(
                new OcppWebSocketServer.Listener() {
                  @Override
                  public void onConnected(StationConnection c) {
                    console.line(
                        "sandbox",
                        c.stationId() + " connected (" + c.version().subprotocol() + ")");
                  }

                  @Override
                  public void onDisconnected(StationConnection c, CloseReason reason) {
                    console.line("sandbox", c.stationId() + " disconnected: " + reason.kind());
                  }
                })
            .build();
  }

  public SandboxCsms start() {
    if (server != null) {
      server.start();
    }
    return this;
  }

  /** The base URL stations connect to (their id is appended). */
  public URI uri() {
    if (server == null) {
      throw new IllegalStateException("an in-memory sandbox has no URL");
    }
    return server.uri();
  }

  /**
   * Serves the station {@code stationId} on the CSMS end of an in-memory link: it accepts the
   * connection, and again after every close, as a listening server would.
   */
  public void accept(InMemoryTransport csmsEnd, String stationId, OcppVersion version) {
    csmsEnd.connect(
        new OcppTransport.Listener() {
          private @Nullable RpcSession session;

          @Override
          public void onOpen(OcppVersion negotiated) {
            RpcSession s =
                new RpcSession(
                    RpcSession.Config.of("sandbox", negotiated, Role.CSMS),
                    codec,
                    csmsEnd::send,
                    scheduler);
            if (negotiated == OcppVersion.V16) {
              V16Handlers.register(s, SandboxCsms.this, stationId);
            } else {
              V201Handlers.register(s, SandboxCsms.this, stationId);
            }
            session = s;
            s.connected();
            console.line("sandbox", stationId + " connected (" + negotiated.subprotocol() + ")");
          }

          @Override
          public void onMessage(String frame) {
            RpcSession s = session;
            if (s != null) {
              s.onFrame(frame);
            }
          }

          @Override
          public void onClose(CloseReason reason, boolean remote) {
            RpcSession s = session;
            session = null;
            if (s != null) {
              s.disconnected();
            }
            // Listen again for the station's next connection.
            scheduler.schedule(java.time.Duration.ZERO, () -> accept(csmsEnd, stationId, version));
          }
        });
  }

  private void initialize(StationConnection connection, RpcSession session) {
    String id = connection.stationId();
    if (connection.version() == OcppVersion.V16) {
      V16Handlers.register(session, this, id);
    } else {
      V201Handlers.register(session, this, id);
    }
  }

  void print(String stationId, String message) {
    if (!printCalls) {
      return;
    }
    console.line("sandbox", stationId + " " + message);
  }

  int nextTransactionId() {
    return transactionIds.incrementAndGet();
  }

  java.time.Instant now() {
    return clock.instant();
  }

  /** Registers {@code handler} and prints each call with the summary {@code describe} makes. */
  static <Q extends OcppMessage, R extends OcppMessage> void on(
      RpcSession session,
      SandboxCsms csms,
      String stationId,
      Class<Q> type,
      Function<Q, String> describe,
      Function<Q, R> handler) {
    session.handle(
        type,
        request -> {
          R response = handler.apply(request);
          String action = type.getSimpleName().replace("Request", "");
          String summary = describe.apply(request);
          csms.print(stationId, action + (summary.isEmpty() ? "" : " " + summary));
          return response;
        });
  }

  static IdTagInfo accepted16() {
    return IdTagInfo.of(io.kilowire.core.ocpp.v16.AuthorizationStatus.ACCEPTED);
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
    }
  }
}
