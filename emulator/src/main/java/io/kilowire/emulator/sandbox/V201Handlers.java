package io.kilowire.emulator.sandbox;

import static io.kilowire.emulator.sandbox.SandboxCsms.on;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.AuthorizationStatus;
import io.kilowire.core.ocpp.v201.AuthorizeCertificateStatus;
import io.kilowire.core.ocpp.v201.AuthorizeRequest;
import io.kilowire.core.ocpp.v201.AuthorizeResponse;
import io.kilowire.core.ocpp.v201.BootNotificationRequest;
import io.kilowire.core.ocpp.v201.BootNotificationResponse;
import io.kilowire.core.ocpp.v201.ClearedChargingLimitRequest;
import io.kilowire.core.ocpp.v201.ClearedChargingLimitResponse;
import io.kilowire.core.ocpp.v201.DataTransferRequest;
import io.kilowire.core.ocpp.v201.DataTransferResponse;
import io.kilowire.core.ocpp.v201.DataTransferStatus;
import io.kilowire.core.ocpp.v201.FirmwareStatusNotificationRequest;
import io.kilowire.core.ocpp.v201.FirmwareStatusNotificationResponse;
import io.kilowire.core.ocpp.v201.GenericStatus;
import io.kilowire.core.ocpp.v201.HeartbeatRequest;
import io.kilowire.core.ocpp.v201.HeartbeatResponse;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.LogStatusNotificationRequest;
import io.kilowire.core.ocpp.v201.LogStatusNotificationResponse;
import io.kilowire.core.ocpp.v201.MeterValuesRequest;
import io.kilowire.core.ocpp.v201.MeterValuesResponse;
import io.kilowire.core.ocpp.v201.NotifyChargingLimitRequest;
import io.kilowire.core.ocpp.v201.NotifyChargingLimitResponse;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsResponse;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsStatus;
import io.kilowire.core.ocpp.v201.NotifyEVChargingScheduleRequest;
import io.kilowire.core.ocpp.v201.NotifyEVChargingScheduleResponse;
import io.kilowire.core.ocpp.v201.NotifyEventRequest;
import io.kilowire.core.ocpp.v201.NotifyEventResponse;
import io.kilowire.core.ocpp.v201.NotifyReportRequest;
import io.kilowire.core.ocpp.v201.NotifyReportResponse;
import io.kilowire.core.ocpp.v201.OCSPRequestData;
import io.kilowire.core.ocpp.v201.RegistrationStatus;
import io.kilowire.core.ocpp.v201.ReportChargingProfilesRequest;
import io.kilowire.core.ocpp.v201.ReportChargingProfilesResponse;
import io.kilowire.core.ocpp.v201.SecurityEventNotificationRequest;
import io.kilowire.core.ocpp.v201.SecurityEventNotificationResponse;
import io.kilowire.core.ocpp.v201.SignCertificateRequest;
import io.kilowire.core.ocpp.v201.SignCertificateResponse;
import io.kilowire.core.ocpp.v201.StatusNotificationRequest;
import io.kilowire.core.ocpp.v201.StatusNotificationResponse;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.ocpp.v201.TransactionEventResponse;
import io.kilowire.core.ocpp.v201.adapter.WideTokens;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The sandbox's OCPP 2.0.1 answers. */
final class V201Handlers {
  /** The limit of the TxProfile the sandbox offers an ISO 15118 EV, in amperes. */
  static final int OFFERED_LIMIT_A = 16;

  private V201Handlers() {}

  static IdTokenInfo tokenInfo(SandboxCsms csms, String idToken) {
    return tokenInfo(csms, idToken, null);
  }

  /** The token's info, with {@code status} instead of its own when not null. */
  private static IdTokenInfo tokenInfo(
      SandboxCsms csms, String idToken, @Nullable AuthorizationStatus status) {
    SandboxTokens.Entry entry = csms.token(idToken);
    return new IdTokenInfo(
        null,
        status != null ? status : OcppEnums.of(AuthorizationStatus.class, entry.status()),
        null,
        null,
        null,
        null,
        entry.groupId() == null
            ? null
            : new IdToken(null, null, entry.groupId(), IdTokenType.CENTRAL),
        null,
        null);
  }

  /** Offers the EV on {@code evseId} a TxProfile for its transaction, after the current reply. */
  private static void sendTxProfile(SandboxCsms csms, String stationId, int evseId) {
    String transactionId = csms.station(stationId).transactions.get(evseId);
    if (transactionId == null) {
      csms.print(stationId, "EVSE " + evseId + " has no transaction; no profile offered");
      return;
    }
    csms.callLater(
        stationId,
        "SetChargingProfile",
        "{\"evseId\":"
            + evseId
            + ",\"chargingProfile\":{\"id\":"
            + (1000 + evseId)
            + ",\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
            + "\"chargingProfileKind\":\"Relative\",\"transactionId\":\""
            + transactionId
            + "\",\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"A\","
            + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":"
            + OFFERED_LIMIT_A
            + "}]}]}}");
  }

