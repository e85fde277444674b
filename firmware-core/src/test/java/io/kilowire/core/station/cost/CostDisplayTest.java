package io.kilowire.core.station.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each EVSE's display shows of its transaction's cost (2.0.1 I02, I03). */
class CostDisplayTest {
  private final List<String> screen = new ArrayList<>();
  private final CostDisplay cost =
      new CostDisplay(
          (evse, text) -> screen.add(evse + ": " + text),
          (evse, tariff) -> screen.add(evse + " tariff: " + tariff));

  @Test
  void theRunningCostThenTheTotalShowOnTheTransactionsEvse() {
    cost.sessionStarted(2, "tx-a");
    assertThat(cost.told("tx-a", new BigDecimal("1.2"), false)).isTrue();
    assertThat(cost.told("tx-a", new BigDecimal("3.455"), true)).isTrue();
    assertThat(screen).containsExactly("2: Cost so far: 1.20 EUR", "2: Total cost: 3.46 EUR");
    assertThat(cost.told("tx-a", BigDecimal.ONE, false))
        .as("an ended transaction is not told again")
        .isFalse();
    assertThat(cost.told("tx-unknown", BigDecimal.ONE, false)).isFalse();
  }

  @Test
  void theNextSessionTakesTheLastTotalAwayAndTheCurrencyAndSwitchAreRead() {
    boolean[] enabled = {true};
    cost.configure(() -> "CHF", () -> enabled[0]);
    cost.sessionStarted(1, "tx-a");
    cost.told("tx-a", BigDecimal.TEN, true);
    cost.sessionStarted(1, "tx-b");
    assertThat(cost.shown(1)).isNull();
    enabled[0] = false;
    cost.told("tx-b", BigDecimal.ONE, false);
    assertThat(screen).containsExactly("1: Total cost: 10.00 CHF", "1: null");
  }

  @Test
  void theCsmsFiguresAreNotShownForATransactionTheStationPricesItself() {
    // 2.1 local cost: tx-here is priced at the station, tx-csms is left to the CSMS.
    cost.pricedHere("tx-here"::equals);
    cost.sessionStarted(1, "tx-here");
    cost.sessionStarted(2, "tx-csms");
    assertThat(cost.told("tx-here", new BigDecimal("0.50"), false)).isTrue(); // its own figure
    assertThat(cost.toldByCsms("tx-here", new BigDecimal("9.99"), false)).isFalse();
    assertThat(cost.toldByCsms("tx-csms", new BigDecimal("2.00"), false)).isTrue();
    assertThat(cost.toldByCsms("tx-here", new BigDecimal("9.99"), true)).isFalse();
    assertThat(screen).containsExactly("1: Cost so far: 0.50 EUR", "2: Cost so far: 2.00 EUR");
    assertThat(cost.shown(1)).isEqualTo("Cost so far: 0.50 EUR");
  }
}
