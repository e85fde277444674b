package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v21.ChargingPeriod;
import io.kilowire.core.ocpp.v21.CostDetails;
import io.kilowire.core.ocpp.v21.CostDimension;
import io.kilowire.core.ocpp.v21.CostDimensionType;
import io.kilowire.core.ocpp.v21.MessageContent;
import io.kilowire.core.ocpp.v21.TariffConditions;
import io.kilowire.core.ocpp.v21.TariffConditionsFixed;
import io.kilowire.core.ocpp.v21.TariffCost;
import io.kilowire.core.ocpp.v21.TariffEnergy;
import io.kilowire.core.ocpp.v21.TariffFixed;
import io.kilowire.core.ocpp.v21.TariffTime;
import io.kilowire.core.ocpp.v21.TotalCost;
import io.kilowire.core.ocpp.v21.TotalPrice;
import io.kilowire.core.ocpp.v21.TotalUsage;
import io.kilowire.core.tariff.Conditions;
import io.kilowire.core.tariff.CostBreakdown;
import io.kilowire.core.tariff.Price;
import io.kilowire.core.tariff.PriceElement;
import io.kilowire.core.tariff.Tariff;
import io.kilowire.core.tariff.TariffComponent;
import io.kilowire.core.tariff.TaxRate;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * 2.1's TariffType ↔ the domain's {@link Tariff}, and {@link CostBreakdown} → CostDetailsType. A
 * tariff is checked here, once: what the schema leaves to prose (times of day as HH:MM, dates as
 * YYYY-MM-DD, the currency as an ISO 4217 code) is refused as a PropertyConstraintViolation naming
 * the field.
 */
public final class V21TariffMapping {
  private static final Pattern TIME_OF_DAY = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern DATE = Pattern.compile("[12][0-9]{3}-(0[1-9]|1[0-2])-[0-3][0-9]");

  private V21TariffMapping() {}

  /** The domain's tariff; a malformed field is a CALLERROR naming it under {@code path}. */
  public static Tariff tariff(io.kilowire.core.ocpp.v21.Tariff t, String path) {
    List<Tariff.Description> description = new ArrayList<>();
    if (t.description() != null) {
      for (MessageContent m : t.description()) {
        description.add(new Tariff.Description(m.language(), m.content()));
      }
    }
    if (!t.currency().matches("[A-Z]{3}")) {
      throw invalid(path + ".currency", "not an ISO 4217 code: " + t.currency());
    }
    // Reservation fees need the reservation's start, which a transaction does not keep yet: a
    // tariff with them is refused by name rather than taken and the fee never billed.
    if (t.reservationFixed() != null) {
      throw notSupported(path + ".reservationFixed");
    }
    if (t.reservationTime() != null) {
      throw notSupported(path + ".reservationTime");
    }
    return new Tariff(
        t.tariffId(),
        t.currency(),
        t.validFrom(),
        description,
        energy(t.energy(), path + ".energy"),
        time(t.chargingTime(), path + ".chargingTime"),
        time(t.idleTime(), path + ".idleTime"),
        fixed(t.fixedFee(), path + ".fixedFee"),
        price(t.minCost()),
        price(t.maxCost()));
  }

  private static @Nullable TariffComponent energy(@Nullable TariffEnergy e, String path) {
    return e == null
        ? null
        : component(
            e.prices(),
            e.taxRates(),
            path,
            (p, at) -> new PriceElement(p.priceKwh(), conditions(p.conditions(), at)));
  }

  private static @Nullable TariffComponent time(@Nullable TariffTime t, String path) {
    return t == null
        ? null
        : component(
            t.prices(),
            t.taxRates(),
            path,
            (p, at) -> new PriceElement(p.priceMinute(), conditions(p.conditions(), at)));
  }

  /** A component's prices, each read with its path ({@code path.prices[i]}), and its taxes. */
  private static <P> TariffComponent component(
      List<P> prices,
      @Nullable List<io.kilowire.core.ocpp.v21.TaxRate> taxRates,
      String path,
      java.util.function.BiFunction<P, String, PriceElement> element) {
    List<PriceElement> read = new ArrayList<>();
    for (int i = 0; i < prices.size(); i++) {
      read.add(element.apply(prices.get(i), path + ".prices[" + i + "]"));
    }
    return new TariffComponent(read, taxes(taxRates));
  }

  private static @Nullable TariffComponent fixed(@Nullable TariffFixed f, String path) {
    return f == null
        ? null
        : component(
            f.prices(),
            f.taxRates(),
            path,
            (p, at) -> new PriceElement(p.priceFixed(), fixedConditions(p.conditions(), at)));
  }

  private static Conditions fixedConditions(@Nullable TariffConditionsFixed c, String path) {
    if (c == null) {
      return Conditions.ALWAYS;
    }
    String at = path + ".conditions";
    return new Conditions(
        timeOfDay(c.startTimeOfDay(), at + ".startTimeOfDay"),
        timeOfDay(c.endTimeOfDay(), at + ".endTimeOfDay"),
        days(c.dayOfWeek()),
        date(c.validFromDate(), at + ".validFromDate"),
        date(c.validToDate(), at + ".validToDate"),
        kind(c.evseKind()),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        c.paymentBrand(),
        c.paymentRecognition());
  }

