package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reading the few JSON Schema keywords the OCPP schemas use. Paths are lists of property names
 * (String) and array indexes (Integer), rendered the way the codec reports them.
 */
final class SchemaNodes {
  private SchemaNodes() {}

  /** The node a {@code $ref} to {@code #/definitions/...} points at, or the node itself. */
  static JsonNode resolve(JsonNode schema, JsonNode root) {
    JsonNode s = schema;
    for (int hops = 0; s.has("$ref"); hops++) {
      String ref = s.get("$ref").asText();
      if (!ref.startsWith("#/definitions/") || hops > 16) {
        throw new IllegalStateException("unsupported $ref " + ref);
      }
      s = root.path("definitions").path(ref.substring("#/definitions/".length()));
      if (s.isMissingNode()) {
        throw new IllegalStateException("dangling $ref " + ref);
      }
    }
    return s;
  }

  /** The schema's single type name, or null for a schema that allows any JSON value. */
  static @Nullable String type(JsonNode s) {
    JsonNode t = s.get("type");
    if (t == null) {
      return null;
    }
    if (!t.isTextual()) {
      throw new IllegalStateException("union types are not used by OCPP: " + t);
    }
    return t.textValue();
  }

  static boolean isEnum(JsonNode s) {
    return s.has("enum");
  }

  static List<String> enumValues(JsonNode s) {
    List<String> values = new ArrayList<>();
    s.get("enum").forEach(v -> values.add(v.textValue()));
    return values;
  }

  static boolean isDateTime(JsonNode s) {
    return "date-time".equals(s.path("format").asText(null));
  }

  static boolean isUri(JsonNode s) {
    return "uri".equals(s.path("format").asText(null));
  }

  static Set<String> required(JsonNode s) {
    Set<String> names = new LinkedHashSet<>();
    s.path("required").forEach(n -> names.add(n.textValue()));
    return names;
  }

  /** Whether the object forbids properties it does not define. */
  static boolean closed(JsonNode s) {
    JsonNode a = s.get("additionalProperties");
    return a != null && a.isBoolean() && !a.booleanValue();
  }

  static @Nullable Integer intKeyword(JsonNode s, String keyword) {
    JsonNode n = s.get(keyword);
    return n == null ? null : n.decimalValue().intValueExact();
  }

  static @Nullable BigDecimal decimalKeyword(JsonNode s, String keyword) {
    JsonNode n = s.get(keyword);
    return n == null ? null : n.decimalValue();
  }

  /** Every enum schema node reachable from {@code root}, following references. */
  static Set<JsonNode> reachableEnums(JsonNode root) {
    Set<JsonNode> enums = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    collectEnums(root, root, enums, seen);
    return enums;
  }

  private static void collectEnums(
      JsonNode schema, JsonNode root, Set<JsonNode> enums, Set<JsonNode> seen) {
    JsonNode s = resolve(schema, root);
    if (!seen.add(s)) {
      return;
    }
    if (isEnum(s)) {
      enums.add(s);
    }
    for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
      collectEnums(p.getValue(), root, enums, seen);
    }
    if (s.has("items")) {
      collectEnums(s.get("items"), root, enums, seen);
    }
  }

  /** A path as the codec writes it: {@code a.b[1].c}. */
  static String render(List<Object> path) {
    StringBuilder out = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer i) {
        out.append('[').append(i).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(segment);
      }
    }
    return out.toString();
  }

  static List<Object> append(List<Object> path, Object segment) {
    List<Object> longer = new ArrayList<>(path.size() + 1);
    longer.addAll(path);
    longer.add(segment);
    return List.copyOf(longer);
  }

  /** Visits an instance together with its schema, depth first, objects' properties by name. */
  interface Visitor {
    void visit(JsonNode schema, JsonNode value, List<Object> path);
  }

  static void walk(
      JsonNode schema, JsonNode root, JsonNode value, List<Object> path, Visitor visitor) {
    JsonNode s = resolve(schema, root);
    visitor.visit(s, value, path);
    String type = type(s);
    if ("object".equals(type) && value.isObject()) {
      for (Map.Entry<String, JsonNode> p : value.properties()) {
        JsonNode property = s.path("properties").get(p.getKey());
        if (property != null) {
          walk(property, root, p.getValue(), append(path, p.getKey()), visitor);
        }
      }
    } else if ("array".equals(type) && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(s.get("items"), root, value.get(i), append(path, i), visitor);
      }
    }
  }
}
