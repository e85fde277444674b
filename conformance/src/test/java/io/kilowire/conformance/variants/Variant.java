package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.sandbox.SandboxLinks;
import io.kilowire.conformance.script.Json;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A faulty CSMS: the sandbox with one deliberate defect, applied to the frames it sends. A variant
 * sees each CALLRESULT together with the station's CALL it answers, and each CALL the sandbox
 * sends, and may change it, drop it, delay it or answer with a CALLERROR instead.
 */
abstract class Variant {
  private final String name;
  private final String defect;

  Variant(String name, String defect) {
    this.name = name;
    this.defect = defect;
  }

  /** Short, for the matrix's columns. */
  final String name() {
    return name;
  }

  /** The defect in words. */
  final String defect() {
    return defect;
  }

  /**
   * The frame to send instead of {@code frame}, the CSMS's answer to the station's {@code action}
   * CALL with {@code request}; null drops it. Frames are {@code [3, id, payload]}.
   */
  @Nullable ArrayNode result(String action, JsonNode request, ArrayNode frame) {
    return frame;
  }

  /** The frame to send instead of the CALLERROR {@code frame} answering {@code action}. */
  @Nullable ArrayNode errorReply(String action, JsonNode request, ArrayNode frame) {
    return frame;
  }

  /**
   * The CALL to send instead of {@code frame} ({@code [2, id, action, payload]}); null drops it.
   */
  @Nullable ArrayNode call(String action, ArrayNode frame) {
    return frame;
  }

  /**
   * Whether the defect can show on {@code version} at all: a variant in what only 2.1 has is not
   * run against the 2.0.1 and 1.6 suites, which never send or answer what it changes (its cells
   * there stay empty).
   */
  boolean appliesTo(io.kilowire.core.ocpp.OcppVersion version) {
    return true;
  }

  /** How long to hold a frame back before it goes (zero: at once). */
  Duration delay(String action, ArrayNode frame) {
    return Duration.ZERO;
  }

  /** The WebSocket upgrade's Basic check, when the defect is there; null: the sandbox's own. */
  SandboxLinks.@Nullable Gate gate() {
    return null;
  }

  /** How it picks the WebSocket subprotocol, when the defect is there; null: the sandbox's. */
  SandboxLinks.@Nullable SubprotocolChoice subprotocols() {
    return null;
  }

  /**
   * How it judges ISO 15118 contract certificates, when the defect is there; null: the sandbox's.
   */
  io.kilowire.emulator.sandbox.@Nullable ContractCheck contractCheck() {
    return null;
  }

  // ------------------------------------------------------------------------ editing helpers

  static ObjectNode payload(ArrayNode frame) {
    return (ObjectNode) frame.get(frame.size() - 1);
  }

  /** Sets {@code path} (a.b.c) of the frame's payload to {@code value}, creating objects. */
  static ArrayNode set(ArrayNode frame, String path, Object value) {
    ObjectNode node = payload(frame);
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], Json.node(value));
    return frame;
  }

  /** Removes {@code path} (a.b.c) from the frame's payload. */
  static ArrayNode remove(ArrayNode frame, String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent = dot < 0 ? payload(frame) : Json.at(payload(frame), path.substring(0, dot));
    if (parent instanceof ObjectNode o) {
      o.remove(dot < 0 ? path : path.substring(dot + 1));
    }
    return frame;
  }

  /** A CALLERROR answering the frame's message id. */
  static ArrayNode error(ArrayNode frame, String code) {
    return Json.arr(4, frame.get(1).asText(), code, "fault injected by a test variant", Json.obj());
  }

  static boolean has(JsonNode node, String path, String value) {
    JsonNode v = Json.at(node, path);
    return v.isTextual() && v.textValue().equals(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
