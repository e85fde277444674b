package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.kilowire.core.ocpp.v21.V21Send;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The official OCPP JSON schemas as the npm package {@code ocpp-rpc} bundles them ({@code
 * lib/schemas/ocpp1_6.json}, {@code ocpp2_0_1.json}, {@code ocpp2_1.json}: one array of draft-07
 * schemas per version), installed by the build into {@code tools/ocpp-peer} and read in place,
 * never copied into the project; with the corrections of {@code tools/ocpp-peer/schema-errata.json}
 * applied in memory; each with a networknt validator as the test oracle. Missing schemas fail every
 * test that asks for them: a schema suite that silently runs on nothing proves nothing.
 */
public final class OcppSchemas {
  /** Surefire sets this to the project's root folder. */
  public static final String PROJECT_DIR_PROPERTY = "kilowire.project.dir";

  /** Where the package keeps its schemas, under the project root. */
  static final String BUNDLE = "tools/ocpp-peer/node_modules/ocpp-rpc/lib/schemas";

  /** Our corrections to the bundled schemas, under the project root. */
  static final String ERRATA = "tools/ocpp-peer/schema-errata.json";

  /**
   * Reads JSON as the wire carries it: decimals stay exact so the oracle judges {@code multipleOf}
   * and bounds on the written digits, not on a binary double.
   */
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static volatile Map<OcppVersion, List<SchemaFile>> catalogue;

  private OcppSchemas() {}

  /**
   * One schema file: a CALL action's request ({@code request}) or response payload, or a SEND
   * message's payload ({@code send}, 2.1's NotifyPeriodicEventStream: neither request nor
   * response).
   */
  public record SchemaFile(
      OcppVersion version,
      String fileName,
      String actionName,
      boolean request,
      boolean send,
      JsonNode root,
      JsonSchema oracle) {

    /** The action of this file in the version's action enum, if the enum has it. */
    public Optional<OcppAction> action() {
      return OcppActions.of(version).byName(actionName);
    }

    /** The record this file's payload decodes into. */
    public Class<? extends OcppMessage> recordType() {
      if (send) {
        return Arrays.stream(V21Send.values())
            .filter(s -> s.wireName().equals(actionName))
            .findFirst()
            .orElseThrow(() -> new AssertionError(this + ": no SEND " + actionName))
            .messageType();
      }
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

  /** Every schema file of every version, sorted by version then file name. */
  public static List<SchemaFile> all() {
    return load().values().stream().flatMap(List::stream).toList();
  }

  public static List<SchemaFile> of(OcppVersion version) {
    return load().get(version);
  }

  /** The versions with schemas: the ones Kilowire has message records for. */
  public static List<OcppVersion> versions() {
    return List.of(OcppVersion.V16, OcppVersion.V201, OcppVersion.V21);
  }

  public static String folder(OcppVersion version) {
    return switch (version) {
      case V16 -> "v16";
      case V201 -> "v201";
      case V21 -> "v21";
    };
  }

  /** The folder that holds the bundled schema files; fails when it is not there. */
  public static Path schemaRoot() {
    return schemaRoot(System.getProperty(PROJECT_DIR_PROPERTY));
  }

  /** {@link #schemaRoot()} for a given project root. */
  static Path schemaRoot(@Nullable String projectDir) {
    if (projectDir == null || projectDir.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + PROJECT_DIR_PROPERTY
              + " is not set; run the tests through Maven (surefire sets it)");
    }
    Path root = Path.of(projectDir).resolve(BUNDLE);
    for (OcppVersion v : versions()) {
      if (!Files.isRegularFile(root.resolve(bundleFile(v)))) {
        throw new IllegalStateException(
            "the official OCPP schemas are missing: expected "
                + root.resolve(bundleFile(v))
                + " from the npm package ocpp-rpc; the build installs it (npm ci in"
                + " tools/ocpp-peer, pinned by its package-lock.json)");
      }
    }
    return root;
  }

  /** The bundle's file for {@code version}. */
  static String bundleFile(OcppVersion version) {
    return switch (version) {
      case V16 -> "ocpp1_6.json";
      case V201 -> "ocpp2_0_1.json";
      case V21 -> "ocpp2_1.json";
    };
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
    Path bundle = schemaRoot().resolve(bundleFile(version));
    JsonNode errata = errata();
    List<SchemaFile> files = new ArrayList<>();
    // Format keywords (date-time, uri) are assertions here, as OCPP means them.
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    JsonNode schemas;
    try {
      schemas = parse(Files.readString(bundle));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schemas in " + bundle, e);
    }
    for (JsonNode schema : schemas) {
      String id = schema.path("$id").asText();
      SchemaId parsed = SchemaId.parse(id, version);
      ObjectNode root = schema.deepCopy();
      SchemaErrata.apply(errata, version, id, root);
      files.add(
          new SchemaFile(
              version,
              parsed.fileName(version),
              parsed.action(),
              parsed.request(),
              parsed.send(),
              root,
              factory.getSchema(root, config)));
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no schemas in " + bundle);
    }
    files.sort(java.util.Comparator.comparing(SchemaFile::fileName));
    return files;
  }

  /**
   * A bundled schema's id: {@code urn:<Action>.req} / {@code .conf} in 1.6 and 2.0.1; {@code
   * urn:<Action>Request} / {@code Response} in 2.1, and {@code urn:<Action>} for a SEND.
   */
  record SchemaId(String action, boolean request, boolean send) {
    static SchemaId parse(String id, OcppVersion version) {
      if (!id.startsWith("urn:")) {
        throw new IllegalStateException(version.subprotocol() + ": unexpected schema id " + id);
      }
      String name = id.substring("urn:".length());
      if (version != OcppVersion.V21) {
        boolean request = name.endsWith(".req");
        if (!request && !name.endsWith(".conf")) {
          throw new IllegalStateException(version.subprotocol() + ": unexpected schema id " + id);
        }
        return new SchemaId(name.substring(0, name.lastIndexOf('.')), request, false);
      }
      for (String suffix : List.of("Request", "Response")) {
        if (name.endsWith(suffix)) {
          return new SchemaId(
              name.substring(0, name.length() - suffix.length()), suffix.equals("Request"), false);
        }
      }
      return new SchemaId(name, false, true);
    }

    /** The file names of the OCA's own releases, which tests and failure messages use. */
    String fileName(OcppVersion version) {
      if (send) {
        return action + ".json";
      }
      String suffix = request ? (version == OcppVersion.V16 ? "" : "Request") : "Response";
      return action + suffix + ".json";
    }
  }

  private static JsonNode errata() {
    Path file = Path.of(System.getProperty(PROJECT_DIR_PROPERTY)).resolve(ERRATA);
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * One factory for the dialects the schemas may declare (the bundle's draft-07; the OCA's own
   * releases mix draft-04 and draft-06), each taught the OCA's annotation keywords so that they are
   * skipped quietly instead of logged as unknown.
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
    JsonMetaSchema v7 =
        JsonMetaSchema.builder(JsonMetaSchema.getV7())
            .keywords(
                List.of(new NonValidationKeyword("javaType"), new NonValidationKeyword("comment")))
            .build();
    return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(VersionFlag.V7))
        .metaSchema(v4)
        .metaSchema(v6)
        .metaSchema(v7)
        .build();
  }
}
