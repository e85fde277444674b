package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.fallback.FallbackCondition;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.FrameCodec;
import io.kilowire.core.ocpp.v201.ACChargingParameters;
import io.kilowire.core.ocpp.v201.AuthorizeRequest;
import io.kilowire.core.ocpp.v201.AuthorizeResponse;
import io.kilowire.core.ocpp.v201.BootNotificationRequest;
import io.kilowire.core.ocpp.v201.BootNotificationResponse;
import io.kilowire.core.ocpp.v201.BootReason;
import io.kilowire.core.ocpp.v201.ChargingLimit;
import io.kilowire.core.ocpp.v201.ChargingNeeds;
import io.kilowire.core.ocpp.v201.ChargingState;
import io.kilowire.core.ocpp.v201.ChargingStation;
import io.kilowire.core.ocpp.v201.ClearedChargingLimitRequest;
import io.kilowire.core.ocpp.v201.ClearedChargingLimitResponse;
import io.kilowire.core.ocpp.v201.Component;
import io.kilowire.core.ocpp.v201.ConnectorStatus;
import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.ocpp.v201.EnergyTransferMode;
import io.kilowire.core.ocpp.v201.EventData;
import io.kilowire.core.ocpp.v201.EventNotification;
import io.kilowire.core.ocpp.v201.EventTrigger;
import io.kilowire.core.ocpp.v201.HeartbeatRequest;
import io.kilowire.core.ocpp.v201.HeartbeatResponse;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.Measurand;
import io.kilowire.core.ocpp.v201.MeterValue;
import io.kilowire.core.ocpp.v201.MeterValuesRequest;
import io.kilowire.core.ocpp.v201.MeterValuesResponse;
import io.kilowire.core.ocpp.v201.NotifyChargingLimitRequest;
import io.kilowire.core.ocpp.v201.NotifyChargingLimitResponse;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsResponse;
import io.kilowire.core.ocpp.v201.NotifyEventRequest;
import io.kilowire.core.ocpp.v201.NotifyEventResponse;
import io.kilowire.core.ocpp.v201.Phase;
import io.kilowire.core.ocpp.v201.ReadingContext;
import io.kilowire.core.ocpp.v201.Reason;
import io.kilowire.core.ocpp.v201.ReservationStatusUpdateRequest;
import io.kilowire.core.ocpp.v201.ReservationStatusUpdateResponse;
import io.kilowire.core.ocpp.v201.ReservationUpdateStatus;
import io.kilowire.core.ocpp.v201.SampledValue;
import io.kilowire.core.ocpp.v201.StatusNotificationRequest;
import io.kilowire.core.ocpp.v201.StatusNotificationResponse;
import io.kilowire.core.ocpp.v201.TransactionEvent;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.ocpp.v201.TransactionEventResponse;
import io.kilowire.core.ocpp.v201.TriggerReason;
import io.kilowire.core.ocpp.v201.UnitOfMeasure;
import io.kilowire.core.ocpp.v201.Variable;
import io.kilowire.core.smartcharging.ProfileRules;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.EnergyRegister;
import io.kilowire.core.station.FaultEvent;
import io.kilowire.core.station.MeterMeasurands;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.certificates.CertificateHash;
import io.kilowire.core.station.certificates.Ev15118Answer;
import io.kilowire.core.station.certificates.OcspAnswer;
import io.kilowire.core.station.certificates.SigningKind;
import io.kilowire.core.station.logs.SecurityEvent;
import io.kilowire.core.station.monitoring.MonitorEvent;
import io.kilowire.core.transaction.QueuedMessage;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transaction.UpdateTrigger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's words in OCPP 2.0.1: EVSE n with connector 1; transactions as TransactionEvent
 * Started / Updated / Ended with a gap-free seqNo per transaction and the {@code offline} flag on
 * events that happened while the CSMS was unreachable.
 */
public final class V201Gateway implements CsmsGateway {
  private static final Logger LOG = LoggerFactory.getLogger(V201Gateway.class);

  /** The device-model component and variable of fallback events. */
  public static final String FALLBACK_COMPONENT = "SmartChargingCtrlr";

  public static final String FALLBACK_VARIABLE = "Problem";

  private final SessionHolder session;
  private final FrameCodec codec;
  private final MeterMeasurands measurands;
  private final StationIdentity identity;

  /** The firmware running now, once the station says so; else the identity's. */
  private @Nullable String firmwareVersion;

  private final java.util.concurrent.atomic.AtomicInteger eventIds =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger eventSeqNo =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Map<Integer, ConnectorStatus> lastReported =
      new java.util.concurrent.ConcurrentHashMap<>();

  public V201Gateway(SessionHolder session, FrameCodec codec, StationIdentity identity) {
    this(session, codec, identity, MeterMeasurands.ALL);
  }

  /** With meter values limited to the configured {@code measurands}. */
  public V201Gateway(
      SessionHolder session,
      FrameCodec codec,
      StationIdentity identity,
      MeterMeasurands measurands) {
    this.session = session;
    this.codec = codec;
    this.identity = identity;
    this.measurands = measurands;
  }

