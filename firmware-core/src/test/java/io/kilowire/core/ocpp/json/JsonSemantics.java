package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compares two JSON payloads as OCPP means them, guided by their schema: property order is ignored,
 * numbers compare by value ({@code 5}, {@code 5.0} and {@code 5E+0} are equal) and date-times
 * compare as instants ({@code ...Z} equals {@code ...+00:00}, trailing zero fractions do not
 * matter). What the codec writes keeps OCPP 2.0.1 Part 2's primitive rules, so a date-time may come
 * back cut to milliseconds (and must have at most 3 fractional digits) and a number cut toward zero
 * to 6 decimal places; nothing else may change. Everything else must be equal as JSON.
 */
final class JsonSemantics {
  /** RFC 3339 as the generator writes it; independent of the codec's own parser. */
  private static final DateTimeFormatter RFC3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toFormatter();

  /** The fractional seconds of an RFC 3339 date-time. */
  private static final Pattern FRACTION = Pattern.compile(":\\d\\d\\.(\\d+)");

  private JsonSemantics() {}

  /** How {@code actual} differs from {@code expected}, two instances of the schema {@code root}. */
  static List<String> differences(JsonNode root, JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    compare(root, root, expected, actual, "$", out);
    return out;
  }

  /** {@code schema} is null below a value the schema does not describe (any JSON goes there). */
  private static void compare(
      @Nullable JsonNode schema,
      JsonNode root,
      JsonNode expected,
      JsonNode actual,
      String at,
      List<String> out) {
    JsonNode s = schema == null ? null : SchemaNodes.resolve(schema, root);
    if (s != null && SchemaNodes.isDateTime(s) && expected.isTextual() && actual.isTextual()) {
      Instant e = instant(expected.textValue());
      Matcher fraction = FRACTION.matcher(actual.textValue());
      if (e == null
          || !e.truncatedTo(ChronoUnit.MILLIS).equals(instant(actual.textValue()))
          || (fraction.find() && fraction.group(1).length() > 3)) {
        out.add(at + ": date-time " + expected + " became " + actual);
      }
    } else if (expected.isNumber() && actual.isNumber()) {
      BigDecimal e = expected.decimalValue();
      BigDecimal written = e.scale() > 6 ? e.setScale(6, RoundingMode.DOWN) : e;
      if (written.compareTo(actual.decimalValue()) != 0) {
        out.add(at + ": number " + expected + " became " + actual);
      }
    } else if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode e = expected.get(name);
        JsonNode a = actual.get(name);
        if (e == null || a == null) {
          out.add(at + "." + name + (e == null ? " was added" : " was dropped"));
        } else {
          JsonNode property = s == null ? null : s.path("properties").get(name);
          compare(property, root, e, a, at + "." + name, out);
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(at + ": " + expected.size() + " elements became " + actual.size());
        return;
      }
      JsonNode items = s == null ? null : s.get("items");
      for (int i = 0; i < expected.size(); i++) {
        compare(items, root, expected.get(i), actual.get(i), at + "[" + i + "]", out);
      }
    } else if (!expected.equals(actual)) {
      out.add(at + ": " + expected + " became " + actual);
    }
  }

  private static @Nullable Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text, RFC3339).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
