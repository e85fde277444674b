package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.fallback.FallbackCondition;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.FrameCodec;
import io.kilowire.core.ocpp.v16.AuthorizeRequest;
import io.kilowire.core.ocpp.v16.AuthorizeResponse;
import io.kilowire.core.ocpp.v16.BootNotificationRequest;
import io.kilowire.core.ocpp.v16.BootNotificationResponse;
import io.kilowire.core.ocpp.v16.ChargePointErrorCode;
import io.kilowire.core.ocpp.v16.ChargePointStatus;
import io.kilowire.core.ocpp.v16.HeartbeatRequest;
import io.kilowire.core.ocpp.v16.HeartbeatResponse;
import io.kilowire.core.ocpp.v16.Measurand;
import io.kilowire.core.ocpp.v16.MeterValue;
import io.kilowire.core.ocpp.v16.MeterValuesRequest;
import io.kilowire.core.ocpp.v16.MeterValuesResponse;
import io.kilowire.core.ocpp.v16.Phase;
import io.kilowire.core.ocpp.v16.ReadingContext;
import io.kilowire.core.ocpp.v16.Reason;
import io.kilowire.core.ocpp.v16.SampledValue;
import io.kilowire.core.ocpp.v16.SecurityEventNotificationRequest;
import io.kilowire.core.ocpp.v16.SecurityEventNotificationResponse;
import io.kilowire.core.ocpp.v16.StartTransactionRequest;
import io.kilowire.core.ocpp.v16.StartTransactionResponse;
import io.kilowire.core.ocpp.v16.StatusNotificationRequest;
import io.kilowire.core.ocpp.v16.StatusNotificationResponse;
import io.kilowire.core.ocpp.v16.StopTransactionRequest;
import io.kilowire.core.ocpp.v16.StopTransactionResponse;
import io.kilowire.core.ocpp.v16.UnitOfMeasure;
import io.kilowire.core.smartcharging.ProfileRules;
import io.kilowire.core.station.ConnectorStatus;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.EnergyRegister;
import io.kilowire.core.station.FaultCode;
import io.kilowire.core.station.MeterMeasurands;
import io.kilowire.core.station.SessionHolder;
import io.kilowire.core.station.StationIdentity;
import io.kilowire.core.station.certificates.SigningKind;
import io.kilowire.core.station.logs.SecurityEvent;
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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's words in OCPP 1.6: connector n is EVSE n, connector 0 the charge point. Meter
 * values carry the import register, power, and current and voltage per phase, SoC when the EV
 * reports it, and the current offered (see {@link io.kilowire.core.configuration.SentMeasurands}).
 * Transaction messages are built when the event happens; MeterValues and StopTransaction of a
 * transaction started offline get their transactionId filled in at sending, once
 * StartTransaction.conf assigned it.
 */
public final class V16Gateway implements CsmsGateway {
  private static final Logger LOG = LoggerFactory.getLogger(V16Gateway.class);

  /** The SecurityEventNotification type of fallback entries and exits. */
  public static final String FALLBACK_EVENT_TYPE = "LoadManagementFallback";

  /** Written into queued messages whose transactionId the CSMS has not assigned yet. */
  static final int UNASSIGNED = -1;

  private final SessionHolder session;
  private final FrameCodec codec;
  private final MeterMeasurands measurands;
  private final StationIdentity identity;

  /** The firmware running now, once the station says so; else the identity's. */
  private @Nullable String firmwareVersion;

  private final BooleanSupplier securityExtension;
  private boolean securityExtensionLogged;

  /** Without the security extension. */
  public V16Gateway(SessionHolder session, FrameCodec codec, StationIdentity identity) {
    this(session, codec, identity, MeterMeasurands.ALL, () -> false);
  }

