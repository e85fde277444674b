package io.kilowire.emulator.sandbox;

import static io.kilowire.emulator.sandbox.SandboxCsms.on;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v201.AuthorizationStatus;
import io.kilowire.core.ocpp.v201.AuthorizeRequest;
import io.kilowire.core.ocpp.v201.AuthorizeResponse;
import io.kilowire.core.ocpp.v201.BootNotificationRequest;
import io.kilowire.core.ocpp.v201.BootNotificationResponse;
import io.kilowire.core.ocpp.v201.ClearedChargingLimitRequest;
import io.kilowire.core.ocpp.v201.ClearedChargingLimitResponse;
import io.kilowire.core.ocpp.v201.DataTransferRequest;
import io.kilowire.core.ocpp.v201.DataTransferResponse;
import io.kilowire.core.ocpp.v201.DataTransferStatus;
import io.kilowire.core.ocpp.v201.HeartbeatRequest;
import io.kilowire.core.ocpp.v201.HeartbeatResponse;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.ocpp.v201.MeterValuesRequest;
import io.kilowire.core.ocpp.v201.MeterValuesResponse;
import io.kilowire.core.ocpp.v201.NotifyChargingLimitRequest;
import io.kilowire.core.ocpp.v201.NotifyChargingLimitResponse;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsResponse;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsStatus;
import io.kilowire.core.ocpp.v201.NotifyEventRequest;
import io.kilowire.core.ocpp.v201.NotifyEventResponse;
import io.kilowire.core.ocpp.v201.NotifyReportRequest;
import io.kilowire.core.ocpp.v201.NotifyReportResponse;
import io.kilowire.core.ocpp.v201.RegistrationStatus;
import io.kilowire.core.ocpp.v201.SecurityEventNotificationRequest;
import io.kilowire.core.ocpp.v201.SecurityEventNotificationResponse;
import io.kilowire.core.ocpp.v201.StatusNotificationRequest;
import io.kilowire.core.ocpp.v201.StatusNotificationResponse;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.ocpp.v201.TransactionEventResponse;

/** The sandbox's OCPP 2.0.1 answers. */
final class V201Handlers {
  private V201Handlers() {}

  static void register(RpcSession s, SandboxCsms csms, String id) {
    on(
        s,
        csms,
        id,
        BootNotificationRequest.class,
        r ->
            r.chargingStation().vendorName()
                + " "
                + r.chargingStation().model()
                + " ("
                + r.reason().value()
                + ") -> Accepted",
        r ->
            new BootNotificationResponse(
                null,
                csms.now(),
                SandboxCsms.HEARTBEAT_INTERVAL,
                RegistrationStatus.ACCEPTED,
                null));
    on(s, csms, id, HeartbeatRequest.class, r -> "", r -> new HeartbeatResponse(null, csms.now()));
    on(
        s,
        csms,
        id,
        StatusNotificationRequest.class,
        r ->
            "EVSE "
                + r.evseId()
                + " connector "
                + r.connectorId()
                + " "
                + r.connectorStatus().value(),
        r -> new StatusNotificationResponse(null));
    on(
        s,
        csms,
        id,
        AuthorizeRequest.class,
        r -> r.idToken().idToken() + " -> Accepted",
        r -> {
          String type = r.idToken().type().value();
          String problem = TokenCheck.problem(type, r.idToken().idToken()).orElse(null);
          if (problem != null) {
            csms.print(id, "Authorize " + r.idToken().idToken() + " (" + type + ") -> " + problem);
            throw new OcppCallException(
                ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, "idToken.idToken: " + problem);
          }
          return new AuthorizeResponse(null, IdTokenInfo.of(AuthorizationStatus.ACCEPTED), null);
        });
    on(
        s,
        csms,
        id,
        TransactionEventRequest.class,
        r ->
            r.eventType().value()
                + " "
                + r.transactionInfo().transactionId()
                + " seqNo "
                + r.seqNo()
                + " "
                + r.triggerReason().value(),
        r -> new TransactionEventResponse(null, null, null, null, null));
    on(
        s,
        csms,
        id,
        MeterValuesRequest.class,
        r -> "EVSE " + r.evseId() + " " + r.meterValue().size() + " sample(s)",
        r -> new MeterValuesResponse(null));
    on(
        s,
        csms,
        id,
        NotifyEventRequest.class,
        r -> r.eventData().size() + " event(s)",
        r -> new NotifyEventResponse(null));
    on(
        s,
        csms,
        id,
        NotifyChargingLimitRequest.class,
        r -> r.chargingLimit().chargingLimitSource().value() + " limit",
        r -> NotifyChargingLimitResponse.of());
    on(
        s,
        csms,
        id,
        ClearedChargingLimitRequest.class,
        r -> r.chargingLimitSource().value() + " limit cleared",
        r -> ClearedChargingLimitResponse.of());
    on(
        s,
        csms,
        id,
        NotifyEVChargingNeedsRequest.class,
        r ->
            "EVSE "
                + r.evseId()
                + " "
                + r.chargingNeeds().requestedEnergyTransfer().value()
                + " -> Accepted",
        r -> NotifyEVChargingNeedsResponse.of(NotifyEVChargingNeedsStatus.ACCEPTED));
    on(
        s,
        csms,
        id,
        NotifyReportRequest.class,
        r -> "request " + r.requestId() + " seqNo " + r.seqNo(),
        r -> new NotifyReportResponse(null));
    on(
        s,
        csms,
        id,
        SecurityEventNotificationRequest.class,
        r -> r.type(),
        r -> new SecurityEventNotificationResponse(null));
    on(
        s,
        csms,
        id,
        DataTransferRequest.class,
        r -> "vendor " + r.vendorId() + " -> UnknownVendorId",
        r -> new DataTransferResponse(null, DataTransferStatus.UNKNOWN_VENDOR_ID, null, null));
  }
}
