package io.kilowire.core.tariff;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tax on a price, in percent. Taxes of stack 0 are charged on the net price, those of stack 1 on
 * the price with stack 0's taxes, and so on; taxes on the same stack share their base.
 *
 * @param type what the receipt calls it ("VAT", "State")
 */
public record TaxRate(String type, BigDecimal percent, int stack) {
  public TaxRate {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(percent, "percent");
    if (stack < 0) {
      throw new IllegalArgumentException("stack must not be negative: " + stack);
    }
  }
}
