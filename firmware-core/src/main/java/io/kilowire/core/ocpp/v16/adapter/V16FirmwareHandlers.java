package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v16.Firmware;
import io.kilowire.core.ocpp.v16.SignedUpdateFirmwareRequest;
import io.kilowire.core.ocpp.v16.SignedUpdateFirmwareResponse;
import io.kilowire.core.ocpp.v16.UpdateFirmwareRequest;
import io.kilowire.core.ocpp.v16.UpdateFirmwareResponse;
import io.kilowire.core.ocpp.v16.UpdateFirmwareStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.firmware.FirmwareLocations;
import io.kilowire.core.station.firmware.FirmwareUpdate;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The Firmware Management profile of OCPP 1.6 (§5.19 UpdateFirmware) and the security extension's
 * SignedUpdateFirmware, on the station's firmware room. Registered only when the station has a
 * firmware installer.
 */
public final class V16FirmwareHandlers {
  private V16FirmwareHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    if (!station.takesFirmwareUpdates()) {
      return;
    }
    session.handle(
        UpdateFirmwareRequest.class,
        r -> {
          station.updateFirmware(
              new FirmwareUpdate(
                  null,
                  location(r.location()),
                  retries(r.retries()),
                  interval(r.retryInterval()),
                  r.retrieveDate(),
                  null,
                  null,
                  null));
          return new UpdateFirmwareResponse();
        });
    session.handle(
        SignedUpdateFirmwareRequest.class,
        r -> {
          Firmware f = r.firmware();
          return new SignedUpdateFirmwareResponse(
              UpdateFirmwareStatus.valueOf(
                  station
                      .updateFirmware(
                          new FirmwareUpdate(
                              r.requestId(),
                              location(f.location()),
                              retries(r.retries()),
                              interval(r.retryInterval()),
                              f.retrieveDateTime(),
                              f.installDateTime(),
                              f.signingCertificate(),
                              f.signature()))
                      .name()));
        });
  }

  /** A location the station cannot use is refused by name (the schema only says "a string"). */
  static URI location(String text) {
    return FirmwareLocations.parse(text)
        .orElseThrow(
            () ->
                new OcppCallException(
                    ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
                    "location: not an absolute URI with a host: " + clip(text)));
  }

  static int retries(@Nullable Integer retries) {
    return retries == null ? FirmwareUpdate.DEFAULT_RETRIES : Math.max(0, retries);
  }

  static Duration interval(@Nullable Integer seconds) {
    return seconds == null
        ? FirmwareUpdate.DEFAULT_RETRY_INTERVAL
        : Duration.ofSeconds(Math.max(0, seconds));
  }

  private static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
