package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppEnum;
import io.kilowire.core.ocpp.model.Primitives;
import io.kilowire.core.ocpp.model.ViolationKind;
import io.kilowire.core.ocpp.v201.CustomData;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Maps JSON trees to the generated message records and back. Decoding reports the first problem as
 * a {@link ConstraintViolation} with the JSON path of the field; the records' own constructors
 * check lengths, ranges, list sizes and required fields.
 */
public final class MessageCodec {
  private static final JsonNodeFactory NODES = BoundedJsonReader.NODES;

  /**
   * RFC 3339 (5.6): a four-digit-year date, 'T', a time with seconds and an optional fraction, and
   * a 'Z' or numeric offset. Resolved strictly, so a date that does not exist (2024-02-30) or 24:00
   * is refused rather than moved to a neighbouring instant.
   */
  private static final DateTimeFormatter RFC3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

  private final Map<Class<?>, RecordShape> shapes = new ConcurrentHashMap<>();
  private final Map<Class<?>, Map<String, Object>> enums = new ConcurrentHashMap<>();

  /** Decodes a JSON object into a record of {@code type}. */
  public <T> T decode(JsonNode node, Class<T> type) {
    return type.cast(decodeRecord(node, type, ""));
  }

  /** Encodes a record as a JSON object, omitting absent optional fields. */
  public ObjectNode encode(Record message) {
    return encodeRecord(message);
  }

  // ---------------------------------------------------------------------------------- decoding

