package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.ChangeAvailabilityRequest;
import io.kilowire.core.ocpp.v201.ChangeAvailabilityResponse;
import io.kilowire.core.ocpp.v201.ChangeAvailabilityStatus;
import io.kilowire.core.ocpp.v201.DataTransferRequest;
import io.kilowire.core.ocpp.v201.DataTransferResponse;
import io.kilowire.core.ocpp.v201.DataTransferStatus;
import io.kilowire.core.ocpp.v201.GetTransactionStatusRequest;
import io.kilowire.core.ocpp.v201.GetTransactionStatusResponse;
import io.kilowire.core.ocpp.v201.OperationalStatus;
import io.kilowire.core.ocpp.v201.RequestStartStopStatus;
import io.kilowire.core.ocpp.v201.RequestStartTransactionRequest;
import io.kilowire.core.ocpp.v201.RequestStartTransactionResponse;
import io.kilowire.core.ocpp.v201.RequestStopTransactionRequest;
import io.kilowire.core.ocpp.v201.RequestStopTransactionResponse;
import io.kilowire.core.ocpp.v201.Reset;
import io.kilowire.core.ocpp.v201.ResetRequest;
import io.kilowire.core.ocpp.v201.ResetResponse;
import io.kilowire.core.ocpp.v201.ResetStatus;
import io.kilowire.core.ocpp.v201.TriggerMessageRequest;
import io.kilowire.core.ocpp.v201.TriggerMessageResponse;
import io.kilowire.core.ocpp.v201.TriggerMessageStatus;
import io.kilowire.core.ocpp.v201.UnlockConnectorRequest;
import io.kilowire.core.ocpp.v201.UnlockConnectorResponse;
import io.kilowire.core.ocpp.v201.UnlockStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.transaction.Transaction;

