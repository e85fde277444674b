package io.kilowire.core.ocpp.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.ocpp.OcppVersion;

/**
 * Applies our corrections ({@code tools/ocpp-peer/schema-errata.json}: JSON Patch "add" and
 * "replace" operations, RFC 6902) to one bundled schema, in memory. A patch whose path does not
 * lead anywhere fails loudly: a new package release that moved a field must not let a correction
 * silently lapse.
 */
final class SchemaErrata {
  private SchemaErrata() {}

  static void apply(JsonNode errata, OcppVersion version, String schemaId, ObjectNode schema) {
    for (JsonNode patch : errata.path("patches")) {
      if (patch.path("version").asText().equals(version.subprotocol())
          && patch.path("message").asText().equals(schemaId)) {
        apply(patch, schema);
      }
    }
  }

  private static void apply(JsonNode patch, ObjectNode schema) {
    String op = patch.path("op").asText();
    String path = patch.path("path").asText();
    int cut = path.lastIndexOf('/');
    JsonNode parent = schema.at(path.substring(0, cut));
    String last = path.substring(cut + 1);
    JsonNode value = patch.path("value");
    if (parent instanceof ArrayNode array && op.equals("add") && last.equals("-")) {
      array.add(value);
    } else if (parent instanceof ObjectNode object
        && (op.equals("add") || (op.equals("replace") && object.has(last)))) {
      object.set(last, value);
    } else {
      throw new IllegalStateException(
          "schema errata: cannot " + op + " " + path + " in " + patch.path("message").asText());
    }
  }
}