  /**
   * With meter values limited to the configured {@code measurands}; {@code securityExtension} says
   * whether the station uses the OCPP 1.6 security extension now (see {@link #fallbackEvent}).
   */
  public V16Gateway(
      SessionHolder session,
      FrameCodec codec,
      StationIdentity identity,
      MeterMeasurands measurands,
      BooleanSupplier securityExtension) {
    this.session = session;
    this.codec = codec;
    this.identity = identity;
    this.measurands = measurands;
    this.securityExtension = securityExtension;
  }

  @Override
  public OcppVersion version() {
    return OcppVersion.V16;
  }

  @Override
  public ProfileRules profileRules() {
    return V16SmartChargingMapping.PROFILE_RULES;
  }

  @Override
  public CompletableFuture<BootOutcome> boot(BootCause cause) {
    BootNotificationRequest request =
        new BootNotificationRequest(
            identity.vendor(),
            identity.model(),
            identity.serialNumber(),
            null,
            firmwareVersion != null ? firmwareVersion : identity.firmwareVersion(),
            null,
            null,
            null,
            null);
    return session
        .call(request, BootNotificationResponse.class)
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
        .call(new HeartbeatRequest(), HeartbeatResponse.class)
        .thenApply(HeartbeatResponse::currentTime);
  }

  @Override
  public void reportStatus(
      int evse, int connector, ConnectorStatus status, Instant at, boolean force) {
    reportStatus(evse, connector, status, FaultCode.NONE, at, force);
  }

  @Override
  public void reportStatus(
      int evse, int connector, ConnectorStatus status, FaultCode fault, Instant at, boolean force) {
    // OCPP 1.6 §7.6: the errorCode says why a connector is Faulted; NoError otherwise.
    ChargePointErrorCode code =
        status != ConnectorStatus.FAULTED
            ? ChargePointErrorCode.NO_ERROR
            : switch (fault) {
              case OVER_CURRENT -> ChargePointErrorCode.OVER_CURRENT_FAILURE;
              case GROUND_FAILURE -> ChargePointErrorCode.GROUND_FAILURE;
              case HIGH_TEMPERATURE -> ChargePointErrorCode.HIGH_TEMPERATURE;
              case CONTACTOR_FAILURE, WELDED_CONTACTOR -> ChargePointErrorCode.POWER_SWITCH_FAILURE;
              case NONE, OTHER -> ChargePointErrorCode.OTHER_ERROR;
            };
    // PowerSwitchFailure covers both contactor faults; the vendor code tells them apart.
    @Nullable String vendorErrorCode =
        status != ConnectorStatus.FAULTED
            ? null
            : switch (fault) {
              case CONTACTOR_FAILURE -> "ContactorFailure";
              case WELDED_CONTACTOR -> "WeldedContactor";
              default -> null;
            };
    session
        .call(
            new StatusNotificationRequest(
                evse, code, null, toWire(status), at, null, vendorErrorCode),
            StatusNotificationResponse.class)
        .whenComplete((r, f) -> logFailure("StatusNotification", f));
  }

  /** OCPP 1.6: connector 0 stands for the charge point itself. */
  @Override
  public void reportStationStatus(ConnectorStatus status, Instant at) {
    reportStatus(0, 0, status, at, true);
  }

  static ChargePointStatus toWire(ConnectorStatus status) {
    return ChargePointStatus.valueOf(status.name());
  }

  /**
   * 1.6 has no device-model events: a fallback entry or exit goes out as a
   * SecurityEventNotification (OCPP 1.6 Security Whitepaper) of type {@value #FALLBACK_EVENT_TYPE},
   * the condition and its cause in techInfo, if the station uses the security extension: a plain
   * 1.6 CSMS answers it NotImplemented. Without the extension (security profile 0) the event is
   * logged only and completes at once.
   */
  @Override
  public CompletableFuture<?> fallbackEvent(FallbackEvent event) {
    String info = FallbackCondition.describe(event);
    if (!securityExtension.getAsBoolean()) {
      if (!securityExtensionLogged) {
        securityExtensionLogged = true;
        LOG.info(
            "fallback events are not reported: SecurityEventNotification needs the 1.6 security"
                + " extension (SecurityProfile 1 or more)");
      }
      return CompletableFuture.completedFuture(null);
    }
    return session.call(
        new SecurityEventNotificationRequest(
            FALLBACK_EVENT_TYPE, event.at(), info.length() > 255 ? info.substring(0, 255) : info),
        SecurityEventNotificationResponse.class);
  }

