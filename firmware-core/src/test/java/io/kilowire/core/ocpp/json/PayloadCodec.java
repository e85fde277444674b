package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.DecodedFrame;
import io.kilowire.core.ocpp.rpc.Frame;
import io.kilowire.core.ocpp.rpc.Payload;

/**
 * The codec as the RPC layer uses it, for one schema file: payloads arrive inside a whole frame (a
 * CALL for a request, a CALLRESULT for a response) and leave inside one.
 */
final class PayloadCodec {
  /**
   * The default bounds, but frames up to 4 MiB: a 2.1 ReportChargingProfiles with every list and
   * string at its schema maximum (profiles, schedules, periods, price schedules) is over 1 MiB, and
   * these tests judge the mapping, not the frame-size bound (RpcSessionTest does).
   */
  private static final JsonLimits SCHEMA_SIZED =
      new JsonLimits(
          4 << 20,
          JsonLimits.DEFAULT.maxDepth(),
          JsonLimits.DEFAULT.maxArrayLength(),
          JsonLimits.DEFAULT.maxStringLength());

  private final JsonFrameCodec codec = new JsonFrameCodec(SCHEMA_SIZED);

  /** The frame text that carries {@code json} as the payload of {@code schema}'s message. */
  static String frame(SchemaFile schema, String messageId, String json) {
    if (schema.send()) {
      return "[6,\"" + messageId + "\",\"" + schema.actionName() + "\"," + json + "]";
    }
    return schema.request()
        ? "[2,\"" + messageId + "\",\"" + schema.actionName() + "\"," + json + "]"
        : "[3,\"" + messageId + "\"," + json + "]";
  }

  /**
   * Decodes a payload into the file's record.
   *
   * @throws ConstraintViolation when the codec finds the payload invalid
   */
  OcppMessage decode(SchemaFile schema, String json) {
    DecodedFrame decoded = codec.decode(frame(schema, "p1", json));
    if (!(decoded instanceof DecodedFrame.Ok ok)) {
      throw new AssertionError("the frame around the payload did not decode: " + decoded);
    }
    Frame f = ok.frame();
    Payload payload =
        f instanceof Frame.Call c
            ? c.payload()
            : f instanceof Frame.Send s ? s.payload() : ((Frame.CallResult) f).payload();
    return codec.decodePayload(payload, schema.recordType());
  }

  /** Encodes a record and reads its payload back off the encoded frame, as a peer would. */
  JsonNode encode(SchemaFile schema, OcppMessage message) {
    Payload payload = codec.encodePayload(message);
    Frame frame =
        schema.send()
            ? new Frame.Send("p1", schema.actionName(), payload)
            : schema.request()
                ? new Frame.Call("p1", schema.actionName(), payload)
                : new Frame.CallResult("p1", payload);
    JsonNode wire = OcppSchemas.parse(codec.encode(frame));
    return wire.get(wire.size() - 1);
  }
}
