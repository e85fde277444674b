package io.kilowire.core.station;

import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.fallback.FallbackCondition;
import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ClearCriteria;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.ProfileQuery;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.smartcharging.ValidationResult;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.station.authorization.TokenAuthorization;
import io.kilowire.core.station.availability.Availability;
import io.kilowire.core.station.availability.Resets;
import io.kilowire.core.station.availability.StatusReports;
import io.kilowire.core.station.faults.Faults;
import io.kilowire.core.station.firmware.FirmwarePublishing;
import io.kilowire.core.station.firmware.FirmwareUpdate;
import io.kilowire.core.station.firmware.FirmwareUpdates;
import io.kilowire.core.station.limits.Limits;
import io.kilowire.core.station.logs.LogRequest;
import io.kilowire.core.station.logs.LogUploader;
import io.kilowire.core.station.logs.LogUploads;
import io.kilowire.core.station.logs.StationLog;
import io.kilowire.core.station.provisioning.Provisioning;
import io.kilowire.core.station.reservations.Reservation;
import io.kilowire.core.station.reservations.ReservationBook;
import io.kilowire.core.station.reservations.Reservations;
import io.kilowire.core.station.transactions.MeterValues;
import io.kilowire.core.station.transactions.Transactions;
import io.kilowire.core.store.RecordLog;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * A charging station's behaviour, version-neutral. It is a step machine driven on one thread:
 * connection events, hardware events, CSMS commands (through the version adapters) and timers from
 * the injected {@link TaskScheduler}. It speaks to the CSMS only through its {@link CsmsGateway}.
 *
 * <p>The station is a coordinator: each capability lives in its own package with the state it owns
 * — {@link Provisioning} (connection, BootNotification, heartbeat), {@link Availability}, {@link
 * StatusReports} and {@link Resets}, {@link TokenAuthorization}, {@link Transactions} and {@link
 * MeterValues} (transaction messages through the persistent outbox), {@link Limits} (profiles,
 * local, fallback and external limits, the sharing of station limits) and {@link Faults}. The
 * station routes each event to the rooms it concerns, in the order the behaviour needs, and writes
 * their parts of the {@link StationSnapshot} after every change, before it acts.
 */
public final class Station {
  /** What the station reports about itself, for a console or a test. */
  public interface Observer {
    default void registration(Registration registration) {}

    default void status(int evse, ConnectorStatus status) {}

    default void transactionStarted(Transaction tx) {}

    default void transactionEnded(Transaction tx, StopReason reason) {}

    /**
     * The CSMS's clock, from a BootNotification or Heartbeat answer: a controller without its own
     * time source sets its clock from it (OCPP: the CSMS is the station's time reference).
     */
    default void csmsTime(Instant csmsTime) {}

    /**
     * A reset is carried out: its transactions ended and their ends reached the CSMS (or could
     * not); the station reboots now (see {@link Station#onReboot}) and then registers again with a
     * BootNotification (reason RemoteReset). Once per reset.
     */
    default void rebootRequested(boolean hard) {}

    /** A fallback condition began or ended (see {@code FallbackMonitor}). */
    default void fallback(FallbackEvent event) {}
  }

  private final int evseCount;
  private final TaskScheduler scheduler;
  private final CsmsGateway gateway;
  private final StationRooms rooms;
  private final StationHardware hardware;
  private final Provisioning provisioning;
  private final Faults faults;
  private final StatusReports status;
  private final Transactions transactions;
  private final MeterValues meterValues;
  private final Limits limits;
  private final Availability availability;
  private final Resets resets;
  private final TokenAuthorization tokens;
  private final Reservations reservations;
  private final FirmwareUpdates firmware;
  private final FirmwarePublishing publishing;
  private final StationLog log;
  private final LogUploads logs;
  private final boolean speaks21;

