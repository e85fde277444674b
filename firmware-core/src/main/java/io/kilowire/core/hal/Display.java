package io.kilowire.core.hal;

import io.kilowire.core.station.display.DisplayMessage;
import org.jspecify.annotations.Nullable;

/**
 * The charger's display: shows a CSMS's display message (2.0.1 O01-O06: the station decides which
 * one and when), or its own screen when given null. A driver renders the content in its format
 * (ASCII or UTF-8 text) and language as its screen allows.
 */
@FunctionalInterface
public interface Display {
  void show(@Nullable DisplayMessage message);

  /**
   * Shows the cost of the transaction on {@code evse} (2.0.1 I02, I03: a ready text with amount and
   * currency), or takes it away (null); a display without a place for it shows nothing.
   */
  default void cost(int evse, @Nullable String text) {}

  /**
   * Shows the driver's tariff on {@code evse}'s display (2.0.1 I01: the CSMS's personal message for
   * the token, already in the driver's language), or takes it away (null).
   */
  default void tariff(
      int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff) {}

  /** A charger without a display. */
  Display NONE = message -> {};
}
