package io.kilowire.conformance.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The expectations a field check can hold. */
public final class Expect {
  private Expect() {}

  /** The value as a report shows it: {@code absent}, or its JSON. */
  public static String shown(JsonNode value) {
    return value.isMissingNode() ? "absent" : Json.text(value);
  }

  /** Equal to {@code expected} (a string, number or boolean); numbers compare by value. */
  public static Expectation is(Object expected) {
    JsonNode want = Json.node(expected);
    return simple(shownPlain(want), v -> sameValue(v, want));
  }

  /** Equal to the value computed from the case (e.g. a configured token). */
  public static Expectation is(String description, Function<CaseContext, Object> expected) {
    return new Expectation() {
      @Override
      public @Nullable String mismatch(JsonNode value, CaseContext ctx) {
        return sameValue(value, Json.node(expected.apply(ctx))) ? null : shown(value);
      }

      @Override
      public String describe(CaseContext ctx) {
        return description + " (" + shownPlain(Json.node(expected.apply(ctx))) + ")";
      }
    };
  }

  /** Equal to the case variable {@code variable} (captured or generated earlier). */
  public static Expectation isVar(String variable) {
    return new Expectation() {
      @Override
      public @Nullable String mismatch(JsonNode value, CaseContext ctx) {
        JsonNode want = ctx.var(variable);
        return !want.isMissingNode() && sameValue(value, want) ? null : shown(value);
      }

      @Override
      public String describe(CaseContext ctx) {
        return "the " + variable + " " + shownPlain(ctx.var(variable));
      }
    };
  }

  /** Different from the case variable {@code variable}. */
  public static Expectation differsFromVar(String variable) {
    return new Expectation() {
      @Override
      public @Nullable String mismatch(JsonNode value, CaseContext ctx) {
        return value.isMissingNode() || sameValue(value, ctx.var(variable)) ? shown(value) : null;
      }

      @Override
      public String describe(CaseContext ctx) {
        return "present and different from the " + variable + " " + shownPlain(ctx.var(variable));
      }
    };
  }

  /** One of these strings. */
  public static Expectation oneOf(String... values) {
    List<String> allowed = Arrays.asList(values);
    return simple(
        "one of " + String.join(", ", allowed),
        v -> v.isTextual() && allowed.contains(v.textValue()));
  }

  /** A number equal to one of these (e.g. a limit of 6.0 A or 6000.0 W). */
  public static Expectation numberOneOf(String... values) {
    List<BigDecimal> allowed = Arrays.stream(values).map(BigDecimal::new).toList();
    return simple(
        "one of " + String.join(", ", values),
        v -> v.isNumber() && allowed.stream().anyMatch(a -> a.compareTo(v.decimalValue()) == 0));
  }

  public static Expectation absent() {
    return simple("absent", JsonNode::isMissingNode);
  }

  public static Expectation present() {
    return simple("present", v -> !v.isMissingNode() && !v.isNull());
  }

  /** A non-empty array or string. */
  public static Expectation notEmpty() {
    return simple(
        "present and not empty",
        v -> (v.isArray() && !v.isEmpty()) || (v.isTextual() && !v.textValue().isEmpty()));
  }

  /** Absent, or an empty array. */
  public static Expectation emptyOrAbsent() {
    return simple("absent or empty", v -> v.isMissingNode() || (v.isArray() && v.isEmpty()));
  }

  /** Absent or equal to {@code value} (e.g. attributeType absent or Actual). */
  public static Expectation absentOr(String... values) {
    List<String> allowed = Arrays.asList(values);
    return simple(
        "absent or one of " + String.join(", ", allowed),
        v -> v.isMissingNode() || (v.isTextual() && allowed.contains(v.textValue())));
  }

  /** An integer greater than {@code bound}. */
  public static Expectation greaterThan(long bound) {
    return simple(
        "an integer greater than " + bound, v -> v.isIntegralNumber() && v.asLong() > bound);
  }

  /** An integer of at least {@code bound}. */
  public static Expectation atLeast(long bound) {
    return simple(
        "an integer of at least " + bound, v -> v.isIntegralNumber() && v.asLong() >= bound);
  }

  /** An array of at most {@code size} elements. */
  public static Expectation sizeAtMost(int size) {
    return simple("an array of at most " + size, v -> v.isArray() && v.size() <= size);
  }

  /** An array of exactly {@code size} elements. */
  public static Expectation sizeIs(int size) {
    return simple("an array of " + size, v -> v.isArray() && v.size() == size);
  }

  /**
   * An array holding an element whose fields (paths relative to the element) have these values;
   * e.g. {@code containsElement("component.name", "OCPPCommCtrlr", "variable.name", "...")}.
   */
  public static Expectation containsElement(Object... pathsAndValues) {
    Map<String, JsonNode> wanted = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndValues.length; i += 2) {
      wanted.put((String) pathsAndValues[i], Json.node(pathsAndValues[i + 1]));
    }
    String words =
        "an element with "
            + wanted.entrySet().stream()
                .map(e -> e.getKey() + " " + shownPlain(e.getValue()))
                .collect(Collectors.joining(", "));
    return simple(
        words,
        v -> {
          if (!v.isArray()) {
            return false;
          }
          for (JsonNode element : v) {
            boolean all =
                wanted.entrySet().stream()
                    .allMatch(e -> sameValue(Json.at(element, e.getKey()), e.getValue()));
            if (all) {
              return true;
            }
          }
          return false;
        });
  }

  /** Anything the predicate accepts, described in words. */
  public static Expectation that(String description, Predicate<JsonNode> test) {
    return simple(description, test);
  }

  /** Anything the predicate accepts given the case, described in words. */
  public static Expectation that(
      String description, java.util.function.BiPredicate<JsonNode, CaseContext> test) {
    return new Expectation() {
      @Override
      public @Nullable String mismatch(JsonNode value, CaseContext ctx) {
        return test.test(value, ctx) ? null : shown(value);
      }

      @Override
      public String describe(CaseContext ctx) {
        return description;
      }
    };
  }

  private static Expectation simple(String description, Predicate<JsonNode> test) {
    return new Expectation() {
      @Override
      public @Nullable String mismatch(JsonNode value, CaseContext ctx) {
        return test.test(value) ? null : shown(value);
      }

      @Override
      public String describe(CaseContext ctx) {
        return description;
      }
    };
  }

  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String shownPlain(JsonNode value) {
    return value.isTextual() ? value.textValue() : shown(value);
  }
}
