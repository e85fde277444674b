package io.kilowire.core.station;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.AuthorizationStore;
import io.kilowire.core.authorization.InvalidIdAction;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.Limit;
import io.kilowire.core.station.authorization.TokenAuthorization;
import io.kilowire.core.station.availability.Availability;
import io.kilowire.core.station.availability.Resets;
import io.kilowire.core.station.availability.StatusReports;
import io.kilowire.core.station.certificates.Certificates;
import io.kilowire.core.station.display.DisplayMessage;
import io.kilowire.core.station.display.DisplayMessages;
import io.kilowire.core.station.faults.Faults;
import io.kilowire.core.station.firmware.FirmwarePublishing;
import io.kilowire.core.station.firmware.FirmwareUpdates;
import io.kilowire.core.station.limits.Limits;
import io.kilowire.core.station.limits.StationLimitGuard;
import io.kilowire.core.station.logs.LogUploads;
import io.kilowire.core.station.logs.SecurityEvents;
import io.kilowire.core.station.logs.StationLog;
import io.kilowire.core.station.monitoring.Monitoring;
import io.kilowire.core.station.provisioning.Provisioning;
import io.kilowire.core.station.reservations.ReservationBook;
import io.kilowire.core.station.reservations.Reservations;
import io.kilowire.core.station.transactions.MeterValues;
import io.kilowire.core.station.transactions.OfferedCurrentReadings;
import io.kilowire.core.station.transactions.Transactions;
import io.kilowire.core.store.RecordLog;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.transaction.QueuedMessage;
import io.kilowire.core.transaction.Transaction;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms of one {@link Station}, built and linked: each room gets the others it calls, the steps
 * of a session reach the rooms they concern ({@link SessionSteps}), and the rooms' parts of the
 * {@link StationSnapshot} are written together.
 */
final class StationRooms {
  private static final Logger LOG = LoggerFactory.getLogger(Station.class);

  final StationHardware hardware;
  final Provisioning provisioning;
  final Faults faults;
  final StatusReports status;
  final Transactions transactions;
  final MeterValues meterValues;
  final Limits limits;
  final Availability availability;
  final Resets resets;
  final io.kilowire.core.station.transactions.Resumption resumption =
      new io.kilowire.core.station.transactions.Resumption();
  final Reservations reservations;
  final FirmwareUpdates firmware;
  final FirmwarePublishing publishing;
  final LogUploads logs;
  final SecurityEvents securityEvents;
  final AuthorizationService auth;
  final TokenAuthorization tokens;
  final Certificates certificates;
  final Monitoring monitoring;
  final DisplayMessages display;
  final io.kilowire.core.station.customers.CustomerInformation customers;
  final io.kilowire.core.station.cost.CostDisplay cost;
  final io.kilowire.core.station.der.DerControlRoom der;
  final io.kilowire.core.station.cost.LocalCost localCost;
  final io.kilowire.core.station.transactions.TransactionLimits transactionLimits;
  private final SnapshotStore snapshots;
  private final int evseCount;

