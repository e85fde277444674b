package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.Firmware;
import io.kilowire.core.ocpp.v201.UpdateFirmwareRequest;
import io.kilowire.core.ocpp.v201.UpdateFirmwareResponse;
import io.kilowire.core.ocpp.v201.UpdateFirmwareStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.firmware.FirmwareLocations;
import io.kilowire.core.station.firmware.FirmwareUpdate;
import java.net.URI;
import java.time.Duration;

/**
 * Block L of OCPP 2.0.1: UpdateFirmware (L01 secure, L02 without signature) on the station's
 * firmware room. Registered only when the station has a firmware installer.
 */
public final class V201FirmwareHandlers {
  private V201FirmwareHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    if (!station.takesFirmwareUpdates()) {
      return;
    }
    registerPublishing(session, station);
    session.handle(
        UpdateFirmwareRequest.class,
        r -> {
          Firmware f = r.firmware();
          return UpdateFirmwareResponse.of(
              UpdateFirmwareStatus.valueOf(
                  station
                      .updateFirmware(
                          new FirmwareUpdate(
                              r.requestId(),
                              location(f.location()),
                              r.retries() == null
                                  ? FirmwareUpdate.DEFAULT_RETRIES
                                  : Math.max(0, r.retries()),
                              r.retryInterval() == null
                                  ? FirmwareUpdate.DEFAULT_RETRY_INTERVAL
                                  : Duration.ofSeconds(Math.max(0, r.retryInterval())),
                              f.retrieveDateTime(),
                              f.installDateTime(),
                              f.signingCertificate(),
                              f.signature()))
                      .name()));
        });
  }

  /** L03/L04, when the station publishes firmware as a local controller. */
  private static void registerPublishing(OcppEndpoint session, Station station) {
    if (!station.publishesFirmware()) {
      return;
    }
    session.handle(
        io.kilowire.core.ocpp.v201.PublishFirmwareRequest.class,
        r ->
            io.kilowire.core.ocpp.v201.PublishFirmwareResponse.of(
                station.publishFirmware(
                        new io.kilowire.core.station.firmware.FirmwarePublishing.Request(
                            r.requestId(),
                            location(r.location()),
                            r.checksum(),
                            r.retries() == null
                                ? FirmwareUpdate.DEFAULT_RETRIES
                                : Math.max(0, r.retries()),
                            r.retryInterval() == null
                                ? FirmwareUpdate.DEFAULT_RETRY_INTERVAL
                                : Duration.ofSeconds(Math.max(0, r.retryInterval()))))
                    ? io.kilowire.core.ocpp.v201.GenericStatus.ACCEPTED
                    : io.kilowire.core.ocpp.v201.GenericStatus.REJECTED));
    session.handle(
        io.kilowire.core.ocpp.v201.UnpublishFirmwareRequest.class,
        r ->
            io.kilowire.core.ocpp.v201.UnpublishFirmwareResponse.of(
                io.kilowire.core.ocpp.v201.UnpublishFirmwareStatus.valueOf(
                    station.unpublishFirmware(r.checksum()).name())));
  }

  static URI location(String text) {
    return FirmwareLocations.parse(text)
        .orElseThrow(
            () ->
                new OcppCallException(
                    ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
                    "firmware.location: not an absolute URI with a host"));
  }
}
