package io.kilowire.core.station.reservations;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.ConnectorStatus;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.station.reports.PendingReports;
import io.kilowire.core.station.reservations.ReservationBook.Claim;
import io.kilowire.core.station.reservations.ReservationBook.Outcome;
import io.kilowire.core.store.SnapshotStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's reservations: ReserveNow and CancelReservation, an EVSE shown Reserved while it is
 * held, tokens other than the reservation's refused there, a reservation used by its token (its id
 * then goes with the transaction), ended at its expiry or when its EVSE goes faulted or unavailable
 * (2.0.1 ReservationStatusUpdate, queued while the CSMS is unreachable). Its state, the
 * reservations, is its own snapshot, written on every change, so they survive a restart; one that
 * expired while the station was off ends as soon as it starts again.
 */
public final class Reservations {
  private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);

  /** The name of the reservations' snapshot. */
  public static final String SNAPSHOT = "reservations";

  /** A reservation that ended by itself, for the CSMS. */
  private record Ended(int id, Reservation.End why) {}

  private final ReservationBook book;
  private final int evseCount;
  private final StationParameters params;
  private final TaskScheduler scheduler;
  private final SnapshotStore snapshots;
  private final IntConsumer statusMayHaveChanged;
  private final PendingReports<Ended> reports;
  private final Map<Integer, TaskScheduler.Cancellable> expiries = new HashMap<>();

  /**
   * @param evses what the station says of its EVSEs (a fault, operative, a session on it)
   * @param statusMayHaveChanged told an EVSE whose Reserved status may have changed
   */
  public Reservations(
      StationContext context,
      SnapshotStore snapshots,
      ReservationBook.Evses evses,
      IntConsumer statusMayHaveChanged) {
    this.book = new ReservationBook(evses);
    this.evseCount = context.evseCount();
    this.params = context.params();
    this.scheduler = context.scheduler();
    this.snapshots = snapshots;
    this.statusMayHaveChanged = statusMayHaveChanged;
    CsmsGateway gateway = context.gateway();
    this.reports =
        new PendingReports<>(
            "reservation status updates",
            PendingReports.CAPACITY,
            context.registered(),
            e -> gateway.reservationEnded(e.id(), e.why()));
  }

  /** Takes up the persisted reservations; those that expired meanwhile end at once. */
  public void restore() {
    Optional<byte[]> data = snapshots.read(SNAPSHOT);
    if (data.isEmpty()) {
      return;
    }
    try {
      ReservationFormat.fromBytes(data.get()).forEach(this::hold);
    } catch (IllegalArgumentException e) {
      LOG.error("reservations are damaged; starting without them", e);
    }
  }

  /** A ReserveNow: made (replacing one with the same id) if the station can honour it. */
  public Outcome reserve(Reservation reservation) {
    Integer evse = reservation.evse();
    if (!params.reservationsEnabled()
        || (evse == null && !params.reservationNonEvseSpecific())
        || (evse != null && (evse < 1 || evse > evseCount))) {
      return Outcome.REJECTED;
    }
    Outcome outcome = book.outcome(reservation);
    if (outcome == Outcome.ACCEPTED) {
      TaskScheduler.cancel(expiries.remove(reservation.id()));
      book.remove(reservation.id());
      hold(reservation);
      persist();
      refreshAll();
      LOG.info("reservation {} made: {}", reservation.id(), reservation);
    }
    return outcome;
  }

  /** A CancelReservation: true if the reservation existed (the CSMS hears no status update). */
  public boolean cancel(int id) {
    Reservation gone = drop(id);
    if (gone == null) {
      return false;
    }
    persist();
    refreshAll();
    LOG.info("reservation {} cancelled", id);
    return true;
  }

  /** Whether the free EVSE {@code evse} is held for a reservation: its status is Reserved. */
  public boolean reserved(int evse) {
    return !book.isEmpty() && book.reserved(evse);
  }

  /**
   * A token (of {@code group}, null: unknown) is about to authorize a session on {@code evse}: not
   * allowed if the EVSE is kept for someone else; otherwise with the reservation it uses (consumed
   * now, 2.0.1 H03.FR.09) or none.
   */
  public Claim claim(int evse, String token, @Nullable String group) {
    Claim claim = book.claim(evse, token, group);
    Reservation used = claim.reservation();
    if (!claim.allowed()) {
      LOG.info("token {} refused on EVSE {}: it is reserved for another", token, evse);
    } else if (used != null) {
      drop(used.id());
      persist();
      refreshAll();
      LOG.info("reservation {} used by {} on EVSE {}", used.id(), token, evse);
    }
    return claim;
  }

  /**
   * Reservation {@code id}, used by an authorization, ended without a transaction: that
   * authorization lapsed. The reservation was consumed when the token used it (H03.FR.09); 2.1
   * tells the CSMS so (ReservationStatusUpdate NoTransaction, H03.FR.11), the other versions have
   * no word for it.
   */
  public void endedWithoutTransaction(int id) {
    if (params.ocpp21()) {
      LOG.info("reservation {} ended without a transaction", id);
      reports.add(new Ended(id, Reservation.End.NO_TRANSACTION));
    }
  }

  /** Whether a token whose group is not known yet may still start on {@code evse}. */
  public boolean mayTry(int evse, String token) {
    return book.isEmpty() || book.mayTry(evse, token);
  }

  /**
   * An EVSE's status changed: a reservation whose EVSE went faulted or unavailable ends (2.0.1
   * Removed), and the other EVSEs' Reserved may change (a reservation for any EVSE keeps one free).
   */
  public void statusChanged(int evse, ConnectorStatus status) {
    if (book.isEmpty()) {
      return;
    }
    List<Reservation> broken = book.removeBroken();
    for (Reservation r : broken) {
      TaskScheduler.cancel(expiries.remove(r.id()));
      LOG.info("reservation {} removed: its EVSE can no longer serve it", r.id());
      reports.add(new Ended(r.id(), Reservation.End.REMOVED));
    }
    if (!broken.isEmpty()) {
      persist();
    }
    for (int e = 1; e <= evseCount; e++) {
      if (e != evse) {
        statusMayHaveChanged.accept(e);
      }
    }
  }

  /** The reservations in force. */
  public List<Reservation> all() {
    return List.copyOf(book.all());
  }

  /** Registered on a connection: the status updates that waited go out. */
  public void flush() {
    reports.flush();
  }

  public void connectionLost() {
    reports.connectionLost();
  }

  public void stop() {
    expiries.values().forEach(TaskScheduler.Cancellable::cancel);
    expiries.clear();
  }

  private void hold(Reservation r) {
    book.put(r);
    Duration left = Duration.between(scheduler.now(), r.expiresAt());
    expiries.put(
        r.id(), scheduler.schedule(left.isNegative() ? Duration.ZERO : left, () -> expire(r)));
  }

  /** H04: the reservation ends unused at its expiry; its EVSE is free again. */
  private void expire(Reservation r) {
    if (book.get(r.id()) != r) {
      return; // replaced, used or cancelled meanwhile
    }
    drop(r.id());
    persist();
    refreshAll();
    LOG.info("reservation {} expired", r.id());
    reports.add(new Ended(r.id(), Reservation.End.EXPIRED));
  }

  private @Nullable Reservation drop(int id) {
    TaskScheduler.cancel(expiries.remove(id));
    return book.remove(id);
  }

  private void persist() {
    snapshots.write(SNAPSHOT, ReservationFormat.toBytes(book.all()));
  }

  private void refreshAll() {
    for (int e = 1; e <= evseCount; e++) {
      statusMayHaveChanged.accept(e);
    }
  }
}