  /** 1.6 security extension: a CSR for the charge point's certificate (no V2G in 1.6). */
  @Override
  public CompletableFuture<Boolean> signCertificate(String csr, SigningKind kind) {
    if (kind != SigningKind.CHARGING_STATION) {
      return CompletableFuture.completedFuture(false);
    }
    return session
        .call(
            new io.kilowire.core.ocpp.v16.SignCertificateRequest(csr),
            io.kilowire.core.ocpp.v16.SignCertificateResponse.class)
        .thenApply(r -> r.status() == io.kilowire.core.ocpp.v16.GenericStatus.ACCEPTED);
  }

  /**
   * A security event as the 1.6 security whitepaper names it (its ChargePoint where 2.0.1 says
   * ChargingStation); logged only without the extension, as {@link #fallbackEvent}.
   */
  @Override
  public CompletableFuture<?> securityEvent(SecurityEvent event) {
    if (!securityExtension.getAsBoolean()) {
      LOG.info("security event {} not reported: no 1.6 security extension", event.type());
      return CompletableFuture.completedFuture(null);
    }
    String type = event.type().replace("ChargingStation", "ChargePoint");
    return session.call(
        new SecurityEventNotificationRequest(type, event.at(), clip(event.techInfo(), 255)),
        SecurityEventNotificationResponse.class);
  }

  @Override
  public void firmwareVersion(String version) {
    this.firmwareVersion = version;
  }

  /**
   * A secure update (SignedUpdateFirmware) reports with SignedFirmwareStatusNotification and its
   * requestId; a plain one with FirmwareStatusNotification, which has no word for the scheduled,
   * signature and reboot steps (they are left out) and calls a failed verification a failed
   * installation.
   */
  @Override
  public CompletableFuture<?> firmwareStatus(
      io.kilowire.core.station.firmware.FirmwareStatus status,
      @Nullable Integer requestId,
      boolean secure) {
    if (secure) {
      return session.call(
          new io.kilowire.core.ocpp.v16.SignedFirmwareStatusNotificationRequest(
              io.kilowire.core.ocpp.v16.SignedFirmwareStatusNotificationStatus.valueOf(
                  status.name()),
              requestId),
          io.kilowire.core.ocpp.v16.SignedFirmwareStatusNotificationResponse.class);
    }
    io.kilowire.core.ocpp.v16.FirmwareStatus plain =
        switch (status) {
          case DOWNLOADING -> io.kilowire.core.ocpp.v16.FirmwareStatus.DOWNLOADING;
          case DOWNLOADED -> io.kilowire.core.ocpp.v16.FirmwareStatus.DOWNLOADED;
          case DOWNLOAD_FAILED -> io.kilowire.core.ocpp.v16.FirmwareStatus.DOWNLOAD_FAILED;
          case INSTALLING -> io.kilowire.core.ocpp.v16.FirmwareStatus.INSTALLING;
          case INSTALLED -> io.kilowire.core.ocpp.v16.FirmwareStatus.INSTALLED;
          case INSTALLATION_FAILED, INSTALL_VERIFICATION_FAILED, INVALID_SIGNATURE ->
              io.kilowire.core.ocpp.v16.FirmwareStatus.INSTALLATION_FAILED;
          case IDLE -> io.kilowire.core.ocpp.v16.FirmwareStatus.IDLE;
          default -> null;
        };
    if (plain == null) {
      return CompletableFuture.completedFuture(null);
    }
    return session.call(
        new io.kilowire.core.ocpp.v16.FirmwareStatusNotificationRequest(plain),
        io.kilowire.core.ocpp.v16.FirmwareStatusNotificationResponse.class);
  }

