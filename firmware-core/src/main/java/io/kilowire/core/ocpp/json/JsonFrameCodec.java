package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.model.ViolationKind;
import io.kilowire.core.ocpp.rpc.DecodedFrame;
import io.kilowire.core.ocpp.rpc.Frame;
import io.kilowire.core.ocpp.rpc.FrameCodec;
import io.kilowire.core.ocpp.rpc.FrameError;
import io.kilowire.core.ocpp.rpc.FrameError.Problem;
import io.kilowire.core.ocpp.rpc.MessageType;
import io.kilowire.core.ocpp.rpc.Payload;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The OCPP-J codec on Jackson: bounded frame parsing, payload records, compact output. */
public final class JsonFrameCodec implements FrameCodec {
  private static final JsonFrameCodec SHARED = new JsonFrameCodec();

  private final BoundedJsonReader reader;
  private final MessageCodec messages = new MessageCodec();
  private final ObjectMapper writer =
      new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One codec for the whole process, with the default limits. A codec is safe to share between
   * threads, and its record mappings (reflection, method handles: some 20 kB) are worth building
   * once rather than once per station.
   */
  public static JsonFrameCodec shared() {
    return SHARED;
  }

  public JsonFrameCodec() {
    this(JsonLimits.DEFAULT);
  }

