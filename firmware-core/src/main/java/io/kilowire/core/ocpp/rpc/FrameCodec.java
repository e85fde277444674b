package io.kilowire.core.ocpp.rpc;

import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppMessage;
import java.util.Map;

/**
 * Turns frame text into frames and payloads into records, and back. Implemented at the JSON edge.
 */
public interface FrameCodec {
  /** Reads one frame; never throws for bad input. */
  DecodedFrame decode(String text);

  /**
   * Decodes a payload into its record.
   *
   * @throws ConstraintViolation naming the offending field when the payload breaks the schema
   */
  <T extends OcppMessage> T decodePayload(Payload payload, Class<T> type);

  /**
   * A payload from its JSON text, e.g. one persisted earlier.
   *
   * @throws ConstraintViolation of kind SYNTAX when the text is not one JSON object
   */
  Payload parsePayload(String json);

  /** The payload of a record. */
  Payload encodePayload(OcppMessage message);

  /** A payload for error details: string keys and plain JSON values. */
  Payload details(Map<String, ?> details);

  /** Frame text for the wire. */
  String encode(Frame frame);
}
