package io.kilowire.core.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A transaction's cost as the station calculated it (OCPP 2.1 CostDetailsType): per dimension and
 * in total, without and with tax, what it used, and the periods in which the same prices applied.
 * Amounts are cut to 6 decimal places, toward zero; the total is the sum of the dimensions as
 * shown, unless the tariff's minimum or maximum cost replaced it ({@link #kind}).
 *
 * @param fixed present when a tariff of the transaction has that dimension (the same for the
 *     others)
 */
public record CostBreakdown(
    String currency,
    Kind kind,
    @Nullable Amount fixed,
    @Nullable Amount energy,
    @Nullable Amount chargingTime,
    @Nullable Amount idleTime,
    Total total,
    Usage usage,
    List<Period> periods) {

  /** Whether the total is the calculated one, or the tariff's minimum or maximum in its place. */
  public enum Kind {
    NORMAL,
    MIN_COST,
    MAX_COST
  }

  /** One dimension's cost, and the taxes of the tariff in force on it. */
  public record Amount(BigDecimal exclTax, BigDecimal inclTax, List<TaxRate> taxRates) {
    public Amount {
      taxRates = List.copyOf(taxRates);
    }
  }

  /** The whole transaction's cost; a minimum or maximum cost may know only one side. */
  public record Total(@Nullable BigDecimal exclTax, @Nullable BigDecimal inclTax) {}

  /** Energy in Wh; the seconds spent charging and the seconds plugged in without charging. */
  public record Usage(BigDecimal energyWh, long chargingTimeS, long idleTimeS) {}

  /**
   * From {@code start} until the next period (or the end), the same prices of one tariff applied;
   * what was used in it.
   */
  public record Period(
      Instant start, String tariffId, BigDecimal energyWh, long chargingTimeS, long idleTimeS) {
    public Period {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(tariffId, "tariffId");
    }
  }

  public CostBreakdown {
    periods = List.copyOf(periods);
  }
}