  public Station(
      int evseCount,
      StationParameters params,
      StationHardware hardware,
      TaskScheduler scheduler,
      SnapshotStore snapshots,
      RecordLog transactionLog,
      CsmsGateway gateway,
      Supplier<String> transactionIds,
      Observer observer) {
    if (evseCount < 1) {
      throw new IllegalArgumentException("a station has at least one EVSE");
    }
    this.evseCount = evseCount;
    this.speaks21 = params.ocpp21();
    this.scheduler = scheduler;
    this.gateway = gateway;
    this.log = new StationLog();
    this.rooms =
        new StationRooms(
            evseCount,
            params,
            hardware,
            scheduler,
            snapshots,
            transactionLog,
            gateway,
            transactionIds,
            new LoggedObserver(new GuardedObserver(observer), log, scheduler),
            log,
            this::status,
            this::onRegistered);
    this.hardware = rooms.hardware;
    this.provisioning = rooms.provisioning;
    this.faults = rooms.faults;
    this.status = rooms.status;
    this.transactions = rooms.transactions;
    this.meterValues = rooms.meterValues;
    this.limits = rooms.limits;
    this.availability = rooms.availability;
    this.resets = rooms.resets;
    this.tokens = rooms.tokens;
    this.reservations = rooms.reservations;
    this.firmware = rooms.firmware;
    this.publishing = rooms.publishing;
    this.logs = rooms.logs;
  }

  // ---------------------------------------------------------------------------------- lifecycle

  /**
   * Restores the persisted state. Transactions still open were interrupted by a crash or power
   * loss: they end with reason PowerLoss at their last persisted reading, unless the parameters say
   * to resume them.
   */
  public void start() {
    StationSnapshot snapshot = rooms.loadSnapshot();
    availability.restore(snapshot.inoperative());
    List<Integer> resumed =
        transactions.recover(snapshot.csmsIds(), snapshot.openTransactions(), rooms.resumption);
    rooms.transactionLimits.restore(); // the limits of the transactions taken up bind again
    rooms.persist();
    reservations.restore();
    firmware.restore();
    status.reportAll(false);
    meterValues.scheduleClockAligned();
    meterValues.scheduleSampling();
    limits.start(provisioning.online(), snapshot.offlineSince());
    rooms.certificates.start();
    rooms.monitoring.start();
    rooms.display.start();
    rooms.der.start();
    // Energy only once the limits (profiles, shares, the offline cap) are in force.
    resumed.forEach(evse -> hardware.offerEnergy(evse, true));
  }

  /**
   * Ends all transactions (reason Reboot) before a planned shutdown; the queue keeps them, and the
   * station's last state is persisted before its stores close.
   */
  public void shutdown() {
    for (int evse = 1; evse <= evseCount; evse++) {
      transactions.end(evse, StopReason.REBOOT);
    }
    rooms.persist();
    provisioning.stop();
    meterValues.stop();
    limits.stop();
    resets.stop();
    rooms.monitoring.stop();
    rooms.display.stop();
    rooms.der.stop();
    reservations.stop();
    firmware.stop();
  }

  // ---------------------------------------------------------------------------------- connection

  /** The connection to the CSMS is open (the gateway can send). */
  public void connected() {
    provisioning.connectionOpened();
    limits.reconnected();
    rooms.persist(); // the outage is over: a restart from here counts as online
    limits.csmsReachable();
    provisioning.register();
    resets.resumeInterrupted(); // a reboot that interrupted transactions is over
  }

  public void disconnected() {
    provisioning.connectionLost();
    faults.connectionLost();
    transactions.offline();
    status.connectionLost();
    if (limits.connectionLost()) {
      rooms.persist(); // a restart during the outage keeps counting from its start
    }
    // A station that never got through counts as offline for its profiles, but reports a CSMS
    // outage only once it was registered (every boot would report one otherwise).
    if (provisioning.accepted()) {
      limits.csmsLost();
    }
    limits.apply();
    resets.connectionLost();
    rooms.securityEvents.connectionLost();
    rooms.monitoring.connectionLost();
    reservations.connectionLost();
    rooms.der.connectionLost();
    firmware.connectionLost();
    publishing.connectionLost();
    logs.connectionLost();
  }

