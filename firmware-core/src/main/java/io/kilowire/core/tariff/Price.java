package io.kilowire.core.tariff;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** An amount without and with tax; at least one of them is known (a tariff's min or max cost). */
public record Price(@Nullable BigDecimal exclTax, @Nullable BigDecimal inclTax) {
  public Price {
    if (exclTax == null && inclTax == null) {
      throw new IllegalArgumentException("a price needs exclTax or inclTax");
    }
  }
}