/** Answers the CSMS's OCPP 2.0.1 commands by calling the version-neutral {@link Station}. */
public final class V201StationHandlers {
  private V201StationHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    V201ReservationHandlers.register(session, station);
    V201FirmwareHandlers.register(session, station);
    V201LogHandlers.register(session, station);
    session.handle(
        RequestStartTransactionRequest.class,
        r -> {
          Integer evse = r.evseId();
          if (evse != null && (evse < 1 || evse > station.evseCount())) {
            return new RequestStartTransactionResponse(
                null, RequestStartStopStatus.REJECTED, null, null);
          }
          io.kilowire.core.ocpp.v201.ChargingProfile wire = r.chargingProfile();
          if (wire != null
              && (wire.chargingProfilePurpose()
                      != io.kilowire.core.ocpp.v201.ChargingProfilePurpose.TX_PROFILE
                  || wire.transactionId() != null)) {
            // 2.0.1 F01/K05: the profile of a RequestStart is a TxProfile without transactionId.
            return new RequestStartTransactionResponse(
                null, RequestStartStopStatus.REJECTED, null, null);
          }
          boolean ok =
              station.remoteStart(
                  evse,
                  WideTokens.value(r.idToken()),
                  WideTokens.type(r.idToken()),
                  r.remoteStartId(),
                  wire == null
                      ? null
                      : V201SmartChargingMapping.profile(
                          evse == null ? 1 : evse,
                          wire,
                          io.kilowire.core.smartcharging.LimitSource.CSO));
          return new RequestStartTransactionResponse(
              null,
              ok ? RequestStartStopStatus.ACCEPTED : RequestStartStopStatus.REJECTED,
              null,
              null);
        });
    session.handle(
        RequestStopTransactionRequest.class,
        r ->
            new RequestStopTransactionResponse(
                null,
                station.remoteStop(r.transactionId())
                    ? RequestStartStopStatus.ACCEPTED
                    : RequestStartStopStatus.REJECTED,
                null));
    session.handle(
        ChangeAvailabilityRequest.class,
        r -> {
          // An unknown EVSE or connector changes nothing; each EVSE has one connector, so the
          // connector's availability is its EVSE's.
          if (!V201Addresses.exists(station, r.evse())) {
            return new ChangeAvailabilityResponse(null, ChangeAvailabilityStatus.REJECTED, null);
          }
          int evse = r.evse() == null ? 0 : r.evse().id();
          Station.AvailabilityChange outcome =
              station.changeAvailability(
                  evse, r.operationalStatus() == OperationalStatus.OPERATIVE);
          return new ChangeAvailabilityResponse(
              null, ChangeAvailabilityStatus.valueOf(outcome.name()), null);
        });
    session.handle(ResetRequest.class, r -> reset(station, r));
    session.handle(
        UnlockConnectorRequest.class,
        r -> {
          if (!V201Addresses.isConnector(station, r.evseId(), r.connectorId())) {
            return new UnlockConnectorResponse(null, UnlockStatus.UNKNOWN_CONNECTOR, null);
          }
          if (station.transaction(r.evseId()).isPresent()) {
            // 2.0.1 F05: a transaction with an authorized token keeps the cable locked.
            return new UnlockConnectorResponse(
                null, UnlockStatus.ONGOING_AUTHORIZED_TRANSACTION, null);
          }
          return new UnlockConnectorResponse(
              null,
              switch (station.unlock(r.evseId())) {
                case UNLOCKED -> UnlockStatus.UNLOCKED;
                case UNLOCK_FAILED -> UnlockStatus.UNLOCK_FAILED;
                case UNKNOWN_CONNECTOR -> UnlockStatus.UNKNOWN_CONNECTOR;
              },
              null);
        });
    session.handle(TriggerMessageRequest.class, r -> trigger(station, r));
    session.handle(
        io.kilowire.core.ocpp.v201.SetChargingProfileRequest.class,
        r ->
            V201SmartChargingMapping.response(
                station.setChargingProfile(V201SmartChargingMapping.profile(r))));
    session.handle(
        io.kilowire.core.ocpp.v201.ClearChargingProfileRequest.class,
        r ->
            V201SmartChargingMapping.clearResponse(
                r, station.clearChargingProfiles(V201SmartChargingMapping.criteria(r))));
    session.handle(
        io.kilowire.core.ocpp.v201.GetChargingProfilesRequest.class,
        r -> {
          java.util.List<io.kilowire.core.smartcharging.ChargingProfile> found =
              station.chargingProfiles(V201SmartChargingMapping.query(r));
          if (!found.isEmpty()) {
            // ReportChargingProfiles follow the reply (K09), tbc on all but the last.
            station.afterReply(
                () ->
                    V201SmartChargingMapping.reports(r.requestId(), found)
                        .forEach(
                            report ->
                                session.call(
                                    report,
                                    io.kilowire.core.ocpp.v201.ReportChargingProfilesResponse
                                        .class)));
          }
          return V201SmartChargingMapping.getChargingProfilesResponse(found);
        });
    session.handle(
        io.kilowire.core.ocpp.v201.GetCompositeScheduleRequest.class,
        r -> {
          io.kilowire.core.ocpp.v201.GetCompositeScheduleResponse refused =
              compositeRefusal(station, r);
          return refused != null
              ? refused
              : V201SmartChargingMapping.compositeResponse(composite(station, r));
        });
    session.handle(
        GetTransactionStatusRequest.class,
        r -> {
          String id = r.transactionId();
          boolean ongoing =
              id != null
                  && station.openTransactions().stream().map(Transaction::id).anyMatch(id::equals);
          return new GetTransactionStatusResponse(
              null, id == null ? null : ongoing, station.queuedTransactionMessages() > 0);
        });
    session.handle(
        DataTransferRequest.class,
        r -> new DataTransferResponse(null, DataTransferStatus.UNKNOWN_VENDOR_ID, null, null));
  }

  /** The answer to a TriggerMessage, the message it asks for sent after it (F06, M04/A02). */
  public static TriggerMessageResponse trigger(Station station, TriggerMessageRequest r) {
    TriggerMessageStatus signing = V201TriggeredSigning.requested(r, station.certificates());
    if (signing != null) {
      return new TriggerMessageResponse(null, signing, null);
    }
    Station.Trigger what =
        switch (r.requestedMessage()) {
          case BOOT_NOTIFICATION -> Station.Trigger.BOOT_NOTIFICATION;
          case HEARTBEAT -> Station.Trigger.HEARTBEAT;
          case STATUS_NOTIFICATION -> Station.Trigger.STATUS_NOTIFICATION;
          case METER_VALUES -> Station.Trigger.METER_VALUES;
          case TRANSACTION_EVENT -> Station.Trigger.TRANSACTION_EVENT;
          case FIRMWARE_STATUS_NOTIFICATION ->
              station.takesFirmwareUpdates() ? Station.Trigger.FIRMWARE_STATUS : null;
          case LOG_STATUS_NOTIFICATION -> station.uploadsLogs() ? Station.Trigger.LOG_STATUS : null;
          case PUBLISH_FIRMWARE_STATUS_NOTIFICATION ->
              station.publishesFirmware() ? Station.Trigger.PUBLISH_FIRMWARE_STATUS : null;
          default -> null;
        };
    if (what == null) {
      return new TriggerMessageResponse(null, TriggerMessageStatus.NOT_IMPLEMENTED, null);
    }
    if (what == Station.Trigger.BOOT_NOTIFICATION && station.isAccepted()) {
      // F06.FR.17: no triggered BootNotification once the boot was accepted.
      return new TriggerMessageResponse(null, TriggerMessageStatus.REJECTED, null);
    }
    if (!V201Addresses.exists(station, r.evse())) {
      return new TriggerMessageResponse(null, TriggerMessageStatus.REJECTED, null);
    }
    Integer evse = r.evse() == null ? null : r.evse().id();
    return new TriggerMessageResponse(
        null,
        station.trigger(what, evse) ? TriggerMessageStatus.ACCEPTED : TriggerMessageStatus.REJECTED,
        null);
  }

  /** GetCompositeSchedule's answer when it cannot be computed; null when it can. */
  public static io.kilowire.core.ocpp.v201.@org.jspecify.annotations.Nullable
      GetCompositeScheduleResponse
      compositeRefusal(Station station, io.kilowire.core.ocpp.v201.GetCompositeScheduleRequest r) {
    if (r.evseId() < 0 || r.evseId() > station.evseCount()) {
      return V201SmartChargingMapping.compositeRejected(
          "UnknownEVSE", "EVSE " + r.evseId() + " does not exist");
    }
    if (r.duration() < 0) {
      return V201SmartChargingMapping.compositeRejected("InvalidValue", "negative duration");
    }
    return null;
  }

  /** The composite GetCompositeSchedule asks for, in its unit (A when it names none). */
  public static io.kilowire.core.smartcharging.CompositeSchedule composite(
      Station station, io.kilowire.core.ocpp.v201.GetCompositeScheduleRequest r) {
    io.kilowire.core.smartcharging.RateUnit unit =
        V201SmartChargingMapping.requestedUnit(
            r.chargingRateUnit(), io.kilowire.core.smartcharging.RateUnit.A);
    return station.compositeSchedule(r.evseId(), r.duration(), unit);
  }

  /** B11/B12: a reset of the station or of one EVSE (2.1's bridge hands it its 2.0.1 kinds). */
  public static ResetResponse reset(Station station, ResetRequest r) {
    Integer evse = r.evseId();
    if (evse != null) {
      if (evse < 1 || evse > station.evseCount()) {
        return new ResetResponse(null, ResetStatus.REJECTED, null);
      }
      Station.ResetOutcome one = station.resetEvse(evse, r.type() == Reset.ON_IDLE);
      return new ResetResponse(
          null,
          one == Station.ResetOutcome.SCHEDULED ? ResetStatus.SCHEDULED : ResetStatus.ACCEPTED,
          null);
    }
    Station.ResetOutcome outcome = station.reset(true, r.type() == Reset.ON_IDLE);
    return new ResetResponse(
        null,
        outcome == Station.ResetOutcome.SCHEDULED ? ResetStatus.SCHEDULED : ResetStatus.ACCEPTED,
        null);
  }
}