  @Override
  public OcppVersion version() {
    return OcppVersion.V201;
  }

  @Override
  public ProfileRules profileRules() {
    return V201SmartChargingMapping.PROFILE_RULES;
  }

  @Override
  public CompletableFuture<BootOutcome> boot(BootCause cause) {
    ChargingStation station =
        new ChargingStation(
            null,
            identity.serialNumber(),
            identity.model(),
            null,
            identity.vendor(),
            firmwareVersion != null ? firmwareVersion : identity.firmwareVersion());
    BootReason reason =
        switch (cause) {
          case POWER_UP -> BootReason.POWER_UP;
          case REMOTE_RESET -> BootReason.REMOTE_RESET;
          case LOCAL_RESET -> BootReason.LOCAL_RESET;
          case TRIGGERED -> BootReason.TRIGGERED;
          case FIRMWARE_UPDATE -> BootReason.FIRMWARE_UPDATE;
        };
    return session
        .call(BootNotificationRequest.of(station, reason), BootNotificationResponse.class)
        .thenApply(
            r ->
                new BootOutcome(
                    switch (r.status()) {
                      case ACCEPTED -> Registration.ACCEPTED;
                      case PENDING -> Registration.PENDING;
                      case REJECTED -> Registration.REJECTED;
                    },
                    r.currentTime(),
                    Duration.ofSeconds(Math.max(0, r.interval()))));
  }

  @Override
  public CompletableFuture<Instant> heartbeat() {
    return session
        .call(HeartbeatRequest.of(), HeartbeatResponse.class)
        .thenApply(HeartbeatResponse::currentTime);
  }

  @Override
  public void reportStatus(
      int evse,
      int connector,
      io.kilowire.core.station.ConnectorStatus status,
      Instant at,
      boolean force) {
    ConnectorStatus wire = V201StationMapping.toWire(status);
    // 2.0.1 reports occupancy only: Preparing -> Charging is no news to the CSMS.
    if (!force && wire == lastReported.get(evse)) {
      return;
    }
    lastReported.put(evse, wire);
    notifyAvailability(evse, connector, wire, at);
    session
        .call(
            StatusNotificationRequest.of(at, wire, evse, connector),
            StatusNotificationResponse.class)
        .whenComplete((r, f) -> logFailure("StatusNotification", f));
  }

  /**
   * 2.0.1 also reports a connector's status as the device-model event Connector.AvailabilityState
   * (NotifyEvent, trigger Delta), so a CSMS watching the device model sees it too.
   */
  private void notifyAvailability(int evse, int connector, ConnectorStatus status, Instant at) {
    notifyEvent(
            at,
            status.value(),
            null,
            null,
            null,
            new Component(null, new EVSE(null, evse, connector), "Connector", null),
            "AvailabilityState")
        .whenComplete((r, f) -> logFailure("NotifyEvent", f));
  }

  /** One hard-wired Delta event on {@code component}.{@code variable}. */
  private CompletableFuture<NotifyEventResponse> notifyEvent(
      Instant at,
      String actualValue,
      @Nullable String techCode,
      @Nullable String techInfo,
      @Nullable Boolean cleared,
      Component component,
      String variable) {
    return notifyEvent(
        EventTrigger.DELTA, at, actualValue, techCode, techInfo, cleared, component, variable);
  }

  /** One hard-wired event on {@code component}.{@code variable}, with its trigger. */
  private CompletableFuture<NotifyEventResponse> notifyEvent(
      EventTrigger trigger,
      Instant at,
      String actualValue,
      @Nullable String techCode,
      @Nullable String techInfo,
      @Nullable Boolean cleared,
      Component component,
      String variable) {
    EventData event =
        new EventData(
            null,
            eventIds.incrementAndGet(),
            at,
            trigger,
            null,
            actualValue,
            techCode,
            techInfo,
            cleared,
            null,
            component,
            null,
            EventNotification.HARD_WIRED_NOTIFICATION,
            new Variable(null, variable, null));
    return session.call(
        NotifyEventRequest.of(at, eventSeqNo.getAndIncrement(), List.of(event)),
        NotifyEventResponse.class);
  }

  /**
   * 2.1 I08.FR.31: the component's Problem, hard-wired, Alerting, "true", the reason as techCode.
   */
  @Override
  public CompletableFuture<?> componentProblem(
      Instant at, String component, @Nullable String techCode) {
    return notifyEvent(
        EventTrigger.ALERTING,
        at,
        "true",
        techCode,
        null,
        null,
        new Component(null, null, component, null),
        "Problem");
  }

  /**
   * A fault as the device-model event EVSE.Problem (trigger Delta, HardWiredNotification): "true"
   * when raised, "false" with {@code cleared} when it went away. The EVSE is the component because
   * the station faults the EVSE as a whole, whichever part tripped; the cause travels in {@code
   * techCode} ({@link V201StationMapping#techCode}) so a CSMS can tell an RCD trip from an
   * over-current stop.
   */
  @Override
  public CompletableFuture<Void> faultEvent(FaultEvent fault) {
    return notifyEvent(
            fault.at(),
            fault.cleared() ? "false" : "true",
            V201StationMapping.techCode(fault.cause()),
            V201StationMapping.techInfo(fault.cause()),
            fault.cleared() ? Boolean.TRUE : null,
            new Component(null, new EVSE(null, fault.evse(), null), "EVSE", null),
            "Problem")
        .thenAccept(r -> {});
  }