  public JsonFrameCodec(JsonLimits limits) {
    this.reader = new BoundedJsonReader(limits);
    writer
        .getFactory()
        .configure(
            com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
  }

  @Override
  public DecodedFrame decode(String text) {
    JsonNode root;
    try {
      root = reader.read(text);
    } catch (JsonLimitExceeded e) {
      return failedFromPrefix(text, Problem.LIMIT_EXCEEDED, e.getMessage());
    } catch (JsonProcessingException e) {
      return failedFromPrefix(text, Problem.NOT_JSON, "invalid JSON: " + e.getOriginalMessage());
    }
    return decodeTree(root);
  }

  private DecodedFrame decodeTree(JsonNode root) {
    if (!root.isArray() || root.isEmpty() || !root.get(0).isIntegralNumber()) {
      return failed(null, null, null, Problem.NOT_A_FRAME, "not an OCPP-J frame array");
    }
    JsonNode typeNode = root.get(0);
    Optional<MessageType> type =
        typeNode.isInt() ? MessageType.of(typeNode.intValue()) : Optional.empty();
    if (type.isEmpty()) {
      // Checked before the shape: a type we do not know has no shape to check, and the answer
      // (where the version gives one) needs only the id.
      return failed(
          typeNode.isInt() ? typeNode.intValue() : null,
          readableId(root),
          null,
          Problem.UNKNOWN_MESSAGE_TYPE,
          "unknown message type " + typeNode.asText());
    }
    if (root.size() < 3) {
      return failed(null, null, null, Problem.NOT_A_FRAME, "not an OCPP-J frame array");
    }
    int typeNumber = typeNode.intValue();
    JsonNode idNode = root.get(1);
    if (!idNode.isTextual()) {
      return failed(typeNumber, null, null, Problem.BAD_MESSAGE_ID, "message id is not a string");
    }
    String id = idNode.textValue();
    if (id.isEmpty() || id.length() > Frame.MAX_MESSAGE_ID_LENGTH) {
      return failed(
          typeNumber,
          null,
          null,
          Problem.BAD_MESSAGE_ID,
          "message id of " + id.length() + " characters; OCPP-J allows 1 to 36");
    }
    return switch (type.get()) {
      case CALL, SEND -> {
        if (root.size() != 4 || !root.get(2).isTextual()) {
          yield failed(
              typeNumber,
              id,
              null,
              Problem.BAD_SHAPE,
              type.get() + " must be [type, id, action, payload]");
        }
        String action = root.get(2).textValue();
        JsonNode payload = root.get(3);
        if (!payload.isObject()) {
          yield failed(typeNumber, id, action, Problem.BAD_PAYLOAD, "payload is not a JSON object");
        }
        yield ok(
            type.get() == MessageType.CALL
                ? new Frame.Call(id, action, new JsonPayload(payload))
                : new Frame.Send(id, action, new JsonPayload(payload)));
      }
      case CALLRESULT -> {
        if (root.size() != 3) {
          yield failed(
              typeNumber, id, null, Problem.BAD_SHAPE, "CALLRESULT must be [3, id, payload]");
        }
        if (!root.get(2).isObject()) {
          yield failed(typeNumber, id, null, Problem.BAD_PAYLOAD, "payload is not a JSON object");
        }
        yield ok(new Frame.CallResult(id, new JsonPayload(root.get(2))));
      }
      case CALLERROR, CALLRESULTERROR -> {
        if (root.size() != 5
            || !root.get(2).isTextual()
            || !root.get(3).isTextual()
            || !root.get(4).isObject()) {
          yield failed(
              typeNumber,
              id,
              null,
              Problem.BAD_SHAPE,
              type.get() + " must be [type, id, errorCode, errorDescription, {errorDetails}]");
        }
        String code = root.get(2).textValue();
        String description = root.get(3).textValue();
        JsonPayload details = new JsonPayload(root.get(4));
        yield ok(
            type.get() == MessageType.CALLERROR
                ? new Frame.CallError(id, code, description, details)
                : new Frame.CallResultError(id, code, description, details));
      }
    };
  }

  /** The frame's message id if it is a string of a length OCPP-J allows; else null. */
  private static @Nullable String readableId(JsonNode frame) {
    JsonNode id = frame.get(1);
    if (id == null || !id.isTextual()) {
      return null;
    }
    String text = id.textValue();
    return text.isEmpty() || text.length() > Frame.MAX_MESSAGE_ID_LENGTH ? null : text;
  }

  private DecodedFrame failedFromPrefix(String text, Problem problem, String detail) {
    BoundedJsonReader.FramePrefix prefix = reader.prefix(text);
    String id = prefix.id();
    if (id != null && (id.isEmpty() || id.length() > Frame.MAX_MESSAGE_ID_LENGTH)) {
      id = null;
    }
    // Damage after a readable type, id (and action) lies in the payload.
    Problem located =
        problem == Problem.NOT_JSON && id != null && prefix.type() != null
            ? Problem.BAD_PAYLOAD
            : problem;
    return failed(prefix.type(), id, prefix.action(), located, detail);
  }

  private static DecodedFrame ok(Frame frame) {
    return new DecodedFrame.Ok(frame);
  }

  private static DecodedFrame failed(
      @Nullable Integer type,
      @Nullable String id,
      @Nullable String action,
      Problem problem,
      String detail) {
    return new DecodedFrame.Failed(new FrameError(type, id, action, problem, detail));
  }

  @Override
  public <T extends OcppMessage> T decodePayload(Payload payload, Class<T> type) {
    JsonNode node = ((JsonPayload) payload).node();
    if (!node.isObject()) {
      throw new ConstraintViolation(ViolationKind.SYNTAX, "", "payload is not a JSON object");
    }
    return messages.decode(node, type);
  }

  @Override
  public Payload parsePayload(String json) {
    JsonNode node;
    try {
      node = reader.read(json);
    } catch (JsonLimitExceeded | JsonProcessingException e) {
      throw new ConstraintViolation(
          ViolationKind.SYNTAX, "", "not a JSON payload: " + e.getMessage());
    }
    if (!node.isObject()) {
      throw new ConstraintViolation(ViolationKind.SYNTAX, "", "payload is not a JSON object");
    }
    return new JsonPayload(node);
  }

  @Override
  public Payload encodePayload(OcppMessage message) {
    return new JsonPayload(messages.encode((Record) message));
  }

  @Override
  public Payload details(Map<String, ?> details) {
    return new JsonPayload(MessageCodec.fromPlain(details));
  }

  @Override
  public String encode(Frame frame) {
    ArrayNode array = BoundedJsonReader.NODES.arrayNode();
    array.add(frame.type().number());
    array.add(frame.messageId());
    // Java 17 has no pattern switch over sealed types (preview), hence the instanceof chain.
    if (frame instanceof Frame.Call c) {
      array.add(c.action());
      array.add(node(c.payload()));
    } else if (frame instanceof Frame.Send s) {
      array.add(s.action());
      array.add(node(s.payload()));
    } else if (frame instanceof Frame.CallResult r) {
      array.add(node(r.payload()));
    } else if (frame instanceof Frame.CallError e) {
      array.add(e.errorCode());
      array.add(e.description());
      array.add(node(e.details()));
    } else if (frame instanceof Frame.CallResultError e) {
      array.add(e.errorCode());
      array.add(e.description());
      array.add(node(e.details()));
    }
    try {
      return writer.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static JsonNode node(Payload payload) {
    return ((JsonPayload) payload).node();
  }
}
