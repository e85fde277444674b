package io.kilowire.core.ocpp.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.ocpp.json.SchemaInstanceGenerator.Profile;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppEnum;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.v16.V16Action;
import io.kilowire.core.ocpp.v201.CustomData;
import io.kilowire.core.ocpp.v201.V201Action;
import io.kilowire.core.ocpp.v21.V21Action;
import io.kilowire.core.ocpp.v21.V21Send;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The message model covers the official schemas")
class SchemaCoverageTest {
  static Stream<SchemaFile> schemas() {
    return OcppSchemas.all().stream();
  }

  static List<OcppVersion> versions() {
    return OcppSchemas.versions();
  }

  private static List<? extends OcppAction> actionsOf(OcppVersion version) {
    return switch (version) {
      case V16 -> List.of(V16Action.values());
      case V201 -> List.of(V201Action.values());
      case V21 -> List.of(V21Action.values());
    };
  }

  @Nested
  @DisplayName("the schema folder")
  class SchemaFolder {
    @Test
    @DisplayName("holds every schema of each version (78 for 1.6, 128 for 2.0.1, 181 for 2.1)")
    void holdsEveryFile() {
      assertEquals(78, OcppSchemas.of(OcppVersion.V16).size());
      assertEquals(128, OcppSchemas.of(OcppVersion.V201).size());
      assertEquals(181, OcppSchemas.of(OcppVersion.V21).size());
    }

    @Test
    @DisplayName("tells 2.1's one SEND message from its CALL requests and responses")
    void knowsTheSendMessage() {
      List<String> sends =
          OcppSchemas.of(OcppVersion.V21).stream()
              .filter(SchemaFile::send)
              .map(SchemaFile::actionName)
              .toList();
      assertEquals(List.of("NotifyPeriodicEventStream"), sends);
      assertEquals(
          sends,
          Arrays.stream(V21Send.values()).map(V21Send::wireName).toList(),
          "the SEND table lists exactly the SEND schemas");
      assertTrue(
          V21Action.class.isEnum()
              && OcppActions.of(OcppVersion.V21).byName("NotifyPeriodicEventStream").isEmpty(),
          "a SEND is no CALL action");
      assertEquals(90, OcppActions.of(OcppVersion.V21).size());
    }

    @Test
    @DisplayName("is required: a missing one fails instead of skipping the schema tests")
    void isRequired(@TempDir Path empty) {
      assertThrows(IllegalStateException.class, () -> OcppSchemas.schemaRoot(null));
      IllegalStateException missing =
          assertThrows(IllegalStateException.class, () -> OcppSchemas.schemaRoot(empty.toString()));
      assertTrue(
          missing.getMessage().contains("from the npm package ocpp-rpc"), missing::getMessage);
    }

    @Test
    @DisplayName("comes from the ocpp-rpc package with our errata applied in memory")
    void carriesTheErrata() {
      JsonNode meterValues = file(OcppVersion.V16, "MeterValues.json").root();
      JsonNode meterValue = meterValues.at("/properties/meterValue");
      assertEquals(1, meterValue.path("minItems").asInt());
      assertEquals(1, meterValue.at("/items/properties/sampledValue/minItems").asInt());
      assertTrue(
          meterValue
              .at("/items/properties/sampledValue/items/properties/unit/enum")
              .toString()
              .contains("\"Hertz\""));
      assertEquals(
          7500,
          file(OcppVersion.V201, "Get15118EVCertificateResponse.json")
              .root()
              .at("/properties/exiResponse/maxLength")
              .asInt());
      assertTrue(
          file(OcppVersion.V201, "AuthorizeRequest.json")
              .root()
              .path("$schema")
              .asText()
              .contains("draft-07"));
    }

    @Test
    @DisplayName("refuses an erratum whose path leads nowhere")
    void refusesALapsedErratum() {
      JsonNode errata =
          OcppSchemas.parse(
              "{\"patches\":[{\"version\":\"ocpp1.6\",\"message\":\"urn:X.req\",\"op\":\"replace\","
                  + "\"path\":\"/properties/gone/maxLength\",\"value\":1}]}");
      com.fasterxml.jackson.databind.node.ObjectNode schema =
          (com.fasterxml.jackson.databind.node.ObjectNode) OcppSchemas.parse("{\"properties\":{}}");
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> SchemaErrata.apply(errata, OcppVersion.V16, "urn:X.req", schema));
      assertTrue(e.getMessage().contains("/properties/gone/maxLength"), e::getMessage);
    }