  private Object decodeRecord(JsonNode node, Class<?> type, String path) {
    if (!node.isObject()) {
      throw new ConstraintViolation(
          ViolationKind.TYPE, path, "expected an object, got " + kind(node));
    }
    if (type == CustomData.class) {
      return decodeCustomData(node, path);
    }
    RecordShape shape = shape(type);
    Object[] args = new Object[shape.components.length];
    int seen = 0;
    for (int i = 0; i < shape.components.length; i++) {
      Component c = shape.components[i];
      JsonNode value = node.get(c.name);
      if (value != null) {
        seen++;
        args[i] = decodeValue(value, c.type, join(path, c.name));
      }
    }
    if (seen != node.size()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!shape.byName.containsKey(name)) {
          throw new ConstraintViolation(
              ViolationKind.STRUCTURE, join(path, name), "property not defined by the schema");
        }
      }
    }
    try {
      return shape.constructor.invokeWithArguments(args);
    } catch (ConstraintViolation v) {
      throw path.isEmpty() ? v : v.under(path);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("constructor of " + type.getSimpleName() + " failed", t);
    }
  }

  private Object decodeValue(JsonNode node, Type type, String path) {
    if (node.isNull()) {
      // OCPP-J: an absent optional field is omitted, never sent as null.
      throw new ConstraintViolation(ViolationKind.TYPE, path, "null is not a valid value");
    }
    if (type instanceof ParameterizedType p) {
      if (!node.isArray()) {
        throw new ConstraintViolation(
            ViolationKind.TYPE, path, "expected an array, got " + kind(node));
      }
      Type element = p.getActualTypeArguments()[0];
      List<Object> list = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        list.add(decodeValue(node.get(i), element, path + "[" + i + "]"));
      }
      return list;
    }
    Class<?> cls = (Class<?>) type;
    if (cls == String.class) {
      if (!node.isTextual()) {
        throw typeError(path, "a string", node);
      }
      return node.textValue();
    }
    if (cls == Integer.class) {
      return decodeInteger(node, path);
    }
    if (cls == BigDecimal.class) {
      if (!node.isNumber()) {
        throw typeError(path, "a number", node);
      }
      return node.decimalValue();
    }
    if (cls == Boolean.class) {
      if (!node.isBoolean()) {
        throw typeError(path, "a boolean", node);
      }
      return node.booleanValue();
    }
    if (cls == Instant.class) {
      if (!node.isTextual()) {
        throw typeError(path, "an RFC 3339 date-time string", node);
      }
      try {
        return OffsetDateTime.parse(node.textValue(), RFC3339).toInstant();
      } catch (DateTimeParseException e) {
        throw new ConstraintViolation(
            ViolationKind.TYPE, path, "'" + node.textValue() + "' is not an RFC 3339 date-time");
      }
    }
    if (cls.isEnum() && OcppEnum.class.isAssignableFrom(cls)) {
      if (!node.isTextual()) {
        throw typeError(path, "a string", node);
      }
      Object constant = enumValues(cls).get(node.textValue());
      if (constant == null) {
        throw new ConstraintViolation(
            ViolationKind.VALUE,
            path,
            "'" + node.textValue() + "' is not one of " + enumValues(cls).keySet());
      }
      return constant;
    }
    if (cls == Object.class) {
      return plain(node);
    }
    if (cls.isRecord()) {
      return decodeRecord(node, cls, path);
    }
    throw new IllegalStateException("no JSON mapping for " + cls.getName());
  }

  private static Integer decodeInteger(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw typeError(path, "an integer", node);
    }
    BigInteger value;
    if (node.isIntegralNumber()) {
      value = node.bigIntegerValue();
    } else {
      BigDecimal d = node.decimalValue();
      // JSON Schema counts 2.0 as an integer; 2.5 is not.
      if (d.stripTrailingZeros().scale() > 0) {
        throw new ConstraintViolation(
            ViolationKind.TYPE, path, d.toPlainString() + " is not an integer");
      }
      value = d.toBigIntegerExact();
    }
    if (value.compareTo(INT_MIN) < 0 || value.compareTo(INT_MAX) > 0) {
      throw new ConstraintViolation(
          ViolationKind.VALUE, path, value + " is outside the 32-bit integer range");
    }
    return value.intValue();
  }

  private CustomData decodeCustomData(JsonNode node, String path) {
    JsonNode vendor = node.get("vendorId");
    String vendorId = null;
    if (vendor != null) {
      if (!vendor.isTextual()) {
        throw typeError(join(path, "vendorId"), "a string", vendor);
      }
      vendorId = vendor.textValue();
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("vendorId")) {
                properties.put(e.getKey(), plain(e.getValue()));
              }
            });
    try {
      return new CustomData(vendorId, properties);
    } catch (ConstraintViolation v) {
      throw v.under(path);
    }
  }

  /** Any JSON value as plain Java: String, BigDecimal, Boolean, List, Map or null. */
  static Object plain(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(n -> list.add(plain(n)));
      return java.util.Collections.unmodifiableList(list);
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
      return java.util.Collections.unmodifiableMap(map);
    }
    return null;
  }

  // ---------------------------------------------------------------------------------- encoding

  private ObjectNode encodeRecord(Object record) {
    ObjectNode out = NODES.objectNode();
    if (record instanceof CustomData custom) {
      out.put("vendorId", custom.vendorId());
      custom.properties().forEach((k, v) -> out.set(k, fromPlain(v)));
      return out;
    }
    RecordShape shape = shape(record.getClass());
    for (Component c : shape.components) {
      Object value;
      try {
        value = c.accessor.invoke(record);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
      if (value != null) {
        out.set(c.name, encodeValue(value));
      }
    }
    return out;
  }

  private JsonNode encodeValue(Object value) {
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof BigDecimal d) {
      return DecimalNode.valueOf(Primitives.decimal(d));
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Instant t) {
      return NODES.textNode(Primitives.dateTime(t));
    }
    if (value instanceof OcppEnum e) {
      return NODES.textNode(e.value());
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      for (Object o : list) {
        array.add(encodeValue(o));
      }
      return array;
    }
    if (value instanceof Record r) {
      return encodeRecord(r);
    }
    return fromPlain(value);
  }

  /** The JSON for a plain Java value (see {@link #plain}). */
  static JsonNode fromPlain(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof BigDecimal d) {
      return DecimalNode.valueOf(Primitives.decimal(d));
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Number n) {
      return DecimalNode.valueOf(Primitives.decimal(new BigDecimal(n.toString())));
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      list.forEach(o -> array.add(fromPlain(o)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), fromPlain(v)));
      return object;
    }
    throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
  }

  // ------------------------------------------------------------------------------------ shapes

  private RecordShape shape(Class<?> type) {
    return shapes.computeIfAbsent(type, RecordShape::of);
  }

  private Map<String, Object> enumValues(Class<?> type) {
    return enums.computeIfAbsent(
        type,
        t ->
            Arrays.stream(t.getEnumConstants())
                .collect(
                    Collectors.toUnmodifiableMap(c -> ((OcppEnum) c).value(), c -> (Object) c)));
  }

  private record Component(String name, Type type, MethodHandle accessor) {}

  private record RecordShape(
      Component[] components, Map<String, Component> byName, MethodHandle constructor) {
    static RecordShape of(Class<?> type) {
      if (!type.isRecord()) {
        throw new IllegalArgumentException(type.getName() + " is not a message record");
      }
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      RecordComponent[] rc = type.getRecordComponents();
      Component[] components = new Component[rc.length];
      Map<String, Component> byName = new HashMap<>();
      Class<?>[] types = new Class<?>[rc.length];
      try {
        for (int i = 0; i < rc.length; i++) {
          components[i] =
              new Component(
                  rc[i].getName(), rc[i].getGenericType(), lookup.unreflect(rc[i].getAccessor()));
          byName.put(rc[i].getName(), components[i]);
          types[i] = rc[i].getType();
        }
        Constructor<?> ctor = type.getDeclaredConstructor(types);
        return new RecordShape(components, Map.copyOf(byName), lookup.unreflectConstructor(ctor));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot map " + type.getName(), e);
      }
    }
  }

  // ----------------------------------------------------------------------------------- helpers

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static ConstraintViolation typeError(String path, String expected, JsonNode got) {
    return new ConstraintViolation(
        ViolationKind.TYPE, path, "expected " + expected + ", got " + kind(got));
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