  /** Accepted on this connection: what waited for the CSMS goes out, in this order. */
  private void onRegistered() {
    if (!provisioning.online()) {
      return;
    }
    transactions.online();
    gateway.reportStationStatus(
        availability.anyOperative() ? ConnectorStatus.AVAILABLE : ConnectorStatus.UNAVAILABLE,
        scheduler.now());
    status.reportAll(true);
    limits.sendChargingNeeds();
    faults.flush();
    provisioning.scheduleHeartbeat();
    limits.flushReports();
    rooms.securityEvents.registered();
    rooms.certificates.registered();
    rooms.monitoring.registered();
    reservations.flush();
    rooms.der.flush();
    firmware.registered();
    publishing.registered();
    logs.registered();
  }

  public boolean isAccepted() {
    return provisioning.accepted();
  }

  public Registration registration() {
    return provisioning.registration();
  }

  /** A CSMS changed the heartbeat interval (1.6 HeartbeatInterval, 2.0.1 OCPPCommCtrlr). */
  public void heartbeatIntervalChanged(Duration interval) {
    provisioning.heartbeatIntervalChanged(interval);
  }

  // ---------------------------------------------------------------------------------- hardware

  public void plugIn(int evse) {
    evse(evse);
    transactions.plugIn(evse, rooms.available(evse) && rooms.admits(evse));
    limits.sessionsChanged(); // a vehicle now takes part in the station limit's sharing
    status.refresh(evse);
  }

  public void unplug(int evse) {
    evse(evse);
    limits.vehicleLeft(evse);
    transactions.unplug(evse);
    limits.sessionsChanged(); // its share goes to the others
    status.refresh(evse);
  }

  /** The EV started or stopped taking energy (pilot state C vs B). */
  public void evCharging(int evse, boolean charging) {
    evse(evse);
    if (transactions.charging(evse, charging)) {
      limits.sessionsChanged(); // the shares follow the EVs that charge
    }
    status.refresh(evse);
  }

  public void fault(int evse, boolean faulted) {
    fault(evse, faulted ? FaultCode.OTHER : FaultCode.NONE);
  }

  /** A fault on an EVSE (NONE: cleared): its transaction ends, no new one until it clears. */
  public void fault(int evse, FaultCode code) {
    evse(evse);
    FaultCode before = faults.set(evse, code);
    if (code != FaultCode.NONE) {
      transactions.end(evse, stopReason(code));
    }
    status.refresh(evse);
    faults.report(evse, before, code);
  }

  /**
   * The reason a fault ends the transaction with: the two faults the reason lists name, else Other.
   */
  private static StopReason stopReason(FaultCode code) {
    return switch (code) {
      case GROUND_FAILURE -> StopReason.GROUND_FAULT;
      case OVER_CURRENT -> StopReason.OVERCURRENT_FAULT;
      default -> StopReason.OTHER;
    };
  }

  /** Fault events not yet confirmed by the CSMS. */
  public List<FaultEvent> pendingFaultEvents() {
    return faults.pending();
  }

  /** The EV on {@code evse} told its charging needs over ISO 15118 (see {@link Limits}). */
  public void evChargingNeeds(int evse, ChargingNeeds needs) {
    limits.chargingNeeds(evse(evse), needs);
  }

  /** What the EV on {@code evse} last asked for over ISO 15118, if anything. */
  public Optional<ChargingNeeds> chargingNeeds(int evse) {
    return Optional.ofNullable(limits.chargingNeeds(evse(evse)));
  }

  /** A token at an EVSE's reader: stops its transaction if the same, else authorizes it. */
  public void presentToken(int evse, String idToken, String idTokenType) {
    tokens.present(evse(evse), idToken, idTokenType);
  }

  /** The authorization cache and local list, for the SendLocalList / ClearCache handlers. */
  public AuthorizationService authorization() {
    return rooms.auth;
  }

  /** What the station holds about its customers (2.0.1 CustomerInformation). */
  public io.kilowire.core.station.customers.CustomerInformation customers() {
    return rooms.customers;
  }

  /** Local cost calculation: tariffs and running costs (2.1 I07-I12). */
  public io.kilowire.core.station.cost.LocalCost localCost() {
    return rooms.localCost;
  }

  /** The limits of the running transactions (2.1 transactionLimit) and their reports. */
  public io.kilowire.core.station.transactions.TransactionLimits transactionLimits() {
    return rooms.transactionLimits;
  }