  /**
   * @param log the station's diagnostics and security log
   * @param statusOf what an EVSE's status is now, from the rooms
   * @param onRegistered runs once the station is accepted on a connection
   */
  StationRooms(
      int evseCount,
      StationParameters params,
      StationHardware hardware,
      TaskScheduler scheduler,
      SnapshotStore snapshots,
      RecordLog transactionLog,
      CsmsGateway gateway,
      Supplier<String> transactionIds,
      Station.Observer observer,
      StationLog log,
      IntFunction<ConnectorStatus> statusOf,
      Runnable onRegistered) {
    this.snapshots = snapshots;
    this.evseCount = evseCount;
    // Every reading carries the current offered then; every offer is checked against the limits
    // on the whole station.
    StationLimitGuard guard =
        new StationLimitGuard(
            new OfferedCurrentReadings(
                hardware,
                this::offeredCurrentA,
                this::chargingNeeds,
                Limit.DEFAULT_NOMINAL_VOLTAGE.doubleValue()),
            evseCount,
            Limit.DEFAULT_NOMINAL_VOLTAGE.doubleValue());
    this.hardware = guard;
    this.provisioning =
        new Provisioning(
            gateway, scheduler, params, observer::registration, observer::csmsTime, onRegistered);
    StationContext context =
        new StationContext(
            evseCount, params, scheduler, gateway, guard, this::online, this::mayTalk);
    this.faults = new Faults(context);
    this.securityEvents = new SecurityEvents(context, log);
    this.status =
        new StatusReports(
            context,
            statusOf,
            faults::code,
            (evse, now) -> {
              observer.status(evse, now);
              reservationStatusChanged(evse, now);
            });
    this.transactions =
        new Transactions(
            context,
            transactionLog,
            transactionIds,
            observer::transactionStarted,
            observer::transactionEnded,
            new SessionSteps());
    this.meterValues = new MeterValues(context, transactions);
    this.limits =
        new Limits(
            context, guard, snapshots, transactions, meterValues, status, observer::fallback);
    this.availability = new Availability(context, transactions, status, this::persist);
    this.resets =
        new Resets(
            context, transactions, provisioning, status, resumption, observer::rebootRequested);
    this.reservations =
        new Reservations(
            context,
            snapshots,
            new ReservationBook.Evses(
                evseCount,
                faults::faulted,
                availability::operative,
                this::busy,
                params::connectorType),
            status::refresh);
    this.firmware =
        new FirmwareUpdates(
            context,
            snapshots,
            securityEvents,
            transactions::idle,
            () -> {
              for (int e = 1; e <= evseCount; e++) {
                status.refresh(e);
              }
            },
            resets::rebootForFirmware);
    this.publishing = new FirmwarePublishing(context);
    this.logs = new LogUploads(context, log);
    this.auth =
        AuthorizationService.open(
            TokenAuthorization.settings(params),
            AuthorizationStore.of(snapshots::read, snapshots::write),
            scheduler.now());
    this.tokens =
        new TokenAuthorization(
            context,
            auth,
            transactions,
            reservations,
            this::available,
            this::admits,
            resets::reboots,
            status::refresh);
    this.certificates =
        new Certificates(context, snapshots, params.certificateSettings(), securityEvents);
    this.monitoring =
        new Monitoring(
            context,
            snapshots,
            () -> !transactions.open().isEmpty(),
            params::offlineMonitoringQueuingSeverity);
    this.display =
        new DisplayMessages(
            context,
            snapshots,
            hardware::display,
            this::displayState,
            id -> transactions.open().stream().anyMatch(t -> t.id().equals(id)));
    this.customers =
        new io.kilowire.core.station.customers.CustomerInformation(auth, transactions::open);
    this.cost =
        new io.kilowire.core.station.cost.CostDisplay(
            hardware::displayCost, hardware::displayTariff);
    this.der =
        new io.kilowire.core.station.der.DerControlRoom(
            scheduler,
            context.registered(),
            snapshots,
            hardware::gridSensor,
            hardware::grid,
            r -> limits.derBounds(r.chargePct(), r.dischargePct(), r.reactive()));
    der.reactiveOutputs(
        () ->
            java.util.stream.IntStream.rangeClosed(1, evseCount).anyMatch(hardware::bidirectional));
    this.localCost = new io.kilowire.core.station.cost.LocalCost(context, snapshots, cost);
    localCost.onRunningCostDue(
        evse -> transactions.update(evse, io.kilowire.core.transaction.UpdateTrigger.PERIODIC));
    this.transactionLimits =
        new io.kilowire.core.station.transactions.TransactionLimits(
            transactions,
            snapshots,
            guard,
            scheduler,
            localCost::totalAt,
            params::transactionEndsWhenEnergyStops,
            status::refresh);
    limits.stopEnergyWhere(transactionLimits::stopsEnergy);
    transactionLimits.onOffersChanged(limits::apply);
    tokens.onPersonalMessage(cost::personalMessage);
    tokens.onAccepted(cost::accepted);
  }

  /** The station's state as display messages bound to one see it (2.0.1 MessageStateEnumType). */
  private DisplayMessage.State displayState() {
    for (int evse = 1; evse <= evseCount; evse++) {
      if (faults.faulted(evse)) {
        return DisplayMessage.State.FAULTED;
      }
    }
    if (!transactions.open().isEmpty()) {
      return DisplayMessage.State.CHARGING;
    }
    return availability.anyOperative()
        ? DisplayMessage.State.IDLE
        : DisplayMessage.State.UNAVAILABLE;
  }

  /** What the rest of the station does at the steps of a session, in this order. */
  private final class SessionSteps implements Transactions.Steps {
    @Override
    public void persist() {
      StationRooms.this.persist();
    }

