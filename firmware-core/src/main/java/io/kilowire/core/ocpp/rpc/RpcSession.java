package io.kilowire.core.ocpp.rpc;

import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.FrameError.Problem;
import io.kilowire.core.scheduling.TaskScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OCPP-J connection's RPC: sends CALLs one at a time (OCPP-J: no new CALL while one is
 * unanswered; later ones queue), correlates replies by message id, times calls out, routes incoming
 * CALLs to handlers and answers every bad frame with the CALLERROR its version prescribes, or drops
 * it where the version says to ignore it. Deterministic: time comes from the {@link TaskScheduler},
 * frames leave through the {@link FrameSink}. Thread-safe by a single monitor.
 */
public final class RpcSession implements OcppEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(RpcSession.class);
  private static final int MAX_DESCRIPTION = 255;

  /**
   * @param name how this session appears in logs (the station id)
   * @param callTimeout the spec's MessageTimeout
   * @param replayCacheSize how many answered CALL ids are remembered for retransmissions
   */
  public record Config(
      String name,
      OcppVersion version,
      Role role,
      Duration callTimeout,
      Supplier<String> messageIds,
      int replayCacheSize) {
    public Config {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(role, "role");
      if (callTimeout.isNegative() || callTimeout.isZero()) {
        throw new IllegalArgumentException("callTimeout must be positive");
      }
    }

    public static Config of(String name, OcppVersion version, Role role) {
      return new Config(
          name, version, role, Duration.ofSeconds(30), () -> UUID.randomUUID().toString(), 64);
    }

    public Config withCallTimeout(Duration timeout) {
      return new Config(name, version, role, timeout, messageIds, replayCacheSize);
    }

    public Config withMessageIds(Supplier<String> ids) {
      return new Config(name, version, role, callTimeout, ids, replayCacheSize);
    }
  }

  private final Config config;
  private final OcppActions actions;
  private final FrameCodec codec;
  private final FrameSink sink;
  private final TaskScheduler scheduler;
  private final Map<OcppAction, CallHandler<OcppMessage, OcppMessage>> handlers = new HashMap<>();
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  private final Set<String> inProgress = new HashSet<>();
  private final LinkedHashMap<String, String> answered;
  private @Nullable Outgoing inFlight;
  private boolean connected;

  public RpcSession(Config config, FrameCodec codec, FrameSink sink, TaskScheduler scheduler) {
    this.config = config;
    this.actions = OcppActions.of(config.version());
    this.codec = codec;
    this.sink = sink;
    this.scheduler = scheduler;
    int cacheSize = config.replayCacheSize();
    this.answered =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > cacheSize;
          }
        };
  }

  public OcppVersion version() {
    return config.version();
  }

  public OcppActions actions() {
    return actions;
  }

  /** How long a CALL of this session waits for its answer (the MessageTimeout in force). */
  public Duration callTimeout() {
    return config.callTimeout();
  }

  /** Registers the handler for one action's CALLs; actions without one answer NotSupported. */
  @Override
  @SuppressWarnings("unchecked")
  public synchronized <Q extends OcppMessage, R extends OcppMessage> void handle(
      Class<Q> requestType, CallHandler<Q, R> handler) {
    OcppAction action = actions.forRequest(requestType);
    if (!action.initiator().allows(config.role().peer())) {
      throw new IllegalArgumentException(
          action.wireName() + " is never sent to a " + config.role().name().toLowerCase());
    }
    handlers.put(action, (CallHandler<OcppMessage, OcppMessage>) handler);
  }

  // ------------------------------------------------------------------------------ connection

  /** The transport is open: queued CALLs may go out. */
  public synchronized void connected() {
    connected = true;
    sendNext();
  }

  /** The transport closed: the CALL in flight and all queued ones fail; nothing is resent. */
  public synchronized void disconnected() {
    connected = false;
    inProgress.clear();
    answered.clear();
    if (inFlight != null) {
      Outgoing o = inFlight;
      inFlight = null;
      o.cancelTimer();
      o.future.completeExceptionally(
          new CallFailedException.NotConnected(o.action.wireName(), o.messageId));
    }
    while (!queue.isEmpty()) {
      Outgoing o = queue.poll();
      o.future.completeExceptionally(
          new CallFailedException.NotConnected(o.action.wireName(), o.messageId));
    }
  }

  public synchronized boolean isConnected() {
    return connected;
  }

  // -------------------------------------------------------------------------------- outgoing

  /**
   * Sends a CALL, or queues it behind the one in flight. The future completes with the decoded
   * response or fails with a {@link CallFailedException}.
   */
  @Override
  public <R extends OcppMessage> CompletableFuture<R> call(OcppMessage request, Class<R> response) {
    OcppAction action = actions.forRequest(request.getClass());
    if (action.responseType() != response) {
      throw new IllegalArgumentException(
          action.wireName() + " answers with " + action.responseType().getSimpleName());
    }
    return call(action, request).thenApply(response::cast);
  }

  /** Sends a CALL of {@code action}; the request must be that action's request record. */
  public synchronized CompletableFuture<OcppMessage> call(OcppAction action, OcppMessage request) {
    if (action.version() != config.version() || action.requestType() != request.getClass()) {
      throw new IllegalArgumentException(
          request.getClass().getSimpleName() + " is not the request of " + action.wireName());
    }
    if (!action.initiator().allows(config.role())) {
      throw new IllegalArgumentException(
          action.wireName() + " is not sent by a " + config.role().name().toLowerCase());
    }
    String id = config.messageIds().get();
    Outgoing o = new Outgoing(id, action, request);
    if (!connected) {
      o.future.completeExceptionally(new CallFailedException.NotConnected(action.wireName(), id));
      return o.future;
    }
    queue.add(o);
    sendNext();
    return o.future;
  }

  /** How many CALLs wait behind the one in flight. */
  public synchronized int queued() {
    return queue.size();
  }

  private void sendNext() {
    if (inFlight != null || !connected || queue.isEmpty()) {
      return;
    }
    Outgoing o = queue.poll();
    inFlight = o;
    String text =
        codec.encode(
            new Frame.Call(o.messageId, o.action.wireName(), codec.encodePayload(o.request)));
    o.timer = scheduler.schedule(config.callTimeout(), () -> timedOut(o));
    sink.send(text);
  }

  private synchronized void timedOut(Outgoing o) {
    if (inFlight != o) {
      return;
    }
    inFlight = null;
    LOG.warn(
        "[{}] {} {} got no reply within {}",
        config.name(),
        o.action.wireName(),
        o.messageId,
        config.callTimeout());
    o.future.completeExceptionally(
        new CallFailedException.Timeout(o.action.wireName(), o.messageId, config.callTimeout()));
    sendNext();
  }

  // -------------------------------------------------------------------------------- incoming

  /** Processes one frame received from the peer. Never throws for bad input. */
  public synchronized void onFrame(String text) {
    DecodedFrame decoded;
    try {
      decoded = codec.decode(text);
    } catch (RuntimeException e) {
      LOG.error("[{}] codec failed on a frame; dropped: {}", config.name(), abbreviate(text), e);
      return;
    }
    if (decoded instanceof DecodedFrame.Failed failed) {
      onBadFrame(failed.error(), text);
      return;
    }
    Frame frame = ((DecodedFrame.Ok) decoded).frame();
    if (!frame.type().definedIn(config.version())) {
      onUnknownType(frame.messageId(), "message type " + frame.type().number(), text);
    } else if (frame instanceof Frame.Call call) {
      onCall(call);
    } else if (frame instanceof Frame.CallResult result) {
      onResult(result, text);
    } else if (frame instanceof Frame.CallError error) {
      onError(error);
    } else {
      onLaterVersionFrame(frame);
    }
  }

  private void onCall(Frame.Call call) {
    String id = call.messageId();
    String replay = answered.get(id);
    if (replay != null) {
      // A CALL id repeated after we answered: the peer retries because our reply was lost.
      // Answer again with the same frame rather than act twice.
      LOG.info("[{}] repeated CALL id {}; re-sending the earlier reply", config.name(), id);
      sink.send(replay);
      return;
    }
    if (!inProgress.add(id)) {
      LOG.warn("[{}] CALL id {} repeated while still in progress; ignored", config.name(), id);
      return;
    }
    String reply;
    try {
      reply = answer(call);
    } finally {
      inProgress.remove(id);
    }
    answered.put(id, reply);
    sink.send(reply);
  }

  private String answer(Frame.Call call) {
    OcppAction action = actions.byName(call.action()).orElse(null);
    if (action == null) {
      return error(call, ErrorCode.NOT_IMPLEMENTED, "unknown action " + call.action(), Map.of());
    }
    if (!action.initiator().allows(config.role().peer())) {
      return error(
          call,
          ErrorCode.NOT_SUPPORTED,
          call.action() + " is not sent to a " + config.role().name().toLowerCase(),
          Map.of());
    }
    CallHandler<OcppMessage, OcppMessage> handler = handlers.get(action);
    if (handler == null) {
      return error(call, ErrorCode.NOT_SUPPORTED, call.action() + " is not supported", Map.of());
    }
    OcppMessage request;
    try {
      request = codec.decodePayload(call.payload(), action.requestType());
    } catch (ConstraintViolation v) {
      return error(
          call,
          ErrorCode.forViolation(v.kind(), config.version()),
          v.getMessage(),
          v.path().isEmpty()
              ? Map.of("problem", v.problem())
              : Map.of("field", v.path(), "problem", v.problem()));
    }
    OcppMessage response;
    try {
      response = handler.handle(request);
    } catch (OcppCallException e) {
      return error(call, e.code(), e.getMessage(), Map.of());
    } catch (RuntimeException e) {
      LOG.error("[{}] handler of {} failed", config.name(), call.action(), e);
      return error(
          call, ErrorCode.INTERNAL_ERROR, "the station could not process the call", Map.of());
    }
    if (response == null || response.getClass() != action.responseType()) {
      LOG.error(
          "[{}] handler of {} returned {} instead of {}",
          config.name(),
          call.action(),
          response == null ? "null" : response.getClass().getSimpleName(),
          action.responseType().getSimpleName());
      return error(
          call, ErrorCode.INTERNAL_ERROR, "the station could not process the call", Map.of());
    }
    return codec.encode(new Frame.CallResult(call.messageId(), codec.encodePayload(response)));
  }

  private String error(
      Frame.Call call, ErrorCode code, String description, Map<String, ?> details) {
    return errorFrame(call.messageId(), code, description, details);
  }

  private String errorFrame(String id, ErrorCode code, String description, Map<String, ?> details) {
    return codec.encode(
        new Frame.CallError(
            id,
            code.wireName(config.version()),
            abbreviate(description, MAX_DESCRIPTION),
            codec.details(details)));
  }

  private void onResult(Frame.CallResult result, String raw) {
    Outgoing o = claim(result.messageId(), "CALLRESULT", raw);
    if (o == null) {
      return;
    }
    try {
      OcppMessage response = codec.decodePayload(result.payload(), o.action.responseType());
      o.future.complete(response);
    } catch (ConstraintViolation v) {
      LOG.warn(
          "[{}] invalid CALLRESULT for {} ({}): {}; frame: {}",
          config.name(),
          o.action.wireName(),
          o.messageId,
          v.getMessage(),
          abbreviate(raw));
      o.future.completeExceptionally(
          new CallFailedException.InvalidResult(
              o.action.wireName(), o.messageId, v.path(), v.problem()));
      if (config.version() == OcppVersion.V21) {
        sink.send(
            codec.encode(
                new Frame.CallResultError(
                    o.messageId,
                    ErrorCode.forViolation(v.kind(), config.version()).wireName(config.version()),
                    abbreviate(v.getMessage(), MAX_DESCRIPTION),
                    codec.details(Map.of("field", v.path())))));
      }
    }
    sendNext();
  }

  private void onError(Frame.CallError error) {
    Outgoing o = claim(error.messageId(), "CALLERROR", null);
    if (o == null) {
      return;
    }
    o.future.completeExceptionally(
        new CallFailedException.CallErrorReceived(
            o.action.wireName(),
            o.messageId,
            error.errorCode(),
            error.description(),
            error.details().json()));
    sendNext();
  }

  /** The in-flight call a reply answers, or null (logged) for a late or unknown reply. */
  private @Nullable Outgoing claim(String id, String kind, @Nullable String raw) {
    if (inFlight == null || !inFlight.messageId.equals(id)) {
      LOG.warn(
          "[{}] {} for unknown or timed-out message id {}; dropped{}",
          config.name(),
          kind,
          id,
          raw == null ? "" : ": " + abbreviate(raw));
      return null;
    }
    Outgoing o = inFlight;
    inFlight = null;
    o.cancelTimer();
    return o;
  }

  /** CALLRESULTERROR (5) and SEND (6), which exist from 2.1 on. */
  private void onLaterVersionFrame(Frame frame) {
    if (frame instanceof Frame.CallResultError e) {
      LOG.warn(
          "[{}] peer could not process our CALLRESULT {}: {} {}",
          config.name(),
          e.messageId(),
          e.errorCode(),
          e.description());
    } else if (frame instanceof Frame.Send s) {
      LOG.info("[{}] SEND {} received; no handler", config.name(), s.action());
    }
  }

  /**
   * A frame whose message type this version does not define, well-formed or not: OCPP-J 2.0.1
   * answers MessageTypeNotSupported (id "-1" when unreadable); 1.6 and 2.1 ignore it.
   */
  private void onUnknownType(@Nullable String id, String what, String raw) {
    if (config.version() != OcppVersion.V201) {
      LOG.warn(
          "[{}] {} is not part of {}; ignored: {}",
          config.name(),
          what,
          config.version().subprotocol(),
          abbreviate(raw));
      return;
    }
    sink.send(
        errorFrame(
            id != null ? id : "-1",
            ErrorCode.MESSAGE_TYPE_NOT_SUPPORTED,
            what + " is not part of OCPP 2.0.1",
            Map.of()));
  }

  private void onBadFrame(FrameError e, String raw) {
    Integer type = e.messageType();
    if (e.problem() == Problem.UNKNOWN_MESSAGE_TYPE
        || (type != null
            && MessageType.of(type).map(t -> !t.definedIn(config.version())).orElse(false))) {
      onUnknownType(e.messageId(), "message type " + (type != null ? type : "?"), raw);
      return;
    }
    LOG.warn(
        "[{}] bad frame ({}: {}): {}", config.name(), e.problem(), e.detail(), abbreviate(raw));
    boolean reply = type != null && (type == 3 || type == 4 || type == 5);
    if (reply) {
      // Replies are never answered; a broken one still settles the call it belongs to.
      if (e.messageId() != null && inFlight != null && inFlight.messageId.equals(e.messageId())) {
        Outgoing o = claim(e.messageId(), "broken reply", null);
        if (o != null) {
          o.future.completeExceptionally(
              new CallFailedException.InvalidResult(
                  o.action.wireName(), o.messageId, "", e.detail()));
          sendNext();
        }
      }
      return;
    }
    ErrorCode code = errorFor(e);
    if (code == null) {
      return;
    }
    String id = e.messageId() != null ? e.messageId() : "-1";
    sink.send(errorFrame(id, code, e.detail(), Map.of()));
  }

  /**
   * The CALLERROR for a frame of a known type that is not a valid CALL, or null to drop it: OCPP
   * 1.6 cannot answer a frame whose id is unreadable; 2.0.1 answers with RpcFrameworkError (id "-1"
   * when unreadable). Unknown types never get here ({@link #onUnknownType}).
   */
  private @Nullable ErrorCode errorFor(FrameError e) {
    OcppVersion v = config.version();
    boolean hasId = e.messageId() != null;
    if (v == OcppVersion.V16 && !hasId) {
      return null;
    }
    return switch (e.problem()) {
      case BAD_PAYLOAD, LIMIT_EXCEEDED ->
          hasId ? ErrorCode.FORMAT_VIOLATION : ErrorCode.RPC_FRAMEWORK_ERROR;
      case BAD_SHAPE ->
          v == OcppVersion.V16 ? ErrorCode.PROTOCOL_ERROR : ErrorCode.RPC_FRAMEWORK_ERROR;
      default -> ErrorCode.RPC_FRAMEWORK_ERROR;
    };
  }

  private static String abbreviate(String s) {
    return abbreviate(s, 512);
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static final class Outgoing {
    final String messageId;
    final OcppAction action;
    final OcppMessage request;
    final CompletableFuture<OcppMessage> future = new CompletableFuture<>();
    TaskScheduler.@Nullable Cancellable timer;

    Outgoing(String messageId, OcppAction action, OcppMessage request) {
      this.messageId = messageId;
      this.action = action;
      this.request = request;
    }

    void cancelTimer() {
      if (timer != null) {
        timer.cancel();
      }
    }
  }
}