  /** The operation mode in force on each EVSE and its changes during a transaction (2.1). */
  public io.kilowire.core.station.limits.OperationModeChanges operationModes() {
    return rooms.limits.operationModes();
  }

  /** The costs the EV drivers see (2.0.1 CostUpdated, totalCost). */
  public io.kilowire.core.station.cost.CostDisplay cost() {
    return rooms.cost;
  }

  /** The station's DER controls (2.1 block R). */
  public io.kilowire.core.station.der.DerControlRoom der() {
    return rooms.der;
  }

  /** The station's display messages. */
  public io.kilowire.core.station.display.DisplayMessages display() {
    return rooms.display;
  }

  /** The station's variable monitors (2.0.1 device model). */
  public io.kilowire.core.station.monitoring.Monitoring monitoring() {
    return rooms.monitoring;
  }

  /** The station's certificates (installed CAs, its own keys and certificates). */
  public io.kilowire.core.station.certificates.Certificates certificates() {
    return rooms.certificates;
  }

  /** Whether the station's EVSEs speak ISO 15118-20 ({@link StationHardware#iso15118Dash20}). */
  public boolean iso15118Dash20() {
    return hardware.iso15118Dash20();
  }

  // ---------------------------------------------------------------------------------- commands

  /** A remote start: true if accepted (the transaction starts once the EV is plugged in). */
  public boolean remoteStart(
      @Nullable Integer evse, String idToken, String type, @Nullable Integer remoteStartId) {
    return remoteStart(evse, idToken, type, remoteStartId, null);
  }

  /** A remote start whose TxProfile applies to the transaction it begins (1.6 3.41, 2.0.1 K05). */
  public boolean remoteStart(
      @Nullable Integer evse,
      String idToken,
      String type,
      @Nullable Integer remoteStartId,
      @Nullable ChargingProfile txProfile) {
    return tokens.remoteStart(evse, idToken, type, remoteStartId, txProfile);
  }

  /** A remote stop by the transaction's id as the CSMS knows it; false if unknown. */
  public boolean remoteStop(String transactionId) {
    return transactions.remoteStop(transactionId);
  }

  /** The outcome of a ChangeAvailability. */
  public enum AvailabilityChange {
    ACCEPTED,
    SCHEDULED,
    REJECTED
  }

  /** Makes an EVSE (0: all) operative or not; scheduled while a transaction runs there. */
  public AvailabilityChange changeAvailability(int evse, boolean operative) {
    if (evse != 0 && !transactions.has(evse)) {
      return AvailabilityChange.REJECTED;
    }
    return availability.change(evse, operative)
        ? AvailabilityChange.SCHEDULED
        : AvailabilityChange.ACCEPTED;
  }

  /** The outcome of a Reset. */
  public enum ResetOutcome {
    ACCEPTED,
    SCHEDULED,
    REJECTED
  }

  /** A reset of the station, immediate or on idle, ending in one reboot; see {@link Resets}. */
  public ResetOutcome reset(boolean hard, boolean onIdle) {
    return resets.reset(hard, onIdle) ? ResetOutcome.SCHEDULED : ResetOutcome.ACCEPTED;
  }

  /**
   * 2.1's resumption of transactions across a reboot: its settings (TxCtrlr); see {@link
   * io.kilowire.core.station.transactions.Resumption}.
   */
  public io.kilowire.core.station.transactions.Resumption resumption() {
    return rooms.resumption;
  }

  /** 2.1 Reset ImmediateAndResume of the station; see {@link Resets#resetAndResume}. */
  public ResetOutcome resetAndResume() {
    return resets.resetAndResume() ? ResetOutcome.ACCEPTED : ResetOutcome.REJECTED;
  }

  /** 2.1 Reset ImmediateAndResume of one EVSE; see {@link Resets#resetEvseAndResume}. */
  public ResetOutcome resetEvseAndResume(int evse) {
    return resets.resetEvseAndResume(evse(evse)) ? ResetOutcome.ACCEPTED : ResetOutcome.REJECTED;
  }

