package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v201.adapter.V201StationHandlers;
import io.kilowire.core.ocpp.v21.Reset;
import io.kilowire.core.ocpp.v21.ResetRequest;
import io.kilowire.core.ocpp.v21.ResetResponse;
import io.kilowire.core.ocpp.v21.ResetStatus;
import io.kilowire.core.ocpp.v21.StatusInfo;
import io.kilowire.core.station.Station;

/**
 * 2.1's Reset ImmediateAndResume (B13) and the TxResumed it leads to: the station reboots without
 * ending its transactions and takes them up again after the reboot ({@link Station#resetAndResume};
 * Rejected while its ResumptionTimeout is 0); with an evseId only that EVSE resets, in place, and
 * its transaction goes on ({@link Station#resetEvseAndResume}). The other reset types go to the
 * 2.0.1 handler. The resumed transaction's TransactionEvent leaves the 2.0.1 gateway marked (2.0.1
 * has no TxResumed); {@link V21TriggerMarkers} gives it 2.1's trigger reason.
 */
public final class V21ResetHandlers {
  private V21ResetHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    endpoint.session().handle(ResetRequest.class, r -> reset(station, r));
  }

  private static ResetResponse reset(Station station, ResetRequest r) {
    if (r.type() != Reset.IMMEDIATE_AND_RESUME) {
      return V21Translation.translate(
          V201StationHandlers.reset(
              station,
              V21Translation.translate(
                  r, io.kilowire.core.ocpp.v201.ResetRequest.class, V21Translation.Mode.STRICT)),
          ResetResponse.class,
          V21Translation.Mode.STRICT);
    }
    Integer evse = r.evseId();
    if (evse != null) {
      if (evse < 1 || evse > station.evseCount()) {
        return new ResetResponse(
            ResetStatus.REJECTED, new StatusInfo("UnknownEvse", "no EVSE " + evse, null), null);
      }
      return station.resetEvseAndResume(evse) == Station.ResetOutcome.ACCEPTED
          ? new ResetResponse(ResetStatus.ACCEPTED, null, null)
          : noResumption();
    }
    return station.resetAndResume() == Station.ResetOutcome.ACCEPTED
        ? new ResetResponse(ResetStatus.ACCEPTED, null, null)
        : noResumption();
  }

  private static ResetResponse noResumption() {
    return new ResetResponse(
        ResetStatus.REJECTED,
        new StatusInfo(
            "NoResumption", "TxCtrlr.ResumptionTimeout is 0 or a reset is pending", null),
        null);
  }
}
