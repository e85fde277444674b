package io.kilowire.core.station.cost;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.tariff.CostBreakdown;
import io.kilowire.core.tariff.RunningCost;
import io.kilowire.core.tariff.Tariff;
import io.kilowire.core.tariff.TariffBook;
import io.kilowire.core.transaction.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local cost calculation (2.1 I07-I12): the default tariffs of the EVSEs ({@link TariffBook}), the
 * tariffs the CSMS gives drivers with their token's verdict, and the running cost of each
 * transaction under the tariff it began with (a driver's, else its EVSE's default in force), until
 * ChangeTransactionTariff gives it another. The cost follows every reading the transaction reports
 * and is shown on the EVSE's display; the final one waits for the message that ends the transaction
 * (kept for the last 64 ended). Tariffs, running and final costs are kept in their own snapshot
 * ({@value #SNAPSHOT}), so a restart neither loses a tariff nor restarts a cost from zero.
 *
 * <p>Idle until a version that calculates cost locally switches it on ({@link #use}); a tariff's
 * times of day and dates are read in the station's local time zone ({@link #localTime}; UTC until
 * told), the one in force when the transaction began.
 */
public final class LocalCost {
  public static final String SNAPSHOT = "local-cost";
  private static final Logger LOG = LoggerFactory.getLogger(LocalCost.class);
  // Final costs waiting for the message that ends their transaction: a bound, not a queue length.
  private static final int ENDED_KEPT = 64;

  /** What ChangeTransactionTariff came to, in 2.1's words. */
  public enum Change {
    ACCEPTED,
    TOO_MANY_ELEMENTS,
    CONDITION_NOT_SUPPORTED,
    TX_NOT_FOUND,
    NO_CURRENCY_CHANGE
  }

  /** A driver's tariff given to a running transaction (GetTariffs). */
  public record DriverTariff(String tariffId, int evse, String idToken) {}

  private final StationContext context;
  private final SnapshotStore snapshots;
  private final CostDisplay display;
  private Supplier<ZoneId> zone = () -> ZoneOffset.UTC;
  private TariffBook book;
  private final Map<String, RunningCost> running = new LinkedHashMap<>();
  private final Map<String, Integer> evseOf = new LinkedHashMap<>();
  private final Map<String, String> tokenOf = new LinkedHashMap<>();
  private final Map<String, RunningCost> ended = new LinkedHashMap<>();
  // Tariffs the CSMS gave with a token's verdict, until a transaction of that token begins.
  private final Map<String, Tariff> driverTariffs = new LinkedHashMap<>();
  // Tokens whose driver's tariff failed under HandleFailedTariff CentralCost, until they begin a
  // transaction; that transaction is priced by the CSMS, not here (memory only).
  private final java.util.Set<String> centralCost = new java.util.HashSet<>();
  private final java.util.Set<String> centralCostTransactions = new java.util.LinkedHashSet<>();
  private BooleanSupplier centralCostOnFailure = () -> false;
  private BooleanSupplier deauthorizeOnFailure = () -> false;
  private BooleanSupplier problemMonitored = () -> false;
  // The reason the last driver's tariff could not be used; null once one could.
  private @Nullable String problem;
  private boolean inUse;
  private BooleanSupplier enabled = () -> true;
  private BooleanSupplier runningCost = () -> true;
  private Supplier<TariffBook.Limits> limits = () -> new TariffBook.Limits(10, true);
  private IntSupplier runningCostIntervalS = () -> 0;
  private IntConsumer updateNow = evse -> {};
  // Transactions whose next periodic update is one of local cost's own, and why.
  private final Map<String, Update> updatesDue = new HashMap<>();
  private TaskScheduler.@Nullable Cancellable ticker;

  public LocalCost(StationContext context, SnapshotStore snapshots, CostDisplay display) {
    this.context = context;
    this.snapshots = snapshots;
    this.display = display;
    this.book = new TariffBook(context.evseCount());
    load();
    // A transaction priced here shows this figure; the CSMS's for it are not shown over it.
    display.pricedHere(id -> running.containsKey(id) || ended.containsKey(id));
  }

  /**
   * The station speaks a version with local cost: calculation runs while {@code enabled}
   * (TariffCostCtrlr.Enabled[Tariff]) within {@code limits} (MaxElements, ConditionsSupported); the
   * running cost is reported while {@code runningCost} (Enabled[Cost]).
   */
  public void use(
      BooleanSupplier enabled, BooleanSupplier runningCost, Supplier<TariffBook.Limits> limits) {
    this.inUse = true;
    this.enabled = enabled;
    this.runningCost = runningCost;
    this.limits = limits;
  }

  /**
   * Every {@code seconds} (TariffCostCtrlr.Interval[Cost]; 0: never) each running transaction sends
   * its running cost in an Updated of its own (I12.FR.02).
   */
  public void runningCostEvery(IntSupplier seconds) {
    this.runningCostIntervalS = seconds;
    tick();
  }

  /** The station's local time zone (ClockCtrlr.TimeZone), for the tariffs' times and dates. */
  public void localTime(Supplier<ZoneId> zone) {
    this.zone = zone;
  }

  /** How a running-cost update is made: the EVSE's transaction is updated at once. */
  public void onRunningCostDue(IntConsumer update) {
    this.updateNow = update;
  }

  /** Why local cost sends an update of a transaction of its own. */
  public enum Update {
    /** Every Interval[Cost] seconds (triggerReason RunningCost). */
    RUNNING_COST,
    /** ChangeTransactionTariff gave the transaction another tariff (TariffChanged). */
    TARIFF_CHANGED
  }

  /**
   * Why the next periodic update of {@code transactionId} was sent, if local cost asked for it;
   * asking answers once.
   */
  public Optional<Update> takeUpdateDue(String transactionId) {
    return Optional.ofNullable(updatesDue.remove(transactionId));
  }

  /**
   * The transaction's tariff changed (after the answer to ChangeTransactionTariff): an update says
   * so at once, with the new tariff.
   */
  public void announceTariffChange(String transactionId) {
    Integer evse = evseOf.get(transactionId);
    if (evse != null) {
      updatesDue.put(transactionId, Update.TARIFF_CHANGED);
      updateNow.accept(evse);
    }
  }

  /** Whether a version has switched local cost on ({@link #use}). */
  public boolean inUse() {
    return inUse;
  }

  /** Whether the running cost goes with the transaction's Started and Updated messages. */
  public boolean runningCostReported() {
    return runningCost.getAsBoolean();
  }

  /** Whether costs are calculated here now. */
  public boolean active() {
    return inUse && enabled.getAsBoolean();
  }

  /** What the station can calculate with. */
  public TariffBook.Limits limits() {
    return limits.get();
  }

  // ------------------------------------------------------------------------------ tariffs

  /** SetDefaultTariff (I07): empty if installed on {@code evse} (0: all). */
  public Optional<TariffBook.Refusal> setDefault(int evse, Tariff tariff) {
    Optional<TariffBook.Refusal> refused = book.install(evse, tariff, limits.get());
    if (refused.isEmpty()) {
      persist();
    }
    return refused;
  }

  /** The default tariffs on {@code evse} (0: any EVSE) (I09). */
  public List<TariffBook.Assignment> defaults(int evse) {
    return book.assignments(evse);
  }

  /** The drivers' tariffs of running transactions on {@code evse} (0: any EVSE) (I09). */
  public List<DriverTariff> driverTariffs(int evse) {
    List<DriverTariff> found = new ArrayList<>();
    running.forEach(
        (tx, cost) -> {
          String token = tokenOf.get(tx);
          Integer on = evseOf.get(tx);
          if (token != null && on != null && (evse == 0 || on == evse)) {
            found.add(new DriverTariff(cost.tariff().id(), on, token));
          }
        });
    return found;
  }

  /** ClearTariffs (I10): running transactions keep the tariff they have. */
  public List<TariffBook.Cleared> clear(@Nullable List<String> tariffIds, @Nullable Integer evse) {
    List<TariffBook.Cleared> cleared = book.clear(tariffIds, evse);
    persist();
    return cleared;
  }

  /**
   * The CSMS answered {@code idToken} with a tariff for the driver (I08): the transaction the token
   * begins next is priced by it; empty if it can be used, else why not.
   */
  public Optional<TariffBook.Refusal> driverTariff(String idToken, Tariff tariff) {
    Optional<TariffBook.Refusal> refused = TariffBook.check(tariff, limits.get());
    if (refused.isEmpty()) {
      driverTariffs.put(idToken, tariff);
      centralCost.remove(idToken);
      problem = null; // the next tariff it can use clears the problem
    } else {
      unusableDriverTariff(
          idToken,
          refused.get() == TariffBook.Refusal.TOO_MANY_ELEMENTS
              ? "TooManyElements"
              : "ConditionNotSupported");
    }
    return refused;
  }

  /**
   * Whether a driver's tariff could not be used, since the last one that could (2.1
   * TariffCostCtrlr.Problem).
   */
  public boolean problem() {
    return problem != null;
  }

  /**
   * Whether a Delta monitor watches TariffCostCtrlr.Problem: then its event reports the problem,
   * and the station sends no hard-wired one (I08.FR.31).
   */
  public void problemMonitored(BooleanSupplier monitored) {
    this.problemMonitored = monitored;
  }

  /**
   * The CSMS gave {@code idToken} a tariff the station cannot use (refused, or malformed): the
   * token's next transaction is priced by its EVSE's default, or under HandleFailedTariff
   * CentralCost by the CSMS itself.
   */
  public void unusableDriverTariff(String idToken, String reasonCode) {
    boolean raised = problem == null;
    problem = reasonCode;
    if (raised && !problemMonitored.getAsBoolean()) {
      context.gateway().componentProblem(context.scheduler().now(), "TariffCostCtrlr", reasonCode);
    }
    driverTariffs.remove(idToken);
    if (centralCostOnFailure.getAsBoolean()) {
      centralCost.add(idToken);
    }
  }

  /**
   * Whether a driver's tariff the station cannot use leaves that driver's next transaction to the
   * CSMS to price (TariffCostCtrlr.HandleFailedTariff CentralCost) instead of the EVSE's default
   * (UseDefaultTariff, the default).
   */
  public void onFailedDriverTariff(BooleanSupplier centralCost) {
    this.centralCostOnFailure = centralCost;
  }

  /**
   * Whether a driver's tariff the station cannot use costs the driver the authorization
   * (TariffCostCtrlr.HandleFailedTariff Deauthorize); read at each such tariff.
   */
  public void deauthorizeOnFailedDriverTariff(BooleanSupplier deauthorize) {
    this.deauthorizeOnFailure = deauthorize;
  }

  /** Whether a driver's tariff that cannot be used here now turns the driver away. */
  public boolean deauthorizesOnFailedDriverTariff() {
    return active() && deauthorizeOnFailure.getAsBoolean();
  }

  /** ChangeTransactionTariff (I11): from now on the transaction is priced by {@code tariff}. */
  public Change change(String transactionId, Tariff tariff, MeterReading now) {
    RunningCost cost = running.get(transactionId);
    if (cost == null) {
      return Change.TX_NOT_FOUND;
    }
    Optional<TariffBook.Refusal> refused = TariffBook.check(tariff, limits.get());
    if (refused.isPresent()) {
      return refused.get() == TariffBook.Refusal.TOO_MANY_ELEMENTS
          ? Change.TOO_MANY_ELEMENTS
          : Change.CONDITION_NOT_SUPPORTED;
    }
    if (!tariff.currency().equals(cost.tariff().currency())) {
      return Change.NO_CURRENCY_CHANGE;
    }
    cost.changeTariff(context.scheduler().now(), now.energyWh(), tariff);
    tokenOf.remove(transactionId); // no longer the driver's tariff
    persist();
    return Change.ACCEPTED;
  }

  /** The EVSE a running transaction is on, if cost is calculated for it. */
  public Optional<Integer> evseOf(String transactionId) {
    return Optional.ofNullable(evseOf.get(transactionId));
  }

  // ------------------------------------------------------------------------------ costs

  /**
   * The transaction is at {@code reading} (its start, an update, its end): its cost follows; a
   * transaction without a cost yet gets one if a tariff applies to it.
   */
  public void observed(Transaction tx, MeterReading reading, boolean over) {
    RunningCost cost = running.get(tx.id());
    if (cost == null) {
      if (!active() || ended.containsKey(tx.id())) {
        return;
      }
      if (centralCostTransactions.contains(tx.id())
          || (!tx.idToken().isEmpty() && centralCost.remove(tx.idToken()))) {
        centralCostTransactions.add(tx.id());
        if (centralCostTransactions.size() > ENDED_KEPT) {
          // Kept past their end as the ended costs are; a bound, the oldest go first.
          centralCostTransactions.remove(centralCostTransactions.iterator().next());
        }
        return;
      }
      Tariff driver = tx.idToken().isEmpty() ? null : driverTariffs.remove(tx.idToken());
      Optional<Tariff> tariff =
          driver != null ? Optional.of(driver) : book.inForce(tx.evse(), tx.startedAt());
      if (tariff.isEmpty()) {
        return;
      }
      RunningCost.Site site = new RunningCost.Site(zone.get(), null);
      cost = new RunningCost(tariff.get(), site, tx.startedAt(), tx.meterStartWh());
      running.put(tx.id(), cost);
      evseOf.put(tx.id(), tx.evse());
      if (driver != null) {
        tokenOf.put(tx.id(), tx.idToken());
      }
    }
    if (ticker == null) {
      tick();
    }
    double amps = reading.currentA().l1() + reading.currentA().l2() + reading.currentA().l3();
    cost.observe(reading.at(), reading.energyWh(), tx.charging(), reading.powerW(), amps);
    CostBreakdown now = cost.breakdown(over);
    if (over) {
      running.remove(tx.id());
      evseOf.remove(tx.id());
      tokenOf.remove(tx.id());
      ended.put(tx.id(), cost);
      updatesDue.remove(tx.id());
      while (ended.size() > ENDED_KEPT) {
        ended.remove(ended.keySet().iterator().next());
      }
    }
    BigDecimal shown =
        now.total().inclTax() != null ? now.total().inclTax() : now.total().exclTax();
    if (shown != null) {
      display.told(tx.id(), shown, over);
    }
    persist();
  }

  /**
   * Schedules the next running-cost update while transactions are priced here and the interval is
   * set; at each, every running transaction reports its cost.
   */
  private void tick() {
    if (ticker != null) {
      ticker.cancel();
      ticker = null;
    }
    int seconds = runningCostIntervalS.getAsInt();
    if (seconds <= 0 || running.isEmpty()) {
      return;
    }
    ticker =
        context
            .scheduler()
            .schedule(
                Duration.ofSeconds(seconds),
                () -> {
                  ticker = null;
                  if (active() && runningCost.getAsBoolean()) {
                    for (Map.Entry<String, Integer> e : List.copyOf(evseOf.entrySet())) {
                      updatesDue.putIfAbsent(e.getKey(), Update.RUNNING_COST);
                      updateNow.accept(e.getValue());
                    }
                  }
                  tick();
                });
  }

  /**
   * The cost of the running transaction {@code tx}, priced here, at {@code reading} (taken between
   * its messages, so a cost limit is watched as the meter moves); with taxes where the tariff has
   * them. Empty when no tariff prices it.
   */
  public Optional<BigDecimal> totalAt(Transaction tx, MeterReading reading) {
    RunningCost cost = running.get(tx.id());
    if (cost == null) {
      return Optional.empty();
    }
    double amps = reading.currentA().l1() + reading.currentA().l2() + reading.currentA().l3();
    cost.observe(reading.at(), reading.energyWh(), tx.charging(), reading.powerW(), amps);
    CostBreakdown.Total total = cost.breakdown(false).total();
    return Optional.ofNullable(total.inclTax() != null ? total.inclTax() : total.exclTax());
  }

  /** The cost of a running transaction so far, or the final cost of one that ended. */
  public Optional<CostBreakdown> cost(String transactionId) {
    RunningCost cost = running.get(transactionId);
    if (cost != null) {
      return Optional.of(cost.breakdown(false));
    }
    RunningCost last = ended.get(transactionId);
    return last == null ? Optional.empty() : Optional.of(last.breakdown(true));
  }

  /** The id of the tariff pricing a running transaction (or the last one of an ended one). */
  public Optional<String> tariffId(String transactionId) {
    RunningCost cost = running.get(transactionId);
    if (cost != null) {
      return Optional.of(cost.tariff().id());
    }
    RunningCost last = ended.get(transactionId);
    return last == null ? Optional.empty() : Optional.of(last.tariff().id());
  }

  /** Whether {@code transactionId} has ended and its final cost is known. */
  public boolean over(String transactionId) {
    return ended.containsKey(transactionId);
  }

  // ------------------------------------------------------------------------------ snapshot

  private void persist() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      byte[] tariffs = book.toBytes();
      out.writeInt(tariffs.length);
      out.write(tariffs);
      out.writeInt(running.size());
      for (Map.Entry<String, RunningCost> e : running.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(evseOf.getOrDefault(e.getKey(), 0));
        String token = tokenOf.get(e.getKey());
        out.writeUTF(token == null ? "" : token);
        e.getValue().write(out);
      }
      out.writeInt(ended.size());
      for (Map.Entry<String, RunningCost> e : ended.entrySet()) {
        out.writeUTF(e.getKey());
        e.getValue().write(out);
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
      byte[] tariffs = new byte[in.readInt()];
      in.readFully(tariffs);
      book = TariffBook.fromBytes(context.evseCount(), tariffs);
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String tx = in.readUTF();
        int evse = in.readInt();
        String token = in.readUTF();
        running.put(tx, RunningCost.read(in));
        evseOf.put(tx, evse);
        if (!token.isEmpty()) {
          tokenOf.put(tx, token);
        }
      }
      int over = in.readInt();
      for (int i = 0; i < over; i++) {
        ended.put(in.readUTF(), RunningCost.read(in));
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("the tariffs and running costs are damaged; starting without them", e);
      book = new TariffBook(context.evseCount());
      running.clear();
      evseOf.clear();
      tokenOf.clear();
      ended.clear();
    }
  }
}
