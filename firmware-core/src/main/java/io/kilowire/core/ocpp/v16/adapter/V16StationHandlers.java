package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v16.AvailabilityStatus;
import io.kilowire.core.ocpp.v16.AvailabilityType;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityRequest;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityResponse;
import io.kilowire.core.ocpp.v16.DataTransferRequest;
import io.kilowire.core.ocpp.v16.DataTransferResponse;
import io.kilowire.core.ocpp.v16.DataTransferStatus;
import io.kilowire.core.ocpp.v16.RemoteStartStopStatus;
import io.kilowire.core.ocpp.v16.RemoteStartTransactionRequest;
import io.kilowire.core.ocpp.v16.RemoteStartTransactionResponse;
import io.kilowire.core.ocpp.v16.RemoteStopTransactionRequest;
import io.kilowire.core.ocpp.v16.RemoteStopTransactionResponse;
import io.kilowire.core.ocpp.v16.ResetRequest;
import io.kilowire.core.ocpp.v16.ResetResponse;
import io.kilowire.core.ocpp.v16.ResetStatus;
import io.kilowire.core.ocpp.v16.ResetType;
import io.kilowire.core.ocpp.v16.TriggerMessageRequest;
import io.kilowire.core.ocpp.v16.TriggerMessageResponse;
import io.kilowire.core.ocpp.v16.TriggerMessageStatus;
import io.kilowire.core.ocpp.v16.UnlockConnectorRequest;
import io.kilowire.core.ocpp.v16.UnlockConnectorResponse;
import io.kilowire.core.ocpp.v16.UnlockStatus;
import io.kilowire.core.station.Station;
import org.jspecify.annotations.Nullable;

