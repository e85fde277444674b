package io.kilowire.core.station.transactions;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transaction.TransactionLimit;
import io.kilowire.core.transaction.UpdateTrigger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of the running transactions (OCPP 2.1 E16: a cost, an energy, a time, a state of
 * charge the CSMS set for one) and what happens when one is reached: the EVSE offers no more
 * current (the transaction stays open, so a higher limit resumes it), and the transaction's next
 * update says which limit it reached; where a transaction ends when its energy stops (TxStopPoint
 * EnergyTransfer) it ends instead, with that limit as its reason. A limit set is confirmed by an
 * update of its own. Time is watched to the second it runs out; energy, cost and SoC are read every
 * {@link #METER_WATCH}. Each report goes with the update that carries it ({@link
 * CsmsGateway#updated(Transaction, List, UpdateTrigger, Report)}), queued and journaled with it, so
 * one sent after a restart still says what it reports. The limits, and which one was reached, are
 * kept in a snapshot of their own: a transaction resumed after a restart (2.1 E17, B13) stays
 * within them.
 */
public final class TransactionLimits {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionLimits.class);

  /** How often the meter (and cost, and SoC) of a transaction with such a limit is read. */
  static final Duration METER_WATCH = Duration.ofSeconds(1);

  /** What an update of a transaction reports about its limits; each once, in order. */
  public sealed interface Report permits LimitSet, Reached {}

  /** The transaction's limits are now {@code limit} (confirming what the CSMS set). */
  public record LimitSet(TransactionLimit limit) implements Report {}

  /** The transaction reached {@code kind}: its EVSE offers no more current. */
  public record Reached(TransactionLimit.Kind kind, TransactionLimit limit) implements Report {}

  private static final class Held {
    TransactionLimit limit = new TransactionLimit(null, null, null, null);
    TransactionLimit.@Nullable Kind reached;
    @Nullable BigDecimal csmsCost;
  }

  static final String SNAPSHOT = "transaction-limits";
  private static final int FORMAT = 1;

  private final Map<String, Held> held = new HashMap<>();
  private final Transactions transactions;
  private final SnapshotStore snapshots;
  private final StationHardware hardware;
  private final TaskScheduler scheduler;
  private final BiFunction<Transaction, MeterReading, Optional<BigDecimal>> localCost;
  private final BooleanSupplier endsTransaction;
  private final IntConsumer statusMayHaveChanged;
  private Runnable offersChanged = () -> {};
  private TaskScheduler.@Nullable Cancellable timer;

  /**
   * @param localCost a transaction's cost at a reading as the station calculates it, when a tariff
   *     prices it; otherwise the cost the CSMS told counts
   * @param endsTransaction whether a transaction ends when its energy stops (TxStopPoint
   *     EnergyTransfer): then a limit reached ends it, with the limit as the reason
   * @param statusMayHaveChanged told an EVSE whose transaction a limit ended
   */
  public TransactionLimits(
      Transactions transactions,
      SnapshotStore snapshots,
      StationHardware hardware,
      TaskScheduler scheduler,
      BiFunction<Transaction, MeterReading, Optional<BigDecimal>> localCost,
      BooleanSupplier endsTransaction,
      IntConsumer statusMayHaveChanged) {
    this.transactions = transactions;
    this.snapshots = snapshots;
    this.hardware = hardware;
    this.scheduler = scheduler;
    this.localCost = localCost;
    this.endsTransaction = endsTransaction;
    this.statusMayHaveChanged = statusMayHaveChanged;
  }

  /** {@code offersChanged} runs when an EVSE's offer must follow a limit reached or lifted. */
  public void onOffersChanged(Runnable offersChanged) {
    this.offersChanged = offersChanged;
  }

  /**
   * The CSMS set {@code limit} for the running transaction {@code transactionId}: it replaces the
   * one before, is confirmed in an update, and binds at once (a limit already passed stops the
   * energy now; a higher one resumes it). A transaction not running here keeps nothing.
   */
  public void set(String transactionId, TransactionLimit limit) {
    Transaction tx = running(transactionId);
    if (tx == null) {
      LOG.info("a limit for transaction {}, which does not run here: ignored", transactionId);
      return;
    }
    Held h = held.computeIfAbsent(transactionId, id -> new Held());
    if (limit.equals(h.limit)) {
      return;
    }
    h.limit = limit;
    persist();
    transactions.update(tx.evse(), UpdateTrigger.PERIODIC, new LimitSet(limit));
    check();
  }

  /**
   * The station took up the transactions its snapshot had open: the limits of those still running
   * bind again (one reached keeps its EVSE without energy), the others are forgotten.
   */
  public void restore() {
    held.clear();
    load();
    if (!held.isEmpty()) {
      check();
    }
  }

  /** The CSMS told the transaction's cost so far (its answer's totalCost). */
  public void costTold(String transactionId, BigDecimal total) {
    Held h = held.get(transactionId);
    if (h != null && !total.equals(h.csmsCost)) {
      h.csmsCost = total;
      persist();
    }
  }

  /** The limits in force for {@code transactionId}; empty if it has none. */
  public Optional<TransactionLimit> limit(String transactionId) {
    Held h = held.get(transactionId);
    return h == null || h.limit.isEmpty() ? Optional.empty() : Optional.of(h.limit);
  }

  /** The limit the transaction reached, while it holds. */
  public Optional<TransactionLimit.Kind> reachedBy(String transactionId) {
    Held h = held.get(transactionId);
    return h == null ? Optional.empty() : Optional.ofNullable(h.reached);
  }

  /** Whether the transaction on {@code evse} reached a limit: the EVSE offers nothing. */
  public boolean stopsEnergy(int evse) {
    Transaction tx = transactions.transaction(evse);
    return tx != null && reachedBy(tx.id()).isPresent();
  }

  /** The transaction ended: its limits go with it. */
  public void ended(String transactionId) {
    if (held.remove(transactionId) != null) {
      persist();
      check();
    }
  }

  /** Reads where each transaction with limits stands; stops or resumes its energy. */
  void check() {
    TaskScheduler.cancel(timer);
    timer = null;
    Instant now = scheduler.now();
    Instant next = null;
    boolean offersChange = false;
    boolean changed = false;
    Map<Integer, Report> toReport = new HashMap<>();
    Map<Integer, StopReason> toEnd = new HashMap<>();
    for (Map.Entry<String, Held> entry : List.copyOf(held.entrySet())) {
      Held h = entry.getValue();
      Transaction tx = running(entry.getKey());
      if (tx == null) {
        held.remove(entry.getKey());
        changed = true;
        continue;
      }
      Optional<TransactionLimit.Kind> reached = h.limit.reached(progress(tx, h, now));
      if (reached.isPresent() && h.reached == null && endsTransaction.getAsBoolean()) {
        LOG.info("transaction {} reached its {} limit: it ends", tx.id(), reached.get());
        h.reached = reached.get();
        changed = true;
        toEnd.put(tx.evse(), stopReason(reached.get()));
      } else if (reached.isPresent() && h.reached == null) {
        LOG.info("transaction {} reached its {} limit: energy stops", tx.id(), reached.get());
        h.reached = reached.get();
        changed = true;
        toReport.put(tx.evse(), new Reached(reached.get(), h.limit));
        offersChange = true;
      } else if (reached.isEmpty() && h.reached != null) {
        LOG.info("transaction {} is within its new limits: energy resumes", tx.id());
        h.reached = null;
        changed = true;
        offersChange = true;
      }
      if (h.reached == null) {
        Duration elapsed = Duration.between(tx.startedAt(), now);
        Optional<Duration> left = h.limit.timeLeft(elapsed);
        if (left.isPresent()) {
          next = earlier(next, now.plus(left.get()));
        }
        if (h.limit.needsMeter()) {
          next = earlier(next, now.plus(METER_WATCH));
        }
      }
    }
    if (changed) {
      persist(); // before the report is queued: a restart in between finds it reached
    }
    if (offersChange) {
      offersChanged.run();
    }
    toReport.forEach((evse, report) -> transactions.update(evse, UpdateTrigger.PERIODIC, report));
    toEnd.forEach(
        (evse, why) -> {
          transactions.end(evse, why); // its limits go with it (ended), the timer is set anew
          statusMayHaveChanged.accept(evse);
        });
    if (!toEnd.isEmpty()) {
      return;
    }
    if (next != null) {
      timer = scheduler.schedule(Duration.between(now, next), this::check);
    }
  }

  private TransactionLimit.Progress progress(Transaction tx, Held h, Instant now) {
    Duration elapsed = Duration.between(tx.startedAt(), now);
    if (!h.limit.needsMeter()) {
      return new TransactionLimit.Progress(0, elapsed, null, null);
    }
    MeterReading reading;
    try {
      reading = hardware.read(tx.evse());
    } catch (IllegalStateException noReading) {
      reading = tx.lastReading();
    }
    BigDecimal cost = localCost.apply(tx, reading).orElse(h.csmsCost);
    return new TransactionLimit.Progress(
        reading.energyWh() - tx.meterStartWh(), elapsed, cost, reading.socPercent());
  }

  /** The reason a transaction ended by {@code kind} ends with. */
  static StopReason stopReason(TransactionLimit.Kind kind) {
    return switch (kind) {
      case COST -> StopReason.COST_LIMIT_REACHED;
      case ENERGY -> StopReason.ENERGY_LIMIT_REACHED;
      case TIME -> StopReason.TIME_LIMIT_REACHED;
      case SOC -> StopReason.SOC_LIMIT_REACHED;
    };
  }

  private @Nullable Transaction running(String transactionId) {
    for (Transaction tx : transactions.open()) {
      if (tx.id().equals(transactionId)) {
        return tx;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------------------ snapshot

  private void persist() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeInt(held.size());
      for (Map.Entry<String, Held> e : held.entrySet()) {
        Held h = e.getValue();
        out.writeUTF(e.getKey());
        writeDecimal(out, h.limit.maxCost());
        out.writeBoolean(h.limit.maxEnergyWh() != null);
        if (h.limit.maxEnergyWh() != null) {
          out.writeDouble(h.limit.maxEnergyWh());
        }
        out.writeBoolean(h.limit.maxTime() != null);
        if (h.limit.maxTime() != null) {
          out.writeLong(h.limit.maxTime().toMillis());
        }
        out.writeInt(h.limit.maxSocPercent() == null ? -1 : h.limit.maxSocPercent());
        out.writeByte(h.reached == null ? -1 : h.reached.ordinal());
        writeDecimal(out, h.csmsCost);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    snapshots.write(SNAPSHOT, bytes.toByteArray());
  }

  private void load() {
    Optional<byte[]> data = snapshots.read(SNAPSHOT);
    if (data.isEmpty()) {
      return;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data.get()))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IOException("unknown format " + format);
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String id = in.readUTF();
        BigDecimal cost = readDecimal(in);
        Double energy = in.readBoolean() ? in.readDouble() : null;
        Duration time = in.readBoolean() ? Duration.ofMillis(in.readLong()) : null;
        int soc = in.readInt();
        byte reached = in.readByte();
        Held h = new Held();
        h.limit = new TransactionLimit(cost, energy, time, soc < 0 ? null : soc);
        h.reached = reached < 0 ? null : TransactionLimit.Kind.values()[reached];
        h.csmsCost = readDecimal(in);
        held.put(id, h);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("the transactions' limits are damaged; going on without them", e);
      held.clear();
    }
  }

  private static void writeDecimal(DataOutputStream out, @Nullable BigDecimal value)
      throws IOException {
    out.writeUTF(value == null ? "" : value.toPlainString());
  }

  private static @Nullable BigDecimal readDecimal(DataInputStream in) throws IOException {
    String text = in.readUTF();
    return text.isEmpty() ? null : new BigDecimal(text);
  }

  private static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }
}
