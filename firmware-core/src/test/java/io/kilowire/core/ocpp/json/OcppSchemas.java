package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import io.kilowire.core.ocpp.OcppActions;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppAction;
import io.kilowire.core.ocpp.model.OcppMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The official OCPP JSON schemas, read in place from the shared folder (never copied into the
 * project), each with a networknt validator as the test oracle. A missing shared folder fails every
 * test that asks for the schemas: a schema suite that silently runs on nothing proves nothing.
 */
public final class OcppSchemas {
  /** Surefire sets this to the {@code shared} folder beside the project root. */
  public static final String SHARED_DIR_PROPERTY = "kilowire.shared.dir";

  /**
   * Reads JSON as the wire carries it: decimals stay exact so the oracle judges {@code multipleOf}
   * and bounds on the written digits, not on a binary double.
   */
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static volatile Map<OcppVersion, List<SchemaFile>> catalogue;

  private OcppSchemas() {}

  /** One schema file: an action's request or response payload. */
  public record SchemaFile(
      OcppVersion version,
      String fileName,
      String actionName,
      boolean request,
      JsonNode root,
      JsonSchema oracle) {

    /** The action of this file in the version's action enum, if the enum has it. */
    public Optional<OcppAction> action() {
      return OcppActions.of(version).byName(actionName);
    }

    /** The record this file's payload decodes into. */
    public Class<? extends OcppMessage> recordType() {
      OcppAction a =
          action()
              .orElseThrow(
                  () -> new AssertionError(this + ": no action " + actionName + " in the enum"));
      return request ? a.requestType() : a.responseType();
    }

    /** Whether the oracle accepts this JSON; see {@link #problems}. */
    public boolean accepts(JsonNode instance) {
      return oracle.validate(instance).isEmpty();
    }

    /** What the oracle finds wrong with an instance, joined by "; "; empty when it is valid. */
    public String problems(JsonNode instance) {
      Set<ValidationMessage> messages = oracle.validate(instance);
      return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "));
    }

    /** Draft-04 counts {@code 2.0} as a number only; draft-06 and later also as an integer. */
    public boolean draft04() {
      return root.path("$schema").asText().contains("draft-04");
    }

    @Override
    public String toString() {
      return folder(version) + "/" + fileName;
    }
  }

  /** Every schema file of both versions, sorted by version then file name. */
  public static List<SchemaFile> all() {
    return load().values().stream().flatMap(List::stream).toList();
  }

  public static List<SchemaFile> of(OcppVersion version) {
    return load().get(version);
  }

  /** The versions with schemas: the ones Kilowire has message records for. */
  public static List<OcppVersion> versions() {
    return List.of(OcppVersion.V16, OcppVersion.V201);
  }

  public static String folder(OcppVersion version) {
    return switch (version) {
      case V16 -> "v16";
      case V201 -> "v201";
      case V21 -> "v21";
    };
  }

  /** The folder that holds {@code v16/} and {@code v201/}; fails when it is not there. */
  public static Path schemaRoot() {
    return schemaRoot(System.getProperty(SHARED_DIR_PROPERTY));
  }

  /** {@link #schemaRoot()} for a given shared folder. */
  static Path schemaRoot(@Nullable String shared) {
    if (shared == null || shared.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + SHARED_DIR_PROPERTY
              + " is not set; run the tests through Maven (surefire sets it)");
    }
    Path root = Path.of(shared, "ocpp-schemas");
    if (!Files.isDirectory(root.resolve("v16")) || !Files.isDirectory(root.resolve("v201"))) {
      throw new IllegalStateException(
          "the official OCPP schemas are missing: expected " + root + "/{v16,v201}");
    }
    return root;
  }

  /** Parses JSON text exactly (see {@link #JSON}). */
  public static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + text, e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** JSON text cut to a length a failure message can carry. */
  public static String abbreviate(JsonNode node) {
    String text = write(node);
    return text.length() <= 600
        ? text
        : text.substring(0, 600) + "... (" + text.length() + " chars)";
  }

  // ------------------------------------------------------------------------------------ loading

  private static Map<OcppVersion, List<SchemaFile>> load() {
    Map<OcppVersion, List<SchemaFile>> loaded = catalogue;
    if (loaded == null) {
      synchronized (OcppSchemas.class) {
        loaded = catalogue;
        if (loaded == null) {
          loaded = new TreeMap<>();
          JsonSchemaFactory factory = oracleFactory();
          for (OcppVersion v : versions()) {
            loaded.put(v, List.copyOf(loadVersion(factory, v)));
          }
          catalogue = loaded;
        }
      }
    }
    return loaded;
  }

  private static List<SchemaFile> loadVersion(JsonSchemaFactory factory, OcppVersion version) {
    Path dir = schemaRoot().resolve(folder(version));
    List<SchemaFile> files = new ArrayList<>();
    // Format keywords (date-time, uri) are assertions here, as OCPP means them.
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path p : listing.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = parse(Files.readString(p));
        String name = p.getFileName().toString();
        String base = name.substring(0, name.length() - ".json".length());
        boolean response = base.endsWith("Response");
        String action;
        if (response) {
          action = base.substring(0, base.length() - "Response".length());
        } else if (version == OcppVersion.V16) {
          action = base; // 1.6 request files carry the bare action name
        } else {
          action = base.endsWith("Request") ? base.substring(0, base.length() - 7) : base;
        }
        files.add(
            new SchemaFile(
                version, name, action, !response, root, factory.getSchema(root, config)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schemas in " + dir, e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no schema files in " + dir);
    }
    return files;
  }

  /**
   * One factory for both dialects (1.6 mixes draft-04 and draft-06 files), each taught the OCA's
   * annotation keywords so that they are skipped quietly instead of logged as unknown.
   */
  private static JsonSchemaFactory oracleFactory() {
    JsonMetaSchema v4 =
        JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keywords(
                List.of(
                    new NonValidationKeyword("javaType"),
                    new NonValidationKeyword("comment"),
                    // draft-04 names its id "id"; the 1.6 security files still write "$id"
                    new NonValidationKeyword("$id")))
            .build();
    JsonMetaSchema v6 =
        JsonMetaSchema.builder(JsonMetaSchema.getV6())
            .keywords(
                List.of(new NonValidationKeyword("javaType"), new NonValidationKeyword("comment")))
            .build();
    return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(VersionFlag.V4))
        .metaSchema(v4)
        .metaSchema(v6)
        .build();
  }
}
