package io.kilowire.core.configuration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a key's value is written as text on the wire and which values are allowed. {@link #parse} is
 * the single gate: it rejects malformed text and values outside the type's bounds.
 */
public interface ValueType<T> {
  /** OCPP's text representation of values, for lists the longest comma-separated text. */
  int DEFAULT_MAX_LIST_LENGTH = 1000;

  DataType dataType();

  /**
   * The value {@code text} denotes.
   *
   * @throws InvalidValueException when the text is malformed or the value out of bounds
   */
  T parse(String text);

  String format(T value);

  /** Checks a value built in code against the same bounds as text from the wire. */
  default T validate(T value) {
    return parse(format(value));
  }

  /** Smallest allowed number, if bounded (reported as the minLimit characteristic). */
  default @Nullable BigDecimal minLimit() {
    return null;
  }

  /** Largest number, or longest text for strings and lists (the maxLimit characteristic). */
  default @Nullable BigDecimal maxLimit() {
    return null;
  }

  /** The allowed options or members of list types (the valuesList characteristic). */
  default List<String> allowedValues() {
    return List.of();
  }

  /** A 32-bit integer within [min, max]. */
  static ValueType<Integer> integer(int min, int max) {
    return new ValueTypes.IntegerType(min, max);
  }

  /** An integer from zero up, the common case for intervals and counts. */
  static ValueType<Integer> nonNegativeInteger() {
    return integer(0, Integer.MAX_VALUE);
  }

  /** A decimal within optional bounds. */
  static ValueType<BigDecimal> decimal(@Nullable BigDecimal min, @Nullable BigDecimal max) {
    return new ValueTypes.DecimalType(min, max);
  }

  /** {@code true} or {@code false}, read case-insensitively. */
  static ValueType<Boolean> bool() {
    return ValueTypes.BooleanType.INSTANCE;
  }

  /** Any text up to {@code maxLength} characters. */
  static ValueType<String> string(int maxLength) {
    return new ValueTypes.StringType(maxLength);
  }

  /** An RFC 3339 date-time with offset, kept as an instant. */
  static ValueType<Instant> dateTime() {
    return ValueTypes.DateTimeType.INSTANCE;
  }

  /** One of {@code options}, case-sensitive. */
  static ValueType<String> optionList(List<String> options) {
    return new ValueTypes.OptionListType(options);
  }

  /** A set of members, each one of {@code members}, at most {@code maxLength} characters long. */
  static ValueType<List<String>> memberList(List<String> members, int maxLength) {
    return new ValueTypes.ListType(DataType.MEMBER_LIST, members, null, "", maxLength);
  }

  /**
   * A set of members, each one of {@code members}. A member the protocol knows ({@code known}) but
   * the station does not take is refused as {@code 'member' + refusal}, so the reason says why.
   */
  static ValueType<List<String>> memberList(
      List<String> members, List<String> known, String refusal, int maxLength) {
    return new ValueTypes.ListType(
        DataType.MEMBER_LIST, members, null, "", maxLength, known, refusal);
  }

  /** Like {@link #memberList(List, int)} with the default length bound. */
  static ValueType<List<String>> memberList(List<String> members) {
    return memberList(members, DEFAULT_MAX_LIST_LENGTH);
  }

  /** A set of members that each match {@code member} (described for error messages). */
  static ValueType<List<String>> memberList(Pattern member, String description, int maxLength) {
    return new ValueTypes.ListType(DataType.MEMBER_LIST, List.of(), member, description, maxLength);
  }

  /** An ordered list whose members each match {@code member}; duplicates are not allowed. */
  static ValueType<List<String>> sequenceList(Pattern member, String description, int maxLength) {
    return new ValueTypes.ListType(
        DataType.SEQUENCE_LIST, List.of(), member, description, maxLength);
  }
}