    private static SchemaFile file(OcppVersion version, String name) {
      return OcppSchemas.of(version).stream()
          .filter(f -> f.fileName().equals(name))
          .findFirst()
          .orElseThrow();
    }
  }

  @Nested
  @DisplayName("the action enums")
  class ActionEnums {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kilowire.core.ocpp.json.SchemaCoverageTest#versions")
    @DisplayName("name the record of every schema file")
    void nameTheRecordOfEverySchemaFile(OcppVersion version) {
      List<String> missing = new ArrayList<>();
      for (SchemaFile f : OcppSchemas.of(version)) {
        if (f.send()) {
          continue; // its record is named in the SEND table, checked above
        }
        String expected = f.actionName() + (f.request() ? "Request" : "Response");
        String mapped =
            f.action()
                .map(a -> (f.request() ? a.requestType() : a.responseType()).getSimpleName())
                .orElse("no action " + f.actionName());
        if (!mapped.equals(expected)) {
          missing.add(f + " -> " + mapped);
        }
      }
      assertEquals(List.of(), missing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kilowire.core.ocpp.json.SchemaCoverageTest#versions")
    @DisplayName("list no action that lacks its request or response schema")
    void listNoActionWithoutSchemas(OcppVersion version) {
      Set<String> files = new HashSet<>();
      for (SchemaFile f : OcppSchemas.of(version)) {
        files.add(f.actionName() + (f.request() ? " request" : " response"));
      }
      List<String> orphans = new ArrayList<>();
      for (OcppAction a : actionsOf(version)) {
        for (String direction : List.of(" request", " response")) {
          if (!files.contains(a.wireName() + direction)) {
            orphans.add(a.wireName() + direction);
          }
        }
      }
      assertEquals(List.of(), orphans);
    }
  }

  @Nested
  @DisplayName("each record")
  class Records {
    private final PayloadCodec codec = new PayloadCodec();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kilowire.core.ocpp.json.SchemaCoverageTest#schemas")
    @DisplayName("can be made from a minimal instance of its schema")
    void decodesFromAMinimalInstance(SchemaFile schema) {
      JsonNode minimal = SchemaInstanceGenerator.seeded(schema).generate(Profile.MINIMAL);
      OcppMessage decoded = codec.decode(schema, OcppSchemas.write(minimal));
      assertInstanceOf(schema.recordType(), decoded, SchemaSeeds.replay(schema.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kilowire.core.ocpp.json.SchemaCoverageTest#schemas")
    @DisplayName("mirrors its schema: property names, optionality, Java types and enum values")
    void mirrorsItsSchema(SchemaFile schema) {
      List<String> problems = new ArrayList<>();
      mirror(schema.root(), schema.root(), schema.recordType(), "$", problems);
      assertEquals(List.of(), problems, schema.toString());
    }
  }

  /** Records in {@code problems} where {@code type} does not model {@code schema}. */
  private static void mirror(
      JsonNode schema, JsonNode root, Type type, String at, List<String> problems) {
    JsonNode s = SchemaNodes.resolve(schema, root);
    String jsonType = SchemaNodes.type(s);
    Class<?> raw =
        type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (jsonType == null) {
      expect(raw == Object.class, at, "any JSON value as Object, not " + raw, problems);
    } else if (SchemaNodes.isEnum(s)) {
      if (!raw.isEnum() || !OcppEnum.class.isAssignableFrom(raw)) {
        problems.add(at + ": an enum as an OcppEnum, not " + raw);
      } else {
        Set<String> java =
            Arrays.stream(raw.getEnumConstants())
                .map(c -> ((OcppEnum) c).value())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> wire = new TreeSet<>(SchemaNodes.enumValues(s));
        expect(java.equals(wire), at, raw.getSimpleName() + " " + java + " vs " + wire, problems);
      }
    } else {
      switch (jsonType) {
        case "object" -> mirrorObject(s, root, raw, at, problems);
        case "array" -> {
          if (raw != List.class || !(type instanceof ParameterizedType p)) {
            problems.add(at + ": an array as List<...>, not " + type);
          } else {
            mirror(s.get("items"), root, p.getActualTypeArguments()[0], at + "[]", problems);
          }
        }
        case "string" -> {
          Class<?> expected = SchemaNodes.isDateTime(s) ? Instant.class : String.class;
          expect(raw == expected, at, expected.getSimpleName() + ", not " + raw, problems);
        }
        case "integer" -> expect(raw == Integer.class, at, "Integer, not " + raw, problems);
        case "number" -> expect(raw == BigDecimal.class, at, "BigDecimal, not " + raw, problems);
        case "boolean" -> expect(raw == Boolean.class, at, "Boolean, not " + raw, problems);
        default -> problems.add(at + ": unknown schema type " + jsonType);
      }
    }
  }

  private static void mirrorObject(
      JsonNode s, JsonNode root, Class<?> raw, String at, List<String> problems) {
    if (!SchemaNodes.closed(s)) {
      // The one open object, 2.0.1 customData, keeps its extension properties in a map.
      expect(raw == CustomData.class, at, "an open object as CustomData, not " + raw, problems);
      return;
    }
    if (!raw.isRecord()) {
      problems.add(at + ": an object as a record, not " + raw);
      return;
    }
    List<String> properties = new ArrayList<>();
    s.path("properties").fieldNames().forEachRemaining(properties::add);
    RecordComponent[] components = raw.getRecordComponents();
    List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
    if (!names.equals(properties)) {
      problems.add(at + ": " + raw.getSimpleName() + " has " + names + ", schema " + properties);
      return;
    }
    Set<String> required = SchemaNodes.required(s);
    for (RecordComponent c : components) {
      boolean nullable = c.getAnnotatedType().isAnnotationPresent(Nullable.class);
      expect(
          nullable != required.contains(c.getName()),
          at + "." + c.getName(),
          (nullable ? "@Nullable but required" : "optional but not @Nullable"),
          problems);
      mirror(
          s.get("properties").get(c.getName()),
          root,
          c.getGenericType(),
          at + "." + c.getName(),
          problems);
    }
  }

  private static void expect(boolean holds, String at, String what, List<String> problems) {
    if (!holds) {
      problems.add(at + ": " + what);
    }
  }
}
