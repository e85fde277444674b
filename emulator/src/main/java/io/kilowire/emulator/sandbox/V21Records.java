package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.v21.adapter.Untranslatable;
import io.kilowire.core.ocpp.v21.adapter.V21Translation;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;

/**
 * Lets the sandbox's 2.0.1 bookkeeping (a new password, a TxProfile to judge an EV's schedule by, a
 * station's items per message) see its CALLs to a 2.1 station: a 2.1 record as the 2.0.1 record of
 * the same action, where 2.1 added nothing to it, and back.
 */
final class V21Records {
  private static final OcppActions V201 = OcppActions.of(OcppVersion.V201);
  private static final OcppActions V21 = OcppActions.of(OcppVersion.V21);

  private V21Records() {}

  /**
   * The 2.0.1 record of {@code message} ({@code action}'s request or response); the message itself
   * when it is no 2.1 record, 2.0.1 has no such action, or it holds what only 2.1 has (a request is
   * never stripped of a 2.1 field: it is sent as it came). An answer's 2.1 extras are dropped.
   */
  static OcppMessage as201(String action, OcppMessage message, boolean answer) {
    OcppAction shared = V201.byName(action).orElse(null);
    if (shared == null || V21.byName(action).isEmpty()) {
      return message;
    }
    Class<? extends OcppMessage> target = answer ? shared.responseType() : shared.requestType();
    if (target.isInstance(message)) {
      return message;
    }
    try {
      return V21Translation.translate(message, target, answer ? Mode.LENIENT : Mode.STRICT);
    } catch (Untranslatable u) {
      return message;
    }
  }

  /** The 2.1 record a 2.1 station is sent for {@code message}, a request of {@code action}. */
  static OcppMessage as21(OcppAction action, OcppMessage message) {
    return action.requestType().isInstance(message)
        ? message
        : V21Translation.translate(message, action.requestType(), Mode.STRICT);
  }
}
