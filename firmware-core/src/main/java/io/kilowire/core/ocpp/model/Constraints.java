package io.kilowire.core.ocpp.model;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The schema checks the generated records run in their constructors. */
public final class Constraints {
  private Constraints() {}

  public static void required(@Nullable Object value, String field) {
    if (value == null) {
      throw new ConstraintViolation(ViolationKind.OCCURRENCE, field, "required field is missing");
    }
  }

  /**
   * JSON Schema's maxLength counts characters (code points), so a character outside the BMP counts
   * once although Java stores it as two UTF-16 units.
   */
  public static void maxLength(@Nullable String value, int max, String field) {
    // length() bounds the count from above: only strings longer than max in UTF-16 need counting.
    if (value != null && value.length() > max) {
      int characters = value.codePointCount(0, value.length());
      if (characters > max) {
        throw new ConstraintViolation(
            ViolationKind.VALUE,
            field,
            "string of " + characters + " characters exceeds maxLength " + max);
      }
    }
  }

  public static void eachMaxLength(@Nullable List<String> values, int max, String field) {
    if (values != null) {
      for (int i = 0; i < values.size(); i++) {
        maxLength(values.get(i), max, field + "[" + i + "]");
      }
    }
  }

  public static void range(
      @Nullable Integer value, @Nullable Long min, @Nullable Long max, String field) {
    if (value == null) {
      return;
    }
    if ((min != null && value < min) || (max != null && value > max)) {
      throw new ConstraintViolation(
          ViolationKind.VALUE,
          field,
          value + " is outside [" + bound(min) + ", " + bound(max) + "]");
    }
  }

  /** Bounds on every element of an integer list (2.1: EVSE and monitor ids are at least 0). */
  public static void eachInRange(
      @Nullable List<Integer> values, @Nullable Long min, @Nullable Long max, String field) {
    if (values != null) {
      for (int i = 0; i < values.size(); i++) {
        range(values.get(i), min, max, field + "[" + i + "]");
      }
    }
  }

  public static void range(
      @Nullable BigDecimal value,
      @Nullable BigDecimal min,
      @Nullable BigDecimal max,
      String field) {
    if (value == null) {
      return;
    }
    if ((min != null && value.compareTo(min) < 0) || (max != null && value.compareTo(max) > 0)) {
      throw new ConstraintViolation(
          ViolationKind.VALUE,
          field,
          value.toPlainString() + " is outside [" + bound(min) + ", " + bound(max) + "]");
    }
  }

  /** Decimals with {@code multipleOf} (OCPP 1.6 limits: one decimal place) keep that precision. */
  public static void multipleOf(@Nullable BigDecimal value, BigDecimal step, String field) {
    if (value != null && value.remainder(step).signum() != 0) {
      throw new ConstraintViolation(
          ViolationKind.VALUE,
          field,
          value.toPlainString() + " is not a multiple of " + step.toPlainString());
    }
  }

  public static void uri(@Nullable String value, String field) {
    if (value == null) {
      return;
    }
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null) {
        throw new ConstraintViolation(ViolationKind.VALUE, field, "URI has no scheme: " + value);
      }
    } catch (URISyntaxException e) {
      throw new ConstraintViolation(ViolationKind.VALUE, field, "not a URI: " + e.getMessage());
    }
  }

  /** An immutable copy of the list after checking its size and that no element is null. */
  public static <T> @Nullable List<T> list(
      @Nullable List<T> values, String field, int minItems, int maxItems) {
    if (values == null) {
      return null;
    }
    if (values.size() < minItems || values.size() > maxItems) {
      throw new ConstraintViolation(
          ViolationKind.OCCURRENCE,
          field,
          values.size()
              + " elements, allowed "
              + minItems
              + ".."
              + (maxItems == Integer.MAX_VALUE ? "*" : maxItems));
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new ConstraintViolation(
            ViolationKind.TYPE, field + "[" + i + "]", "list element is null");
      }
    }
    return List.copyOf(values);
  }

  private static String bound(@Nullable Object b) {
    return b == null ? "*" : b instanceof BigDecimal d ? d.toPlainString() : b.toString();
  }
}
