package io.kilowire.core.ocpp.json;

import static io.kilowire.core.ocpp.json.SchemaNodes.decimalKeyword;
import static io.kilowire.core.ocpp.json.SchemaNodes.intKeyword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.ocpp.json.SchemaInstanceGenerator.Instance;
import io.kilowire.core.ocpp.json.SchemaInstanceGenerator.Profile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle proves that generated instances are valid; these tests prove that they are also
 * interesting: limits reached, enum values all used, date-times in the forms RFC 3339 allows.
 */
@DisplayName("The schema instance generator")
class SchemaInstanceGeneratorTest {
  /** RFC 3339 in UTC, as the generator is meant to write it. */
  private static final Pattern UTC_DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|\\+00:00)");

  static Stream<SchemaFile> schemas() {
    return OcppSchemas.all().stream();
  }

  private static SchemaInstanceGenerator generator(SchemaFile schema, long seed) {
    return new SchemaInstanceGenerator(schema.root(), schema.draft04(), new Random(seed));
  }

  /** Calls {@code check} on every value of {@code instance} with its resolved schema. */
  private static void walk(SchemaFile schema, JsonNode instance, SchemaNodes.Visitor check) {
    SchemaNodes.walk(schema.root(), schema.root(), instance, List.of(), check);
  }

  @Test
  @DisplayName("repeats its instances for the same seed and varies them for another")
  void isDeterministicPerSeed() {
    List<JsonNode> first = new ArrayList<>();
    List<JsonNode> again = new ArrayList<>();
    List<JsonNode> other = new ArrayList<>();
    for (SchemaFile f : OcppSchemas.all()) {
      generator(f, 42).instances(1).forEach(i -> first.add(i.json()));
      generator(f, 42).instances(1).forEach(i -> again.add(i.json()));
      generator(f, 43).instances(1).forEach(i -> other.add(i.json()));
    }
    assertEquals(first, again);
    assertNotEquals(first, other);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  @DisplayName("uses every value of every enum across a schema's instances")
  void usesEveryEnumValue(SchemaFile schema) {
    Map<JsonNode, Set<String>> used = new IdentityHashMap<>();
    for (Instance i : SchemaInstanceGenerator.seeded(schema).instances(0)) {
      walk(
          schema,
          i.json(),
          (s, value, path) -> {
            if (SchemaNodes.isEnum(s)) {
              used.computeIfAbsent(s, k -> new TreeSet<>()).add(value.textValue());
            }
          });
    }
    for (JsonNode e : SchemaNodes.reachableEnums(schema.root())) {
      assertEquals(
          new TreeSet<>(SchemaNodes.enumValues(e)),
          used.getOrDefault(e, Set.of()),
          SchemaSeeds.replay(schema.toString()) + "enum " + e.get("enum"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  @DisplayName("sets only the required properties in a minimal instance")
  void minimalHasRequiredPropertiesOnly(SchemaFile schema) {
    List<String> wrong = new ArrayList<>();
    walk(
        schema,
        SchemaInstanceGenerator.seeded(schema).generate(Profile.MINIMAL),
        (s, value, path) -> {
          if ("object".equals(SchemaNodes.type(s))) {
            Set<String> names = new TreeSet<>();
            value.fieldNames().forEachRemaining(names::add);
            if (!names.equals(new TreeSet<>(SchemaNodes.required(s)))) {
              wrong.add(SchemaNodes.render(path) + " has " + names);
            }
          }
        });
    assertEquals(List.of(), wrong, SchemaSeeds.replay(schema.toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  @DisplayName("puts every bounded value on its upper limit in the boundary-max instance")
  void boundaryMaxReachesUpperLimits(SchemaFile schema) {
    List<String> wrong = new ArrayList<>();
    walk(
        schema,
        SchemaInstanceGenerator.seeded(schema).generate(Profile.BOUNDARY_MAX),
        (s, value, path) -> {
          String at = SchemaNodes.render(path);
          Integer maxLength = intKeyword(s, "maxLength");
          if (maxLength != null && !SchemaNodes.isEnum(s)) {
            int length = value.textValue().codePointCount(0, value.textValue().length());
            expect(length == maxLength, at + ": " + length + " chars of " + maxLength, wrong);
          }
          if ("array".equals(SchemaNodes.type(s))) {
            Integer min = intKeyword(s, "minItems");
            Integer max = intKeyword(s, "maxItems");
            int cap = max == null ? SchemaInstanceGenerator.ARRAY_CAP : max;
            int size =
                Math.max(min == null ? 0 : min, Math.min(cap, SchemaInstanceGenerator.ARRAY_CAP));
            expect(value.size() == size, at + ": " + value.size() + " items", wrong);
          }
          BigDecimal maximum = decimalKeyword(s, "maximum");
          if (maximum != null) {
            expect(value.decimalValue().compareTo(maximum) == 0, at + " = " + value, wrong);
          }
          everyPropertySet(s, value, at, wrong);
        });
    assertEquals(List.of(), wrong, SchemaSeeds.replay(schema.toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  @DisplayName("puts every bounded value on its lower limit in the boundary-min instance")
  void boundaryMinReachesLowerLimits(SchemaFile schema) {
    List<String> wrong = new ArrayList<>();
    walk(
        schema,
        SchemaInstanceGenerator.seeded(schema).generate(Profile.BOUNDARY_MIN),
        (s, value, path) -> {
          String at = SchemaNodes.render(path);
          boolean plainString =
              "string".equals(SchemaNodes.type(s)) && !SchemaNodes.isEnum(s) && !s.has("format");
          if (plainString) {
            expect(value.textValue().isEmpty(), at + ": '" + value.textValue() + "'", wrong);
          }
          if ("array".equals(SchemaNodes.type(s))) {
            Integer min = intKeyword(s, "minItems");
            expect(value.size() == (min == null ? 0 : min), at + ": " + value.size(), wrong);
          }
          BigDecimal minimum = decimalKeyword(s, "minimum");
          if (minimum != null) {
            expect(value.decimalValue().compareTo(minimum) == 0, at + " = " + value, wrong);
          }
          everyPropertySet(s, value, at, wrong);
        });
    assertEquals(List.of(), wrong, SchemaSeeds.replay(schema.toString()));
  }

  @Test
  @DisplayName("writes date-times in RFC 3339 UTC, with and without fractional seconds")
  void writesUtcDateTimes() {
    List<String> wrong = new ArrayList<>();
    Set<Boolean> withFraction = new TreeSet<>();
    for (SchemaFile f : OcppSchemas.all()) {
      for (Instance i : SchemaInstanceGenerator.seeded(f).instances(1)) {
        walk(
            f,
            i.json(),
            (s, value, path) -> {
              if (SchemaNodes.isDateTime(s)) {
                String text = value.textValue();
                expect(UTC_DATE_TIME.matcher(text).matches(), f + " " + text, wrong);
                withFraction.add(text.contains("."));
              }
            });
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(Set.of(false, true), withFraction);
  }

  private static void everyPropertySet(JsonNode s, JsonNode value, String at, List<String> wrong) {
    if ("object".equals(SchemaNodes.type(s))) {
      s.path("properties")
          .fieldNames()
          .forEachRemaining(n -> expect(value.has(n), at + " lacks " + n, wrong));
    }
  }

  private static void expect(boolean holds, String problem, List<String> wrong) {
    if (!holds) {
      wrong.add(problem);
    }
  }
}
