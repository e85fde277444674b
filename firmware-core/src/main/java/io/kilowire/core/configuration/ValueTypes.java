package io.kilowire.core.configuration;

import io.kilowire.core.ocpp.model.Primitives;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The implementations behind {@link ValueType}'s factories. */
final class ValueTypes {
  private ValueTypes() {}

  static final class IntegerType implements ValueType<Integer> {
    private final int min;
    private final int max;

    IntegerType(int min, int max) {
      if (min > max) {
        throw new IllegalArgumentException("min " + min + " > max " + max);
      }
      this.min = min;
      this.max = max;
    }

    @Override
    public DataType dataType() {
      return DataType.INTEGER;
    }

    @Override
    public Integer parse(String text) {
      long value;
      try {
        value = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new InvalidValueException("not an integer: '" + shorten(text) + "'");
      }
      if (value < min || value > max) {
        throw new InvalidValueException(value + " is outside [" + min + ", " + max + "]");
      }
      return (int) value;
    }

    @Override
    public String format(Integer value) {
      return value.toString();
    }

    @Override
    public @Nullable BigDecimal minLimit() {
      return min == Integer.MIN_VALUE ? null : BigDecimal.valueOf(min);
    }

    @Override
    public @Nullable BigDecimal maxLimit() {
      return max == Integer.MAX_VALUE ? null : BigDecimal.valueOf(max);
    }
  }

  static final class DecimalType implements ValueType<BigDecimal> {
    private final @Nullable BigDecimal min;
    private final @Nullable BigDecimal max;

    DecimalType(@Nullable BigDecimal min, @Nullable BigDecimal max) {
      if (min != null && max != null && min.compareTo(max) > 0) {
        throw new IllegalArgumentException("min " + min + " > max " + max);
      }
      this.min = min;
      this.max = max;
    }

    @Override
    public DataType dataType() {
      return DataType.DECIMAL;
    }

    @Override
    public BigDecimal parse(String text) {
      BigDecimal value;
      try {
        value = new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        throw new InvalidValueException("not a decimal: '" + shorten(text) + "'");
      }
      if ((min != null && value.compareTo(min) < 0) || (max != null && value.compareTo(max) > 0)) {
        throw new InvalidValueException(
            value.toPlainString() + " is outside [" + bound(min) + ", " + bound(max) + "]");
      }
      return value;
    }

    @Override
    public String format(BigDecimal value) {
      return Primitives.decimal(value).toPlainString();
    }

    @Override
    public @Nullable BigDecimal minLimit() {
      return min;
    }

    @Override
    public @Nullable BigDecimal maxLimit() {
      return max;
    }

    private static String bound(@Nullable BigDecimal b) {
      return b == null ? "-" : b.toPlainString();
    }
  }

  enum BooleanType implements ValueType<Boolean> {
    INSTANCE;

    @Override
    public DataType dataType() {
      return DataType.BOOLEAN;
    }

    @Override
    public Boolean parse(String text) {
      // Many CSMSs send "True"/"FALSE"; accepting any case costs nothing and avoids needless
      // rejects.
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true")) {
        return Boolean.TRUE;
      }
      if (t.equals("false")) {
        return Boolean.FALSE;
      }
      throw new InvalidValueException("not a boolean: '" + shorten(text) + "'");
    }

    @Override
    public String format(Boolean value) {
      return value.toString();
    }
  }

  static final class StringType implements ValueType<String> {
    private final int maxLength;

    StringType(int maxLength) {
      this.maxLength = maxLength;
    }

    @Override
    public DataType dataType() {
      return DataType.STRING;
    }

    @Override
    public String parse(String text) {
      checkLength(text, maxLength);
      return text;
    }

    @Override
    public String format(String value) {
      return value;
    }

    @Override
    public BigDecimal maxLimit() {
      return BigDecimal.valueOf(maxLength);
    }
  }

  enum DateTimeType implements ValueType<Instant> {
    INSTANCE;

    @Override
    public DataType dataType() {
      return DataType.DATE_TIME;
    }

    @Override
    public Instant parse(String text) {
      try {
        return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidValueException("not an RFC 3339 date-time: '" + shorten(text) + "'");
      }
    }

    @Override
    public String format(Instant value) {
      return Primitives.dateTime(value);
    }
  }

  static final class OptionListType implements ValueType<String> {
    private final List<String> options;

    OptionListType(List<String> options) {
      if (options.isEmpty()) {
        throw new IllegalArgumentException("an option list needs options");
      }
      this.options = List.copyOf(options);
    }

    @Override
    public DataType dataType() {
      return DataType.OPTION_LIST;
    }

    @Override
    public String parse(String text) {
      String t = text.trim();
      if (!options.contains(t)) {
        throw new InvalidValueException("'" + shorten(text) + "' is not one of " + options);
      }
      return t;
    }

    @Override
    public String format(String value) {
      return value;
    }

    @Override
    public List<String> allowedValues() {
      return options;
    }
  }

  /** Member and sequence lists; the empty text is the empty list. */
  static final class ListType implements ValueType<List<String>> {
    private final DataType dataType;
    private final List<String> members;
    private final @Nullable Pattern memberPattern;
    private final String memberDescription;
    private final int maxLength;
    private final List<String> known;
    private final String refusal;

    ListType(
        DataType dataType,
        List<String> members,
        @Nullable Pattern memberPattern,
        String memberDescription,
        int maxLength) {
      this(dataType, members, memberPattern, memberDescription, maxLength, List.of(), "");
    }

    /** With {@code known} members refused as {@code 'member' + refusal}. */
    ListType(
        DataType dataType,
        List<String> members,
        @Nullable Pattern memberPattern,
        String memberDescription,
        int maxLength,
        List<String> known,
        String refusal) {
      if (members.isEmpty() == (memberPattern == null)) {
        throw new IllegalArgumentException("give either the members or a member pattern");
      }
      this.dataType = dataType;
      this.members = List.copyOf(members);
      this.memberPattern = memberPattern;
      this.memberDescription = memberDescription;
      this.maxLength = maxLength;
      this.known = List.copyOf(known);
      this.refusal = refusal;
    }

    @Override
    public DataType dataType() {
      return dataType;
    }

    @Override
    public List<String> parse(String text) {
      checkLength(text, maxLength);
      if (text.isBlank()) {
        return List.of();
      }
      List<String> result = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String raw : text.split(",", -1)) {
        String member = raw.trim();
        if (member.isEmpty()) {
          throw new InvalidValueException("empty member in '" + shorten(text) + "'");
        }
        if (memberPattern == null && !members.contains(member) && known.contains(member)) {
          throw new InvalidValueException("'" + member + "'" + refusal);
        }
        if (memberPattern != null
            ? !memberPattern.matcher(member).matches()
            : !members.contains(member)) {
          throw new InvalidValueException(
              "'"
                  + shorten(member)
                  + "' is not "
                  + (memberPattern != null ? memberDescription : "one of " + members));
        }
        if (!seen.add(member)) {
          throw new InvalidValueException("'" + shorten(member) + "' occurs twice");
        }
        result.add(member);
      }
      return List.copyOf(result);
    }

    @Override
    public String format(List<String> value) {
      return String.join(",", value);
    }

    @Override
    public BigDecimal maxLimit() {
      return BigDecimal.valueOf(maxLength);
    }

    @Override
    public List<String> allowedValues() {
      return members;
    }
  }

  static void checkLength(String text, int maxLength) {
    if (text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength) {
      throw new InvalidValueException("longer than " + maxLength + " characters");
    }
  }

  /** Echoing a 1000-character value into a reason would only bloat logs and StatusInfo. */
  static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
