package io.kilowire.conformance.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Builds and reads the JSON payloads a case sends and checks. Payloads are trees, not records: the
 * suite must be able to send what a schema allows and a record would never produce, and to read a
 * CSMS's frame exactly as it came.
 */
public final class Json {
  /** Reads numbers exactly (decimals as written, so "6.0" stays 6.0). */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /**
   * An object of key/value pairs; a null value leaves the key out, so optional fields read as
   * {@code obj("evseId", maybeNull)}.
   */
  public static ObjectNode obj(@Nullable Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("obj takes key/value pairs");
    }
    ObjectNode node = NODES.objectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      Object key = keyValues[i];
      if (!(key instanceof String name)) {
        throw new IllegalArgumentException("key " + i / 2 + " is not a string");
      }
      Object value = keyValues[i + 1];
      if (value != null) {
        node.set(name, node(value));
      }
    }
    return node;
  }

  /** An array of these values. */
  public static ArrayNode arr(Object... values) {
    ArrayNode array = NODES.arrayNode();
    for (Object v : values) {
      array.add(node(v));
    }
    return array;
  }

  /** A JSON value for a Java one: strings, numbers, booleans, instants (RFC 3339) and trees. */
  public static JsonNode node(Object value) {
    if (value instanceof JsonNode n) {
      return n;
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(BigDecimal.valueOf(d));
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Instant t) {
      return NODES.textNode(dateTime(t));
    }
    throw new IllegalArgumentException("no JSON for " + value.getClass().getSimpleName());
  }

  /** An instant as OCPP writes it: UTC, at most milliseconds. */
  public static String dateTime(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** Parses JSON text; null when it is not JSON. */
  public static @Nullable JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Compact JSON text. */
  public static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The value at {@code path} ({@code a.b[0].c}, an empty path is the root), or a missing node. */
  public static JsonNode at(JsonNode root, String path) {
    JsonNode current = root;
    if (path.isEmpty()) {
      return current;
    }
    for (String part : path.split("\\.")) {
      String name = part;
      int bracket = part.indexOf('[');
      if (bracket >= 0) {
        name = part.substring(0, bracket);
      }
      if (!name.isEmpty()) {
        current = current.path(name);
      }
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        int index = Integer.parseInt(part.substring(bracket + 1, close));
        current = current.path(index);
        bracket = part.indexOf('[', close);
      }
      if (current.isMissingNode()) {
        return MissingNode.getInstance();
      }
    }
    return current;
  }
}
