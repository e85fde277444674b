package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.v201.TriggerMessageRequest;
import io.kilowire.core.ocpp.v201.TriggerMessageStatus;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.station.certificates.SigningKind;
import org.jspecify.annotations.Nullable;

/**
 * TriggerMessage for a certificate signing request (A02): the CSR follows the reply. An ISO 15118
 * SECC certificate is Rejected while V2G certificate installation is disabled; a combined one then
 * asks for the station's own only (our reading: the switch speaks of the V2G certificate alone).
 */
final class V201TriggeredSigning {
  private V201TriggeredSigning() {}

  /** The answer if {@code r} asked for a signing request, which is then under way; else null. */
  static @Nullable TriggerMessageStatus requested(
      TriggerMessageRequest r, Certificates certificates) {
    switch (r.requestedMessage()) {
      case SIGN_CHARGING_STATION_CERTIFICATE ->
          certificates.requestSigning(SigningKind.CHARGING_STATION);
      case SIGN_V2_G_CERTIFICATE -> {
        if (!certificates.signs(SigningKind.V2G)) {
          return TriggerMessageStatus.REJECTED;
        }
        certificates.requestSigning(SigningKind.V2G);
      }
      case SIGN_COMBINED_CERTIFICATE -> {
        certificates.requestSigning(SigningKind.CHARGING_STATION);
        if (certificates.signs(SigningKind.V2G)) {
          certificates.requestSigning(SigningKind.V2G);
        }
      }
      default -> {
        return null;
      }
    }
    return TriggerMessageStatus.ACCEPTED;
  }
}
