package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.AFRRSignalRequest;
import io.kilowire.core.ocpp.v21.AFRRSignalResponse;
import io.kilowire.core.ocpp.v21.GenericStatus;
import io.kilowire.core.station.Station;

/**
 * OCPP 2.1 frequency support driven by the CSMS (CentralFrequency): AFRRSignal hands the aFRR
 * signal and the instant it takes effect to the domain ({@link Station#afrrSignal}), where periods
 * in that mode follow their signal-watt curve at it.
 */
public final class V21FrequencyHandlers {
  private V21FrequencyHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    endpoint
        .session()
        .handle(
            AFRRSignalRequest.class,
            r -> {
              station.afrrSignal(r.timestamp(), r.signal());
              return new AFRRSignalResponse(GenericStatus.ACCEPTED, null, null);
            });
  }
}
