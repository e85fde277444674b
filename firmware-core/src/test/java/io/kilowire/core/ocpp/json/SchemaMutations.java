package io.kilowire.core.ocpp.json;

import static io.kilowire.core.ocpp.json.SchemaNodes.append;
import static io.kilowire.core.ocpp.json.SchemaNodes.decimalKeyword;
import static io.kilowire.core.ocpp.json.SchemaNodes.intKeyword;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.json.SchemaInstanceGenerator.Profile;
import io.kilowire.core.ocpp.model.ViolationKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Every single-fault variant of a valid instance that its schema allows: each mutation breaks
 * exactly one rule at one place, at the top level or inside nested objects and array elements, and
 * knows the violation the codec must report for it.
 */
final class SchemaMutations {
  /** A property name no OCPP schema defines. */
  static final String UNDEFINED_NAME = "kilowireUndefined";

  /** What a mutation breaks, and the violation that reports it. */
  enum Kind {
    MISSING_REQUIRED(ViolationKind.OCCURRENCE),
    TOO_FEW_ITEMS(ViolationKind.OCCURRENCE),
    TOO_MANY_ITEMS(ViolationKind.OCCURRENCE),
    WRONG_TYPE(ViolationKind.TYPE),
    NULL_VALUE(ViolationKind.TYPE),
    FRACTION_FOR_INTEGER(ViolationKind.TYPE),
    MALFORMED_DATE_TIME(ViolationKind.TYPE),
    TOO_LONG(ViolationKind.VALUE),
    NOT_IN_ENUM(ViolationKind.VALUE),
    BELOW_MINIMUM(ViolationKind.VALUE),
    ABOVE_MAXIMUM(ViolationKind.VALUE),
    NOT_MULTIPLE_OF(ViolationKind.VALUE),
    NOT_A_URI(ViolationKind.VALUE),
    UNKNOWN_PROPERTY(ViolationKind.STRUCTURE);

    final ViolationKind violation;

    Kind(ViolationKind violation) {
      this.violation = violation;
    }
  }

  /**
   * One broken payload, made on demand from the shared valid base.
   *
   * @param path where the fault is, as the codec must name it
   * @param detail what was done, for failure messages
   * @param change the new value from the old one, or null to remove the property
   */
  record Mutation(
      Kind kind,
      List<Object> path,
      String detail,
      JsonNode base,
      @Nullable UnaryOperator<JsonNode> change) {

    /** A copy of the base with this one fault in it. */
    JsonNode payload() {
      JsonNode copy = base.deepCopy();
      JsonNode parent = copy;
      for (Object segment : path.subList(0, path.size() - 1)) {
        parent = segment instanceof Integer i ? parent.get(i) : parent.get((String) segment);
      }
      Object last = path.get(path.size() - 1);
      if (parent instanceof ObjectNode o) {
        String name = (String) last;
        if (change == null) {
          o.remove(name);
        } else {
          o.set(name, change.apply(o.path(name)));
        }
      } else {
        ArrayNode a = (ArrayNode) parent;
        int index = (Integer) last;
        a.set(index, change == null ? NODES.nullNode() : change.apply(a.get(index)));
      }
      return copy;
    }

    String codecPath() {
      return SchemaNodes.render(path);
    }

    boolean nested() {
      return path.size() > 1;
    }

    @Override
    public String toString() {
      return kind + " at " + codecPath() + " (" + detail + ")";
    }
  }

  /** Date-times that RFC 3339 rejects: no such day, no seconds, no offset, not a date. */
  private static final List<String> MALFORMED_DATE_TIMES =
      List.of("2024-02-30T10:00:00Z", "2024-05-17T10:00Z", "2024-05-17T10:00:00", "yesterday");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final JsonNode base;
  private final SchemaInstanceGenerator filler;
  private final List<Mutation> out = new ArrayList<>();

  private SchemaMutations(JsonNode root, JsonNode base, SchemaInstanceGenerator filler) {
    this.root = root;
    this.base = base;
    this.filler = filler;
  }

  /**
   * All mutations of {@code base}, a valid instance of {@code root} with every property set; the
   * {@code filler} makes the minimal element that pads an overfilled array.
   */
  static List<Mutation> of(JsonNode root, JsonNode base, SchemaInstanceGenerator filler) {
    SchemaMutations m = new SchemaMutations(root, base, filler);
    m.walk(root, base, List.of());
    return List.copyOf(m.out);
  }

  private void walk(JsonNode schema, JsonNode value, List<Object> path) {
    JsonNode s = SchemaNodes.resolve(schema, root);
    String type = SchemaNodes.type(s);
    if (type == null) {
      return; // any JSON value is valid here
    }
    if (!path.isEmpty()) {
      add(Kind.NULL_VALUE, path, "null", v -> NODES.nullNode());
      add(Kind.WRONG_TYPE, path, "a value of another JSON type", v -> wrongType(type));
    }
    if (SchemaNodes.isEnum(s)) {
      add(Kind.NOT_IN_ENUM, path, "'NotAnOcppValue'", v -> NODES.textNode("NotAnOcppValue"));
      return;
    }
    switch (type) {
      case "object" -> object(s, value, path);
      case "array" -> array(s, value, path);
      case "string" -> string(s, path);
      case "integer" -> {
        add(
            Kind.FRACTION_FOR_INTEGER,
            path,
            "1.5",
            v -> DecimalNode.valueOf(new BigDecimal("1.5")));
        bounds(s, path, BigDecimal.ONE);
      }
      case "number" -> {
        BigDecimal step = decimalKeyword(s, "multipleOf");
        if (step != null) {
          // With 0.1 this is the classic 1.05: one digit too many for a 1.6 limit.
          BigDecimal broken = step.multiply(BigDecimal.TEN).add(step.divide(BigDecimal.valueOf(2)));
          add(Kind.NOT_MULTIPLE_OF, path, broken.toPlainString(), v -> DecimalNode.valueOf(broken));
        }
        bounds(s, path, step == null ? BigDecimal.ONE : step);
      }
      default -> {
        // booleans break only by type or null
      }
    }
  }