  /**
   * GetDiagnostics reports with DiagnosticsStatusNotification (every failure is UploadFailed); the
   * security extension's GetLog with LogStatusNotification and its requestId.
   */
  @Override
  public CompletableFuture<?> logStatus(
      io.kilowire.core.station.logs.LogStatus status,
      @Nullable Integer requestId,
      boolean diagnostics16) {
    if (diagnostics16) {
      io.kilowire.core.ocpp.v16.DiagnosticsStatus plain =
          switch (status) {
            case UPLOADING -> io.kilowire.core.ocpp.v16.DiagnosticsStatus.UPLOADING;
            case UPLOADED -> io.kilowire.core.ocpp.v16.DiagnosticsStatus.UPLOADED;
            case IDLE -> io.kilowire.core.ocpp.v16.DiagnosticsStatus.IDLE;
            case ACCEPTED_CANCELED -> null;
            default -> io.kilowire.core.ocpp.v16.DiagnosticsStatus.UPLOAD_FAILED;
          };
      if (plain == null) {
        return CompletableFuture.completedFuture(null);
      }
      return session.call(
          new io.kilowire.core.ocpp.v16.DiagnosticsStatusNotificationRequest(plain),
          io.kilowire.core.ocpp.v16.DiagnosticsStatusNotificationResponse.class);
    }
    if (status == io.kilowire.core.station.logs.LogStatus.ACCEPTED_CANCELED) {
      return CompletableFuture.completedFuture(null); // not in the 1.6 extension's statuses
    }
    return session.call(
        new io.kilowire.core.ocpp.v16.LogStatusNotificationRequest(
            io.kilowire.core.ocpp.v16.UploadLogStatus.valueOf(status.name()), requestId),
        io.kilowire.core.ocpp.v16.LogStatusNotificationResponse.class);
  }

