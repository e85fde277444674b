package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.rpc.CallHandler;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * OCPP 2.1 spoken through the 2.0.1 adapter: the 2.0.1 gateway and handlers see an endpoint of
 * 2.0.1 records; this one carries them over a 2.1 {@link RpcSession} as the 2.1 records of the same
 * action ({@link V21Translation}). One domain, one mapping: what 2.1 adds is refused by name where
 * the station cannot honour it yet, and 2.1's own actions are handled on the session directly.
 *
 * <ul>
 *   <li>On a station, a CSMS CALL is translated strictly: a 2.1 field or value the station would
 *       otherwise ignore (a discharge limit, an operation mode other than ChargingOnly, Reset
 *       ImmediateAndResume) is answered with CALLERROR NotSupported naming the field.
 *   <li>The station's CALLs and answers carry only 2.0.1 fields, which 2.1 keeps.
 *   <li>A CSMS answer is translated leniently: 2.1 extras the station does not use are dropped; one
 *       no 2.0.1 record can hold fails the call as an invalid CALLRESULT.
 * </ul>
 */
public final class V21Endpoint implements OcppEndpoint {
  private static final OcppActions V201 = OcppActions.of(OcppVersion.V201);
  private static final OcppActions V21 = OcppActions.of(OcppVersion.V21);

  private final RpcSession session;
  private final Mode peerCalls;
  // What 2.1 adds to the station's own CALLs, and learns from their answers, by 2.1 request type.
  // Several features amend one message (cost details, a new trigger reason): each in turn.
  private final Map<Class<?>, List<UnaryOperator<OcppMessage>>> amendments = new HashMap<>();
  private final Map<Class<?>, List<BiConsumer<OcppMessage, OcppMessage>>> answerReaders =
      new HashMap<>();
  private final Map<Class<?>, List<UnaryOperator<OcppMessage>>> answerAmendments = new HashMap<>();

  /**
   * A bridge over {@code session}. {@code peerCalls} is how the peer's CALLs are translated: a
   * station takes a CSMS's instructions {@link Mode#STRICT}ly; a CSMS (the emulator's sandbox) may
   * take a station's reports {@link Mode#LENIENT}ly and ignore the 2.1 extras it does not use.
   */
  public V21Endpoint(RpcSession session, Mode peerCalls) {
    if (session.version() != OcppVersion.V21) {
      throw new IllegalArgumentException("not a 2.1 session: " + session.version());
    }
    this.session = session;
    this.peerCalls = peerCalls;
  }

  /** The station's bridge: a CSMS's CALLs are translated strictly. */
  public static V21Endpoint forStation(RpcSession session) {
    return new V21Endpoint(session, Mode.STRICT);
  }

  /**
   * Before the station's CALLs of {@code type} (a 2.1 request) go out, {@code amend} may add what
   * only 2.1 has (a transaction's cost details); the amendments of a type apply in the order they
   * were registered, each to what the one before made.
   */
  public <Q extends OcppMessage> void amend(Class<Q> type, UnaryOperator<Q> amend) {
    amendments.computeIfAbsent(type, t -> new ArrayList<>()).add(m -> amend.apply(type.cast(m)));
  }

  /**
   * The CSMS's 2.1 answers to the station's CALLs of {@code type} reach {@code reader} in full,
   * with the request, before the 2.0.1 side gets what it knows of them (a driver's tariff in an
   * Authorize answer); several readers of a type each get them, in the order they were registered.
   */
  public <Q extends OcppMessage, R extends OcppMessage> void readAnswers(
      Class<Q> type, Class<R> answerType, BiConsumer<Q, R> reader) {
    answerReaders
        .computeIfAbsent(type, t -> new ArrayList<>())
        .add((q, r) -> reader.accept(type.cast(q), answerType.cast(r)));
  }

  /**
   * The CSMS's 2.1 answers to the station's CALLs of {@code type}, after the readers had them, pass
   * {@code amend} before they become 2.0.1 records: it takes out or fits what 2.1 allows there and
   * a 2.0.1 record cannot hold (a QR code as personal message), which would otherwise fail the
   * whole answer.
   */
  public <Q extends OcppMessage, R extends OcppMessage> void amendAnswers(
      Class<Q> type, Class<R> answerType, UnaryOperator<R> amend) {
    answerAmendments
        .computeIfAbsent(type, t -> new ArrayList<>())
        .add(r -> amend.apply(answerType.cast(r)));
  }

  /** The 2.1 session itself, for 2.1's own actions. */
  public RpcSession session() {
    return session;
  }

  @Override
  public <Q extends OcppMessage, R extends OcppMessage> void handle(
      Class<Q> requestType, CallHandler<Q, R> handler) {
    OcppAction shared = V201.forRequest(requestType);
    OcppAction action = counterpart(shared);
    @SuppressWarnings("unchecked") // the session checks that the class is this action's request
    Class<OcppMessage> type = (Class<OcppMessage>) action.requestType();
    session.handle(
        type,
        (OcppMessage request) -> {
          Q translated;
          try {
            translated = V21Translation.translate(request, requestType, peerCalls);
          } catch (Untranslatable u) {
            throw new OcppCallException(
                ErrorCode.NOT_SUPPORTED,
                action.wireName() + " " + u.path() + ": " + u.problem() + "; not supported here");
          }
          R response = handler.handle(translated);
          return V21Translation.translate(response, action.responseType(), Mode.STRICT);
        });
  }

  @Override
  public <R extends OcppMessage> CompletableFuture<R> call(OcppMessage request, Class<R> response) {
    OcppAction shared = V201.forRequest(request.getClass());
    if (shared.responseType() != response) {
      throw new IllegalArgumentException(
          shared.wireName() + " answers with " + shared.responseType().getSimpleName());
    }
    OcppAction action = counterpart(shared);
    OcppMessage plain = V21Translation.translate(request, action.requestType(), Mode.STRICT);
    OcppMessage amended = plain;
    for (UnaryOperator<OcppMessage> amendment :
        amendments.getOrDefault(action.requestType(), List.of())) {
      amended = amendment.apply(amended);
    }
    OcppMessage translated = amended;
    List<BiConsumer<OcppMessage, OcppMessage>> readers =
        answerReaders.getOrDefault(action.requestType(), List.of());
    List<UnaryOperator<OcppMessage>> fits =
        answerAmendments.getOrDefault(action.requestType(), List.of());
    return session
        .call(action, translated)
        .thenApply(
            answer -> {
              readers.forEach(reader -> reader.accept(translated, answer));
              OcppMessage fitted = answer;
              for (UnaryOperator<OcppMessage> fit : fits) {
                fitted = fit.apply(fitted);
              }
              try {
                return V21Translation.translate(fitted, response, Mode.LENIENT);
              } catch (Untranslatable u) {
                throw new CallFailedException.InvalidResult(
                    action.wireName(), "-", u.path(), u.problem());
              }
            });
  }

  private static OcppAction counterpart(OcppAction shared) {
    return V21.byName(shared.wireName())
        .orElseThrow(() -> new IllegalStateException("2.1 has no " + shared.wireName()));
  }
}
