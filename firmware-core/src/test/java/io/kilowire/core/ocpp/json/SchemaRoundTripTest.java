package io.kilowire.core.ocpp.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.ocpp.json.SchemaInstanceGenerator.Instance;
import io.kilowire.core.ocpp.model.ConstraintViolation;
import io.kilowire.core.ocpp.model.OcppMessage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Generated schema instances survive the codec unchanged")
class SchemaRoundTripTest {
  /** Random full instances per schema, on top of the minimal, boundary and enum-sweep ones. */
  private static final int EXTRA_FULL = 3;

  private final PayloadCodec codec = new PayloadCodec();

  static Stream<SchemaFile> schemas() {
    return OcppSchemas.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  @DisplayName("each instance decodes, re-encodes to JSON the oracle accepts, and means the same")
  void instancesRoundTrip(SchemaFile schema) {
    String subject = schema.toString();
    List<Instance> instances = SchemaInstanceGenerator.seeded(schema).instances(EXTRA_FULL);
    for (Instance instance : instances) {
      roundTrip(schema, instance, SchemaSeeds.replay(subject) + instance.label() + ": ");
    }
  }

  private void roundTrip(SchemaFile schema, Instance instance, String context) {
    String text = OcppSchemas.write(instance.json());
    JsonNode sent = OcppSchemas.parse(text);
    assertTrue(
        schema.accepts(sent),
        () ->
            context
                + "the oracle rejects the generated "
                + OcppSchemas.abbreviate(sent)
                + ": "
                + schema.problems(sent));

    OcppMessage record;
    try {
      record = codec.decode(schema, text);
    } catch (ConstraintViolation v) {
      fail(
          context
              + "the codec rejects the schema-valid "
              + OcppSchemas.abbreviate(sent)
              + ": "
              + v.getMessage(),
          v);
      return;
    }
    assertEquals(schema.recordType(), record.getClass(), context);

    JsonNode encoded = codec.encode(schema, record);
    assertTrue(
        schema.accepts(encoded),
        () ->
            context
                + "the oracle rejects the encoding "
                + encoded
                + ": "
                + schema.problems(encoded));
    assertEquals(
        List.of(),
        JsonSemantics.differences(schema.root(), sent, encoded),
        () ->
            context
                + "\n  sent    "
                + OcppSchemas.abbreviate(sent)
                + "\n  encoded "
                + OcppSchemas.abbreviate(encoded));
  }
}
