package io.kilowire.conformance.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One tool validation: the field at {@code path} of a received payload meets {@code expectation};
 * {@code requirement} is the OCPP requirement it checks, empty when the case names none.
 */
public record Check(String path, Expectation expectation, String requirement) {
  /** The failure, if {@code payload} does not pass. */
  public Optional<String> verify(JsonNode payload, CaseContext ctx) {
    JsonNode value = Json.at(payload, path);
    String mismatch = expectation.mismatch(value, ctx);
    if (mismatch == null) {
      return Optional.empty();
    }
    return Optional.of(
        (path.isEmpty() ? "payload" : path)
            + ": expected "
            + expectation.describe(ctx)
            + ", got "
            + mismatch);
  }

  /** The check in words, for reports. */
  public String describe(CaseContext ctx) {
    return (path.isEmpty() ? "payload" : path) + " " + expectation.describe(ctx);
  }
}
