package io.kilowire.core.ocpp.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The rules of OCPP 2.0.1 Part 2 "Primitive Datatypes" that the JSON schemas do not encode, applied
 * to what we write: a dateTime has at most 3 fractional-second digits, a decimal at most 6 decimal
 * places. Strict CSMSs refuse a frame that breaks them. 1.6 is written by the same rules: its text
 * sets no limit, but 1.6 CSMSs parse with fixed patterns too.
 */
public final class Primitives {
  /** Fractional-second digits a dateTime may carry. */
  public static final int MAX_FRACTION_DIGITS = 3;

  /** Decimal places a decimal may carry. */
  public static final int MAX_DECIMAL_PLACES = 6;

  private Primitives() {}

  /**
   * RFC 3339 in UTC with 'Z', cut (never rounded) to milliseconds, without a fraction on a whole
   * second: {@code 2026-12-07T06:08:15.362Z}.
   *
   * @throws IllegalArgumentException for a year RFC 3339 cannot write (outside 0000–9999)
   */
  public static String dateTime(Instant instant) {
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException(instant + " has a year RFC 3339 cannot write");
    }
    // ISO_INSTANT prints the fraction in groups of three digits, so none or exactly three here.
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * {@code value} with at most 6 decimal places. Extra places are cut toward zero, so a limit never
   * rises in either direction (charging or discharging); a value that already fits is returned as
   * it is.
   */
  public static BigDecimal decimal(BigDecimal value) {
    if (value.scale() <= MAX_DECIMAL_PLACES) {
      return value;
    }
    BigDecimal cut = value.setScale(MAX_DECIMAL_PLACES, RoundingMode.DOWN).stripTrailingZeros();
    return cut.scale() < 0 ? cut.setScale(0) : cut;
  }
}