  private static @Nullable String clip(@Nullable String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  @Override
  public CompletableFuture<io.kilowire.core.authorization.AuthorizationInfo> authorize(
      String idToken, String idTokenType) {
    return session
        .call(new AuthorizeRequest(idToken), AuthorizeResponse.class)
        .thenApply(r -> V16AuthorizationMapping.info(r.idTagInfo()));
  }

  @Override
  public QueuedMessage started(Transaction tx, MeterReading reading) {
    StartTransactionRequest request =
        new StartTransactionRequest(
            tx.evse(), tx.idToken(), wattHours(reading), tx.reservationId(), reading.at());
    return queued("StartTransaction", request, tx, QueuedMessage.Kind.START);
  }

  @Override
  public QueuedMessage updated(Transaction tx, List<MeterReading> readings, UpdateTrigger trigger) {
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
    List<MeterValue> values = new ArrayList<>();
    for (MeterReading r : readings) {
      values.add(meterValue(r, context));
    }
    Integer id = tx.csmsId();
    MeterValuesRequest request =
        new MeterValuesRequest(tx.evse(), id != null ? id : UNASSIGNED, values);
    return queued("MeterValues", request, tx, QueuedMessage.Kind.UPDATE);
  }

  @Override
  public QueuedMessage ended(
      Transaction tx, MeterReading reading, StopReason reason, @Nullable String stopToken) {
    Integer id = tx.csmsId();
    StopTransactionRequest request =
        new StopTransactionRequest(
            stopToken,
            wattHours(reading),
            reading.at(),
            id != null ? id : UNASSIGNED,
            reason(reason),
            null);
    return queued("StopTransaction", request, tx, QueuedMessage.Kind.END);
  }

  @Override
  public void idleMeterValues(int evse, MeterReading reading, UpdateTrigger trigger) {
    // A triggered reading says so (1.6 §5.17, 2.0.1 F06: context Trigger), not Sample.Clock.
    ReadingContext context =
        trigger == UpdateTrigger.TRIGGERED ? ReadingContext.TRIGGER : ReadingContext.SAMPLE_CLOCK;
    session
        .call(
            new MeterValuesRequest(evse, null, List.of(meterValue(reading, context))),
            MeterValuesResponse.class)
        .whenComplete((r, f) -> logFailure("MeterValues", f));
  }

  @Override
  public CompletableFuture<? extends OcppMessage> send(QueuedMessage message, TransactionIds ids) {
    switch (message.action()) {
      case "StartTransaction" -> {
        return session.call(
            decode(message, StartTransactionRequest.class), StartTransactionResponse.class);
      }
      case "MeterValues" -> {
        MeterValuesRequest r = decode(message, MeterValuesRequest.class);
        Integer id = assigned(message, r.transactionId(), ids);
        return session.call(
            new MeterValuesRequest(r.connectorId(), id, r.meterValue()), MeterValuesResponse.class);
      }
      case "StopTransaction" -> {
        StopTransactionRequest r = decode(message, StopTransactionRequest.class);
        Integer id = assigned(message, r.transactionId(), ids);
        return session.call(
            new StopTransactionRequest(
                r.idTag(), r.meterStop(), r.timestamp(), id, r.reason(), r.transactionData()),
            StopTransactionResponse.class);
      }
      default -> {
        return CompletableFuture.failedFuture(
            new IllegalStateException("not a 1.6 transaction message: " + message.action()));
      }
    }
  }

  private static Integer assigned(
      QueuedMessage message, @Nullable Integer recorded, TransactionIds ids) {
    if (recorded != null && recorded != UNASSIGNED) {
      return recorded;
    }
    Integer known = ids.csmsId(message.transactionId());
    // Without an id (its StartTransaction was given up) the message still goes out, marked -1.
    return known != null ? known : UNASSIGNED;
  }

  @Override
  public Confirmation confirmed(QueuedMessage message, OcppMessage response) {
    if (response instanceof StartTransactionResponse r) {
      return new Confirmation(r.transactionId(), V16AuthorizationMapping.info(r.idTagInfo()));
    }
    return new Confirmation(null, null);
  }

  private QueuedMessage queued(
      String action, OcppMessage request, Transaction tx, QueuedMessage.Kind kind) {
    return new QueuedMessage(action, codec.encodePayload(request).json(), tx.id(), kind, -1);
  }

  private <T extends OcppMessage> T decode(QueuedMessage message, Class<T> type) {
    return codec.decodePayload(codec.parsePayload(message.payloadJson()), type);
  }

  private MeterValue meterValue(MeterReading r, ReadingContext context) {
    return meterValue(r, context, measurands.wanted(context == ReadingContext.SAMPLE_CLOCK));
  }

  /** The reading as sampled values, limited to {@code wanted} measurands (empty: all). */
  static MeterValue meterValue(MeterReading r, ReadingContext context, List<String> wanted) {
    List<SampledValue> samples = new ArrayList<>();
    // Whole Wh, like meterStart and meterStop: a finer register in between would let a later
    // meterStop (rounded down to the Wh) read less than an earlier MeterValues.
    samples.add(
        sample(
            String.valueOf(EnergyRegister.wholeWh(r.energyWh())),
            context,
            Measurand.ENERGY_ACTIVE_IMPORT_REGISTER,
            null,
            UnitOfMeasure.WH));
    Double exportWh = r.exportEnergyWh();
    if (exportWh != null) {
      samples.add(
          sample(
              String.valueOf(EnergyRegister.wholeWh(exportWh)),
              context,
              Measurand.ENERGY_ACTIVE_EXPORT_REGISTER,
              null,
              UnitOfMeasure.WH));
    }
    // Import and export power are each never negative: energy flowing back is export power.
    samples.add(
        sample(
            format(r.importPowerW()),
            context,
            Measurand.POWER_ACTIVE_IMPORT,
            null,
            UnitOfMeasure.W));
    if (exportWh != null) {
      samples.add(
          sample(
              format(r.exportPowerW()),
              context,
              Measurand.POWER_ACTIVE_EXPORT,
              null,
              UnitOfMeasure.W));
    }
    Double reactiveImport = r.reactiveImportVar();
    Double reactiveExport = r.reactiveExportVar();
    if (reactiveImport != null && reactiveExport != null) {
      samples.add(
          sample(
              format(reactiveImport),
              context,
              Measurand.POWER_REACTIVE_IMPORT,
              null,
              UnitOfMeasure.VAR));
      samples.add(
          sample(
              format(reactiveExport),
              context,
              Measurand.POWER_REACTIVE_EXPORT,
              null,
              UnitOfMeasure.VAR));
    }
    Phase[] current = {Phase.L1, Phase.L2, Phase.L3};
    Phase[] voltage = {Phase.L1_N, Phase.L2_N, Phase.L3_N};
    // Like power, import and export current are each never negative.
    for (int p = 1; p <= 3; p++) {
      samples.add(
          sample(
              format(r.importCurrentA(p)),
              context,
              Measurand.CURRENT_IMPORT,
              current[p - 1],
              UnitOfMeasure.A));
    }
    if (exportWh != null) {
      for (int p = 1; p <= 3; p++) {
        samples.add(
            sample(
                format(r.exportCurrentA(p)),
                context,
                Measurand.CURRENT_EXPORT,
                current[p - 1],
                UnitOfMeasure.A));
      }
    }
    for (int p = 1; p <= 3; p++) {
      samples.add(
          sample(
              format(r.voltageV().get(p)),
              context,
              Measurand.VOLTAGE,
              voltage[p - 1],
              UnitOfMeasure.V));
    }
    if (r.socPercent() != null) {
      samples.add(
          sample(
              String.valueOf(r.socPercent()),
              context,
              Measurand.SO_C,
              null,
              UnitOfMeasure.PERCENT));
    }
    Double offered = r.offeredCurrentA();
    if (offered != null) {
      // Amps per phase, as the pilot offers them: one value without a phase, it holds on each.
      samples.add(
          sample(format(offered), context, Measurand.CURRENT_OFFERED, null, UnitOfMeasure.A));
    }
    MeterMeasurands.keepWanted(
        samples, v -> v.measurand() == null ? null : v.measurand().value(), wanted);
    return new MeterValue(r.at(), samples);
  }

  private static SampledValue sample(
      String value,
      ReadingContext context,
      Measurand measurand,
      @Nullable Phase phase,
      UnitOfMeasure unit) {
    return new SampledValue(value, context, null, measurand, phase, null, unit);
  }

  /**
   * One decimal, rounded half up from the shortest decimal form of the double, as {@code %.1f}
   * writes it, but without a Formatter (a parser and a regular expression per call): an emulator
   * writes millions of samples.
   */
  static String format(double value) {
    if (!Double.isFinite(value)) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    String digits =
        BigDecimal.valueOf(Math.abs(value)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    // BigDecimal has no negative zero; %.1f keeps the sign of whatever it is given (-0.04 -> -0.0).
    return Math.copySign(1.0, value) < 0 ? "-" + digits : digits;
  }

  static int wattHours(MeterReading r) {
    return EnergyRegister.wholeWh(r.energyWh());
  }

  private static void logFailure(String action, @Nullable Throwable failure) {
    if (failure != null) {
      LOG.debug("{} not delivered: {}", action, failure.getMessage());
    }
  }

  /**
   * 1.6's stop reason: the same name, or Other for the 2.1 transaction limits and the 2.0.1 fault
   * reasons 1.6 lacks; a refused tariff ends the authorization (DeAuthorized).
   */
  private static Reason reason(StopReason reason) {
    return switch (reason) {
      case TARIFF_NOT_ACCEPTED -> Reason.DE_AUTHORIZED;
      case ENERGY_LIMIT_REACHED,
          TIME_LIMIT_REACHED,
          SOC_LIMIT_REACHED,
          COST_LIMIT_REACHED,
          EV_CONNECT_TIMEOUT,
          GROUND_FAULT,
          OVERCURRENT_FAULT ->
          Reason.OTHER;
      default -> Reason.valueOf(reason.name());
    };
  }
}