  /**
   * The token's verdict and, when the station presented a contract certificate and the sandbox has
   * a {@link ContractCheck}, the certificate's: a valid certificate of a token that is Blocked,
   * Expired, Invalid or Unknown is ContractCancelled (C07.FR.13), else Accepted with the token's
   * own status (C07.FR.14); an expired one makes the token Expired (C07.FR.15), a revoked or
   * unverifiable one Invalid (C07.FR.16, C07.FR.17).
   */
  private static AuthorizeResponse authorize(SandboxCsms csms, AuthorizeRequest r) {
    String idToken = WideTokens.value(r.idToken());
    ContractCheck check = csms.contractCheck();
    List<OCSPRequestData> hashData =
        r.iso15118CertificateHashData() == null ? List.of() : r.iso15118CertificateHashData();
    if (check == null || (r.certificate() == null && hashData.isEmpty())) {
      return new AuthorizeResponse(null, tokenInfo(csms, idToken), null);
    }
    AuthorizeCertificateStatus certificate =
        check.check(idToken, r.certificate(), hashData, csms.now());
    AuthorizationStatus status =
        switch (certificate) {
          case ACCEPTED, CONTRACT_CANCELLED -> null;
          case CERTIFICATE_EXPIRED -> AuthorizationStatus.EXPIRED;
          default -> AuthorizationStatus.INVALID;
        };
    IdTokenInfo info = tokenInfo(csms, idToken, status);
    if (certificate == AuthorizeCertificateStatus.ACCEPTED && CANCELLING.contains(info.status())) {
      certificate = AuthorizeCertificateStatus.CONTRACT_CANCELLED;
    }
    return new AuthorizeResponse(null, info, certificate);
  }

  /** The token verdicts that cancel a valid contract (C07.FR.13). */
  private static final java.util.Set<AuthorizationStatus> CANCELLING =
      java.util.EnumSet.of(
          AuthorizationStatus.BLOCKED,
          AuthorizationStatus.EXPIRED,
          AuthorizationStatus.INVALID,
          AuthorizationStatus.UNKNOWN);

