package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Builds a JSON tree from text while enforcing {@link JsonLimits} token by token, so an oversized
 * array or string is refused before it is materialised.
 */
final class BoundedJsonReader {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonLimits limits;
  private final JsonFactory factory;

  BoundedJsonReader(JsonLimits limits) {
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(limits.maxStringLength())
                    .maxNumberLength(64)
                    .maxNameLength(limits.maxStringLength())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
  }

  /** Parses a whole frame. */
  JsonNode read(String text) throws JsonProcessingException, JsonLimitExceeded {
    if (text.length() > limits.maxFrameChars()) {
      throw new JsonLimitExceeded(
          "frame of " + text.length() + " characters exceeds " + limits.maxFrameChars());
    }
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new JsonLimitExceeded("empty frame");
      }
      JsonNode root = value(p, first, 1);
      if (p.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(
            p, "trailing content after the frame");
      }
      return root;
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new JsonLimitExceeded(e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading from a String cannot fail", e);
    }
  }

  private JsonNode value(JsonParser p, JsonToken t, int depth)
      throws IOException, JsonLimitExceeded {
    switch (t) {
      case START_ARRAY:
        return array(p, depth);
      case START_OBJECT:
        return object(p, depth);
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return DecimalNode.valueOf(p.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
    }
  }

  private ArrayNode array(JsonParser p, int depth) throws IOException, JsonLimitExceeded {
    checkDepth(depth);
    ArrayNode node = NODES.arrayNode();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (node.size() >= limits.maxArrayLength()) {
        throw new JsonLimitExceeded("array longer than " + limits.maxArrayLength() + " elements");
      }
      node.add(value(p, t, depth + 1));
    }
    return node;
  }

  private ObjectNode object(JsonParser p, int depth) throws IOException, JsonLimitExceeded {
    checkDepth(depth);
    ObjectNode node = NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (node.size() >= limits.maxArrayLength()) {
        throw new JsonLimitExceeded(
            "object with more than " + limits.maxArrayLength() + " members");
      }
      node.set(name, value(p, p.nextToken(), depth + 1));
    }
    return node;
  }

  private void checkDepth(int depth) throws JsonLimitExceeded {
    if (depth > limits.maxDepth()) {
      throw new JsonLimitExceeded("nesting deeper than " + limits.maxDepth());
    }
  }

  /**
   * Reads only the start of a frame that failed as a whole, to recover its message type, id and
   * action for the CALLERROR. Never materialises more than those three values.
   */
  FramePrefix prefix(String text) {
    @Nullable Integer type = null;
    @Nullable String id = null;
    @Nullable String action = null;
    try (JsonParser p = factory.createParser(text)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return new FramePrefix(null, null, null);
      }
      if (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
        type = p.getIntValue();
      } else {
        return new FramePrefix(null, null, null);
      }
      if (p.nextToken() == JsonToken.VALUE_STRING) {
        id = p.getText();
      } else {
        return new FramePrefix(type, null, null);
      }
      if (p.nextToken() == JsonToken.VALUE_STRING) {
        action = p.getText();
      }
    } catch (IOException | RuntimeException e) {
      // whatever could be read before the damage is all there is
    }
    return new FramePrefix(type, id, action);
  }

  record FramePrefix(@Nullable Integer type, @Nullable String id, @Nullable String action) {}
}
