package io.kilowire.core.tariff;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The cost of one transaction under its tariff, as it runs: fed with what the meter and the EV did
 * ({@link #observe}), it prices each stretch between two observations with the prices in force at
 * its beginning, split where a condition can change within it (a time of day, midnight, a duration
 * or energy threshold), energy spread evenly over the stretch. Time is charging time while the EV
 * takes energy, idle time while it does not. The fixed fee is the one in force at the start. A new
 * {@link CostBreakdown.Period} begins wherever the prices in force change, or the tariff (I11).
 *
 * <p>Deterministic: the same observations give the same cost, whatever the clock does between.
 */
public final class RunningCost {
  private static final MathContext EXACT = MathContext.DECIMAL128;
  private static final int SCALE = 6;
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal MINUTE_MS = BigDecimal.valueOf(60_000);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** Where the station is, for conditions in local time and on the EVSE's kind. */
  public record Site(ZoneId zone, Conditions.@Nullable EvseKind evseKind) {
    public Site {
      Objects.requireNonNull(zone, "zone");
    }
  }

  private final Site site;
  private final Instant start;
  private final double startRegisterWh;
  private Tariff tariff;
  // Every tariff that priced this transaction, by id, with what each dimension cost under it.
  private final Map<String, Tariff> tariffs = new LinkedHashMap<>();
  private final Map<String, BigDecimal[]> costs = new LinkedHashMap<>();
  private final List<MutablePeriod> periods = new ArrayList<>();
  private @Nullable BigDecimal fixed;
  private @Nullable String fixedTariff;

  private Instant at;
  private double energyWh;
  private long chargingMs;
  private long idleMs;
  private boolean charging;
  private @Nullable Double powerW;
  private @Nullable Double currentA;

  private static final int ENERGY = 0;
  private static final int CHARGING_TIME = 1;
  private static final int IDLE_TIME = 2;

  /**
   * A transaction that began at {@code start} with the meter at {@code registerWh}, priced by
   * {@code tariff}: its fixed fee is the first in force then.
   */
  public RunningCost(Tariff tariff, Site site, Instant start, double registerWh) {
    this.site = Objects.requireNonNull(site, "site");
    this.start = Objects.requireNonNull(start, "start");
    this.startRegisterWh = registerWh;
    this.tariff = Objects.requireNonNull(tariff, "tariff");
    this.at = start;
    use(tariff);
    if (tariff.fixedFee() != null) {
      Conditions.EvseKind kind = site.evseKind();
      LocalDateTime local = LocalDateTime.ofInstant(start, site.zone());
      for (PriceElement p : tariff.fixedFee().prices()) {
        if (p.conditions().holdsAtStart(local, kind)) {
          fixed = p.price();
          fixedTariff = tariff.id();
          break;
        }
      }
    }
    periods.add(new MutablePeriod(start, tariff.id(), selection(state(start))));
  }

  /** The tariff in force now. */
  public Tariff tariff() {
    return tariff;
  }

  /** When the transaction began. */
  public Instant start() {
    return start;
  }

  /**
   * At {@code now} the meter reads {@code registerWh}, the EV takes energy or not, draws {@code
   * powerW} and {@code currentA} (the sum over the phases; null when not measured): the time since
   * the last observation is priced, then these become the state in force.
   */
  public void observe(
      Instant now,
      double registerWh,
      boolean chargingNow,
      @Nullable Double powerNowW,
      @Nullable Double currentNowA) {
    advance(now, registerWh - startRegisterWh);
    charging = chargingNow;
    powerW = powerNowW;
    currentA = currentNowA;
  }

  /**
   * From {@code now} on the transaction is priced by {@code next} (ChangeTransactionTariff): what
   * went before stays at the old prices; a new period begins. Same currency only.
   */
  public void changeTariff(Instant now, double registerWh, Tariff next) {
    if (!next.currency().equals(tariff.currency())) {
      throw new IllegalArgumentException(
          "a transaction's currency cannot change: " + tariff.currency() + " → " + next.currency());
    }
    advance(now, registerWh - startRegisterWh);
    tariff = next;
    use(next);
    startPeriodIfChanged(state(at));
  }

  /**
   * The cost so far; {@code ended}: the transaction's final cost, where the tariff's minimum cost
   * applies. The maximum cost caps the total at any time.
   */
  public CostBreakdown breakdown(boolean ended) {
    BigDecimal[] excl = new BigDecimal[3];
    BigDecimal[] incl = new BigDecimal[3];
    for (Map.Entry<String, BigDecimal[]> e : costs.entrySet()) {
      Tariff t = tariffs.get(e.getKey());
      for (int d = 0; d < 3; d++) {
        TariffComponent component = component(t, d);
        if (component == null) {
          continue;
        }
        BigDecimal net = cut(e.getValue()[d]);
        excl[d] = excl[d] == null ? net : excl[d].add(net);
        BigDecimal gross = withTaxes(net, component.taxRates());
        incl[d] = incl[d] == null ? gross : incl[d].add(gross);
      }
    }
    CostBreakdown.Amount fixedAmount = null;
    if (tariffs.values().stream().anyMatch(t -> t.fixedFee() != null)) {
      BigDecimal net = fixed == null ? BigDecimal.ZERO : cut(fixed);
      Tariff of = fixedTariff == null ? tariff : Objects.requireNonNull(tariffs.get(fixedTariff));
      List<TaxRate> rates = of.fixedFee() == null ? List.of() : of.fixedFee().taxRates();
      fixedAmount = new CostBreakdown.Amount(net, withTaxes(net, rates), rates);
    }
    CostBreakdown.Amount[] amounts = new CostBreakdown.Amount[3];
    for (int d = 0; d < 3; d++) {
      if (excl[d] != null) {
        TariffComponent now = component(tariff, d);
        amounts[d] =
            new CostBreakdown.Amount(
                excl[d], Objects.requireNonNull(incl[d]), now == null ? List.of() : now.taxRates());
      }
    }
    BigDecimal totalExcl = BigDecimal.ZERO;
    BigDecimal totalIncl = BigDecimal.ZERO;
    for (CostBreakdown.Amount a :
        Stream.of(fixedAmount, amounts[0], amounts[1], amounts[2])
            .filter(Objects::nonNull)
            .toList()) {
      totalExcl = totalExcl.add(a.exclTax());
      totalIncl = totalIncl.add(a.inclTax());
    }
    CostBreakdown.Kind kind = CostBreakdown.Kind.NORMAL;
    CostBreakdown.Total total = new CostBreakdown.Total(totalExcl, totalIncl);
    Price max = tariff.maxCost();
    Price min = tariff.minCost();
    if (max != null && reaches(total, max)) {
      kind = CostBreakdown.Kind.MAX_COST;
      total = new CostBreakdown.Total(max.exclTax(), max.inclTax());
    } else if (ended && min != null && below(total, min)) {
      kind = CostBreakdown.Kind.MIN_COST;
      total = new CostBreakdown.Total(min.exclTax(), min.inclTax());
    }
    List<CostBreakdown.Period> shown = new ArrayList<>();
    for (MutablePeriod p : periods) {
      shown.add(
          new CostBreakdown.Period(
              p.start, p.tariffId, wattHours(p.energyWh), p.chargingMs / 1000, p.idleMs / 1000));
    }
    return new CostBreakdown(
        tariff.currency(),
        kind,
        fixedAmount,
        amounts[ENERGY],
        amounts[CHARGING_TIME],
        amounts[IDLE_TIME],
        total,
        new CostBreakdown.Usage(wattHours(energyWh), chargingMs / 1000, idleMs / 1000),
        shown);
  }

  // ------------------------------------------------------------------------------ pricing

  private void advance(Instant now, double energyNowWh) {
    if (!now.isAfter(at)) {
      energyWh = Math.max(energyWh, energyNowWh);
      return;
    }
    double energyLeft = Math.max(0, energyNowWh - energyWh); // a meter never runs backwards
    long msLeft = Duration.between(at, now).toMillis();
    double ratePerMs = msLeft == 0 ? 0 : energyLeft / msLeft;
    while (at.isBefore(now)) {
      State s = state(at);
      Instant until = nextBoundary(s, ratePerMs);
      if (until == null || until.isAfter(now)) {
        until = now;
      }
      long ms = Duration.between(at, until).toMillis();
      double wh = until.equals(now) ? energyNowWh - energyWh : ratePerMs * ms;
      wh = Math.max(0, wh);
      startPeriodIfChanged(s);
      int[] chosen = selection(s);
      BigDecimal[] sums = costs.get(tariff.id());
      if (chosen[ENERGY] >= 0) {
        BigDecimal price =
            Objects.requireNonNull(tariff.energy()).prices().get(chosen[ENERGY]).price();
        sums[ENERGY] =
            sums[ENERGY].add(price.multiply(wattHours(wh), EXACT).divide(THOUSAND, EXACT));
      }
      int timeDimension = charging ? CHARGING_TIME : IDLE_TIME;
      if (chosen[timeDimension] >= 0) {
        BigDecimal price =
            Objects.requireNonNull(component(tariff, timeDimension))
                .prices()
                .get(chosen[timeDimension])
                .price();
        sums[timeDimension] =
            sums[timeDimension].add(
                price.multiply(BigDecimal.valueOf(ms), EXACT).divide(MINUTE_MS, EXACT));
      }
      MutablePeriod period = periods.get(periods.size() - 1);
      period.energyWh += wh;
      if (charging) {
        chargingMs += ms;
        period.chargingMs += ms;
      } else {
        idleMs += ms;
        period.idleMs += ms;
      }
      energyWh += wh;
      at = until;
    }
    energyWh = Math.max(energyWh, energyNowWh);
  }

  /** What a condition looks at, at one instant of the transaction. */
  private record State(
      LocalDateTime local,
      double energyWh,
      long elapsedMs,
      long chargingMs,
      long idleMs,
      @Nullable Double powerW,
      @Nullable Double currentA) {}

  private State state(Instant instant) {
    return new State(
        LocalDateTime.ofInstant(instant, site.zone()),
        energyWh,
        Duration.between(start, instant).toMillis(),
        chargingMs,
        idleMs,
        powerW,
        currentA);
  }

  /** The index of the price in force per dimension (energy, charging, idle); -1 for none. */
  private int[] selection(State s) {
    int[] chosen = new int[3];
    for (int d = 0; d < 3; d++) {
      chosen[d] = -1;
      TariffComponent c = component(tariff, d);
      if (c == null) {
        continue;
      }
      for (int i = 0; i < c.prices().size(); i++) {
        if (applies(c.prices().get(i).conditions(), s)) {
          chosen[d] = i;
          break;
        }
      }
    }
    return chosen;
  }

  private void startPeriodIfChanged(State s) {
    int[] chosen = selection(s);
    MutablePeriod last = periods.get(periods.size() - 1);
    if (last.tariffId.equals(tariff.id()) && java.util.Arrays.equals(last.selection, chosen)) {
      return;
    }
    if (last.start.equals(at)) {
      periods.remove(periods.size() - 1); // nothing happened under it: replaced, not ended
    }
    periods.add(new MutablePeriod(at, tariff.id(), chosen));
  }

  private boolean applies(Conditions c, State s) {
    return c.holds(
        s.local(),
        site.evseKind(),
        s.energyWh(),
        s.powerW(),
        s.currentA(),
        s.elapsedMs(),
        s.chargingMs(),
        s.idleMs());
  }

  /**
   * The first instant after the state's where a condition of the tariff can change: a time of day
   * or midnight (days, dates), a duration threshold, or (at the current rate) an energy threshold.
   */
  private @Nullable Instant nextBoundary(State s, double ratePerMs) {
    Instant earliest = null;
    LocalDateTime local = s.local();
    List<Conditions> all =
        Stream.of(tariff.energy(), tariff.chargingTime(), tariff.idleTime())
            .filter(Objects::nonNull)
            .flatMap(c -> c.prices().stream())
            .map(PriceElement::conditions)
            .filter(Conditions::any)
            .toList();
    for (Conditions c : all) {
      for (LocalTime t :
          Stream.of(c.startTimeOfDay(), c.endTimeOfDay(), LocalTime.MIDNIGHT)
              .filter(Objects::nonNull)
              .toList()) {
        LocalDateTime next = local.toLocalDate().atTime(t);
        if (!next.isAfter(local)) {
          next = next.plusDays(1);
        }
        earliest = earlier(earliest, next.atZone(site.zone()).toInstant());
      }
      earliest = earlier(earliest, after(s.elapsedMs(), c.minTimeS()));
      earliest = earlier(earliest, after(s.elapsedMs(), c.maxTimeS()));
      long running = charging ? s.chargingMs() : s.idleMs();
      Integer min = charging ? c.minChargingTimeS() : c.minIdleTimeS();
      Integer max = charging ? c.maxChargingTimeS() : c.maxIdleTimeS();
      earliest = earlier(earliest, after(running, min));
      earliest = earlier(earliest, after(running, max));
      if (ratePerMs > 0) {
        for (BigDecimal threshold :
            Stream.of(c.minEnergyWh(), c.maxEnergyWh()).filter(Objects::nonNull).toList()) {
          double missing = threshold.doubleValue() - s.energyWh();
          if (missing > 0) {
            earliest = earlier(earliest, at.plusMillis((long) Math.ceil(missing / ratePerMs)));
          }
        }
      }
    }
    return earliest;
  }

  /** When a running duration at {@code ms} reaches {@code thresholdS}; null if it has. */
  private @Nullable Instant after(long ms, @Nullable Integer thresholdS) {
    if (thresholdS == null || thresholdS * 1000L <= ms) {
      return null;
    }
    return at.plusMillis(thresholdS * 1000L - ms);
  }

  private @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
    if (b == null || !b.isAfter(at)) {
      return a;
    }
    return a == null || b.isBefore(a) ? b : a;
  }

  // ------------------------------------------------------------------------------ money

  private void use(Tariff t) {
    tariffs.put(t.id(), t);
    costs.computeIfAbsent(
        t.id(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
  }

  private static @Nullable TariffComponent component(Tariff t, int dimension) {
    return switch (dimension) {
      case ENERGY -> t.energy();
      case CHARGING_TIME -> t.chargingTime();
      default -> t.idleTime();
    };
  }

  /** The net amount with its taxes, stack by stack; each stack's taxes share its base. */
  static BigDecimal withTaxes(BigDecimal net, List<TaxRate> rates) {
    BigDecimal base = net;
    int highest = rates.stream().mapToInt(TaxRate::stack).max().orElse(-1);
    for (int stack = 0; stack <= highest; stack++) {
      final int level = stack;
      BigDecimal percent =
          rates.stream()
              .filter(r -> r.stack() == level)
              .map(TaxRate::percent)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      base = base.add(base.multiply(percent, EXACT).divide(HUNDRED, EXACT));
    }
    return cut(base);
  }

  private static BigDecimal cut(BigDecimal amount) {
    return amount.setScale(SCALE, RoundingMode.DOWN).stripTrailingZeros();
  }

  private static BigDecimal wattHours(double wh) {
    return BigDecimal.valueOf(wh).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }

  private static boolean reaches(CostBreakdown.Total total, Price limit) {
    return limit.exclTax() != null
        ? Objects.requireNonNull(total.exclTax()).compareTo(limit.exclTax()) >= 0
        : Objects.requireNonNull(total.inclTax()).compareTo(Objects.requireNonNull(limit.inclTax()))
            >= 0;
  }

  private static boolean below(CostBreakdown.Total total, Price limit) {
    return limit.exclTax() != null
        ? Objects.requireNonNull(total.exclTax()).compareTo(limit.exclTax()) < 0
        : Objects.requireNonNull(total.inclTax()).compareTo(Objects.requireNonNull(limit.inclTax()))
            < 0;
  }

  private static final class MutablePeriod {
    final Instant start;
    final String tariffId;
    final int[] selection;
    double energyWh;
    long chargingMs;
    long idleMs;

    MutablePeriod(Instant start, String tariffId, int[] selection) {
      this.start = start;
      this.tariffId = tariffId;
      this.selection = selection;
    }
  }

  // ------------------------------------------------------------------------------ persistence

  /** Writes the whole state (the tariffs it used included), for a snapshot. */
  public void write(DataOutput out) throws IOException {
    out.writeUTF(site.zone().getId());
    out.writeByte(site.evseKind() == null ? -1 : site.evseKind().ordinal());
    out.writeLong(start.toEpochMilli());
    out.writeDouble(startRegisterWh);
    out.writeInt(tariffs.size());
    for (Tariff t : tariffs.values()) {
      TariffFormat.write(out, t);
      for (BigDecimal sum : costs.get(t.id())) {
        out.writeUTF(sum.toString());
      }
    }
    out.writeUTF(tariff.id());
    out.writeBoolean(fixed != null);
    if (fixed != null) {
      out.writeUTF(fixed.toString());
      out.writeUTF(Objects.requireNonNull(fixedTariff));
    }
    out.writeLong(at.toEpochMilli());
    out.writeDouble(energyWh);
    out.writeLong(chargingMs);
    out.writeLong(idleMs);
    out.writeBoolean(charging);
    out.writeDouble(powerW == null ? Double.NaN : powerW);
    out.writeDouble(currentA == null ? Double.NaN : currentA);
    out.writeInt(periods.size());
    for (MutablePeriod p : periods) {
      out.writeLong(p.start.toEpochMilli());
      out.writeUTF(p.tariffId);
      for (int i : p.selection) {
        out.writeInt(i);
      }
      out.writeDouble(p.energyWh);
      out.writeLong(p.chargingMs);
      out.writeLong(p.idleMs);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static RunningCost read(DataInput in) throws IOException {
    ZoneId zone = ZoneId.of(in.readUTF());
    int kind = in.readByte();
    Site site = new Site(zone, kind < 0 ? null : Conditions.EvseKind.values()[kind]);
    Instant start = Instant.ofEpochMilli(in.readLong());
    double register = in.readDouble();
    int count = in.readInt();
    Map<String, Tariff> used = new LinkedHashMap<>();
    Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      Tariff t = TariffFormat.read(in);
      used.put(t.id(), t);
      sums.put(
          t.id(),
          new BigDecimal[] {
            new BigDecimal(in.readUTF()), new BigDecimal(in.readUTF()), new BigDecimal(in.readUTF())
          });
    }
    Tariff current = Objects.requireNonNull(used.get(in.readUTF()), "the tariff in force");
    RunningCost cost = new RunningCost(current, site, start, register);
    cost.tariffs.clear();
    cost.tariffs.putAll(used);
    cost.costs.clear();
    cost.costs.putAll(sums);
    cost.fixed = null;
    cost.fixedTariff = null;
    if (in.readBoolean()) {
      cost.fixed = new BigDecimal(in.readUTF());
      cost.fixedTariff = in.readUTF();
    }
    cost.at = Instant.ofEpochMilli(in.readLong());
    cost.energyWh = in.readDouble();
    cost.chargingMs = in.readLong();
    cost.idleMs = in.readLong();
    cost.charging = in.readBoolean();
    double power = in.readDouble();
    double amps = in.readDouble();
    cost.powerW = Double.isNaN(power) ? null : power;
    cost.currentA = Double.isNaN(amps) ? null : amps;
    cost.periods.clear();
    int periodCount = in.readInt();
    for (int i = 0; i < periodCount; i++) {
      MutablePeriod p =
          new MutablePeriod(
              Instant.ofEpochMilli(in.readLong()),
              in.readUTF(),
              new int[] {in.readInt(), in.readInt(), in.readInt()});
      p.energyWh = in.readDouble();
      p.chargingMs = in.readLong();
      p.idleMs = in.readLong();
      cost.periods.add(p);
    }
    return cost;
  }
}