  static void register(OcppEndpoint s, SandboxCsms csms, String id) {
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
                + ")",
        r -> {
          String status = csms.station(id).bootStatus();
          if (status.equals("Accepted")) {
            csms.bootAccepted(id);
          }
          return new BootNotificationResponse(
              null,
              csms.now(),
              status.equals("Accepted")
                  ? SandboxCsms.HEARTBEAT_INTERVAL
                  : SandboxCsms.RETRY_BOOT_INTERVAL,
              OcppEnums.of(RegistrationStatus.class, status),
              null);
        });
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
        r -> WideTokens.value(r.idToken()),
        r -> {
          // A 2.1 station's token 2.0.1 cannot hold comes carried (WideTokens): judged whole.
          String token = WideTokens.value(r.idToken());
          String type = WideTokens.wireType(r.idToken());
          String problem = TokenCheck.problem(type, token).orElse(null);
          if (problem != null) {
            csms.print(id, "Authorize " + token + " (" + type + ") -> " + problem);
            throw new OcppCallException(
                ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, "idToken.idToken: " + problem);
          }
          return authorize(csms, r);
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
        r -> {
          if (r.evse() != null) {
            if (r.eventType().value().equals("Ended")) {
              csms.station(id).transactions.remove(r.evse().id());
            } else {
              csms.station(id).transactions.put(r.evse().id(), r.transactionInfo().transactionId());
              if (r.eventType().value().equals("Started")) {
                csms.transactionStarted();
              }
            }
          }
          return new TransactionEventResponse(
              null,
              SandboxTariff.totalCost(csms.station(id), r),
              null,
              r.idToken() == null ? null : tokenInfo(csms, WideTokens.value(r.idToken())),
              null);
        });
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
        r -> {
          sendTxProfile(csms, id, r.evseId());
          return NotifyEVChargingNeedsResponse.of(NotifyEVChargingNeedsStatus.ACCEPTED);
        });
    on(
        s,
        csms,
        id,
        NotifyEVChargingScheduleRequest.class,
        r -> "EVSE " + r.evseId(),
        r -> {
          BigDecimal limit = csms.station(id).txProfileLimits.get(r.evseId());
          boolean exceeds =
              limit != null
                  && r.chargingSchedule().chargingSchedulePeriod().stream()
                      .anyMatch(p -> p.limit().compareTo(limit) > 0);
          if (exceeds) {
            // The EV asks for more than its profile allows: refuse and offer the profile again.
            sendTxProfile(csms, id, r.evseId());
          }
          return NotifyEVChargingScheduleResponse.of(
              exceeds ? GenericStatus.REJECTED : GenericStatus.ACCEPTED);
        });
    on(
        s,
        csms,
        id,
        ReportChargingProfilesRequest.class,
        r -> "request " + r.requestId() + " EVSE " + r.evseId(),
        r -> ReportChargingProfilesResponse.of());
    on(
        s,
        csms,
        id,
        LogStatusNotificationRequest.class,
        r -> r.status().value(),
        r -> LogStatusNotificationResponse.of());
    on(
        s,
        csms,
        id,
        FirmwareStatusNotificationRequest.class,
        r -> r.status().value(),
        r -> FirmwareStatusNotificationResponse.of());
    on(
        s,
        csms,
        id,
        io.kilowire.core.ocpp.v201.PublishFirmwareStatusNotificationRequest.class,
        r -> r.status().value(),
        r -> io.kilowire.core.ocpp.v201.PublishFirmwareStatusNotificationResponse.of());
    on(
        s,
        csms,
        id,
        SignCertificateRequest.class,
        r -> r.certificateType() == null ? "" : r.certificateType().value(),
        r ->
            SignCertificateResponse.of(
                csms.signLater(
                        id,
                        r.csr(),
                        io.kilowire.core.ocpp.OcppVersion.V201,
                        r.certificateType() == null ? null : r.certificateType().value())
                    ? GenericStatus.ACCEPTED
                    : GenericStatus.REJECTED));
    on(
        s,
        csms,
        id,
        NotifyReportRequest.class,
        r -> "request " + r.requestId() + " seqNo " + r.seqNo(),
        r -> new NotifyReportResponse(null));
    // The reports a CSMS asked for (monitors, display messages, customer information): taken.
    on(
        s,
        csms,
        id,
        io.kilowire.core.ocpp.v201.NotifyMonitoringReportRequest.class,
        r -> "request " + r.requestId() + " seqNo " + r.seqNo(),
        r -> new io.kilowire.core.ocpp.v201.NotifyMonitoringReportResponse(null));
    on(
        s,
        csms,
        id,
        io.kilowire.core.ocpp.v201.NotifyDisplayMessagesRequest.class,
        r -> "request " + r.requestId(),
        r -> new io.kilowire.core.ocpp.v201.NotifyDisplayMessagesResponse(null));
    on(
        s,
        csms,
        id,
        io.kilowire.core.ocpp.v201.NotifyCustomerInformationRequest.class,
        r -> "request " + r.requestId() + " seqNo " + r.seqNo(),
        r -> new io.kilowire.core.ocpp.v201.NotifyCustomerInformationResponse(null));
    on(
        s,
        csms,
        id,
        SecurityEventNotificationRequest.class,
        r -> r.type(),
        r -> new SecurityEventNotificationResponse(null));
    // The sandbox's OCSP answer vouches for any certificate (it has no responder to ask), signed
    // by its own CA; it has no contract-certificate pool, so an EV's request gets a placeholder.
    on(
        s,
        csms,
        id,
        io.kilowire.core.ocpp.v201.GetCertificateStatusRequest.class,
        r -> "serial " + r.ocspRequestData().serialNumber(),
        r ->
            new io.kilowire.core.ocpp.v201.GetCertificateStatusResponse(
                null,
                io.kilowire.core.ocpp.v201.GetCertificateStatus.ACCEPTED,
                null,
                csms.ca()
                    .ocspGood(
                        r.ocspRequestData().hashAlgorithm().value(),
                        r.ocspRequestData().issuerNameHash(),
                        r.ocspRequestData().issuerKeyHash(),
                        r.ocspRequestData().serialNumber())));
    on(
        s,
        csms,
        id,
        io.kilowire.core.ocpp.v201.Get15118EVCertificateRequest.class,
        r -> r.action().value(),
        r ->
            new io.kilowire.core.ocpp.v201.Get15118EVCertificateResponse(
                null,
                io.kilowire.core.ocpp.v201.Iso15118EVCertificateStatus.ACCEPTED,
                null,
                java.util.Base64.getEncoder()
                    .encodeToString(
                        "kilowire-sandbox: no contract certificate pool"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    on(
        s,
        csms,
        id,
        io.kilowire.core.ocpp.v201.ReservationStatusUpdateRequest.class,
        r -> r.reservationId() + " " + r.reservationUpdateStatus().value(),
        r -> io.kilowire.core.ocpp.v201.ReservationStatusUpdateResponse.of());
    on(
        s,
        csms,
        id,
        DataTransferRequest.class,
        r -> "vendor " + r.vendorId() + " -> UnknownVendorId",
        r -> new DataTransferResponse(null, DataTransferStatus.UNKNOWN_VENDOR_ID, null, null));
  }
}
