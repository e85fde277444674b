package io.kilowire.conformance.script;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** What a field of a received payload must be. */
public interface Expectation {
  /**
   * Null when {@code value} meets the expectation, else what is wrong with it.
   *
   * @param value the field, a missing node when absent
   */
  @Nullable String mismatch(JsonNode value, CaseContext ctx);

  /** The expectation in words, e.g. {@code one of Invalid, Unknown}. */
  String describe(CaseContext ctx);
}
