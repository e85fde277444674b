package io.kilowire.hardware.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses and checks the site meter's payload: {@code {"ts":"<RFC 3339>","a":[l1,l2,l3],"w":total}}.
 * A payload either becomes a {@link GridReading} or is rejected with a {@link Rejected} saying why;
 * nothing is defaulted, because a defaulted field would read as zero load.
 */
final class GridPayload {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A payload that yields no reading. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final GridFault.Kind kind;

    Rejected(GridFault.Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }
  }

  private final double maxCurrentA;
  private final double maxPowerW;

  GridPayload(double maxCurrentA, double maxPowerW) {
    this.maxCurrentA = maxCurrentA;
    this.maxPowerW = maxPowerW;
  }

  GridReading parse(byte[] payload) throws Rejected {
    JsonNode root;
    try {
      root = MAPPER.readTree(new String(payload, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw malformed("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw malformed("not a JSON object");
    }
    JsonNode ts = root.get("ts");
    if (ts == null || !ts.isTextual()) {
      throw malformed("\"ts\" missing or not a string");
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(ts.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed("\"ts\" is not an RFC 3339 date-time: " + ts.asText());
    }
    JsonNode a = root.get("a");
    if (a == null || !a.isArray() || a.size() != 3) {
      throw malformed("\"a\" missing or not an array of three phase currents");
    }
    double[] amps = new double[3];
    for (int i = 0; i < 3; i++) {
      amps[i] = number(a.get(i), "a[" + i + "]");
      // RMS currents are magnitudes: a negative value means a broken meter or a wiring fault.
      if (!(amps[i] >= 0 && amps[i] <= maxCurrentA)) {
        throw outOfRange("a[" + i + "]=" + amps[i] + " outside [0, " + maxCurrentA + "] A");
      }
    }
    double w = number(root.get("w"), "w");
    // Power is signed: a site with PV exports, so only the magnitude is bounded.
    if (!(Math.abs(w) <= maxPowerW)) {
      throw outOfRange("w=" + w + " outside ±" + maxPowerW + " W");
    }
    return new GridReading(at, amps[0], amps[1], amps[2], w);
  }

  private static double number(JsonNode node, String name) throws Rejected {
    if (node == null || !node.isNumber()) {
      throw malformed("\"" + name + "\" missing or not a number");
    }
    double v = node.doubleValue();
    // A literal such as 1e999 parses as infinity: valid JSON, impossible measurement.
    if (!Double.isFinite(v)) {
      throw outOfRange(name + " is not finite");
    }
    return v;
  }

  private static Rejected malformed(String message) {
    return new Rejected(GridFault.Kind.MALFORMED, message);
  }

  private static Rejected outOfRange(String message) {
    return new Rejected(GridFault.Kind.OUT_OF_RANGE, message);
  }
}