  /**
   * NotifyEVChargingNeeds (K15) for an AC EV: currents rounded towards what the EV can surely take
   * (minimum up, maximum down); energyAmount 0 when the EV did not say.
   */
  @Override
  public CompletableFuture<Void> chargingNeeds(
      int evse, io.kilowire.core.station.ChargingNeeds needs) {
    Double energy = needs.energyWh();
    ACChargingParameters ac =
        new ACChargingParameters(
            null,
            energy == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.round(energy)),
            (int) Math.ceil(needs.minCurrentA()),
            (int) Math.floor(needs.maxCurrentA()),
            (int) Math.floor(needs.maxVoltageV()));
    ChargingNeeds wire =
        new ChargingNeeds(
            null,
            ac,
            null,
            needs.phases() == 1
                ? EnergyTransferMode.AC_SINGLE_PHASE
                : EnergyTransferMode.AC_THREE_PHASE,
            needs.departureTime());
    return session
        .call(NotifyEVChargingNeedsRequest.of(wire, evse), NotifyEVChargingNeedsResponse.class)
        .thenAccept(r -> LOG.debug("NotifyEVChargingNeeds on EVSE {}: {}", evse, r.status()));
  }

  /**
   * A fallback entry or exit as a device-model event: component SmartChargingCtrlr, variable
   * Problem, actualValue "true" on entry and "false" (cleared) on exit, techCode the condition
   * ({@link FallbackCondition#code()}), techInfo its cause. Dated when it happened, so events
   * queued offline keep their instants.
   */
  @Override
  public CompletableFuture<?> fallbackEvent(FallbackEvent event) {
    String info = FallbackCondition.describe(event);
    EventData data =
        new EventData(
            null,
            eventIds.incrementAndGet(),
            event.at(),
            EventTrigger.DELTA,
            null,
            event.active() ? "true" : "false",
            event.condition().code(),
            info.length() > 500 ? info.substring(0, 500) : info,
            event.active() ? null : Boolean.TRUE,
            null,
            Component.of(FALLBACK_COMPONENT),
            null,
            EventNotification.HARD_WIRED_NOTIFICATION,
            Variable.of(FALLBACK_VARIABLE));
    return session.call(
        NotifyEventRequest.of(event.at(), eventSeqNo.getAndIncrement(), List.of(data)),
        NotifyEventResponse.class);
  }

  @Override
  public CompletableFuture<Boolean> signCertificate(String csr, SigningKind kind) {
    return session
        .call(
            new io.kilowire.core.ocpp.v201.SignCertificateRequest(
                null, csr, V201CertificateMapping.signingUse(kind)),
            io.kilowire.core.ocpp.v201.SignCertificateResponse.class)
        .thenApply(r -> r.status() == io.kilowire.core.ocpp.v201.GenericStatus.ACCEPTED);
  }

  @Override
  public CompletableFuture<?> securityEvent(SecurityEvent event) {
    String info = event.techInfo();
    return session.call(
        new io.kilowire.core.ocpp.v201.SecurityEventNotificationRequest(
            null,
            event.type(),
            event.at(),
            info == null || info.length() <= 255 ? info : info.substring(0, 255)),
        io.kilowire.core.ocpp.v201.SecurityEventNotificationResponse.class);
  }

  @Override
  public CompletableFuture<Ev15118Answer> ev15118Certificate(
      String schemaVersion, boolean install, String exiRequest) {
    return session
        .call(
            new io.kilowire.core.ocpp.v201.Get15118EVCertificateRequest(
                null,
                schemaVersion,
                install
                    ? io.kilowire.core.ocpp.v201.CertificateAction.INSTALL
                    : io.kilowire.core.ocpp.v201.CertificateAction.UPDATE,
                exiRequest),
            io.kilowire.core.ocpp.v201.Get15118EVCertificateResponse.class)
        .thenApply(
            r ->
                new Ev15118Answer(
                    r.status() == io.kilowire.core.ocpp.v201.Iso15118EVCertificateStatus.ACCEPTED,
                    r.exiResponse()));
  }

  @Override
  public CompletableFuture<OcspAnswer> certificateStatus(
      CertificateHash hash, String responderUrl) {
    return session
        .call(
            new io.kilowire.core.ocpp.v201.GetCertificateStatusRequest(
                null, V201CertificateMapping.ocspRequest(hash, responderUrl)),
            io.kilowire.core.ocpp.v201.GetCertificateStatusResponse.class)
        .thenApply(
            r ->
                new OcspAnswer(
                    r.status() == io.kilowire.core.ocpp.v201.GetCertificateStatus.ACCEPTED,
                    r.ocspResult()));
  }

  /**
   * A tripped monitor as NotifyEvent (N07, N08): its component, variable and id, trigger Alerting /
   * Delta / Periodic, cleared when a threshold came back, no value for a write-only variable
   * (N07.FR.10); one event per message, so seqNo 0.
   */
  @Override
  public CompletableFuture<?> monitorEvent(MonitorEvent event) {
    io.kilowire.core.station.monitoring.VariableMonitor m = event.monitor();
    String value = event.actualValue() == null ? "" : event.actualValue();
    EventData data =
        new EventData(
            null,
            eventIds.incrementAndGet(),
            event.at(),
            EventTrigger.valueOf(event.trigger().name()),
            null,
            value.length() > 2500 ? value.substring(0, 2500) : value,
            null,
            null,
            event.cleared() ? Boolean.TRUE : null,
            null,
            V201MonitoringHandlers.component(m.component()),
            m.id(),
            switch (m.origin()) {
              case CUSTOM -> EventNotification.CUSTOM_MONITOR;
              case PRECONFIGURED -> EventNotification.PRECONFIGURED_MONITOR;
              case HARD_WIRED -> EventNotification.HARD_WIRED_MONITOR;
            },
            new Variable(null, m.variable().name(), m.variable().instance()));
    // N07.FR.07 / N08.FR.04: the event's one message is its first part.
    return session.call(
        NotifyEventRequest.of(event.at(), 0, List.of(data)), NotifyEventResponse.class);
  }

  /** K11-K13: an external limit is reported as NotifyChargingLimit (without its schedule). */
  @Override
  public CompletableFuture<?> externalLimit(DemandResponse limit, @Nullable Integer evse) {
    return session.call(
        new NotifyChargingLimitRequest(
            null,
            null,
            evse,
            new ChargingLimit(null, V201StationMapping.limitSource(limit.source()), null)),
        NotifyChargingLimitResponse.class);
  }

  @Override
  public CompletableFuture<?> externalLimitCleared(String source, @Nullable Integer evse) {
    return session.call(
        new ClearedChargingLimitRequest(null, V201StationMapping.limitSource(source), evse),
        ClearedChargingLimitResponse.class);
  }

  @Override
  public CompletableFuture<io.kilowire.core.authorization.AuthorizationInfo> authorize(
      String idToken, String idTokenType) {
    return session
        .call(
            AuthorizeRequest.of(V201StationMapping.token(idToken, idTokenType)),
            AuthorizeResponse.class)
        .thenApply(r -> V201AuthorizationMapping.info(r.idTokenInfo()));
  }

  @Override
  public void firmwareVersion(String version) {
    this.firmwareVersion = version;
  }

  /** L01.FR.01: every step of a firmware update, with its requestId (none for Idle). */
  @Override
  public CompletableFuture<?> firmwareStatus(
      io.kilowire.core.station.firmware.FirmwareStatus status,
      @Nullable Integer requestId,
      boolean secure) {
    return session.call(
        new io.kilowire.core.ocpp.v201.FirmwareStatusNotificationRequest(
            null, io.kilowire.core.ocpp.v201.FirmwareStatus.valueOf(status.name()), requestId),
        io.kilowire.core.ocpp.v201.FirmwareStatusNotificationResponse.class);
  }

  /** L03.FR.01/.04: every step of publishing, with every location once Published. */
  @Override
  public CompletableFuture<?> publishFirmwareStatus(
      io.kilowire.core.station.firmware.FirmwarePublishing.Status status,
      List<java.net.URI> locations,
      @Nullable Integer requestId) {
    return session.call(
        new io.kilowire.core.ocpp.v201.PublishFirmwareStatusNotificationRequest(
            null,
            io.kilowire.core.ocpp.v201.PublishFirmwareStatus.valueOf(status.name()),
            locations.isEmpty() ? null : locations.stream().map(java.net.URI::toString).toList(),
            requestId),
        io.kilowire.core.ocpp.v201.PublishFirmwareStatusNotificationResponse.class);
  }

  /** N01.FR.07-.10: every step of a log upload with its requestId (none for Idle). */
  @Override
  public CompletableFuture<?> logStatus(
      io.kilowire.core.station.logs.LogStatus status,
      @Nullable Integer requestId,
      boolean diagnostics16) {
    return session.call(
        new io.kilowire.core.ocpp.v201.LogStatusNotificationRequest(
            null, io.kilowire.core.ocpp.v201.UploadLogStatus.valueOf(status.name()), requestId),
        io.kilowire.core.ocpp.v201.LogStatusNotificationResponse.class);
  }

  /**
   * H04.FR.01, H01.FR.16/17: a reservation expired or was removed by the station. 2.1's
   * NoTransaction (H03.FR.11), which 2.0.1 cannot spell, goes as Removed marked for the 2.1 bridge
   * ({@link #RESERVATION_MARKER_VENDOR}); only a 2.1 station reports it.
   */
  @Override
  public CompletableFuture<?> reservationEnded(
      int reservationId, io.kilowire.core.station.reservations.Reservation.End why) {
    ReservationStatusUpdateRequest update =
        switch (why) {
          case EXPIRED ->
              ReservationStatusUpdateRequest.of(reservationId, ReservationUpdateStatus.EXPIRED);
          case REMOVED ->
              ReservationStatusUpdateRequest.of(reservationId, ReservationUpdateStatus.REMOVED);
          case NO_TRANSACTION ->
              new ReservationStatusUpdateRequest(
                  new io.kilowire.core.ocpp.v201.CustomData(
                      RESERVATION_MARKER_VENDOR,
                      java.util.Map.of(RESERVATION_MARKER_STATUS, "NoTransaction")),
                  reservationId,
                  ReservationUpdateStatus.REMOVED);
        };
    return session.call(update, ReservationStatusUpdateResponse.class);
  }

  /**
   * The vendor id of the marker on a ReservationStatusUpdate whose 2.1 status 2.0.1 cannot spell;
   * the 2.1 bridge puts the status ({@link #RESERVATION_MARKER_STATUS}) in its place.
   */
  public static final String RESERVATION_MARKER_VENDOR = "io.kilowire.reservation";

  /** The property of that marker naming the 2.1 reservation update status. */
  public static final String RESERVATION_MARKER_STATUS = "reservationUpdateStatus";

  @Override
  public QueuedMessage started(Transaction tx, MeterReading reading) {
    TriggerReason trigger =
        !tx.authorized()
            ? TriggerReason.CABLE_PLUGGED_IN
            : tx.remoteStartId() != null ? TriggerReason.REMOTE_START : TriggerReason.AUTHORIZED;
    TransactionEventRequest event =
        event(
            TransactionEvent.STARTED,
            tx,
            reading,
            List.of(meterValue(reading, ReadingContext.TRANSACTION_BEGIN)),
            trigger,
            null,
            tx.authorized() ? V201StationMapping.token(tx.idToken(), tx.idTokenType()) : null);
    return queued(event, tx, QueuedMessage.Kind.START);
  }

  @Override
  public QueuedMessage updated(Transaction tx, List<MeterReading> readings, UpdateTrigger trigger) {
    return queued(updateEvent(tx, readings, trigger), tx, QueuedMessage.Kind.UPDATE);
  }

  /**
   * 2.1 E16's LimitSet and *LimitReached, which 2.0.1 cannot spell: marked for the 2.1 bridge with
   * the reason and the limits (transactionInfo.transactionLimit there). A limit reached leaves the
   * EVSE offering nothing, so the EVSE is what suspends the transaction.
   */
  @Override
  public QueuedMessage updated(
      Transaction tx,
      List<MeterReading> readings,
      UpdateTrigger trigger,
      io.kilowire.core.station.transactions.TransactionLimits.Report report) {
    return queued(
        marked(
            updateEvent(tx, readings, trigger),
            V201LimitReportMarks.of(report),
            report instanceof io.kilowire.core.station.transactions.TransactionLimits.Reached),
        tx,
        QueuedMessage.Kind.UPDATE);
  }

  private TransactionEventRequest updateEvent(
      Transaction tx, List<MeterReading> readings, UpdateTrigger trigger) {
    ReadingContext context =
        switch (trigger) {
          case PERIODIC,
              CHARGING_STATE,
              AUTHORIZED,
              CABLE_PLUGGED_IN,
              CHARGING_RATE_CHANGED,
              RESUMED,
              RESUMED_WITHOUT_ENERGY ->
              ReadingContext.SAMPLE_PERIODIC;
          case CLOCK -> ReadingContext.SAMPLE_CLOCK;
          case TRIGGERED -> ReadingContext.TRIGGER;
        };
    TriggerReason reason =
        switch (trigger) {
          case PERIODIC -> TriggerReason.METER_VALUE_PERIODIC;
          case CLOCK -> TriggerReason.METER_VALUE_CLOCK;
          case CHARGING_STATE -> TriggerReason.CHARGING_STATE_CHANGED;
          case TRIGGERED -> TriggerReason.TRIGGER;
          case AUTHORIZED -> TriggerReason.AUTHORIZED;
          case CABLE_PLUGGED_IN -> TriggerReason.CABLE_PLUGGED_IN;
          case CHARGING_RATE_CHANGED -> TriggerReason.CHARGING_RATE_CHANGED;
          // 2.1's TxResumed has no 2.0.1 spelling: the nearest one, marked for the 2.1 bridge.
          case RESUMED, RESUMED_WITHOUT_ENERGY -> TriggerReason.CHARGING_STATE_CHANGED;
        };
    List<MeterValue> values = new ArrayList<>();
    readings.forEach(r -> values.add(meterValue(r, context)));
    MeterReading last = readings.get(readings.size() - 1);
    TransactionEventRequest event =
        event(
            TransactionEvent.UPDATED,
            tx,
            last,
            values,
            reason,
            null,
            trigger == UpdateTrigger.AUTHORIZED
                ? V201StationMapping.token(tx.idToken(), tx.idTokenType())
                : null);
    if (trigger == UpdateTrigger.RESUMED || trigger == UpdateTrigger.RESUMED_WITHOUT_ENERGY) {
      event =
          marked(
              event,
              java.util.Map.of(TRIGGER_MARKER_REASON, "TxResumed"),
              trigger == UpdateTrigger.RESUMED_WITHOUT_ENERGY);
    }
    return event;
  }

  /**
   * The vendor id of the marker on an event whose 2.1 trigger reason 2.0.1 cannot spell; the 2.1
   * bridge puts the reason in its place and drops the marker. It is stored with the queued event,
   * so a restart does not lose it.
   */
  public static final String TRIGGER_MARKER_VENDOR = "io.kilowire.trigger";

  /**
   * The customData vendor of a sampled value of a measurand 2.0.1 cannot spell (2.1's
   * Current.Export.Offered, Power.Active.Setpoint, EnergyRequest.*), which the station sends only
   * when a 2.1 measurand list asks for it: the property {@link #MEASURAND_MARKER_NAME} names it,
   * and the 2.1 bridge puts it in its place and drops the marker. Stored with the queued event.
   */
  public static final String MEASURAND_MARKER_VENDOR = "io.kilowire.measurand";

  /** The property of that marker naming the 2.1 measurand. */
  public static final String MEASURAND_MARKER_NAME = "measurand";

  /** The property of that marker naming the 2.1 trigger reason. */
  public static final String TRIGGER_MARKER_REASON = "triggerReason";

  /**
   * The property of that marker holding the transaction's limits (2.1 transactionLimit: maxCost,
   * maxEnergy, maxTime in seconds, maxSoC), on the updates that report them.
   */
  public static final String TRIGGER_MARKER_LIMIT = "transactionLimit";

  /**
   * {@code r} marked for the bridge with {@code properties} (the 2.1 trigger reason and what goes
   * with it, e.g. TxResumed of B13, E17); where the EVSE is what suspends the transaction
   * (SuspendedEVSE), it says so, else it is in the state it was in.
   */
  private static TransactionEventRequest marked(
      TransactionEventRequest r, java.util.Map<String, Object> properties, boolean withoutEnergy) {
    io.kilowire.core.ocpp.v201.Transaction t = r.transactionInfo();
    io.kilowire.core.ocpp.v201.Transaction info =
        new io.kilowire.core.ocpp.v201.Transaction(
            t.customData(),
            t.transactionId(),
            withoutEnergy ? ChargingState.SUSPENDED_EVSE : t.chargingState(),
            t.timeSpentCharging(),
            t.stoppedReason(),
            t.remoteStartId());
    return new TransactionEventRequest(
        new io.kilowire.core.ocpp.v201.CustomData(TRIGGER_MARKER_VENDOR, properties),
        r.eventType(),
        r.meterValue(),
        r.timestamp(),
        r.triggerReason(),
        r.seqNo(),
        r.offline(),
        r.numberOfPhasesUsed(),
        r.cableMaxCurrent(),
        r.reservationId(),
        info,
        r.evse(),
        r.idToken());
  }

  @Override
  public QueuedMessage ended(
      Transaction tx, MeterReading reading, StopReason reason, @Nullable String stopToken) {
    TriggerReason trigger =
        switch (reason) {
          case REMOTE -> TriggerReason.REMOTE_STOP;
          case LOCAL -> TriggerReason.STOP_AUTHORIZED;
          case EV_DISCONNECTED -> TriggerReason.EV_COMMUNICATION_LOST;
          case DE_AUTHORIZED, TARIFF_NOT_ACCEPTED -> TriggerReason.DEAUTHORIZED;
          case HARD_RESET, SOFT_RESET -> TriggerReason.RESET_COMMAND;
          case UNLOCK_COMMAND -> TriggerReason.UNLOCK_COMMAND;
          case ENERGY_LIMIT_REACHED -> TriggerReason.ENERGY_LIMIT_REACHED;
          case TIME_LIMIT_REACHED -> TriggerReason.TIME_LIMIT_REACHED;
          case EV_CONNECT_TIMEOUT -> TriggerReason.EV_CONNECT_TIMEOUT;
          default -> TriggerReason.ABNORMAL_CONDITION;
        };
    Reason stopped =
        switch (reason) {
          case DE_AUTHORIZED, TARIFF_NOT_ACCEPTED -> Reason.DE_AUTHORIZED;
          case EMERGENCY_STOP -> Reason.EMERGENCY_STOP;
          case EV_DISCONNECTED -> Reason.EV_DISCONNECTED;
          case HARD_RESET, SOFT_RESET -> Reason.IMMEDIATE_RESET;
          case LOCAL -> Reason.LOCAL;
          case POWER_LOSS -> Reason.POWER_LOSS;
          case REBOOT -> Reason.REBOOT;
          case REMOTE -> Reason.REMOTE;
          case OTHER, UNLOCK_COMMAND -> Reason.OTHER;
          case EV_CONNECT_TIMEOUT -> Reason.TIMEOUT;
          case ENERGY_LIMIT_REACHED -> Reason.ENERGY_LIMIT_REACHED;
          case TIME_LIMIT_REACHED -> Reason.TIME_LIMIT_REACHED;
          case SOC_LIMIT_REACHED -> Reason.SOC_LIMIT_REACHED;
          // A cost limit is a credit the station enforces (2.1's reasons name no cost limit).
          case COST_LIMIT_REACHED -> Reason.LOCAL_OUT_OF_CREDIT;
          case GROUND_FAULT -> Reason.GROUND_FAULT;
          case OVERCURRENT_FAULT -> Reason.OVERCURRENT_FAULT;
        };
    IdToken token =
        stopToken == null ? null : V201StationMapping.token(stopToken, tx.idTokenType());
    TransactionEventRequest event =
        event(
            TransactionEvent.ENDED,
            tx,
            reading,
            List.of(meterValue(reading, ReadingContext.TRANSACTION_END)),
            trigger,
            stopped,
            token);
    if (reason == StopReason.TARIFF_NOT_ACCEPTED) {
      // 2.0.1 names no refused tariff: Deauthorized here, the 2.1 bridge words it.
      event = marked(event, java.util.Map.of(TRIGGER_MARKER_REASON, "TariffNotAccepted"), false);
    }
    return queued(event, tx, QueuedMessage.Kind.END);
  }

  private TransactionEventRequest event(
      TransactionEvent type,
      Transaction tx,
      MeterReading reading,
      List<MeterValue> values,
      TriggerReason trigger,
      @Nullable Reason stopped,
      @Nullable IdToken token) {
    ChargingState state =
        type == TransactionEvent.ENDED
            ? ChargingState.EV_CONNECTED
            : tx.charging() ? ChargingState.CHARGING : ChargingState.SUSPENDED_EV;
    long spent = Math.max(0, Duration.between(tx.startedAt(), reading.at()).toSeconds());
    // `offline` marks when the event happened, not when it is built: a Started event rebuilt
    // after a crash (Station.reconcile) takes the flag recorded with the transaction.
    boolean offline = type == TransactionEvent.STARTED ? tx.startedOffline() : !session.attached();
    io.kilowire.core.ocpp.v201.Transaction info =
        new io.kilowire.core.ocpp.v201.Transaction(
            null,
            tx.id(),
            state,
            (int) Math.min(Integer.MAX_VALUE, spent),
            stopped,
            tx.remoteStartId());
    return new TransactionEventRequest(
        null,
        type,
        values,
        reading.at(),
        trigger,
        tx.nextSeqNo(),
        offline ? Boolean.TRUE : null,
        null,
        null,
        // H01.FR.15: the reservation goes with the event that carries the token using it.
        token != null && type != TransactionEvent.ENDED ? tx.reservationId() : null,
        info,
        type == TransactionEvent.STARTED ? new EVSE(null, tx.evse(), tx.connector()) : null,
        token);
  }

  @Override
  public void idleMeterValues(int evse, MeterReading reading, UpdateTrigger trigger) {
    // A triggered reading says so (1.6 §5.17, 2.0.1 F06: context Trigger), not Sample.Clock.
    ReadingContext context =
        trigger == UpdateTrigger.TRIGGERED ? ReadingContext.TRIGGER : ReadingContext.SAMPLE_CLOCK;
    session
        .call(
            new MeterValuesRequest(null, evse, List.of(meterValue(reading, context))),
            MeterValuesResponse.class)
        .whenComplete((r, f) -> logFailure("MeterValues", f));
  }

  @Override
  public CompletableFuture<? extends OcppMessage> send(QueuedMessage message, TransactionIds ids) {
    TransactionEventRequest event =
        codec.decodePayload(
            codec.parsePayload(message.payloadJson()), TransactionEventRequest.class);
    return session.call(event, TransactionEventResponse.class);
  }

  @Override
  public Confirmation confirmed(QueuedMessage message, OcppMessage response) {
    if (response instanceof TransactionEventResponse r) {
      return new Confirmation(
          null,
          r.idTokenInfo() == null ? null : V201AuthorizationMapping.info(r.idTokenInfo()),
          r.totalCost());
    }
    return new Confirmation(null, null);
  }

  private QueuedMessage queued(
      TransactionEventRequest event, Transaction tx, QueuedMessage.Kind kind) {
    return new QueuedMessage(
        "TransactionEvent", codec.encodePayload(event).json(), tx.id(), kind, event.seqNo());
  }

  private MeterValue meterValue(MeterReading r, ReadingContext context) {
    List<String> wanted =
        switch (context) {
          case TRANSACTION_BEGIN -> measurands.started().get();
          case TRANSACTION_END -> measurands.ended().get();
          case SAMPLE_CLOCK -> measurands.aligned().get();
          default -> measurands.sampled().get();
        };
    return meterValue(r, context, wanted);
  }

  /** The reading as sampled values, limited to {@code wanted} measurands (empty: all). */
  static MeterValue meterValue(MeterReading r, ReadingContext context, List<String> wanted) {
    List<SampledValue> samples = new ArrayList<>();
    samples.add(
        sample(
            EnergyRegister.tenthsWh(r.energyWh()),
            context,
            Measurand.ENERGY_ACTIVE_IMPORT_REGISTER,
            null,
            "Wh"));
    Double exportWh = r.exportEnergyWh();
    if (exportWh != null) {
      samples.add(
          sample(
              EnergyRegister.tenthsWh(exportWh),
              context,
              Measurand.ENERGY_ACTIVE_EXPORT_REGISTER,
              null,
              "Wh"));
    }
    // Import and export power are each never negative: energy flowing back is export power.
    samples.add(sample(r.importPowerW(), context, Measurand.POWER_ACTIVE_IMPORT, null, "W"));
    if (exportWh != null) {
      samples.add(sample(r.exportPowerW(), context, Measurand.POWER_ACTIVE_EXPORT, null, "W"));
    }
    Double reactiveImport = r.reactiveImportVar();
    Double reactiveExport = r.reactiveExportVar();
    if (reactiveImport != null && reactiveExport != null) {
      // Like active power, each direction is never negative: inductive is import.
      samples.add(sample(reactiveImport, context, Measurand.POWER_REACTIVE_IMPORT, null, "var"));
      samples.add(sample(reactiveExport, context, Measurand.POWER_REACTIVE_EXPORT, null, "var"));
    }
    Phase[] current = {Phase.L1, Phase.L2, Phase.L3};
    Phase[] voltage = {Phase.L1_N, Phase.L2_N, Phase.L3_N};
    // Like power, import and export current are each never negative.
    for (int p = 1; p <= 3; p++) {
      samples.add(
          sample(r.importCurrentA(p), context, Measurand.CURRENT_IMPORT, current[p - 1], "A"));
    }
    if (exportWh != null) {
      for (int p = 1; p <= 3; p++) {
        samples.add(
            sample(r.exportCurrentA(p), context, Measurand.CURRENT_EXPORT, current[p - 1], "A"));
      }
    }
    for (int p = 1; p <= 3; p++) {
      samples.add(sample(r.voltageV().get(p), context, Measurand.VOLTAGE, voltage[p - 1], "V"));
    }
    if (r.socPercent() != null) {
      samples.add(sample(r.socPercent(), context, Measurand.SO_C, null, "Percent"));
    }
    Double offered = r.offeredCurrentA();
    if (offered != null) {
      // Amps per phase, as the pilot offers them: one value without a phase, it holds on each.
      samples.add(sample(offered, context, Measurand.CURRENT_OFFERED, null, "A"));
    }
    MeterMeasurands.keepWanted(
        samples, v -> v.measurand() == null ? null : v.measurand().value(), wanted);
    MeterReading.Known known = r.known();
    if (known != null) {
      // Only where a list names them (a 2.1 station's lists offer them): never by default.
      marked(samples, known.exportOfferedA(), context, "Current.Export.Offered", "A", wanted);
      marked(samples, known.setpointW(), context, "Power.Active.Setpoint", "W", wanted);
      marked(samples, known.energyTargetWh(), context, "EnergyRequest.Target", "Wh", wanted);
      marked(samples, known.energyMinimumWh(), context, "EnergyRequest.Minimum", "Wh", wanted);
      marked(samples, known.energyMaximumWh(), context, "EnergyRequest.Maximum", "Wh", wanted);
      marked(
          samples, known.energyMinimumV2xWh(), context, "EnergyRequest.Minimum.V2X", "Wh", wanted);
      marked(
          samples, known.energyMaximumV2xWh(), context, "EnergyRequest.Maximum.V2X", "Wh", wanted);
    }
    return new MeterValue(null, samples, r.at());
  }

  /** A value of a 2.1 measurand, marked for the 2.1 bridge, when {@code wanted} names it. */
  private static void marked(
      List<SampledValue> samples,
      @Nullable Double value,
      ReadingContext context,
      String measurand,
      String unit,
      List<String> wanted) {
    if (value == null || !wanted.contains(measurand)) {
      return;
    }
    SampledValue plain = sample(value, context, Measurand.CURRENT_OFFERED, null, unit);
    samples.add(
        new SampledValue(
            new io.kilowire.core.ocpp.v201.CustomData(
                MEASURAND_MARKER_VENDOR, java.util.Map.of(MEASURAND_MARKER_NAME, measurand)),
            plain.value(),
            context,
            plain.measurand(),
            null,
            null,
            null,
            plain.unitOfMeasure()));
  }

  private static SampledValue sample(
      double value,
      ReadingContext context,
      Measurand measurand,
      @Nullable Phase phase,
      String unit) {
    return sample(
        BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP),
        context,
        measurand,
        phase,
        unit);
  }

  private static SampledValue sample(
      BigDecimal value,
      ReadingContext context,
      Measurand measurand,
      @Nullable Phase phase,
      String unit) {
    return new SampledValue(
        null, value, context, measurand, phase, null, null, new UnitOfMeasure(null, unit, null));
  }

  private static void logFailure(String action, @Nullable Throwable failure) {
    if (failure != null) {
      LOG.debug("{} not delivered: {}", action, failure.getMessage());
    }
  }
}
