package io.kilowire.core.station.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The cost of each EVSE's transaction as the EV driver sees it (2.0.1 I02, I03): the running cost
 * the CSMS sends (CostUpdated or in a transaction message's answer) and the total when the
 * transaction ends, shown on that EVSE's display in the station's currency until the next session
 * begins. Nothing is shown while cost display is disabled.
 */
public final class CostDisplay {
  /** Shows a cost text on an EVSE's display, or takes it away (null). */
  @FunctionalInterface
  public interface Screen {
    void show(int evse, @Nullable String text);
  }

  private final Screen screen;
  // The EVSE of each transaction since it began: its total comes after it has ended.
  private final Map<String, Integer> evseOfTransaction = new HashMap<>();
  private Supplier<String> currency = () -> "EUR";
  private BooleanSupplier enabled = () -> true;
  private final Map<Integer, String> shown = new HashMap<>();

  public CostDisplay(Screen screen) {
    this.screen = screen;
  }

  /** Where the currency and the switch come from (the version's configuration). */
  public void configure(Supplier<String> currency, BooleanSupplier enabled) {
    this.currency = currency;
    this.enabled = enabled;
  }

  /**
   * The CSMS told a transaction's cost (the station's transaction id): its running cost
   * (CostUpdated, I02.FR.03; a TransactionEvent answer, I02.FR.04) or, {@code ended}, its total
   * (I03.FR.03); false for a transaction the station does not know.
   */
  public boolean told(String transactionId, BigDecimal total, boolean ended) {
    Integer evse = evseOfTransaction.get(transactionId);
    if (evse == null) {
      return false;
    }
    show(evse, (ended ? "Total cost: " : "Cost so far: ") + amount(total));
    if (ended) {
      evseOfTransaction.remove(transactionId);
    }
    return true;
  }

  /** A transaction began on {@code evse}: the last one's cost leaves the display. */
  public void sessionStarted(int evse, String transactionId) {
    evseOfTransaction.values().removeIf(e -> e == evse);
    evseOfTransaction.put(transactionId, evse);
    if (shown.remove(evse) != null) {
      screen.show(evse, null);
    }
  }

  /** What {@code evse}'s display shows of the cost now; null for nothing. */
  public @Nullable String shown(int evse) {
    return shown.get(evse);
  }

  private void show(int evse, String text) {
    if (!enabled.getAsBoolean()) {
      return;
    }
    shown.put(evse, text);
    screen.show(evse, text);
  }

  private String amount(BigDecimal total) {
    return total.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency.get();
  }
}
