package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.v201.TriggerMessageRequest;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.station.certificates.SigningKind;

/** TriggerMessage for a certificate signing request (A02): the CSR follows the reply. */
final class V201TriggeredSigning {
  private V201TriggeredSigning() {}

  /** True if {@code r} asked for a signing request, which is then under way. */
  static boolean requested(TriggerMessageRequest r, Certificates certificates) {
    switch (r.requestedMessage()) {
      case SIGN_CHARGING_STATION_CERTIFICATE ->
          certificates.requestSigning(SigningKind.CHARGING_STATION);
      case SIGN_V2_G_CERTIFICATE -> certificates.requestSigning(SigningKind.V2G);
      case SIGN_COMBINED_CERTIFICATE -> {
        certificates.requestSigning(SigningKind.CHARGING_STATION);
        certificates.requestSigning(SigningKind.V2G);
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