  /** A reset of one EVSE (2.0.1 B11/B12 with evseId); see {@link Resets#resetEvse}. */
  public ResetOutcome resetEvse(int evse, boolean onIdle) {
    return resets.resetEvse(evse(evse), onIdle) ? ResetOutcome.SCHEDULED : ResetOutcome.ACCEPTED;
  }

  /**
   * The board's firmware installer, set before {@link #start()}; without one the station refuses
   * firmware updates.
   */
  public void firmwareInstaller(io.kilowire.core.hal.FirmwareInstaller installer) {
    firmware.use(installer);
  }

  /** Whether the station takes firmware updates (it has an installer). */
  public boolean takesFirmwareUpdates() {
    return firmware.available();
  }

  /** UpdateFirmware / SignedUpdateFirmware; see {@link FirmwareUpdates#request}. */
  public FirmwareUpdates.Answer updateFirmware(FirmwareUpdate update) {
    return firmware.request(update);
  }

  /**
   * Makes the station a local controller that publishes firmware (2.0.1 L03/L04), fetching with its
   * firmware installer (set first) and serving with {@code publisher}.
   */
  public void firmwarePublisher(io.kilowire.core.hal.FirmwarePublisher publisher) {
    io.kilowire.core.hal.FirmwareInstaller fetcher = firmware.installer();
    if (fetcher == null) {
      throw new IllegalStateException("a firmware publisher needs the firmware installer first");
    }
    publishing.use(fetcher, publisher);
  }

  /** Whether the station publishes firmware as a local controller. */
  public boolean publishesFirmware() {
    return publishing.available();
  }

  /** PublishFirmware: true if accepted. */
  public boolean publishFirmware(FirmwarePublishing.Request request) {
    return publishing.publish(request);
  }

  /** UnpublishFirmware by the image's MD5 checksum. */
  public FirmwarePublishing.Unpublished unpublishFirmware(String md5) {
    return publishing.unpublish(md5);
  }

  /** The station's diagnostics and security log; a runtime adds the frames. */
  public StationLog log() {
    return log;
  }

  /** Where log files go (GetDiagnostics, GetLog); without one the station answers Rejected. */
  public void logUploader(LogUploader uploader) {
    logs.use(uploader);
  }

  /** Whether the station uploads logs. */
  public boolean uploadsLogs() {
    return logs.available();
  }

  /** GetDiagnostics / GetLog; see {@link LogUploads#request}. */
  public LogUploads.Accepted requestLog(LogRequest request) {
    return logs.request(request);
  }

  /** What carries out a reboot (a new connection); without one the station reboots in place. */
  public void onReboot(Rebooter rebooter) {
    resets.onReboot(rebooter);
  }

  /** The outcome of an UnlockConnector. */
  public enum UnlockOutcome {
    UNLOCKED,
    UNLOCK_FAILED,
    UNKNOWN_CONNECTOR
  }

  /**
   * The EV driver at {@code evse} refused the tariff the station showed (2.1: a driver who does not
   * accept the tariff is de-authorized): a running transaction ends as DeAuthorized (2.1
   * triggerReason TariffNotAccepted); a token waiting for the cable lapses, so nothing starts, and
   * the tariff leaves the display. False when the EVSE has neither.
   */
  public boolean refuseTariff(int evse) {
    evse(evse);
    if (transactions.transaction(evse) != null) {
      // Only 2.1 names the trigger; the marker that carries it must not reach a 2.0.1 CSMS.
      transactions.end(evse, speaks21 ? StopReason.TARIFF_NOT_ACCEPTED : StopReason.DE_AUTHORIZED);
      status.refresh(evse);
      return true;
    }
    if (transactions.authorizationWaiting(evse)) {
      transactions.forgetWaitingSession(evse);
      rooms.cost.sessionEnded(evse);
      status.refresh(evse);
      return true;
    }
    return false;
  }

  public UnlockOutcome unlock(int evse) {
    if (!transactions.has(evse)) {
      return UnlockOutcome.UNKNOWN_CONNECTOR;
    }
    if (transactions.transaction(evse) != null) {
      transactions.end(evse, StopReason.UNLOCK_COMMAND);
      status.refresh(evse);
    }
    return hardware.unlock(evse) ? UnlockOutcome.UNLOCKED : UnlockOutcome.UNLOCK_FAILED;
  }

