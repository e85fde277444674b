package io.kilowire.conformance.script;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A payload template: the JSON object a step sends, built when the step runs. */
@FunctionalInterface
public interface Payload {
  ObjectNode build(CaseContext ctx);

  /** A fixed payload (copied on each use, so a step cannot change it for the next). */
  static Payload of(ObjectNode fixed) {
    return ctx -> fixed.deepCopy();
  }

  /** The empty object {@code {}}. */
  static Payload empty() {
    return ctx -> Json.obj();
  }
}
