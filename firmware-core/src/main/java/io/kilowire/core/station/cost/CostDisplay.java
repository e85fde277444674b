package io.kilowire.core.station.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Tariff and cost as the EV driver sees them on each EVSE's display (2.0.1 I01-I03): the tariff the
 * CSMS sends with a token's verdict (the personal message of an Authorize or TransactionEvent
 * answer, in the driver's language) from then until that EVSE's transaction ends; the running cost
 * the CSMS sends (CostUpdated or in a transaction message's answer) and the total when the
 * transaction ends, in the station's currency until the next session begins. Nothing is shown of
 * either while its display is disabled (TariffCostCtrlr.Enabled[Tariff] / [Cost]).
 */
public final class CostDisplay {
  /** Shows a cost text on an EVSE's display, or takes it away (null). */
  @FunctionalInterface
  public interface Screen {
    void show(int evse, @Nullable String text);
  }

  /** Shows the driver's tariff on an EVSE's display, or takes it away (null). */
  @FunctionalInterface
  public interface TariffScreen {
    void show(int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff);
  }

  private final Screen screen;
  private final TariffScreen tariffScreen;
  private BooleanSupplier tariffEnabled = () -> true;
  private Supplier<String> tariffFallback = () -> "";
  private Supplier<String> totalCostFallback = () -> "";
  private final Map<Integer, io.kilowire.core.authorization.PersonalMessage.Text> tariffs =
      new HashMap<>();
  // The EVSE of each transaction since it began: its total comes after it has ended.
  private final Map<String, Integer> evseOfTransaction = new HashMap<>();
  private Supplier<String> currency = () -> "EUR";
  private BooleanSupplier enabled = () -> true;
  private final Map<Integer, String> shown = new HashMap<>();
  private java.util.function.Predicate<String> pricedHere = id -> false;

  public CostDisplay(Screen screen, TariffScreen tariffScreen) {
    this.screen = screen;
    this.tariffScreen = tariffScreen;
  }

  /** Whether tariffs are shown (2.0.1 TariffCostCtrlr.Enabled[Tariff]); read at each message. */
  public void tariffEnabled(BooleanSupplier enabled) {
    this.tariffEnabled = enabled;
  }

  /**
   * The CSMS answered a token presented for {@code evse} with a personal message (I01: the driver's
   * tariff): shown in the driver's language until the EVSE's transaction ends.
   */
  public void personalMessage(int evse, io.kilowire.core.authorization.PersonalMessage message) {
    if (!tariffEnabled.getAsBoolean()) {
      return;
    }
    io.kilowire.core.authorization.PersonalMessage.Text text = message.forDriver();
    tariffs.put(evse, text);
    tariffScreen.show(evse, text);
  }

  /**
   * Where the fallback tariff text comes from (2.0.1 TariffCostCtrlr.TariffFallbackMessage, I04);
   * read at each accepted token, empty for none.
   */
  public void tariffFallback(Supplier<String> message) {
    this.tariffFallback = message;
  }

  /**
   * A token was accepted for {@code evse}: without a driver's tariff for it (the CSMS sent none, or
   * the decision was taken offline or from the cache), the fallback message is shown in its place
   * (I04) until the EVSE's transaction ends or the CSMS tells the driver's tariff.
   */
  public void accepted(int evse) {
    String fallback = tariffFallback.get();
    if (!tariffEnabled.getAsBoolean() || tariffs.containsKey(evse) || fallback.isBlank()) {
      return;
    }
    io.kilowire.core.authorization.PersonalMessage.Text text =
        new io.kilowire.core.authorization.PersonalMessage.Text(
            io.kilowire.core.authorization.PersonalMessage.Format.UTF8, null, fallback);
    tariffs.put(evse, text);
    tariffScreen.show(evse, text);
  }

  /** {@code evse}'s transaction ended: its tariff leaves the display (the cost stays). */
  public void sessionEnded(int evse) {
    if (tariffs.remove(evse) != null) {
      tariffScreen.show(evse, null);
    }
  }

  /** The tariff {@code evse}'s display shows now; null for none. */
  public io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariffShown(int evse) {
    return tariffs.get(evse);
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

  /**
   * Which transactions the station prices itself (2.1 local cost, {@link LocalCost}): their display
   * shows the station's own figure, the one its cost details report, so the driver never sees two
   * different costs for one session.
   */
  public void pricedHere(java.util.function.Predicate<String> transactionIds) {
    this.pricedHere = transactionIds;
  }

  /**
   * The CSMS told a transaction's cost (CostUpdated, a TransactionEvent answer's totalCost): shown
   * as {@link #told} does, unless the station prices that transaction itself; false when not shown.
   */
  public boolean toldByCsms(String transactionId, BigDecimal total, boolean ended) {
    return !pricedHere.test(transactionId) && told(transactionId, total, ended);
  }

  /**
   * Where the text comes from that replaces a total the CSMS did not tell (2.0.1
   * TariffCostCtrlr.TotalCostFallbackMessage, I05); empty for none.
   */
  public void totalCostFallback(Supplier<String> message) {
    this.totalCostFallback = message;
  }

  /**
   * The CSMS answered a transaction's end without its total (I05): the fallback message takes the
   * total's place on its EVSE's display.
   */
  public void totalUnknown(String transactionId) {
    Integer evse = evseOfTransaction.remove(transactionId);
    if (evse != null) {
      showTotalFallback(evse);
    }
  }

  /**
   * {@code evse}'s transaction ended while the CSMS is out of reach: no total to be had now (I05),
   * the fallback message shows at once; a total told after the reconnect no longer replaces it.
   */
  public void endedOffline(int evse) {
    if (evseOfTransaction.values().removeIf(e -> e == evse)) {
      showTotalFallback(evse);
    }
  }

  private void showTotalFallback(int evse) {
    String fallback = totalCostFallback.get();
    if (!fallback.isBlank()) {
      show(evse, fallback);
    }
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
