package io.kilowire.core.testing;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppEnum;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.IdTagInfo;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway.Registration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A CSMS for scenario tests, speaking OCPP 1.6 or 2.0.1: it answers boot, heartbeat, status,
 * authorization and transaction messages as the test scripts it, and records every CALL it
 * processed in a version-neutral form so one assertion fits both versions.
 */
public final class ScriptedCsms {
  /** A CALL the CSMS processed, with the decoded request. */
  public record Call(Instant at, String action, OcppMessage request) {}

  /** A StatusNotification, in the version's own status words. */
  public record Status(Instant at, int evse, String status) {}

  /** Where a transaction message stands in its transaction. */
  public enum Kind {
    STARTED,
    UPDATED,
    ENDED
  }

  /**
   * A transaction message as the CSMS received it, either version.
   *
   * @param transaction 2.0.1: the station's transactionId; 1.6: the transactionId the message
   *     carries (for a StartTransaction the one the CSMS assigns in its answer, or would have
   *     assigned had it not answered with an error)
   * @param seqNo 2.0.1 only
   * @param trigger 2.0.1 triggerReason; 1.6 the reading context of meter values
   * @param stopReason the reason the transaction ended (1.6 reason, 2.0.1 stoppedReason)
   * @param energyWh the last Energy.Active.Import.Register value in the message (1.6 meterStart /
   *     meterStop for start and stop)
   * @param answered how the CSMS answered it
   */
  public record TxMessage(
      Instant receivedAt,
      Kind kind,
      String transaction,
      int evse,
      @Nullable Integer seqNo,
      boolean offline,
      @Nullable String trigger,
      @Nullable String stopReason,
      @Nullable String idToken,
      @Nullable Integer remoteStartId,
      @Nullable Double energyWh,
      Instant timestamp,
      Reply answered) {}

  /** Meter values outside a transaction (idle, clock-aligned or triggered). */
  public record IdleMeterValues(Instant at, int evse, String context) {}

  /** How the CSMS answers a transaction message. */
  public enum Reply {
    /** A normal answer (for a start with the token verdict the script gives). */
    ACCEPT,
    /** A CALLERROR InternalError. */
    CALL_ERROR
  }

  private final TaskScheduler clock;
  private final OcppVersion version;
  private final List<Call> calls = new ArrayList<>();
  private final List<io.kilowire.core.ocpp.v201.EventData> notifyEvents = new ArrayList<>();
  private final List<Status> statuses = new ArrayList<>();
  private final List<TxMessage> transactionMessages = new ArrayList<>();
  private final List<IdleMeterValues> idleMeterValues = new ArrayList<>();
  private final List<io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest> chargingNeeds =
      new ArrayList<>();
  private final Set<String> invalidTokens = new HashSet<>();
  private final Set<String> invalidAtStart = new HashSet<>();
  private final Set<String> notImplemented = new HashSet<>();
  private final java.util.Map<String, String> groups = new java.util.HashMap<>();
  private java.util.function.UnaryOperator<IdTokenInfo> tokenInfo = info -> info;
  private Registration bootStatus = Registration.ACCEPTED;
  private int bootInterval = 300;
  private Function<TxMessage, Reply> transactionReplies = m -> Reply.ACCEPT;
  private int nextTransactionId = 100;

  private String ev15118ExiResponse = "CSMS-EXI-RESPONSE";

  private java.util.function.IntFunction<
          io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateResponse>
      pullAnswers =
          id ->
              new io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateResponse(
                  null, io.kilowire.core.ocpp.v21.ChargingProfileStatus.REJECTED, null, null);

  public ScriptedCsms(TaskScheduler clock, OcppVersion version) {
    this.clock = clock;
    this.version = version;
  }

  // ------------------------------------------------------------------------------ the script

  /** How the CSMS answers a 2.1 PullDynamicScheduleUpdate, by profile id (default: Rejected). */
  public ScriptedCsms pullAnswers(
      java.util.function.IntFunction<io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateResponse>
          answers) {
    this.pullAnswers = answers;
    return this;
  }

  /** The EXI response the CSMS accepts the next Get15118EVCertificate with (2.0.1). */
  public ScriptedCsms ev15118Answer(String exiResponse) {
    this.ev15118ExiResponse = exiResponse;
    return this;
  }

  /** How the next BootNotifications are answered; the interval is the heartbeat or retry wait. */
  public ScriptedCsms boot(Registration status, int intervalSeconds) {
    this.bootStatus = status;
    this.bootInterval = intervalSeconds;
    return this;
  }

