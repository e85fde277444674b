package io.kilowire.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request's JSON object, read field by field: each getter checks type and range and names the
 * field when it refuses; {@link #only} refuses fields the operation does not know (a typo would
 * otherwise be ignored silently).
 */
public final class RequestBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode node;

  private RequestBody(ObjectNode node) {
    this.node = node;
  }

  /** A body given as an object already (a scenario step's arguments). */
  public static RequestBody of(ObjectNode node) {
    return new RequestBody(node.deepCopy());
  }

  /** An empty body reads as {}; anything but a JSON object is refused. */
  public static RequestBody parse(String text) {
    if (text.isBlank()) {
      return new RequestBody(JsonNodeFactory.instance.objectNode());
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      throw new ApiError(
          400,
          null,
          "the body is not JSON: "
              + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                  ? j.getOriginalMessage()
                  : e.getMessage()));
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ApiError(400, null, "the body must be a JSON object");
    }
    return new RequestBody(object);
  }

  ObjectNode node() {
    return node;
  }

  /** Refuses any field not in {@code known}. */
  RequestBody only(Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw ApiError.badRequest(
            f, "unknown field; expected one of " + new java.util.TreeSet<>(known));
      }
    }
    return this;
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  String text(String field) {
    String v = optionalText(field);
    if (v == null) {
      throw ApiError.badRequest(field, "required");
    }
    return v;
  }

  @Nullable String optionalText(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiError.badRequest(field, "must be a string");
    }
    return v.asText();
  }

  double number(String field, double min, double max) {
    Double v = optionalNumber(field, min, max);
    if (v == null) {
      throw ApiError.badRequest(field, "required");
    }
    return v;
  }

  @Nullable Double optionalNumber(String field, double min, double max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw ApiError.badRequest(field, "must be a number");
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      throw ApiError.badRequest(field, "must be between " + fmt(min) + " and " + fmt(max));
    }
    return d;
  }

  @Nullable Integer optionalInt(String field, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw ApiError.badRequest(field, "must be a whole number");
    }
    long l = v.asLong();
    if (l < min || l > max) {
      throw ApiError.badRequest(field, "must be between " + min + " and " + max);
    }
    return (int) l;
  }

  @Nullable Boolean optionalBoolean(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw ApiError.badRequest(field, "must be true or false");
    }
    return v.asBoolean();
  }

  boolean bool(String field) {
    Boolean v = optionalBoolean(field);
    if (v == null) {
      throw ApiError.badRequest(field, "required");
    }
    return v;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
