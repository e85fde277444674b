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

  /** A charger without a display. */
  Display NONE = message -> {};
}
