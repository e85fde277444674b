package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypeTest {

  @Nested
  class Integers {
    private final ValueType<Integer> type = ValueType.integer(0, 100);

    @Test
    void parsesValuesWithinTheBoundsAndToleratesSurroundingSpace() {
      assertThat(type.parse("0")).isZero();
      assertThat(type.parse(" 100 ")).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "99999999999", "5.0", "abc", ""})
    void rejectsValuesOutsideTheBoundsOrNotIntegers(String text) {
      assertThatThrownBy(() -> type.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void reportsItsBoundsAsLimitsExceptTheIntRangeEnds() {
      assertThat(type.minLimit()).isEqualByComparingTo("0");
      assertThat(type.maxLimit()).isEqualByComparingTo("100");
      assertThat(ValueType.nonNegativeInteger().maxLimit()).isNull();
      assertThat(type.dataType()).isEqualTo(DataType.INTEGER);
    }
  }

  @Nested
  class Decimals {
    private final ValueType<BigDecimal> type =
        ValueType.decimal(BigDecimal.ZERO, new BigDecimal("22000"));

    @Test
    void keepsTheWrittenDigits() {
      assertThat(type.parse("11000.5")).isEqualTo(new BigDecimal("11000.5"));
      assertThat(type.format(new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void writesAtMostSixDecimalPlacesCutTowardZero() {
      // OCPP 2.0.1 Part 2: a decimal has at most 6 decimal places; a limit must never rise.
      assertThat(type.format(new BigDecimal("16.66666666667"))).isEqualTo("16.666666");
      assertThat(type.format(new BigDecimal("120.90000000000001"))).isEqualTo("120.9");
      assertThat(type.format(new BigDecimal("0.123456"))).isEqualTo("0.123456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.1", "22000.01", "NaN", "1,5"})
    void rejectsValuesOutsideTheBoundsOrNotNumbers(String text) {
      assertThatThrownBy(() -> type.parse(text)).isInstanceOf(InvalidValueException.class);
    }
  }

  @Nested
  class Booleans {
    @Test
    void readsTrueAndFalseInAnyCaseAndWritesLowerCase() {
      assertThat(ValueType.bool().parse("True")).isTrue();
      assertThat(ValueType.bool().parse("FALSE")).isFalse();
      assertThat(ValueType.bool().format(true)).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "", "truee"})
    void rejectsAnythingElse(String text) {
      assertThatThrownBy(() -> ValueType.bool().parse(text))
          .isInstanceOf(InvalidValueException.class);
    }
  }

  @Nested
  class Strings {
    @Test
    void countsCharactersNotUtf16Units() {
      ValueType<String> type = ValueType.string(2);
      assertThat(type.parse("\uD83D\uDE00\uD83D\uDE00")).hasSize(4);
      assertThatThrownBy(() -> type.parse("abc")).isInstanceOf(InvalidValueException.class);
      assertThat(type.maxLimit()).isEqualByComparingTo("2");
    }
  }

  @Nested
  class DateTimes {
    @Test
    void readsRfc3339WithOffsetAsAnInstant() {
      assertThat(ValueType.dateTime().parse("2024-05-01T12:00:00+02:00"))
          .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
      assertThat(ValueType.dateTime().format(Instant.parse("2024-05-01T10:00:00Z")))
          .isEqualTo("2024-05-01T10:00:00Z");
    }

    @Test
    void writesAtMostMillisecondsInUtc() {
      // OCPP 2.0.1 Part 2: at most 3 fractional-second digits; the rest is cut, never rounded up.
      assertThat(ValueType.dateTime().format(Instant.parse("2024-05-01T10:00:00.362999999Z")))
          .isEqualTo("2024-05-01T10:00:00.362Z");
      assertThat(ValueType.dateTime().parse("2024-05-01T12:00:00.123456+02:00"))
          .isEqualTo(Instant.parse("2024-05-01T10:00:00.123456Z"));
    }

    @Test
    void rejectsATimeWithoutOffset() {
      assertThatThrownBy(() -> ValueType.dateTime().parse("2024-05-01T10:00:00"))
          .isInstanceOf(InvalidValueException.class);
    }
  }

  @Nested
  class OptionLists {
    private final ValueType<String> type = ValueType.optionList(List.of("LRU", "FIFO"));

    @Test
    void acceptsOneOfTheOptionsCaseSensitively() {
      assertThat(type.parse("FIFO")).isEqualTo("FIFO");
      assertThatThrownBy(() -> type.parse("fifo")).isInstanceOf(InvalidValueException.class);
      assertThat(type.allowedValues()).containsExactly("LRU", "FIFO");
    }
  }

  @Nested
  class MemberLists {
    private final ValueType<List<String>> type = ValueType.memberList(List.of("A", "W"), 10);

    @Test
    void readsMembersWithSpacesAroundCommasAndWritesThemCompact() {
      assertThat(type.parse("W , A")).containsExactly("W", "A");
      assertThat(type.format(List.of("A", "W"))).isEqualTo("A,W");
    }

    @Test
    void readsTheEmptyTextAsTheEmptyList() {
      assertThat(type.parse("")).isEmpty();
      assertThat(type.format(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A,V", "A,A", "A,,W", "A,", "A,W,A,W,A,W"})
    void rejectsUnknownDuplicateOrEmptyMembersAndOverlongText(String text) {
      assertThatThrownBy(() -> type.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void validatesMembersAgainstAPatternWhenNoFixedMembersExist() {
      ValueType<List<String>> slots =
          ValueType.sequenceList(Pattern.compile("\\d+"), "a slot number", 100);
      assertThat(slots.parse("2,0,1")).containsExactly("2", "0", "1");
      assertThat(slots.dataType()).isEqualTo(DataType.SEQUENCE_LIST);
      assertThatThrownBy(() -> slots.parse("1,x"))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("a slot number");
    }
  }

  @Test
  void validatingABuiltValueAppliesTheSameBoundsAsParsing() {
    assertThatThrownBy(() -> ValueType.integer(1, 3).validate(4))
        .isInstanceOf(InvalidValueException.class);
    assertThat(ValueType.memberList(List.of("A")).validate(List.of("A"))).containsExactly("A");
  }
}
