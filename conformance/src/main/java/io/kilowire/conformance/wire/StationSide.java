package io.kilowire.conformance.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.Json;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.FrameObserver;
import io.kilowire.core.transport.ObservedTransport;
import io.kilowire.core.transport.OcppTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The station side of one case's wire, under the script's full control: it sends exactly the CALLs
 * and raw text it is told to, holds the CSMS's CALLs until the script answers them, and keeps every
 * frame in order. Each frame the CSMS sends passes the {@link SchemaOracle}; the first problem is
 * kept and fails the case whatever the step.
 */
public final class StationSide {
  /** A frame on the wire, as a report shows it. */
  public record WireFrame(Instant at, boolean fromCsms, String text, int connection) {}

  /** The CSMS's answer to one of our CALLs. */
  public sealed interface Reply {
    record Result(JsonNode payload) implements Reply {}

    record Error(String code, String description) implements Reply {}
  }

  /** A CALL the CSMS sent, held until the script answers it. */
  public record IncomingCall(String messageId, String action, JsonNode payload) {}

  private final OcppVersion version;
  private final CsmsConnector connector;
  private final Clockwork clock;
  private final SchemaOracle oracle;
  private final FrameObserver trace;
  private final List<WireFrame> frames = new ArrayList<>();
  private final Map<String, String> pendingActions = new HashMap<>();
  private final Map<String, Reply> replies = new HashMap<>();
  // System.nanoTime() when each reply came: what the CSMS did before answering orders against it
  private final Map<String, Long> arrivals = new HashMap<>();
  private final LinkedHashMap<String, IncomingCall> held = new LinkedHashMap<>();
  private @Nullable OcppTransport transport;
  private boolean open;
  private boolean everOpened;
  private @Nullable CloseReason closed;
  private int connection;

  /**
   * Message ids unique in the whole run: a late reply meant for an earlier case matches nothing.
   */
  private static final java.util.concurrent.atomic.AtomicLong IDS =
      new java.util.concurrent.atomic.AtomicLong();

  private @Nullable String violation;
  private @Nullable String violatingFrame;

  public StationSide(
      OcppVersion version, CsmsConnector connector, Clockwork clock, FrameObserver trace) {
    this.version = version;
    this.connector = connector;
    this.clock = clock;
    this.oracle = new SchemaOracle(version);
    this.trace = trace;
  }

  public OcppVersion version() {
    return version;
  }

  public SchemaOracle oracle() {
    return oracle;
  }

  // ------------------------------------------------------------------------- connection

  /** Opens a connection as {@code station} with {@code password}; null when it opened. */
  public @Nullable String connect(
      LabConfiguration.Station station, @Nullable String password, Duration within) {
    close(within);
    OcppTransport t =
        new ObservedTransport(connector.transport(station, password), trace, "case trace");
    int number;
    synchronized (this) {
      transport = t;
      open = false;
      everOpened = false;
      closed = null;
      number = ++connection;
    }
    t.connect(
        new OcppTransport.Listener() {
          @Override
          public void onOpen(OcppVersion negotiated) {
            synchronized (StationSide.this) {
              if (number == connection) {
                open = true;
                everOpened = true;
              }
            }
            clock.signal();
          }

          @Override
          public void onMessage(String frame) {
            received(frame, number);
          }

          @Override
          public void onClose(CloseReason reason, boolean remote) {
            synchronized (StationSide.this) {
              if (number == connection) {
                open = false;
                closed = reason;
              }
            }
            clock.signal();
          }
        });
    boolean settled = clock.awaitUntil(() -> isOpen() || closeReason() != null, within);
    if (isOpen()) {
      return null;
    }
    if (!settled) {
      t.close();
      return "the connection did not open within " + within.toMillis() + " ms";
    }
    CloseReason reason = closeReason();
    return "the CSMS refused the connection: "
        + (reason == null ? "closed" : reason.kind() + " " + reason.detail());
  }

  /** How long a close waits for the pong of a CSMS that may not answer pings. */
  private static final Duration PONG_WAIT = Duration.ofSeconds(2);

  /** Closes the connection, if open, and waits for it to end. */
  public void close(Duration within) {
    OcppTransport t;
    synchronized (this) {
      t = transport;
    }
    if (t != null && isOpen()) {
      // A station answers and closes at once (e.g. after accepting a new password). A CSMS may
      // drop frames it has not read when the socket ends, so first a ping: once its pong is
      // back, the CSMS has read every frame sent before.
      java.util.concurrent.atomic.AtomicBoolean read =
          new java.util.concurrent.atomic.AtomicBoolean();
      t.ping(
          () -> {
            read.set(true);
            clock.signal();
          });
      clock.awaitUntil(read::get, within.compareTo(PONG_WAIT) < 0 ? within : PONG_WAIT);
      t.close();
      clock.awaitUntil(() -> !isOpen(), within);
    }
    synchronized (this) {
      held.clear();
      pendingActions.clear();
    }
  }

  public synchronized boolean isOpen() {
    return open;
  }

  /** Why the connection ended, once it did. */
  public synchronized @Nullable CloseReason closeReason() {
    return closed;
  }

  /** Whether the last connection ended after it opened (the CSMS hung up on us). */
  public synchronized boolean droppedAfterOpening() {
    return everOpened && !open && closed != null;
  }

  public CsmsConnector connector() {
    return connector;
  }

  // ---------------------------------------------------------------------------- sending

  /** Sends a CALL; returns its message id, or null when the connection is not open. */
  public @Nullable String call(String action, ObjectNode payload) {
    String id;
    synchronized (this) {
      id = "kw" + IDS.incrementAndGet();
      pendingActions.put(id, action);
    }
    ArrayNode frame = Json.arr(2, id, action, payload);
    return sendText(Json.text(frame)) ? id : null;
  }