  private static Conditions conditions(@Nullable TariffConditions c, String path) {
    if (c == null) {
      return Conditions.ALWAYS;
    }
    String at = path + ".conditions";
    return new Conditions(
        timeOfDay(c.startTimeOfDay(), at + ".startTimeOfDay"),
        timeOfDay(c.endTimeOfDay(), at + ".endTimeOfDay"),
        days(c.dayOfWeek()),
        date(c.validFromDate(), at + ".validFromDate"),
        date(c.validToDate(), at + ".validToDate"),
        kind(c.evseKind()),
        c.minEnergy(),
        c.maxEnergy(),
        c.minCurrent(),
        c.maxCurrent(),
        c.minPower(),
        c.maxPower(),
        c.minTime(),
        c.maxTime(),
        c.minChargingTime(),
        c.maxChargingTime(),
        c.minIdleTime(),
        c.maxIdleTime(),
        null,
        null);
  }

  private static @Nullable LocalTime timeOfDay(@Nullable String value, String path) {
    if (value == null) {
      return null;
    }
    if (!TIME_OF_DAY.matcher(value).matches()) {
      throw invalid(path, "not a time of day as HH:MM: " + value);
    }
    return LocalTime.parse(value);
  }

  private static @Nullable LocalDate date(@Nullable String value, String path) {
    if (value == null) {
      return null;
    }
    try {
      if (!DATE.matcher(value).matches()) {
        throw new DateTimeParseException("pattern", value, 0);
      }
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(path, "not a date as YYYY-MM-DD: " + value);
    }
  }

  private static Set<DayOfWeek> days(
      @Nullable List<io.kilowire.core.ocpp.v21.DayOfWeek> dayOfWeek) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (dayOfWeek != null) {
      dayOfWeek.forEach(d -> days.add(DayOfWeek.valueOf(d.name())));
    }
    return days;
  }

  private static Conditions.@Nullable EvseKind kind(
      io.kilowire.core.ocpp.v21.@Nullable EvseKind kind) {
    return kind == null ? null : Conditions.EvseKind.valueOf(kind.name());
  }

  private static List<TaxRate> taxes(@Nullable List<io.kilowire.core.ocpp.v21.TaxRate> rates) {
    if (rates == null) {
      return List.of();
    }
    return rates.stream()
        .map(r -> new TaxRate(r.type(), r.tax(), r.stack() == null ? 0 : r.stack()))
        .toList();
  }

  private static @Nullable Price price(io.kilowire.core.ocpp.v21.@Nullable Price p) {
    if (p == null || (p.exclTax() == null && p.inclTax() == null)) {
      return null;
    }
    return new Price(p.exclTax(), p.inclTax());
  }

  private static OcppCallException notSupported(String path) {
    return new OcppCallException(
        ErrorCode.NOT_SUPPORTED, path + ": reservation fees are not billed here; not supported");
  }

  private static OcppCallException invalid(String path, String problem) {
    return new OcppCallException(ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, path + ": " + problem);
  }

  // ------------------------------------------------------------------------------ cost details

  /**
   * The cost as 2.1 reports it; {@code withPeriods} for the transaction's end only (running costs
   * leave the periods out, I12.FR.02).
   */
  public static CostDetails costDetails(CostBreakdown b, boolean withPeriods) {
    List<ChargingPeriod> periods = null;
    if (withPeriods && !b.periods().isEmpty()) {
      periods = new ArrayList<>();
      for (CostBreakdown.Period p : b.periods()) {
        periods.add(
            new ChargingPeriod(
                List.of(
                    new CostDimension(CostDimensionType.ENERGY, p.energyWh(), null),
                    new CostDimension(
                        CostDimensionType.CHARGING_TIME,
                        BigDecimal.valueOf(p.chargingTimeS()),
                        null),
                    new CostDimension(
                        CostDimensionType.IDLE_T_IME, BigDecimal.valueOf(p.idleTimeS()), null)),
                p.tariffId(),
                p.start(),
                null));
      }
    }
    TariffCost kind =
        switch (b.kind()) {
          case NORMAL -> TariffCost.NORMAL_COST;
          case MIN_COST -> TariffCost.MIN_COST;
          case MAX_COST -> TariffCost.MAX_COST;
        };
    TotalCost total =
        new TotalCost(
            b.currency(),
            kind,
            reported(b.fixed()),
            reported(b.energy()),
            reported(b.chargingTime()),
            reported(b.idleTime()),
            null,
            null,
            new TotalPrice(b.total().exclTax(), b.total().inclTax(), null),
            null);
    TotalUsage usage =
        new TotalUsage(
            b.usage().energyWh(),
            Math.toIntExact(b.usage().chargingTimeS()),
            Math.toIntExact(b.usage().idleTimeS()),
            null,
            null);
    return new CostDetails(periods, total, usage, null, null, null);
  }

  private static io.kilowire.core.ocpp.v21.@Nullable Price reported(
      CostBreakdown.@Nullable Amount a) {
    if (a == null) {
      return null;
    }
    List<io.kilowire.core.ocpp.v21.TaxRate> rates =
        a.taxRates().stream()
            .map(r -> new io.kilowire.core.ocpp.v21.TaxRate(r.type(), r.percent(), r.stack(), null))
            .toList();
    return new io.kilowire.core.ocpp.v21.Price(
        a.exclTax(), a.inclTax(), rates.isEmpty() ? null : rates, null);
  }
}