  /** What a TriggerMessage may ask for. */
  public enum Trigger {
    BOOT_NOTIFICATION,
    HEARTBEAT,
    STATUS_NOTIFICATION,
    METER_VALUES,
    TRANSACTION_EVENT,
    /** 2.0.1 FirmwareStatusNotification; 1.6 ExtendedTriggerMessage's SignedFirmwareStatus. */
    FIRMWARE_STATUS,
    /** 1.6 TriggerMessage's FirmwareStatusNotification (without request id). */
    PLAIN_FIRMWARE_STATUS,
    /** 2.0.1 PublishFirmwareStatusNotification. */
    PUBLISH_FIRMWARE_STATUS,
    /** 2.0.1 LogStatusNotification; 1.6 ExtendedTriggerMessage's LogStatusNotification. */
    LOG_STATUS,
    /** 1.6 TriggerMessage's DiagnosticsStatusNotification. */
    DIAGNOSTICS_STATUS
  }

  /** Sends the requested message after the reply to the trigger; false for an unknown EVSE. */
  public boolean trigger(Trigger what, @Nullable Integer evse) {
    if (evse != null && evse != 0 && !transactions.has(evse)) {
      return false;
    }
    scheduler.schedule(Duration.ZERO, () -> triggered(what, evse));
    return true;
  }

  private void triggered(Trigger what, @Nullable Integer evse) {
    List<Integer> targets =
        evse == null || evse == 0
            ? IntStream.rangeClosed(1, evseCount).boxed().toList()
            : List.of(evse);
    switch (what) {
      case BOOT_NOTIFICATION -> provisioning.triggerBoot();
      case HEARTBEAT -> provisioning.triggerHeartbeat();
      case STATUS_NOTIFICATION -> targets.forEach(e -> status.report(e, true));
      case METER_VALUES, TRANSACTION_EVENT ->
          meterValues.triggered(what == Trigger.TRANSACTION_EVENT, targets);
      case FIRMWARE_STATUS, PLAIN_FIRMWARE_STATUS ->
          firmware.trigger(what == Trigger.FIRMWARE_STATUS);
      case PUBLISH_FIRMWARE_STATUS -> publishing.trigger();
      case LOG_STATUS, DIAGNOSTICS_STATUS -> logs.trigger(what == Trigger.DIAGNOSTICS_STATUS);
    }
  }

  // ---------------------------------------------------------------------------------- reservations

  /** ReserveNow; see {@link Reservations#reserve}. */
  public ReservationBook.Outcome reserve(Reservation reservation) {
    return reservations.reserve(reservation);
  }

  /** CancelReservation: true if the station had it. */
  public boolean cancelReservation(int id) {
    return reservations.cancel(id);
  }

  /** The reservations in force. */
  public List<Reservation> reservations() {
    return reservations.all();
  }

  // ---------------------------------------------------------------------------------- limits

  /** SetChargingProfile; see {@link Limits#setChargingProfile}. */
  public ValidationResult setChargingProfile(ChargingProfile profile) {
    return limits.setChargingProfile(profile);
  }

  /** 2.1 UpdateDynamicSchedule; see {@link Limits#updateDynamicSchedule}. */
  public io.kilowire.core.smartcharging.DynamicUpdate.Outcome updateDynamicSchedule(
      int profileId, io.kilowire.core.smartcharging.DynamicUpdate update) {
    return limits.updateDynamicSchedule(profileId, update);
  }

  /** 2.1: how the station asks for Dynamic profiles' updates; see {@link Limits#dynamicPuller}. */
  public void dynamicPuller(io.kilowire.core.station.limits.DynamicPulls.@Nullable Puller puller) {
    limits.dynamicPuller(puller);
  }

  /** 2.1 UsePriorityCharging; see {@link Limits#usePriorityCharging}. */
  public io.kilowire.core.smartcharging.PriorityCharging.Outcome usePriorityCharging(
      String transactionId, boolean activate) {
    return limits.usePriorityCharging(transactionId, activate);
  }

