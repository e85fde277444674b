package io.kilowire.core.station;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.smartcharging.ProfileRules;
import io.kilowire.core.transaction.QueuedMessage;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transaction.UpdateTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What the station says to the CSMS, in domain terms; one implementation per OCPP version turns it
 * into that version's messages. Transaction messages are returned as {@link QueuedMessage}s for the
 * outbox to persist and send; everything else is sent at once.
 */
public interface CsmsGateway {
  OcppVersion version();

  /** The SetChargingProfile rules of this version, for the smart-charging engine. */
  ProfileRules profileRules();

  /** The CSMS's answer to a BootNotification. */
  record BootOutcome(Registration registration, Instant csmsTime, Duration interval) {}

  enum Registration {
    ACCEPTED,
    PENDING,
    REJECTED
  }

  CompletableFuture<BootOutcome> boot(BootCause cause);

  CompletableFuture<Instant> heartbeat();

  /**
   * Reports a connector's status; failures are logged, the station re-reports on reconnect. A
   * version whose status is coarser may skip a change it cannot express, unless {@code force}
   * (after a reconnect or a TriggerMessage).
   */
  void reportStatus(int evse, int connector, ConnectorStatus status, Instant at, boolean force);

  /**
   * As {@link #reportStatus(int, int, ConnectorStatus, Instant, boolean)}, with the fault's cause.
   */
  default void reportStatus(
      int evse, int connector, ConnectorStatus status, FaultCode fault, Instant at, boolean force) {
    reportStatus(evse, connector, status, at, force);
  }

  /** Reports the station as a whole (1.6 connector 0); versions without such a status ignore it. */
  default void reportStationStatus(ConnectorStatus status, Instant at) {}

  /**
   * Reports a fault raised or cleared; completes once the CSMS confirmed it. The station keeps an
   * event that could not be delivered and sends it again after a reconnect. A version that carries
   * the cause only in the status (1.6 errorCode) completes at once.
   */
  default CompletableFuture<Void> faultEvent(FaultEvent event) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Forwards what an EV asked for over ISO 15118 (2.0.1 NotifyEVChargingNeeds); versions without
   * such a message complete at once. Completes when the CSMS answered.
   */
  default CompletableFuture<Void> chargingNeeds(int evse, ChargingNeeds needs) {
    return CompletableFuture.completedFuture(null);
  }

  /** Asks the CSMS about a token (Authorize); the answer in version-neutral terms. */
  CompletableFuture<AuthorizationInfo> authorize(String idToken, String idTokenType);

