package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v201.adapter.V201FirmwareHandlers;
import io.kilowire.core.ocpp.v21.Firmware;
import io.kilowire.core.ocpp.v21.GenericStatus;
import io.kilowire.core.ocpp.v21.PublishFirmwareRequest;
import io.kilowire.core.ocpp.v21.PublishFirmwareResponse;
import io.kilowire.core.ocpp.v21.UpdateFirmwareRequest;
import io.kilowire.core.ocpp.v21.UpdateFirmwareResponse;
import io.kilowire.core.ocpp.v21.UpdateFirmwareStatus;
import io.kilowire.core.station.Station;

/**
 * 2.1's UpdateFirmware and PublishFirmware: 2.1 lets a firmware location be 2000 characters long
 * where 2.0.1's record holds 512, so the request is read in 2.1's own record and handed to the
 * firmware room as 2.0.1's handler does ({@link V201FirmwareHandlers#update}, {@link
 * V201FirmwareHandlers#publication}); the two messages are otherwise the same in both versions.
 */
public final class V21FirmwareHandlers {
  private V21FirmwareHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    if (!station.takesFirmwareUpdates()) {
      return;
    }
    RpcSession session = endpoint.session();
    session.handle(
        UpdateFirmwareRequest.class,
        r -> {
          Firmware f = r.firmware();
          return UpdateFirmwareResponse.of(
              UpdateFirmwareStatus.valueOf(
                  station
                      .updateFirmware(
                          V201FirmwareHandlers.update(
                              r.requestId(),
                              f.location(),
                              r.retries(),
                              r.retryInterval(),
                              f.retrieveDateTime(),
                              f.installDateTime(),
                              f.signingCertificate(),
                              f.signature()))
                      .name()));
        });
    if (station.publishesFirmware()) {
      session.handle(
          PublishFirmwareRequest.class,
          r ->
              PublishFirmwareResponse.of(
                  station.publishFirmware(
                          V201FirmwareHandlers.publication(
                              r.requestId(),
                              r.location(),
                              r.checksum(),
                              r.retries(),
                              r.retryInterval()))
                      ? GenericStatus.ACCEPTED
                      : GenericStatus.REJECTED));
    }
  }
}