  /** Priority asked at the station; see {@link Limits#localPriorityCharging}. */
  public io.kilowire.core.smartcharging.PriorityCharging.Outcome localPriorityCharging(
      int evse, boolean activate) {
    return limits.localPriorityCharging(evse(evse), activate);
  }

  /** 2.1: who tells the CSMS of priority asked at the station; see {@link Limits}. */
  public void priorityNotifier(
      io.kilowire.core.smartcharging.PriorityCharging.@Nullable Notifier notifier) {
    limits.priorityNotifier(notifier);
  }

  /** ClearChargingProfile: the profiles removed (none: the CSMS hears Unknown). */
  public List<ChargingProfile> clearChargingProfiles(ClearCriteria criteria) {
    return limits.clearChargingProfiles(criteria);
  }

  public List<ChargingProfile> chargingProfiles(ProfileQuery query) {
    return limits.chargingProfiles(query);
  }

  /** GetCompositeSchedule for an EVSE (0: the station) from now on. */
  public CompositeSchedule compositeSchedule(int evse, int durationSeconds, RateUnit unit) {
    return limits.compositeSchedule(evse, durationSeconds, unit);
  }

  public SmartChargingService smartCharging() {
    return limits.smartCharging();
  }

  /** The limit in force on an EVSE, in amps per phase (NaN before the station started). */
  public double currentLimit(int evse) {
    return limits.currentLimit(evse(evse));
  }

  /** A site balancer's or group's limit for an EVSE, amps per phase; null = none. At once. */
  public void localLimit(int evse, @Nullable Double amps) {
    limits.localLimit(evse(evse), amps);
  }

  /** The local cap set by {@link #localLimit(int, Double)}; null = none. */
  public @Nullable Double localLimit(int evse) {
    return limits.localLimit(evse(evse));
  }

  /**
   * A site controller's cap on what {@code evse} feeds back (OCPP 2.1 discharging), amps per phase;
   * null lifts it.
   */
  public void localDischargeLimit(int evse, @Nullable Double amps) {
    limits.localDischargeLimit(evse(evse), amps);
  }

  /**
   * What an EVSE's hardware may do changed outside the station's sight (2.1: V2X switched on or off
   * on an EVSE): the limits go out again, so the outputs follow at once.
   */
  public void outputsChanged() {
    limits.apply();
  }

  /** The cap set by {@link #localDischargeLimit(int, Double)}; null = none. */
  public @Nullable Double localDischargeLimit(int evse) {
    return limits.localDischargeLimit(evse(evse));
  }

  /**
   * A local system's (EMS) setpoint for {@code evse} (OCPP 2.1 ExternalSetpoint), amps per phase,
   * negative to discharge; null withdraws it. Followed while the period in force is
   * ExternalSetpoint.
   */
  public void externalSetpoint(int evse, @Nullable Double amps) {
    limits.externalSetpoint(evse(evse), amps);
  }

  /**
   * 2.1 AFRRSignal from the CSMS: {@code signal}, in force from {@code from}; CentralFrequency
   * periods follow their signal-watt curve at it.
   */
  public void afrrSignal(Instant from, int signal) {
    limits.afrrSignal(from, signal);
  }

  /** The setpoint set by {@link #externalSetpoint(int, Double)}; null = none. */
  public @Nullable Double externalSetpoint(int evse) {
    return limits.externalSetpoint(evse(evse));
  }

  /** An EMS / SO limits the station's EVs until a time; null ends it (see {@link Limits}). */
  public void externalLimit(@Nullable DemandResponse limit) {
    limits.externalLimit(limit);
  }

  /** The external limit in force; null = none. */
  public @Nullable DemandResponse externalLimit() {
    return limits.externalLimit();
  }

  /**
   * How the station watches what it relies on: thresholds and caps, and whether a site meter
   * ({@link #siteMeterReading}) and a site controller ({@link #controllerHeard}) are watched.
   */
  public void configureFallback(
      FallbackConfig config, boolean watchSiteMeter, boolean watchController) {
    limits.configureFallback(config, watchSiteMeter, watchController);
  }

