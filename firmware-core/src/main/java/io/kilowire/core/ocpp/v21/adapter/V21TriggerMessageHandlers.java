package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v201.adapter.V201StationHandlers;
import io.kilowire.core.ocpp.v21.MessageTrigger;
import io.kilowire.core.ocpp.v21.StatusInfo;
import io.kilowire.core.ocpp.v21.TriggerMessageRequest;
import io.kilowire.core.ocpp.v21.TriggerMessageResponse;
import io.kilowire.core.ocpp.v21.TriggerMessageStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.certificates.SigningKind;

/**
 * TriggerMessage in 2.1's terms. The kinds 2.0.1 has are triggered as on 2.0.1.
 * SignV2G20Certificate starts a signing request for the ISO 15118-20 SECC certificate on a station
 * whose EVSEs speak ISO 15118-20 (Rejected while ISO15118Ctrlr.V2GCertificateInstallationEnabled is
 * false); elsewhere, and for CustomTrigger (the station has no custom triggers), the answer is
 * NotImplemented with the reason, as F06 asks of a kind a station does not send, instead of a
 * CALLERROR. A customTrigger beside another kind means nothing and is left aside.
 */
final class V21TriggerMessageHandlers {
  private V21TriggerMessageHandlers() {}

  static void register(V21Endpoint endpoint, Station station) {
    endpoint.session().handle(TriggerMessageRequest.class, r -> answer(station, r));
  }

  private static TriggerMessageResponse answer(Station station, TriggerMessageRequest r) {
    if (r.requestedMessage() == MessageTrigger.SIGN_V2_G20_CERTIFICATE) {
      if (!station.iso15118Dash20()) {
        return notImplemented("no EVSE here speaks ISO 15118-20");
      }
      if (!station.certificates().signs(SigningKind.V2G20)) {
        return TriggerMessageResponse.of(TriggerMessageStatus.REJECTED);
      }
      station.certificates().requestSigning(SigningKind.V2G20);
      return TriggerMessageResponse.of(TriggerMessageStatus.ACCEPTED);
    }
    if (r.requestedMessage() == MessageTrigger.CUSTOM_TRIGGER) {
      return notImplemented("no custom trigger " + r.customTrigger() + " here");
    }
    TriggerMessageRequest shared =
        new TriggerMessageRequest(r.evse(), r.requestedMessage(), null, r.customData());
    io.kilowire.core.ocpp.v201.TriggerMessageRequest plain;
    try {
      plain =
          V21Translation.translate(
              shared,
              io.kilowire.core.ocpp.v201.TriggerMessageRequest.class,
              V21Translation.Mode.STRICT);
    } catch (Untranslatable u) {
      throw new OcppCallException(
          ErrorCode.NOT_SUPPORTED,
          "TriggerMessage " + u.path() + ": " + u.problem() + "; not supported here");
    }
    return V21Translation.translate(
        V201StationHandlers.trigger(station, plain),
        TriggerMessageResponse.class,
        V21Translation.Mode.STRICT);
  }

  private static TriggerMessageResponse notImplemented(String why) {
    return new TriggerMessageResponse(
        TriggerMessageStatus.NOT_IMPLEMENTED, new StatusInfo("UnsupportedKind", why, null), null);
  }
}