  private void object(JsonNode s, JsonNode value, List<Object> path) {
    for (String name : SchemaNodes.required(s)) {
      if (value.has(name)) {
        add(Kind.MISSING_REQUIRED, append(path, name), "removed", null);
      }
    }
    if (SchemaNodes.closed(s)) {
      add(
          Kind.UNKNOWN_PROPERTY,
          append(path, UNDEFINED_NAME),
          "added",
          v -> NODES.textNode("surprise"));
    }
    for (Map.Entry<String, JsonNode> p : value.properties()) {
      JsonNode property = s.path("properties").get(p.getKey());
      if (property != null) {
        walk(property, p.getValue(), append(path, p.getKey()));
      }
    }
  }

  private void array(JsonNode s, JsonNode value, List<Object> path) {
    Integer minItems = intKeyword(s, "minItems");
    Integer maxItems = intKeyword(s, "maxItems");
    if (value.isEmpty()) {
      return;
    }
    // Padding is one minimal element, made now so that every payload() is the same.
    JsonNode padding = filler.generate(s.get("items"), Profile.MINIMAL);
    if (minItems != null && minItems > 0) {
      add(
          Kind.TOO_FEW_ITEMS,
          path,
          (minItems - 1) + " items",
          v -> resize(v, minItems - 1, padding));
    }
    if (maxItems != null) {
      add(
          Kind.TOO_MANY_ITEMS,
          path,
          (maxItems + 1) + " items",
          v -> resize(v, maxItems + 1, padding));
    }
    // One element is enough: the last, so that indexes past 0 are reported too.
    int last = value.size() - 1;
    walk(s.get("items"), value.get(last), append(path, last));
  }

  private void string(JsonNode s, List<Object> path) {
    Integer maxLength = intKeyword(s, "maxLength");
    if (maxLength != null) {
      String tooLong = "x".repeat(maxLength) + "\uD83D\uDD0C"; // one character over, astral
      add(Kind.TOO_LONG, path, (maxLength + 1) + " characters", v -> NODES.textNode(tooLong));
    }
    if (SchemaNodes.isDateTime(s)) {
      for (String bad : MALFORMED_DATE_TIMES) {
        add(Kind.MALFORMED_DATE_TIME, path, "'" + bad + "'", v -> NODES.textNode(bad));
      }
    }
    if (SchemaNodes.isUri(s)) {
      add(Kind.NOT_A_URI, path, "'not a uri'", v -> NODES.textNode("not a uri"));
    }
  }

  private void bounds(JsonNode s, List<Object> path, BigDecimal step) {
    BigDecimal minimum = decimalKeyword(s, "minimum");
    BigDecimal maximum = decimalKeyword(s, "maximum");
    if (minimum != null) {
      BigDecimal below = minimum.subtract(step);
      add(Kind.BELOW_MINIMUM, path, below.toPlainString(), v -> number(below));
    }
    if (maximum != null) {
      BigDecimal above = maximum.add(step);
      add(Kind.ABOVE_MAXIMUM, path, above.toPlainString(), v -> number(above));
    }
  }

  private static JsonNode number(BigDecimal value) {
    BigDecimal plain = value.stripTrailingZeros();
    return plain.scale() <= 0
        ? NODES.numberNode(plain.toBigIntegerExact())
        : DecimalNode.valueOf(plain);
  }

  /** A value of the wrong JSON type: a number for a string, a string for a number, and so on. */
  private static JsonNode wrongType(String type) {
    return switch (type) {
      case "string" -> NODES.numberNode(42);
      case "integer" -> NODES.textNode("42");
      case "number" -> NODES.textNode("4.2");
      case "boolean" -> NODES.textNode("true");
      case "object" -> NODES.arrayNode();
      case "array" -> NODES.objectNode();
      default -> throw new IllegalStateException("unsupported type " + type);
    };
  }

  /**
   * The first {@code n} elements of {@code items}, padded with copies of a minimal element: 1,025
   * full charging periods would exceed the frame size limit before any schema rule is checked.
   */
  private static ArrayNode resize(JsonNode items, int n, JsonNode padding) {
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < n; i++) {
      out.add((i < items.size() ? items.get(i) : padding).deepCopy());
    }
    return out;
  }

  /** Records a fault at {@code path}: {@code change} replaces the value, null removes it. */
  private void add(
      Kind kind, List<Object> path, String detail, @Nullable UnaryOperator<JsonNode> change) {
    out.add(new Mutation(kind, path, detail, base, change));
  }
}
