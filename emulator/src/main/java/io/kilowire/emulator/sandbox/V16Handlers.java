package io.kilowire.emulator.sandbox;

import static io.kilowire.emulator.sandbox.SandboxCsms.on;

import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.AuthorizationStatus;
import io.kilowire.core.ocpp.v16.AuthorizeRequest;
import io.kilowire.core.ocpp.v16.AuthorizeResponse;
import io.kilowire.core.ocpp.v16.BootNotificationRequest;
import io.kilowire.core.ocpp.v16.BootNotificationResponse;
import io.kilowire.core.ocpp.v16.DataTransferRequest;
import io.kilowire.core.ocpp.v16.DataTransferResponse;
import io.kilowire.core.ocpp.v16.DataTransferStatus;
import io.kilowire.core.ocpp.v16.DiagnosticsStatusNotificationRequest;
import io.kilowire.core.ocpp.v16.DiagnosticsStatusNotificationResponse;
import io.kilowire.core.ocpp.v16.FirmwareStatusNotificationRequest;
import io.kilowire.core.ocpp.v16.FirmwareStatusNotificationResponse;
import io.kilowire.core.ocpp.v16.GenericStatus;
import io.kilowire.core.ocpp.v16.HeartbeatRequest;
import io.kilowire.core.ocpp.v16.HeartbeatResponse;
import io.kilowire.core.ocpp.v16.IdTagInfo;
import io.kilowire.core.ocpp.v16.LogStatusNotificationRequest;
import io.kilowire.core.ocpp.v16.LogStatusNotificationResponse;
import io.kilowire.core.ocpp.v16.MeterValuesRequest;
import io.kilowire.core.ocpp.v16.MeterValuesResponse;
import io.kilowire.core.ocpp.v16.RegistrationStatus;
import io.kilowire.core.ocpp.v16.SecurityEventNotificationRequest;
import io.kilowire.core.ocpp.v16.SecurityEventNotificationResponse;
import io.kilowire.core.ocpp.v16.SignCertificateRequest;
import io.kilowire.core.ocpp.v16.SignCertificateResponse;
import io.kilowire.core.ocpp.v16.SignedFirmwareStatusNotificationRequest;
import io.kilowire.core.ocpp.v16.SignedFirmwareStatusNotificationResponse;
import io.kilowire.core.ocpp.v16.StartTransactionRequest;
import io.kilowire.core.ocpp.v16.StartTransactionResponse;
import io.kilowire.core.ocpp.v16.StatusNotificationRequest;
import io.kilowire.core.ocpp.v16.StatusNotificationResponse;
import io.kilowire.core.ocpp.v16.StopTransactionRequest;
import io.kilowire.core.ocpp.v16.StopTransactionResponse;

/** The sandbox's OCPP 1.6 answers. */
final class V16Handlers {
  private V16Handlers() {}

  static void register(RpcSession s, SandboxCsms csms, String id) {
    on(
        s,
        csms,
        id,
        BootNotificationRequest.class,
        r -> r.chargePointVendor() + " " + r.chargePointModel(),
        r -> {
          String status = csms.station(id).bootStatus();
          return new BootNotificationResponse(
              OcppEnums.of(RegistrationStatus.class, status),
              csms.now(),
              status.equals("Accepted")
                  ? SandboxCsms.HEARTBEAT_INTERVAL
                  : SandboxCsms.RETRY_BOOT_INTERVAL);
        });
    on(s, csms, id, HeartbeatRequest.class, r -> "", r -> new HeartbeatResponse(csms.now()));
    on(
        s,
        csms,
        id,
        StatusNotificationRequest.class,
        r -> "connector " + r.connectorId() + " " + r.status().value(),
        r -> new StatusNotificationResponse());
    on(
        s,
        csms,
        id,
        AuthorizeRequest.class,
        r -> r.idTag(),
        r -> new AuthorizeResponse(tagInfo(csms, r.idTag())));
    on(
        s,
        csms,
        id,
        StartTransactionRequest.class,
        r ->
            "connector "
                + r.connectorId()
                + " idTag "
                + r.idTag()
                + " meterStart "
                + r.meterStart()
                + " Wh",
        r -> new StartTransactionResponse(tagInfo(csms, r.idTag()), csms.nextTransactionId()));
    on(
        s,
        csms,
        id,
        StopTransactionRequest.class,
        r ->
            "transaction "
                + r.transactionId()
                + " meterStop "
                + r.meterStop()
                + " Wh"
                + (r.reason() == null ? "" : " " + r.reason().value()),
        r -> new StopTransactionResponse(r.idTag() == null ? null : tagInfo(csms, r.idTag())));
    on(
        s,
        csms,
        id,
        MeterValuesRequest.class,
        r -> "connector " + r.connectorId() + " " + r.meterValue().size() + " sample(s)",
        r -> new MeterValuesResponse());
    on(
        s,
        csms,
        id,
        DataTransferRequest.class,
        r -> "vendor " + r.vendorId() + " -> UnknownVendorId",
        r -> new DataTransferResponse(DataTransferStatus.UNKNOWN_VENDOR_ID, null));
    // Fallback entries and exits (1.6 security extension).
    on(
        s,
        csms,
        id,
        SecurityEventNotificationRequest.class,
        r -> r.type() + (r.techInfo() == null ? "" : ": " + r.techInfo()),
        r -> new SecurityEventNotificationResponse());
    on(
        s,
        csms,
        id,
        DiagnosticsStatusNotificationRequest.class,
        r -> r.status().value(),
        r -> new DiagnosticsStatusNotificationResponse());
    on(
        s,
        csms,
        id,
        FirmwareStatusNotificationRequest.class,
        r -> r.status().value(),
        r -> new FirmwareStatusNotificationResponse());
    on(
        s,
        csms,
        id,
        LogStatusNotificationRequest.class,
        r -> r.status().value(),
        r -> new LogStatusNotificationResponse());
    on(
        s,
        csms,
        id,
        SignedFirmwareStatusNotificationRequest.class,
        r -> r.status().value(),
        r -> new SignedFirmwareStatusNotificationResponse());
    on(
        s,
        csms,
        id,
        SignCertificateRequest.class,
        r -> "",
        r ->
            new SignCertificateResponse(
                csms.signLater(id, r.csr(), io.kilowire.core.ocpp.OcppVersion.V16, null)
                    ? GenericStatus.ACCEPTED
                    : GenericStatus.REJECTED));
  }

  /** The idTagInfo for {@code idTag}; 1.6 has no Unknown, so an unknown tag is Invalid. */
  static IdTagInfo tagInfo(SandboxCsms csms, String idTag) {
    SandboxTokens.Entry entry = csms.token(idTag);
    String status = entry.status().equals("Unknown") ? "Invalid" : entry.status();
    return new IdTagInfo(null, entry.groupId(), OcppEnums.of(AuthorizationStatus.class, status));
  }
}
