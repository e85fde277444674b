package io.kilowire.core.ocpp.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.ocpp.model.OcppMessage;

/**
 * Checks a record a handler built against the official schema: encoded by the production codec,
 * judged by the oracle. For tests of the handlers outside this package.
 */
public final class SchemaConformance {
  private static final JsonFrameCodec CODEC = new JsonFrameCodec();

  private SchemaConformance() {}

  /** Fails unless {@code message}, as the codec writes it, is valid against its schema. */
  public static void assertConforms(OcppVersion version, OcppMessage message) {
    String type = message.getClass().getSimpleName();
    boolean request = type.endsWith("Request");
    String action = type.substring(0, type.length() - (request ? "Request" : "Response").length());
    SchemaFile schema =
        OcppSchemas.of(version).stream()
            .filter(f -> f.actionName().equals(action) && f.request() == request)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no schema for " + type));
    JsonNode json = OcppSchemas.parse(CODEC.encodePayload(message).json());
    assertThat(schema.problems(json)).as(schema + ": " + OcppSchemas.abbreviate(json)).isEmpty();
  }
}