    @Override
    public boolean admits(int evse) {
      return StationRooms.this.admits(evse);
    }

    @Override
    public void statusMayHaveChanged(int evse) {
      status.refresh(evse);
    }

    @Override
    public void reservationWithoutTransaction(int reservationId) {
      reservations.endedWithoutTransaction(reservationId);
    }

    @Override
    public void limitFor(int evse, Transaction tx, @Nullable ChargingProfile txProfile) {
      limits.transactionBegun(evse, tx, txProfile);
    }

    @Override
    public void started(int evse) {
      meterValues.scheduleSampling();
      Transaction begun = transactions.transaction(evse);
      if (begun != null) {
        cost.sessionStarted(evse, begun.id());
      }
    }

    @Override
    public void costTold(String transactionId, java.math.BigDecimal total, boolean ended) {
      cost.toldByCsms(transactionId, total, ended);
      transactionLimits.costTold(transactionId, total);
    }

    @Override
    public void observed(Transaction tx, io.kilowire.core.metering.MeterReading reading) {
      Transaction running = transactions.transaction(tx.evse());
      localCost.observed(tx, reading, running == null || !running.id().equals(tx.id()));
    }

    @Override
    public void totalCostUntold(String transactionId) {
      cost.totalUnknown(transactionId); // I05
    }

    @Override
    public void limitAfter(int evse, Transaction ended) {
      limits.transactionEnded(evse, ended);
      transactionLimits.ended(ended.id());
    }

    @Override
    public void ended(int evse) {
      resets.transactionEnded(evse); // an EVSE reset waiting for this transaction is done with it
      if (availability.transactionEnded(evse)) {
        persist();
      }
      resets.idleCheck();
      firmware.idleCheck();
      cost.sessionEnded(evse);
      if (!online()) {
        cost.endedOffline(evse);
      }
    }

    @Override
    public InvalidIdAction tokenAnswered(Transaction tx, AuthorizationInfo info) {
      if (info.personalMessage() != null) {
        cost.personalMessage(tx.evse(), info.personalMessage()); // I01 for a transaction's token
      }
      return tokens.transactionAnswered(tx, info);
    }

    @Override
    public void settled(QueuedMessage message) {
      resets.settled(message);
    }
  }

  private boolean online() {
    return provisioning.online();
  }

  /** The station may talk to the CSMS now: online and accepted. */
  private boolean mayTalk() {
    return provisioning.registered();
  }

  private io.kilowire.core.station.@Nullable ChargingNeeds chargingNeeds(int evse) {
    return limits.chargingNeeds(evse);
  }

  private @Nullable Double offeredCurrentA(int evse) {
    return limits.offeredCurrentA(evse);
  }

  /**
   * Whether {@code evse} may start a new session: no reset pending for it, no firmware installation
   * waiting for the station to be idle.
   */
  boolean admits(int evse) {
    return resets.admits(evse) && firmware.admits(evse);
  }

  /** A session holds the EVSE: a transaction, the cable, or a token waiting for the cable. */
  private boolean busy(int evse) {
    return transactions.transaction(evse) != null
        || transactions.plugged(evse)
        || transactions.authorizationWaiting(evse);
  }

  /** Reservations follow the statuses (set up before them: the first reports come later). */
  private void reservationStatusChanged(int evse, ConnectorStatus now) {
    if (reservations != null) {
      reservations.statusChanged(evse, now);
    }
  }

  /** An EVSE takes sessions at all: operative and without a fault. */
  boolean available(int evse) {
    return availability.operative(evse) && !faults.faulted(evse);
  }

  StationSnapshot loadSnapshot() {
    Optional<byte[]> data = snapshots.read(StationSnapshot.NAME);
    if (data.isEmpty()) {
      return StationSnapshot.empty();
    }
    try {
      return StationSnapshot.fromBytes(data.get());
    } catch (IllegalArgumentException e) {
      LOG.error("station state is damaged; starting from an empty state", e);
      return StationSnapshot.empty();
    }
  }

  /** Writes each room's part of the snapshot: transactions, CSMS ids, availability, outage. */
  void persist() {
    snapshots.write(
        StationSnapshot.NAME,
        new StationSnapshot(
                transactions.open(),
                transactions.csmsIds(),
                availability.inoperative(),
                limits.offlineSince())
            .toBytes());
  }
}
