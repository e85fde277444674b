package io.kilowire.core.tariff;

import java.util.List;

/**
 * The prices of one dimension of a tariff (energy, charging time, idle time, fixed fee), in order:
 * the first one whose conditions hold is the price in force; none holding, the dimension costs
 * nothing. Its taxes apply to what it costs.
 */
public record TariffComponent(List<PriceElement> prices, List<TaxRate> taxRates) {
  public TariffComponent {
    prices = List.copyOf(prices);
    taxRates = List.copyOf(taxRates);
    if (prices.isEmpty()) {
      throw new IllegalArgumentException("a tariff component needs at least one price");
    }
  }

  /** Whether any of its prices has conditions. */
  public boolean conditional() {
    return prices.stream().anyMatch(p -> p.conditions().any());
  }
}
