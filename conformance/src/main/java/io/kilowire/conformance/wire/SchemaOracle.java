package io.kilowire.conformance.wire;

import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.Initiator;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.DecodedFrame;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.Frame;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks every frame a CSMS sends against the official schema of its version. The oracle is
 * Kilowire's strict codec: the wire records are generated from the OCA's JSON schemas (the ones
 * ocpp-rpc bundles) and carry every schema constraint in their constructors (required fields,
 * types, lengths, enums, ranges, no unknown properties), and the codec maps JSON onto them without
 * coercion and names the JSON path of the first problem. A CALL must be an action of the version
 * that a CSMS may send; a CALLRESULT must match the response schema of the CALL it answers; a
 * CALLERROR must carry an error code of the version, spelt as the version spells it. Frames that
 * are not OCPP-J at all fail too.
 */
public final class SchemaOracle {
  private final OcppVersion version;
  private final OcppActions actions;

  /** Shared: the codec is thread-safe and caches each record's shape, which takes a while. */
  private static final JsonFrameCodec CODEC = new JsonFrameCodec();

  private final JsonFrameCodec codec = CODEC;

  public SchemaOracle(OcppVersion version) {
    this.version = version;
    this.actions = OcppActions.of(version);
  }

  /**
   * The problem with a frame the CSMS sent, or null when it conforms.
   *
   * @param actionOf the action of the station's CALL with this message id, if one is pending
   */
  public @Nullable String check(String text, Function<String, Optional<OcppAction>> actionOf) {
    DecodedFrame decoded = codec.decode(text);
    if (decoded instanceof DecodedFrame.Failed failed) {
      return "not a valid OCPP-J frame: " + failed.error().detail();
    }
    Frame frame = ((DecodedFrame.Ok) decoded).frame();
    if (!frame.type().definedIn(version)) {
      return "message type " + frame.type().number() + " is not part of " + version.subprotocol();
    }
    if (frame instanceof Frame.Call call) {
      OcppAction action = actions.byName(call.action()).orElse(null);
      if (action == null) {
        return call.action() + " is not an action of " + version.subprotocol();
      }
      if (!action.initiator().allows(Role.CSMS)) {
        return call.action() + " is never sent by a CSMS";
      }
      return payloadProblem(
          call.action() + " request",
          () -> codec.decodePayload(call.payload(), action.requestType()));
    }
    if (frame instanceof Frame.CallResult result) {
      Optional<OcppAction> action = actionOf.apply(result.messageId());
      if (action.isEmpty()) {
        return "CALLRESULT for message id " + result.messageId() + ", which no CALL is waiting for";
      }
      OcppAction a = action.get();
      return payloadProblem(
          a.wireName() + " response",
          () -> codec.decodePayload(result.payload(), a.responseType()));
    }
    if (frame instanceof Frame.CallError error) {
      Optional<ErrorCode> code = ErrorCode.fromWire(error.errorCode());
      if (code.isEmpty() || !code.get().wireName(version).equals(error.errorCode())) {
        return "CALLERROR code "
            + error.errorCode()
            + " is not an error code of "
            + version.subprotocol();
      }
      if (error.description().length() > 255) {
        return "CALLERROR description longer than 255 characters";
      }
      return null;
    }
    return null;
  }

  /** Whether {@code action} is one the station side sends (for a CALL the suite writes). */
  public Optional<OcppAction> stationAction(String action) {
    return actions.byName(action).filter(a -> a.initiator() != Initiator.CSMS);
  }

  public Optional<OcppAction> action(String name) {
    return actions.byName(name);
  }

  private static @Nullable String payloadProblem(String what, Runnable decode) {
    try {
      decode.run();
      return null;
    } catch (ConstraintViolation v) {
      return what
          + " breaks its schema"
          + (v.path().isEmpty() ? "" : " at " + v.path())
          + ": "
          + v.problem();
    }
  }
}
