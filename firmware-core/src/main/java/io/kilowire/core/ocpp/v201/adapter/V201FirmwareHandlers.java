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
import io.kilowire.core.station.firmware.FirmwarePublishing;
import io.kilowire.core.station.firmware.FirmwareUpdate;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

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
                          update(
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
                        publication(
                            r.requestId(),
                            r.location(),
                            r.checksum(),
                            r.retries(),
                            r.retryInterval()))
                    ? io.kilowire.core.ocpp.v201.GenericStatus.ACCEPTED
                    : io.kilowire.core.ocpp.v201.GenericStatus.REJECTED));
    session.handle(
        io.kilowire.core.ocpp.v201.UnpublishFirmwareRequest.class,
        r ->
            io.kilowire.core.ocpp.v201.UnpublishFirmwareResponse.of(
                io.kilowire.core.ocpp.v201.UnpublishFirmwareStatus.valueOf(
                    station.unpublishFirmware(r.checksum()).name())));
  }

  /**
   * An UpdateFirmware in the firmware room's terms (retries and interval never below zero, the
   * defaults when absent); 2.1, whose location may be longer than 2.0.1's record holds, passes its
   * own fields.
   */
  public static FirmwareUpdate update(
      int requestId,
      String location,
      @Nullable Integer retries,
      @Nullable Integer retryInterval,
      Instant retrieve,
      @Nullable Instant install,
      @Nullable String signingCertificate,
      @Nullable String signature) {
    return new FirmwareUpdate(
        requestId,
        location(location),
        retries(retries),
        retryInterval(retryInterval),
        retrieve,
        install,
        signingCertificate,
        signature);
  }

  /** A PublishFirmware in the firmware room's terms, as {@link #update} reads its fields. */
  public static FirmwarePublishing.Request publication(
      int requestId,
      String location,
      String checksum,
      @Nullable Integer retries,
      @Nullable Integer retryInterval) {
    return new FirmwarePublishing.Request(
        requestId, location(location), checksum, retries(retries), retryInterval(retryInterval));
  }

  private static int retries(@Nullable Integer retries) {
    return retries == null ? FirmwareUpdate.DEFAULT_RETRIES : Math.max(0, retries);
  }

  private static Duration retryInterval(@Nullable Integer seconds) {
    return seconds == null
        ? FirmwareUpdate.DEFAULT_RETRY_INTERVAL
        : Duration.ofSeconds(Math.max(0, seconds));
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
