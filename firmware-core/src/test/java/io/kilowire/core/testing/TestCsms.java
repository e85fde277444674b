package io.kilowire.core.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.rpc.FrameCodec;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.V16Action;
import io.kilowire.core.ocpp.v201.V201Action;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppWebSocketServer;
import io.kilowire.core.transport.StationConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A CSMS for integration tests, scripted in JSON: an {@link OcppWebSocketServer} on 127.0.0.1 that
 * records every CALL a station sends (action and payload, in order of arrival), answers each with a
 * default that accepts everything or with a reply the test sets per action, and sends
 * CSMS-initiated CALLs written as JSON. It can stop and start again on the same port, to play a
 * CSMS that goes away.
 *
 * <p>Defaults worth knowing: BootNotification is Accepted with the {@link #bootInterval} (300 s
 * unless set); 1.6 StartTransaction assigns ids 1, 2, … and gives a repeated StartTransaction (same
 * payload, re-sent after a crash) the id it already got, as a real CSMS would.
 */
public final class TestCsms implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_WAIT = Duration.ofSeconds(10);

  /** The field of a recorded reply that was a CALLERROR, holding its code. */
  public static final String CALL_ERROR = "callError";

  /**
   * A CALL the station sent and the payload of the CSMS's answer; {@code connection} counts the
   * station's connections from 1, telling which one the CALL came on.
   */
  public record Received(
      String stationId,
      String action,
      JsonNode payload,
      JsonNode reply,
      Instant at,
      int connection) {
    /** The payload field at a JSON pointer, e.g. {@code /transactionInfo/transactionId}. */
    public JsonNode at(String pointer) {
      return payload.at(pointer);
    }
  }

  private final List<OcppVersion> versions;
  private final ExecutorTaskScheduler scheduler;
  private final FrameCodec codec = new JsonFrameCodec();
  // Not copy-on-write: a fleet's thousands of CALLs would copy the whole list on every one.
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Function<JsonNode, String>> replies = new ConcurrentHashMap<>();
  private final Map<String, Integer> transactionIds = new ConcurrentHashMap<>();
  private final AtomicInteger nextTransactionId = new AtomicInteger(1);
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Map<String, List<Instant>> connectedAt = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> connectionCounts = new ConcurrentHashMap<>();
  private final Map<StationConnection, Integer> connectionNumbers = new ConcurrentHashMap<>();
  private volatile int bootInterval = 300;
  private volatile OcppWebSocketServer server;
  private int port;

  private volatile OcppWebSocketServer.@org.jspecify.annotations.Nullable BasicAuthenticator
      passwords;

  /**
   * Starts a CSMS that checks HTTP Basic passwords with {@code passwords} (stations on profiles 1
   * and 2).
   */
  public static TestCsms start(
      OcppWebSocketServer.BasicAuthenticator passwords, OcppVersion... versions) {
    TestCsms csms = new TestCsms(List.of(versions));
    csms.passwords = passwords;
    csms.startServer();
    return csms;
  }

  private TestCsms(List<OcppVersion> versions) {
    this.versions = versions;
    this.scheduler = ExecutorTaskScheduler.singleThread("test-csms", Map.of());
  }

  /** Starts a CSMS speaking {@code versions} on an ephemeral port of 127.0.0.1. */
  public static TestCsms start(OcppVersion... versions) {
    TestCsms csms = new TestCsms(List.of(versions));
    csms.startServer();
    return csms;
  }

  private synchronized void startServer() {
    OcppWebSocketServer.Builder b = OcppWebSocketServer.builder(scheduler);
    if (passwords != null) {
      b.basicAuth(passwords);
    }
    OcppWebSocketServer s =
        b.bind(new InetSocketAddress("127.0.0.1", port))
            .ocppVersions(versions.toArray(OcppVersion[]::new))
            .sessionInitializer(this::initialize)
            .listener(
                new OcppWebSocketServer.Listener() {
                  @Override
                  public void onConnected(StationConnection connection) {
                    connectedAt
                        .computeIfAbsent(connection.stationId(), id -> new CopyOnWriteArrayList<>())
                        .add(Instant.now());
                    events.add("connected " + connection.stationId());
                  }

                  @Override
                  public void onDisconnected(StationConnection connection, CloseReason reason) {
                    events.add("disconnected " + connection.stationId());
                  }
                })
            .build()
            .start();
    port = s.port();
    server = s;
  }

  /** Stops listening and closes every connection, as a CSMS that goes away. */
  public synchronized void stop() {
    server.stop();
  }

  /** Listens again on the same port. */
  public synchronized void restart() {
    startServer();
  }

  /** The base URL stations connect to. */
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The heartbeat interval the BootNotification answer gives, in seconds. */
  public TestCsms bootInterval(int seconds) {
    this.bootInterval = seconds;
    return this;
  }

  /**
   * Answers {@code action} with the JSON payload {@code reply} makes from the request; a reply that
   * throws {@link OcppCallException} answers with that CALLERROR (recorded with a reply that has
   * the field {@value #CALL_ERROR}).
   */
  public TestCsms reply(String action, Function<JsonNode, String> reply) {
    replies.put(action, reply);
    return this;
  }

  /** Answers {@code action} with the default again. */
  public TestCsms defaultReply(String action) {
    replies.remove(action);
    return this;
  }

  /** Every CALL received so far, in order of arrival. */
  public List<Received> calls() {
    return List.copyOf(received);
  }

  /** The CALLs of one action from one station, in order of arrival. */
  public List<Received> calls(String stationId, String action) {
    return calls().stream()
        .filter(r -> r.stationId().equals(stationId) && r.action().equals(action))
        .toList();
  }

  /** Connection events, "connected ID" / "disconnected ID", in order. */
  public List<String> events() {
    return List.copyOf(events);
  }

  /** When each of the station's connections opened, oldest first. */
  public List<Instant> connectedAt(String stationId) {
    return List.copyOf(connectedAt.getOrDefault(stationId, List.of()));
  }

  public boolean isConnected(String stationId) {
    OcppWebSocketServer s = server;
    return s.connection(stationId).map(StationConnection::isOpen).orElse(false);
  }

  /** Waits for a CALL of {@code action} from the station whose payload matches. */
  public Received awaitCall(
      String stationId, String action, Predicate<JsonNode> match, Duration timeout) {
    Received[] found = new Received[1];
    await()
        .alias(action + " from " + stationId + " (received: " + summary() + ")")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              for (Received r : calls(stationId, action)) {
                if (match.test(r.payload())) {
                  found[0] = r;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  /** Waits for a CALL of {@code action} from the station. */
  public Received awaitCall(String stationId, String action, Duration timeout) {
    return awaitCall(stationId, action, p -> true, timeout);
  }

  /** The actions received so far, for failure messages. */
  public String summary() {
    List<String> actions = new ArrayList<>();
    for (Received r : calls()) {
      actions.add(r.stationId() + ":" + r.action());
    }
    return actions.toString();
  }

  /**
   * Sends a CSMS-initiated CALL to the connected station and waits for the CALLRESULT.
   *
   * @throws AssertionError if the station is not connected, answers with a CALLERROR or not at all
   */
  public JsonNode call(String stationId, String action, String payloadJson) {
    StationConnection connection =
        server
            .connection(stationId)
            .orElseThrow(() -> new AssertionError(stationId + " is not connected"));
    RpcSession session = connection.session();
    OcppAction a =
        OcppActions.of(connection.version())
            .byName(action)
            .orElseThrow(() -> new IllegalArgumentException("no action " + action));
    OcppMessage request = codec.decodePayload(codec.parsePayload(payloadJson), a.requestType());
    try {
      OcppMessage response =
          session.call(a, request).get(CALL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return parse(codec.encodePayload(response).json());
    } catch (ExecutionException e) {
      throw new AssertionError(action + " to " + stationId + " failed: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new AssertionError(action + " to " + stationId + " got no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Sends a CSMS-initiated CALL like {@link #call} and returns the CALLRESULT's payload, or for a
   * CALLERROR an object whose field {@value #CALL_ERROR} holds the error code.
   *
   * @throws AssertionError if the station is not connected or does not answer at all
   */
  public JsonNode answer(String stationId, String action, String payloadJson) {
    try {
      return call(stationId, action, payloadJson);
    } catch (AssertionError e) {
      if (e.getCause() instanceof ExecutionException failed
          && failed.getCause() instanceof CallFailedException.CallErrorReceived error) {
        return object().put(CALL_ERROR, error.errorCode());
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      OcppWebSocketServer s = server;
      if (s != null) {
        s.stop();
      }
    } finally {
      scheduler.close();
    }
  }

  // ------------------------------------------------------------------------------ CSMS side

  @SuppressWarnings("unchecked")
  private void initialize(StationConnection connection, RpcSession session) {
    connectionNumbers.put(
        connection,
        connectionCounts
            .computeIfAbsent(connection.stationId(), id -> new AtomicInteger())
            .incrementAndGet());
    List<? extends OcppAction> actions =
        switch (connection.version()) {
          case V16 -> List.of(V16Action.values());
          // 2.1 answers the station's CALLs with the 2.0.1 defaults, which 2.1 keeps valid.
          case V21 -> List.of(io.kilowire.core.ocpp.v21.V21Action.values());
          default -> List.of(V201Action.values());
        };
    for (OcppAction action : actions) {
      if (!action.initiator().allows(Role.STATION)) {
        continue;
      }
      session.handle(
          (Class<OcppMessage>) action.requestType(),
          request -> answer(connection, action, request));
    }
  }

  private OcppMessage answer(StationConnection connection, OcppAction action, OcppMessage request) {
    Instant at = Instant.now();
    JsonNode payload = parse(codec.encodePayload(request).json());
    Function<JsonNode, String> scripted = replies.get(action.wireName());
    String reply;
    try {
      reply =
          scripted != null
              ? scripted.apply(payload)
              : defaultReply(connection.version(), action.wireName(), payload);
    } catch (OcppCallException e) {
      ObjectNode error = object().put(CALL_ERROR, e.code().name());
      received.add(
          new Received(
              connection.stationId(),
              action.wireName(),
              payload,
              error,
              at,
              connectionNumbers.getOrDefault(connection, 0)));
      throw e;
    }
    OcppMessage response = codec.decodePayload(codec.parsePayload(reply), action.responseType());
    // Recorded before the answer leaves (the session sends it when this returns), so a test that
    // sees the CALL and then sends one of its own is answered in order.
    received.add(
        new Received(
            connection.stationId(),
            action.wireName(),
            payload,
            parse(reply),
            at,
            connectionNumbers.getOrDefault(connection, 0)));
    return response;
  }

  private String defaultReply(OcppVersion version, String action, JsonNode request) {
    String now = "\"" + Instant.now() + "\"";
    boolean v16 = version == OcppVersion.V16;
    return switch (action) {
      case "BootNotification" ->
          "{\"status\":\"Accepted\",\"currentTime\":" + now + ",\"interval\":" + bootInterval + "}";
      case "Heartbeat" -> "{\"currentTime\":" + now + "}";
      case "Authorize" ->
          v16
              ? "{\"idTagInfo\":{\"status\":\"Accepted\"}}"
              : "{\"idTokenInfo\":{\"status\":\"Accepted\"}}";
      case "StartTransaction" ->
          "{\"transactionId\":"
              + transactionIds.computeIfAbsent(
                  request.toString(), k -> nextTransactionId.getAndIncrement())
              + ",\"idTagInfo\":{\"status\":\"Accepted\"}}";
      case "DataTransfer" -> "{\"status\":\"UnknownVendorId\"}";
      case "NotifyEVChargingNeeds", "SignCertificate" -> "{\"status\":\"Accepted\"}";
      default -> "{}";
    };
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The import register (Wh) in a received meterValue array: the last sample that carries it (a
   * sample without a measurand is the register), NaN when none does.
   */
  public static double energyOf(JsonNode meterValues) {
    double energy = Double.NaN;
    for (JsonNode value : meterValues) {
      for (JsonNode sample : value.path("sampledValue")) {
        String measurand = sample.path("measurand").asText("Energy.Active.Import.Register");
        if (measurand.equals("Energy.Active.Import.Register")) {
          energy = Double.parseDouble(sample.path("value").asText());
        }
      }
    }
    return energy;
  }

  /** A JSON object to build replies with. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