  /** These tokens are Invalid, in Authorize and at the start of a transaction. */
  public ScriptedCsms invalidTokens(String... tokens) {
    invalidTokens.addAll(List.of(tokens));
    return this;
  }

  /** Authorize answers {@code token} with {@code group} as its parent / group token. */
  public ScriptedCsms group(String token, String group) {
    groups.put(token, group);
    return this;
  }

  /**
   * 2.0.1: every idTokenInfo the CSMS answers (Authorize, TransactionEvent) passes through {@code
   * change} first, e.g. to add a personal message.
   */
  public ScriptedCsms tokenInfo(java.util.function.UnaryOperator<IdTokenInfo> change) {
    this.tokenInfo = change;
    return this;
  }

  /** These tokens pass Authorize but are Invalid when the transaction start reaches the CSMS. */
  public ScriptedCsms invalidAtStart(String... tokens) {
    invalidAtStart.addAll(List.of(tokens));
    return this;
  }

  /**
   * These actions are answered with CALLERROR NotImplemented, as by a CSMS without them (a plain
   * 1.6 CSMS and SecurityEventNotification); they are recorded all the same.
   */
  public ScriptedCsms notImplemented(String... actions) {
    notImplemented.addAll(List.of(actions));
    return this;
  }

  private void refuseIfNotImplemented(String action) {
    if (notImplemented.contains(action)) {
      throw new OcppCallException(ErrorCode.NOT_IMPLEMENTED, action + " is not implemented");
    }
  }

  /** Decides per transaction message whether to answer normally or with a CALLERROR. */
  public ScriptedCsms transactionReplies(Function<TxMessage, Reply> replies) {
    this.transactionReplies = replies;
    return this;
  }

  // ------------------------------------------------------------------------------ what arrived

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The actions of every CALL processed, in order. */
  public List<String> actions() {
    return calls.stream().map(Call::action).toList();
  }

  /** 2.0.1 NotifyEvent data received, in order (not in {@link #calls()}). */
  public List<io.kilowire.core.ocpp.v201.EventData> notifyEvents() {
    return List.copyOf(notifyEvents);
  }

  public List<Call> calls(String action) {
    return calls.stream().filter(c -> c.action().equals(action)).toList();
  }

  public List<Status> statuses() {
    return List.copyOf(statuses);
  }

  /** Every transaction message processed, including those answered with an error. */
  public List<TxMessage> transactionMessages() {
    return List.copyOf(transactionMessages);
  }

  /** Transaction messages the CSMS accepted, by transaction, in arrival order. */
  public List<TxMessage> accepted() {
    return transactionMessages.stream().filter(m -> m.answered() == Reply.ACCEPT).toList();
  }

  public List<TxMessage> accepted(String transaction) {
    return accepted().stream().filter(m -> m.transaction().equals(transaction)).toList();
  }

  /** The transactions in the order they started, by their key (see {@link TxMessage}). */
  public List<String> transactions() {
    return accepted().stream()
        .filter(m -> m.kind() == Kind.STARTED)
        .map(TxMessage::transaction)
        .collect(Collectors.toList());
  }

  /** 2.0.1 NotifyEVChargingNeeds requests received, in order (not in {@link #calls()}). */
  public List<io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest> chargingNeeds() {
    return List.copyOf(chargingNeeds);
  }

  public List<IdleMeterValues> idleMeterValues() {
    return List.copyOf(idleMeterValues);
  }

  // ------------------------------------------------------------------------------ wiring

  /** Registers this CSMS's handlers on a new CSMS-side session. */
  public void register(RpcSession csms) {
    if (version == OcppVersion.V16) {
      registerV16(csms);
    } else if (version == OcppVersion.V21) {
      // A 2.1 station's reports through the 2.0.1 handlers, 2.1 extras dropped (as the sandbox).
      registerV201(
          new io.kilowire.core.ocpp.v21.adapter.V21Endpoint(
              csms, io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode.LENIENT));
      // 2.1's own station CALLs, which no 2.0.1 handler knows.
      csms.handle(
          io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateRequest.class,
          r -> {
            record("PullDynamicScheduleUpdate", r);
            return pullAnswers.apply(r.chargingProfileId());
          });
      csms.handle(
          io.kilowire.core.ocpp.v21.NotifyPriorityChargingRequest.class,
          r -> {
            record("NotifyPriorityCharging", r);
            return new io.kilowire.core.ocpp.v21.NotifyPriorityChargingResponse(null);
          });
      // Block R: the station's DER reports, acknowledged.
      csms.handle(
          io.kilowire.core.ocpp.v21.NotifyDERAlarmRequest.class,
          r -> io.kilowire.core.ocpp.v21.NotifyDERAlarmResponse.of());
      csms.handle(
          io.kilowire.core.ocpp.v21.NotifyDERStartStopRequest.class,
          r -> io.kilowire.core.ocpp.v21.NotifyDERStartStopResponse.of());
      csms.handle(
          io.kilowire.core.ocpp.v21.ReportDERControlRequest.class,
          r -> io.kilowire.core.ocpp.v21.ReportDERControlResponse.of());
    } else {
      registerV201(csms);
    }
  }