  /**
   * A fallback condition began or ended (2.0.1 NotifyEvent, 1.6 SecurityEventNotification). The
   * station calls it only while online and queues what happened offline; the future completes when
   * the CSMS confirmed it. Versions without a way to say it complete at once.
   */
  default CompletableFuture<?> fallbackEvent(FallbackEvent event) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * An external system (EMS, SO, ...) limits the station ({@code evse} null) or an EVSE: 2.0.1
   * NotifyChargingLimit; completes when the CSMS confirmed it. The station keeps a report that
   * could not be delivered and sends it again after a reconnect. 1.6 has no such message: the
   * station enforces the limit only, and the future completes at once.
   */
  default CompletableFuture<?> externalLimit(DemandResponse limit, @Nullable Integer evse) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The external limit of {@code source} ended: 2.0.1 ClearedChargingLimit; completes as {@link
   * #externalLimit}.
   */
  default CompletableFuture<?> externalLimitCleared(String source, @Nullable Integer evse) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Sends the station's certificate signing request (PEM); completes with whether the CSMS accepted
   * it. Versions without the message complete with false.
   */
  default CompletableFuture<Boolean> signCertificate(
      String csr, io.kilowire.core.station.certificates.SigningKind kind) {
    return CompletableFuture.completedFuture(false);
  }

  /**
   * A security event (2.0.1 SecurityEventNotification; 1.6 only with the security extension), e.g.
   * InvalidChargingStationCertificate or InvalidFirmwareSignature; completes when the CSMS
   * confirmed it. The station logs and queues it first ({@code station.logs.SecurityEvents}).
   */
  default CompletableFuture<?> securityEvent(io.kilowire.core.station.logs.SecurityEvent event) {
    return CompletableFuture.completedFuture(null);
  }

  /** An EV's ISO 15118 certificate request passed to the CSMS (2.0.1 Get15118EVCertificate). */
  default CompletableFuture<io.kilowire.core.station.certificates.Ev15118Answer> ev15118Certificate(
      String schemaVersion, boolean install, String exiRequest) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(version() + " has no Get15118EVCertificate"));
  }

  /** The OCSP status of a certificate, asked of the CSMS (2.0.1 GetCertificateStatus). */
  default CompletableFuture<io.kilowire.core.station.certificates.OcspAnswer> certificateStatus(
      io.kilowire.core.station.certificates.CertificateHash hash, String responderUrl) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(version() + " has no GetCertificateStatus"));
  }

  /**
   * A component of the station has a problem (2.1 I08.FR.31: TariffCostCtrlr cannot use a driver's
   * tariff): a hard-wired Alerting NotifyEvent on its Problem variable, with the reason as
   * techCode. Versions without it do nothing.
   */
  default CompletableFuture<?> componentProblem(
      java.time.Instant at, String component, @Nullable String techCode) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A variable monitor tripped (2.0.1 NotifyEvent); completes when the CSMS confirmed it. Versions
   * without monitoring complete at once.
   */
  default CompletableFuture<?> monitorEvent(
      io.kilowire.core.station.monitoring.MonitorEvent event) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A reservation ended by itself (2.0.1 ReservationStatusUpdate); completes when the CSMS
   * confirmed it. 1.6 has no such message (the status notification says it): completes at once.
   */
  default CompletableFuture<?> reservationEnded(
      int reservationId, io.kilowire.core.station.reservations.Reservation.End why) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A step of a firmware update (2.0.1 FirmwareStatusNotification; 1.6
   * SignedFirmwareStatusNotification when {@code secure}, else FirmwareStatusNotification, which
   * cannot say every step: those complete at once). Completes when the CSMS confirmed it.
   */
  default CompletableFuture<?> firmwareStatus(
      io.kilowire.core.station.firmware.FirmwareStatus status,
      @Nullable Integer requestId,
      boolean secure) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A step of publishing firmware as a local controller (2.0.1 PublishFirmwareStatusNotification,
   * with the locations once Published). 1.6 has no local controller: completes at once.
   */
  default CompletableFuture<?> publishFirmwareStatus(
      io.kilowire.core.station.firmware.FirmwarePublishing.Status status,
      List<java.net.URI> locations,
      @Nullable Integer requestId) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A step of a log upload (2.0.1 and 1.6 security LogStatusNotification with its requestId; 1.6
   * DiagnosticsStatusNotification when {@code diagnostics16}). Completes when confirmed.
   */
  default CompletableFuture<?> logStatus(
      io.kilowire.core.station.logs.LogStatus status,
      @Nullable Integer requestId,
      boolean diagnostics16) {
    return CompletableFuture.completedFuture(null);
  }

  /** The firmware version the station runs, for the BootNotifications from now on. */
  default void firmwareVersion(String version) {}

  QueuedMessage started(Transaction tx, MeterReading reading);

  QueuedMessage updated(Transaction tx, List<MeterReading> readings, UpdateTrigger trigger);

  /**
   * An update that reports a change of the transaction's limits (2.1 E16: a limit set, a limit
   * reached). The report is part of the queued message, so it reaches the CSMS in its own words
   * however late it is sent (after a reconnect or a restart); a version without transaction limits
   * sends a plain update.
   */
  default QueuedMessage updated(
      Transaction tx,
      List<MeterReading> readings,
      UpdateTrigger trigger,
      io.kilowire.core.station.transactions.TransactionLimits.Report report) {
    return updated(tx, readings, trigger);
  }

  QueuedMessage ended(
      Transaction tx, MeterReading reading, StopReason reason, @Nullable String stopToken);

  /**
   * Meter values outside the transaction queue, sent at once: clock-aligned values of an EVSE
   * without a transaction ({@link UpdateTrigger#CLOCK}) or values a TriggerMessage asked for
   * ({@link UpdateTrigger#TRIGGERED}), each with its own reading context.
   */
  void idleMeterValues(int evse, MeterReading reading, UpdateTrigger trigger);

  /** Sends a queued transaction message, filling in what only the CSMS could tell (1.6 ids). */
  CompletableFuture<? extends OcppMessage> send(QueuedMessage message, TransactionIds ids);

  /**
   * What a confirmed transaction message taught the station.
   *
   * @param totalCost the transaction's cost so far (its total in the answer to its end)
   */
  record Confirmation(
      @Nullable Integer assignedTransactionId,
      @Nullable AuthorizationInfo tokenInfo,
      java.math.@Nullable BigDecimal totalCost) {
    public Confirmation(
        @Nullable Integer assignedTransactionId, @Nullable AuthorizationInfo tokenInfo) {
      this(assignedTransactionId, tokenInfo, null);
    }
  }

  Confirmation confirmed(QueuedMessage message, OcppMessage response);

  /** Why the station boots. */
  enum BootCause {
    POWER_UP,
    REMOTE_RESET,
    LOCAL_RESET,
    TRIGGERED,
    /** A reboot into newly installed firmware. */
    FIRMWARE_UPDATE
  }

  /** The CSMS-assigned ids the station knows, by the station's own transaction id. */
  @FunctionalInterface
  interface TransactionIds {
    @Nullable Integer csmsId(String stationTransactionId);
  }
}