  /** A site-meter reading measured at {@code measuredAt} has arrived (now). */
  public void siteMeterReading(Instant measuredAt) {
    limits.siteMeterReading(measuredAt);
  }

  /** The site controller of the station's group was heard from (now). */
  public void controllerHeard() {
    limits.controllerHeard();
  }

  /** The fallback conditions in force. */
  public Set<FallbackCondition> fallbackConditions() {
    return limits.fallbackConditions();
  }

  /** The cap the fallback puts on every EVSE now (offline cap, safe share); null = none. */
  public @Nullable Double fallbackCapA() {
    return limits.fallbackCapA();
  }

  /** Fallback events that happened offline and wait for the CSMS. */
  public List<FallbackEvent> unreportedFallbackEvents() {
    return limits.unreportedFallbackEvents();
  }

  // ---------------------------------------------------------------------------------- sessions

  /**
   * What the EV on {@code evse} draws per EVSE phase by the EVSE's meter; zero without a fresh,
   * finite reading (see {@link MeterValues#draw}).
   */
  public PhaseCurrents draw(int evse, Instant now, Duration staleAfter) {
    return meterValues.draw(evse(evse), now, staleAfter);
  }

  /** The EVSE's meter now (what a load balancer needs as the EV's observed draw). */
  public MeterReading meterReading(int evse) {
    return hardware.read(evse(evse));
  }

  /**
   * Also tells {@code listener} the EVSE whenever a session begins or ends there (a site balancer
   * steps then instead of waiting for its next reading); called on the station's thread.
   */
  public void onSessionChange(IntConsumer listener) {
    transactions.onSessionChange(listener);
  }

  /** A session wants energy: a transaction runs on the EVSE. */
  public boolean sessionActive(int evse) {
    return transactions.transaction(evse(evse)) != null;
  }

  /** When the EVSE's running transaction started; null without one. */
  public @Nullable Instant sessionStart(int evse) {
    return transactions.sessionStart(evse(evse));
  }

  /** Runs {@code task} on the station's thread after the current step (e.g. after a reply). */
  public void afterReply(Runnable task) {
    scheduler.schedule(Duration.ZERO, task);
  }

  // ---------------------------------------------------------------------------------- status

  /** The status an EVSE should report now, from what each room knows of it. */
  public ConnectorStatus status(int evse) {
    evse(evse);
    if (faults.faulted(evse)) {
      return ConnectorStatus.FAULTED;
    }
    Transaction tx = transactions.transaction(evse);
    if (tx != null) {
      // Below 6 A the pilot cannot offer current (IEC 61851-1): the station suspends charging.
      if (limits.currentLimit(evse) < Limits.PILOT_MINIMUM_A) {
        return ConnectorStatus.SUSPENDED_EVSE;
      }
      return tx.charging() ? ConnectorStatus.CHARGING : ConnectorStatus.SUSPENDED_EV;
    }
    if (!availability.operative(evse) || firmware.closesEvses()) {
      return ConnectorStatus.UNAVAILABLE;
    }
    if (transactions.plugged(evse)) {
      return transactions.finishing(evse) ? ConnectorStatus.FINISHING : ConnectorStatus.PREPARING;
    }
    if (transactions.authorizationWaiting(evse)) {
      return ConnectorStatus.PREPARING;
    }
    return reservations.reserved(evse) ? ConnectorStatus.RESERVED : ConnectorStatus.AVAILABLE;
  }

  public int evseCount() {
    return evseCount;
  }

  public Optional<Transaction> transaction(int evse) {
    return Optional.ofNullable(transactions.transaction(evse(evse)));
  }

  public List<Transaction> openTransactions() {
    return transactions.open();
  }

  /** Transaction messages not yet confirmed by the CSMS. */
  public int queuedTransactionMessages() {
    return transactions.queuedCount();
  }

  public boolean isOperative(int evse) {
    return availability.operative(evse(evse));
  }

  /** {@code id} if the station has that EVSE. */
  private int evse(int id) {
    if (!transactions.has(id)) {
      throw new IllegalArgumentException("no EVSE " + id + " (the station has " + evseCount + ")");
    }
    return id;
  }
}