  private void record(String action, OcppMessage request) {
    calls.add(new Call(clock.now(), action, request));
  }

  private Reply decide(TxMessage m) {
    Reply reply = transactionReplies.apply(m);
    TxMessage answered =
        new TxMessage(
            m.receivedAt(),
            m.kind(),
            m.transaction(),
            m.evse(),
            m.seqNo(),
            m.offline(),
            m.trigger(),
            m.stopReason(),
            m.idToken(),
            m.remoteStartId(),
            m.energyWh(),
            m.timestamp(),
            reply);
    transactionMessages.add(answered);
    if (reply == Reply.CALL_ERROR) {
      throw new OcppCallException(ErrorCode.INTERNAL_ERROR, "scripted failure");
    }
    return reply;
  }

  private boolean validAtStart(String token) {
    return !invalidTokens.contains(token) && !invalidAtStart.contains(token);
  }

  // ------------------------------------------------------------------------------ OCPP 1.6

  private void registerV16(RpcSession csms) {
    csms.handle(
        io.kilowire.core.ocpp.v16.DiagnosticsStatusNotificationRequest.class,
        r -> {
          record("DiagnosticsStatusNotification", r);
          return new io.kilowire.core.ocpp.v16.DiagnosticsStatusNotificationResponse();
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.LogStatusNotificationRequest.class,
        r -> {
          record("LogStatusNotification", r);
          return new io.kilowire.core.ocpp.v16.LogStatusNotificationResponse();
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.FirmwareStatusNotificationRequest.class,
        r -> {
          record("FirmwareStatusNotification", r);
          return new io.kilowire.core.ocpp.v16.FirmwareStatusNotificationResponse();
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.SignedFirmwareStatusNotificationRequest.class,
        r -> {
          record("SignedFirmwareStatusNotification", r);
          return new io.kilowire.core.ocpp.v16.SignedFirmwareStatusNotificationResponse();
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.SecurityEventNotificationRequest.class,
        r -> {
          record("SecurityEventNotification", r);
          refuseIfNotImplemented("SecurityEventNotification");
          return new io.kilowire.core.ocpp.v16.SecurityEventNotificationResponse();
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.BootNotificationRequest.class,
        r -> {
          record("BootNotification", r);
          return new io.kilowire.core.ocpp.v16.BootNotificationResponse(
              io.kilowire.core.ocpp.v16.RegistrationStatus.valueOf(bootStatus.name()),
              clock.now(),
              bootInterval);
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.HeartbeatRequest.class,
        r -> {
          record("Heartbeat", r);
          return new io.kilowire.core.ocpp.v16.HeartbeatResponse(clock.now());
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.StatusNotificationRequest.class,
        r -> {
          record("StatusNotification", r);
          statuses.add(new Status(clock.now(), r.connectorId(), r.status().value()));
          return new io.kilowire.core.ocpp.v16.StatusNotificationResponse();
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.AuthorizeRequest.class,
        r -> {
          record("Authorize", r);
          return new io.kilowire.core.ocpp.v16.AuthorizeResponse(
              new IdTagInfo(
                  null,
                  groups.get(r.idTag()),
                  invalidTokens.contains(r.idTag())
                      ? io.kilowire.core.ocpp.v16.AuthorizationStatus.INVALID
                      : io.kilowire.core.ocpp.v16.AuthorizationStatus.ACCEPTED));
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.StartTransactionRequest.class,
        r -> {
          record("StartTransaction", r);
          TxMessage m =
              new TxMessage(
                  clock.now(),
                  Kind.STARTED,
                  String.valueOf(nextTransactionId),
                  r.connectorId(),
                  null,
                  false,
                  null,
                  null,
                  r.idTag(),
                  null,
                  (double) r.meterStart(),
                  r.timestamp(),
                  Reply.ACCEPT);
          decide(m);
          int assigned = nextTransactionId++;
          return new io.kilowire.core.ocpp.v16.StartTransactionResponse(
              IdTagInfo.of(
                  validAtStart(r.idTag())
                      ? io.kilowire.core.ocpp.v16.AuthorizationStatus.ACCEPTED
                      : io.kilowire.core.ocpp.v16.AuthorizationStatus.INVALID),
              assigned);
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.MeterValuesRequest.class,
        r -> {
          record("MeterValues", r);
          io.kilowire.core.ocpp.v16.MeterValue first = r.meterValue().get(0);
          String context = valueOf(first.sampledValue().get(0).context());
          if (r.transactionId() == null) {
            idleMeterValues.add(new IdleMeterValues(clock.now(), r.connectorId(), context));
          } else {
            decide(
                new TxMessage(
                    clock.now(),
                    Kind.UPDATED,
                    String.valueOf(r.transactionId()),
                    r.connectorId(),
                    null,
                    false,
                    context,
                    null,
                    null,
                    null,
                    energyV16(r.meterValue()),
                    first.timestamp(),
                    Reply.ACCEPT));
          }
          return new io.kilowire.core.ocpp.v16.MeterValuesResponse();
        });
    csms.handle(
        io.kilowire.core.ocpp.v16.StopTransactionRequest.class,
        r -> {
          record("StopTransaction", r);
          decide(
              new TxMessage(
                  clock.now(),
                  Kind.ENDED,
                  String.valueOf(r.transactionId()),
                  0,
                  null,
                  false,
                  null,
                  valueOf(r.reason()),
                  r.idTag(),
                  null,
                  (double) r.meterStop(),
                  r.timestamp(),
                  Reply.ACCEPT));
          return io.kilowire.core.ocpp.v16.StopTransactionResponse.of();
        });
  }

  private static @Nullable Double energyV16(List<io.kilowire.core.ocpp.v16.MeterValue> values) {
    Double energy = null;
    for (io.kilowire.core.ocpp.v16.MeterValue v : values) {
      for (io.kilowire.core.ocpp.v16.SampledValue s : v.sampledValue()) {
        if (s.measurand() == io.kilowire.core.ocpp.v16.Measurand.ENERGY_ACTIVE_IMPORT_REGISTER) {
          energy = Double.parseDouble(s.value());
        }
      }
    }
    return energy;
  }

  // ------------------------------------------------------------------------------ OCPP 2.0.1

  private void registerV201(io.kilowire.core.ocpp.rpc.OcppEndpoint csms) {
    csms.handle(
        io.kilowire.core.ocpp.v201.Get15118EVCertificateRequest.class,
        r -> {
          record("Get15118EVCertificate", r);
          return io.kilowire.core.ocpp.v201.Get15118EVCertificateResponse.of(
              io.kilowire.core.ocpp.v201.Iso15118EVCertificateStatus.ACCEPTED, ev15118ExiResponse);
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.LogStatusNotificationRequest.class,
        r -> {
          record("LogStatusNotification", r);
          return io.kilowire.core.ocpp.v201.LogStatusNotificationResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.FirmwareStatusNotificationRequest.class,
        r -> {
          record("FirmwareStatusNotification", r);
          return io.kilowire.core.ocpp.v201.FirmwareStatusNotificationResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.PublishFirmwareStatusNotificationRequest.class,
        r -> {
          record("PublishFirmwareStatusNotification", r);
          return io.kilowire.core.ocpp.v201.PublishFirmwareStatusNotificationResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.SecurityEventNotificationRequest.class,
        r -> {
          record("SecurityEventNotification", r);
          return io.kilowire.core.ocpp.v201.SecurityEventNotificationResponse.of();
        });
    // Device-model events (AvailabilityState with every status, fallback events) are kept apart
    // from calls(), whose order the boot and status scenarios check.
    csms.handle(
        io.kilowire.core.ocpp.v201.NotifyEventRequest.class,
        r -> {
          notifyEvents.addAll(r.eventData());
          refuseIfNotImplemented("NotifyEvent");
          return io.kilowire.core.ocpp.v201.NotifyEventResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.NotifyChargingLimitRequest.class,
        r -> {
          record("NotifyChargingLimit", r);
          return io.kilowire.core.ocpp.v201.NotifyChargingLimitResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.ReportChargingProfilesRequest.class,
        r -> {
          record("ReportChargingProfiles", r);
          return io.kilowire.core.ocpp.v201.ReportChargingProfilesResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.ReservationStatusUpdateRequest.class,
        r -> {
          record("ReservationStatusUpdate", r);
          return io.kilowire.core.ocpp.v201.ReservationStatusUpdateResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.ClearedChargingLimitRequest.class,
        r -> {
          record("ClearedChargingLimit", r);
          return io.kilowire.core.ocpp.v201.ClearedChargingLimitResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.BootNotificationRequest.class,
        r -> {
          record("BootNotification", r);
          return io.kilowire.core.ocpp.v201.BootNotificationResponse.of(
              clock.now(),
              bootInterval,
              io.kilowire.core.ocpp.v201.RegistrationStatus.valueOf(bootStatus.name()));
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.HeartbeatRequest.class,
        r -> {
          record("Heartbeat", r);
          return io.kilowire.core.ocpp.v201.HeartbeatResponse.of(clock.now());
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.StatusNotificationRequest.class,
        r -> {
          record("StatusNotification", r);
          statuses.add(new Status(clock.now(), r.evseId(), r.connectorStatus().value()));
          return io.kilowire.core.ocpp.v201.StatusNotificationResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest.class,
        r -> {
          chargingNeeds.add(r);
          return io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsResponse.of(
              io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsStatus.ACCEPTED);
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.AuthorizeRequest.class,
        r -> {
          record("Authorize", r);
          String group = groups.get(r.idToken().idToken());
          return io.kilowire.core.ocpp.v201.AuthorizeResponse.of(
              tokenInfo.apply(
                  new IdTokenInfo(
                      null,
                      invalidTokens.contains(r.idToken().idToken())
                          ? io.kilowire.core.ocpp.v201.AuthorizationStatus.INVALID
                          : io.kilowire.core.ocpp.v201.AuthorizationStatus.ACCEPTED,
                      null,
                      null,
                      null,
                      null,
                      group == null
                          ? null
                          : io.kilowire.core.ocpp.v201.IdToken.of(
                              group, io.kilowire.core.ocpp.v201.IdTokenType.CENTRAL),
                      null,
                      null)));
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.MeterValuesRequest.class,
        r -> {
          record("MeterValues", r);
          io.kilowire.core.ocpp.v201.MeterValue first = r.meterValue().get(0);
          idleMeterValues.add(
              new IdleMeterValues(
                  clock.now(), r.evseId(), valueOf(first.sampledValue().get(0).context())));
          return io.kilowire.core.ocpp.v201.MeterValuesResponse.of();
        });
    csms.handle(
        io.kilowire.core.ocpp.v201.TransactionEventRequest.class,
        r -> {
          record("TransactionEvent", r);
          Kind kind =
              switch (r.eventType()) {
                case STARTED -> Kind.STARTED;
                case UPDATED -> Kind.UPDATED;
                case ENDED -> Kind.ENDED;
              };
          io.kilowire.core.ocpp.v201.IdToken token = r.idToken();
          decide(
              new TxMessage(
                  clock.now(),
                  kind,
                  r.transactionInfo().transactionId(),
                  r.evse() == null ? 0 : r.evse().id(),
                  r.seqNo(),
                  Boolean.TRUE.equals(r.offline()),
                  r.triggerReason().value(),
                  valueOf(r.transactionInfo().stoppedReason()),
                  token == null ? null : token.idToken(),
                  r.transactionInfo().remoteStartId(),
                  energyV201(r.meterValue()),
                  r.timestamp(),
                  Reply.ACCEPT));
          // The CSMS returns idTokenInfo whenever the event carries a token (E01/E05).
          IdTokenInfo info =
              token == null || kind == Kind.ENDED
                  ? null
                  : IdTokenInfo.of(
                      validAtStart(token.idToken())
                          ? io.kilowire.core.ocpp.v201.AuthorizationStatus.ACCEPTED
                          : io.kilowire.core.ocpp.v201.AuthorizationStatus.INVALID);
          return new io.kilowire.core.ocpp.v201.TransactionEventResponse(
              null, null, null, info == null ? null : tokenInfo.apply(info), null);
        });
  }

  private static @Nullable Double energyV201(
      @Nullable List<io.kilowire.core.ocpp.v201.MeterValue> values) {
    if (values == null) {
      return null;
    }
    Double energy = null;
    for (io.kilowire.core.ocpp.v201.MeterValue v : values) {
      for (io.kilowire.core.ocpp.v201.SampledValue s : v.sampledValue()) {
        if (s.measurand() == io.kilowire.core.ocpp.v201.Measurand.ENERGY_ACTIVE_IMPORT_REGISTER) {
          BigDecimal value = s.value();
          energy = value.doubleValue();
        }
      }
    }
    return energy;
  }

  private static @Nullable String valueOf(@Nullable OcppEnum e) {
    return e == null ? null : e.value();
  }
}
