package io.kilowire.emulator.cli;

import io.kilowire.emulator.cli.EmulatorCli.UsageException;
import java.util.Locale;

/**
 * {@code --ramp N/s}: how fast a fleet connects. Station {@code i} (0-based) starts {@code i / N}
 * seconds after the first, so a CSMS under test sees a steady stream of new connections instead of
 * thousands in the same instant.
 */
record Ramp(double perSecond) {
  /** The default: 10,000 stations are connected within 100 s. */
  static final String DEFAULT = "100/s";

  static final double MAX = 100_000;

  Ramp {
    if (!(perSecond > 0) || perSecond > MAX) {
      throw new IllegalArgumentException("rate out of range: " + perSecond);
    }
  }

  /** Reads {@code N/s} or {@code N} (stations per second, above 0, at most 100000). */
  static Ramp parse(String text) {
    String number = text.trim();
    if (number.endsWith("/s")) {
      number = number.substring(0, number.length() - 2).trim();
    }
    double rate;
    try {
      rate = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--ramp must be stations per second such as 100/s, not '" + text + "'");
    }
    if (!(rate > 0) || rate > MAX) {
      throw new UsageException(
          "--ramp must be above 0 and at most "
              + (long) MAX
              + " stations per second, not '"
              + text
              + "'");
    }
    return new Ramp(rate);
  }

  /** When station {@code index} (0-based) starts, in nanoseconds after the first. */
  long offsetNanos(int index) {
    return (long) (index * 1e9 / perSecond);
  }

  @Override
  public String toString() {
    return (perSecond == Math.rint(perSecond)
            ? String.valueOf((long) perSecond)
            : String.format(Locale.ROOT, "%.3f", perSecond))
        + "/s";
  }
}