/** Answers the CSMS's OCPP 1.6 commands by calling the version-neutral {@link Station}. */
public final class V16StationHandlers {
  private V16StationHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    V16ReservationHandlers.register(session, station);
    V16FirmwareHandlers.register(session, station);
    V16LogHandlers.register(session, station);
    session.handle(
        RemoteStartTransactionRequest.class,
        r -> {
          Integer connector = r.connectorId();
          if (connector != null && (connector < 1 || connector > station.evseCount())) {
            return new RemoteStartTransactionResponse(RemoteStartStopStatus.REJECTED);
          }
          io.kilowire.core.ocpp.v16.ChargingProfile wire = r.chargingProfile();
          if (wire != null
              && (wire.chargingProfilePurpose()
                      != io.kilowire.core.ocpp.v16.ChargingProfilePurpose.TX_PROFILE
                  || wire.transactionId() != null)) {
            // 1.6 errata 3.41: only a TxProfile without transactionId may ride on a remote start.
            return new RemoteStartTransactionResponse(RemoteStartStopStatus.REJECTED);
          }
          boolean ok =
              station.remoteStart(
                  connector,
                  r.idTag(),
                  "Central",
                  null,
                  wire == null
                      ? null
                      : V16SmartChargingMapping.profile(connector == null ? 1 : connector, wire));
          return new RemoteStartTransactionResponse(
              ok ? RemoteStartStopStatus.ACCEPTED : RemoteStartStopStatus.REJECTED);
        });
    session.handle(
        RemoteStopTransactionRequest.class,
        r ->
            new RemoteStopTransactionResponse(
                station.remoteStop(String.valueOf(r.transactionId()))
                    ? RemoteStartStopStatus.ACCEPTED
                    : RemoteStartStopStatus.REJECTED));
    session.handle(
        ChangeAvailabilityRequest.class,
        r -> {
          if (r.connectorId() < 0 || r.connectorId() > station.evseCount()) {
            return new ChangeAvailabilityResponse(AvailabilityStatus.REJECTED);
          }
          Station.AvailabilityChange outcome =
              station.changeAvailability(r.connectorId(), r.type() == AvailabilityType.OPERATIVE);
          return new ChangeAvailabilityResponse(AvailabilityStatus.valueOf(outcome.name()));
        });
    session.handle(
        ResetRequest.class,
        r -> {
          station.reset(r.type() == ResetType.HARD, false);
          return new ResetResponse(ResetStatus.ACCEPTED);
        });
    session.handle(
        UnlockConnectorRequest.class,
        r ->
            new UnlockConnectorResponse(
                switch (station.unlock(r.connectorId())) {
                  case UNLOCKED -> UnlockStatus.UNLOCKED;
                  case UNLOCK_FAILED -> UnlockStatus.UNLOCK_FAILED;
                  case UNKNOWN_CONNECTOR -> UnlockStatus.NOT_SUPPORTED;
                }));
    session.handle(
        TriggerMessageRequest.class,
        r ->
            new TriggerMessageResponse(
                trigger(station, r.requestedMessage().value(), r.connectorId(), false)));
    session.handle(
        io.kilowire.core.ocpp.v16.SetChargingProfileRequest.class,
        r ->
            V16SmartChargingMapping.response(
                station.setChargingProfile(V16SmartChargingMapping.profile(r))));
    session.handle(
        io.kilowire.core.ocpp.v16.ClearChargingProfileRequest.class,
        r ->
            V16SmartChargingMapping.clearResponse(
                station.clearChargingProfiles(V16SmartChargingMapping.criteria(r))));
    session.handle(
        io.kilowire.core.ocpp.v16.GetCompositeScheduleRequest.class,
        r -> {
          if (r.connectorId() < 0 || r.connectorId() > station.evseCount() || r.duration() < 0) {
            return V16SmartChargingMapping.compositeRejected();
          }
          io.kilowire.core.smartcharging.RateUnit unit =
              V16SmartChargingMapping.requestedUnit(
                  r.chargingRateUnit(), io.kilowire.core.smartcharging.RateUnit.A);
          return V16SmartChargingMapping.compositeResponse(
              station.compositeSchedule(r.connectorId(), r.duration(), unit));
        });
    // The security extension's ExtendedTriggerMessage adds certificate and log triggers and asks
    // for the signed firmware status; a certificate trigger sends a signing request after the
    // reply, the messages both know behave as in TriggerMessage.
    session.handle(
        io.kilowire.core.ocpp.v16.ExtendedTriggerMessageRequest.class,
        r -> {
          if (r.requestedMessage()
              == io.kilowire.core.ocpp.v16.MessageTrigger.SIGN_CHARGE_POINT_CERTIFICATE) {
            station
                .certificates()
                .requestSigning(io.kilowire.core.station.certificates.SigningKind.CHARGING_STATION);
            return new io.kilowire.core.ocpp.v16.ExtendedTriggerMessageResponse(
                TriggerMessageStatus.ACCEPTED);
          }
          return new io.kilowire.core.ocpp.v16.ExtendedTriggerMessageResponse(
              trigger(station, r.requestedMessage().value(), r.connectorId(), true));
        });
    // No vendor extensions: every vendor id is unknown (OCPP 1.6 §5.6).
    session.handle(
        DataTransferRequest.class,
        r -> new DataTransferResponse(DataTransferStatus.UNKNOWN_VENDOR_ID, null));
  }

  /** Both trigger messages, by the requested message's wire name (the two enums share them). */
  private static TriggerMessageStatus trigger(
      Station station, String requested, @Nullable Integer connector, boolean extended) {
    Station.Trigger what =
        switch (requested) {
          case "BootNotification" -> Station.Trigger.BOOT_NOTIFICATION;
          case "Heartbeat" -> Station.Trigger.HEARTBEAT;
          case "StatusNotification" -> Station.Trigger.STATUS_NOTIFICATION;
          case "MeterValues" -> Station.Trigger.METER_VALUES;
          case "FirmwareStatusNotification" ->
              !station.takesFirmwareUpdates()
                  ? null
                  : extended
                      ? Station.Trigger.FIRMWARE_STATUS
                      : Station.Trigger.PLAIN_FIRMWARE_STATUS;
          case "DiagnosticsStatusNotification" ->
              station.uploadsLogs() && !extended ? Station.Trigger.DIAGNOSTICS_STATUS : null;
          case "LogStatusNotification" ->
              station.uploadsLogs() && extended ? Station.Trigger.LOG_STATUS : null;
          default -> null;
        };
    if (what == null) {
      return TriggerMessageStatus.NOT_IMPLEMENTED;
    }
    return station.trigger(what, connector)
        ? TriggerMessageStatus.ACCEPTED
        : TriggerMessageStatus.REJECTED;
  }
}
