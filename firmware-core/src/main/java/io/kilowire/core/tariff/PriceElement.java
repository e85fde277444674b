package io.kilowire.core.tariff;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price of a tariff component and when it applies: per kWh for energy, per minute for charging
 * and idle time, once for a fixed fee; excluding tax.
 */
public record PriceElement(BigDecimal price, Conditions conditions) {
  public PriceElement {
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(conditions, "conditions");
  }
}