  /**
   * Sends text as it is. A CALL among it (an array starting 2 with a string id and action) is
   * registered so its reply can be awaited; returns that id, "" for other text, or null when the
   * connection is not open.
   */
  public @Nullable String sendRaw(String text) {
    JsonNode parsed = Json.parse(text);
    String id = "";
    if (parsed != null
        && parsed.isArray()
        && parsed.size() >= 3
        && parsed.get(0).asInt() == 2
        && parsed.get(1).isTextual()
        && parsed.get(2).isTextual()) {
      id = parsed.get(1).textValue();
      synchronized (this) {
        pendingActions.put(id, parsed.get(2).textValue());
      }
    }
    return sendText(text) ? id : null;
  }

  /** Answers a held CALL with a CALLRESULT. */
  public boolean answer(IncomingCall call, ObjectNode payload) {
    release(call);
    return sendText(Json.text(Json.arr(3, call.messageId(), payload)));
  }

  /** Answers a held CALL with a CALLERROR. */
  public boolean answerError(IncomingCall call, String code, String description) {
    release(call);
    return sendText(Json.text(Json.arr(4, call.messageId(), code, description, Json.obj())));
  }

  private synchronized void release(IncomingCall call) {
    held.remove(call.messageId());
  }

  private boolean sendText(String text) {
    OcppTransport t;
    int number;
    synchronized (this) {
      t = transport;
      number = connection;
      if (t == null || !open) {
        return false;
      }
      frames.add(new WireFrame(clock.now(), false, text, number));
    }
    return t.send(text);
  }

  // -------------------------------------------------------------------------- receiving

  private void received(String text, int number) {
    synchronized (this) {
      frames.add(new WireFrame(clock.now(), true, text, number));
      String problem =
          oracle.check(
              text,
              id -> {
                String action = pendingActions.get(id);
                return action == null ? Optional.<OcppAction>empty() : oracle.action(action);
              });
      if (problem != null && violation == null) {
        violation = problem;
        violatingFrame = text;
      }
      dispatch(text);
    }
    clock.signal();
  }

  private void dispatch(String text) {
    JsonNode frame = Json.parse(text);
    if (frame == null || !frame.isArray() || frame.size() < 3 || !frame.get(1).isTextual()) {
      return;
    }
    String id = frame.get(1).textValue();
    int type = frame.get(0).asInt();
    if (type == 2 && frame.size() == 4 && frame.get(2).isTextual()) {
      held.put(id, new IncomingCall(id, frame.get(2).textValue(), frame.get(3)));
    } else if (type == 3 && pendingActions.containsKey(id)) {
      pendingActions.remove(id);
      arrivals.put(id, System.nanoTime());
      replies.put(id, new Reply.Result(frame.get(2)));
    } else if (type == 4 && pendingActions.containsKey(id)) {
      pendingActions.remove(id);
      replies.put(
          id,
          new Reply.Error(frame.get(2).asText(), frame.size() > 3 ? frame.get(3).asText() : ""));
    }
  }

  /** When (System.nanoTime()) the CALLRESULT to our CALL {@code messageId} came; null if none. */
  public synchronized @Nullable Long resultArrived(String messageId) {
    return arrivals.get(messageId);
  }

  /** The reply to our CALL {@code messageId}, waiting up to {@code within}; null if none came. */
  public @Nullable Reply awaitReply(String messageId, Duration within) {
    clock.awaitUntil(() -> reply(messageId) != null || violation() != null, within);
    return reply(messageId);
  }

  private synchronized @Nullable Reply reply(String messageId) {
    return replies.get(messageId);
  }

  /** The oldest held CALL of the CSMS, waiting up to {@code within}; null if none came. */
  public @Nullable IncomingCall awaitCall(Duration within) {
    clock.awaitUntil(() -> firstHeld() != null || violation() != null, within);
    return firstHeld();
  }

  /** The oldest held CALL of {@code action}, waiting up to {@code within}; null if none came. */
  public @Nullable IncomingCall awaitCall(String action, Duration within) {
    clock.awaitUntil(() -> firstHeld(action) != null || violation() != null, within);
    return firstHeld(action);
  }

  public synchronized @Nullable IncomingCall firstHeld() {
    return held.isEmpty() ? null : held.values().iterator().next();
  }

  private synchronized @Nullable IncomingCall firstHeld(String action) {
    for (IncomingCall c : held.values()) {
      if (c.action().equals(action)) {
        return c;
      }
    }
    return null;
  }

  /** The CALLs still held, oldest first. */
  public synchronized List<IncomingCall> held() {
    return List.copyOf(held.values());
  }

  /** The first frame of the CSMS that broke its schema, described; null while none did. */
  /** The CSMS frame that broke its schema first, if any. */
  public synchronized @Nullable String violatingFrame() {
    return violatingFrame;
  }

  /** The text of the last frame the CSMS sent with message id {@code messageId}, if any. */
  public synchronized @Nullable String csmsFrame(String messageId) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      WireFrame f = frames.get(i);
      if (f.fromCsms()) {
        JsonNode parsed = Json.parse(f.text());
        if (parsed != null && parsed.path(1).asText("").equals(messageId)) {
          return f.text();
        }
      }
    }
    return null;
  }

  public synchronized @Nullable String violation() {
    return violation;
  }

  /** Every frame so far, in wire order. */
  public synchronized List<WireFrame> frames() {
    return List.copyOf(frames);
  }

  public Clockwork clock() {
    return clock;
  }
}
