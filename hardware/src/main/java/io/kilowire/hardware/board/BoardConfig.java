package io.kilowire.hardware.board;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The station's boards, read from a small JSON file (example: {@code
 * hardware/examples/station.json}):
 *
 * <pre>{@code
 * {
 *   "maxCurrentA": 32,             optional, default 32: what the hardware carries per phase
 *   "contactorTimeoutMs": 2000,    optional, default 2000: contactor feedback, either way
 *   "meterPollMs": 1000,           optional, default 1000
 *   "meterStaleSeconds": 11,       optional, default 11: an older site reading is no reading
 *   "evses": [                     required, one entry per EVSE; evses[0] is EVSE 1
 *     { "rapi": { "port": "/dev/ttyUSB0",      required
 *                 "baud": 115200,              optional, default 115200
 *                 "heartbeatSeconds": 10,      optional, default 10: the board's lease ($SY)
 *                 "failsafeCurrentA": 6 },     optional, default 6; 0 pauses charging
 *       "meter": { "port": "/dev/ttyUSB1",     required
 *                  "baud": 9600,               optional, default 9600
 *                  "unit": 11,                 required, 1..247
 *                  "model": "sdm630" } }       required, sdm630 | sdm120
 *   ],
 *   "siteMeter": { "modbus": { ...as meter... } }   optional, or
 *   "siteMeter": { "coap": "coap://10.0.0.5/grid" }
 * }
 * }</pre>
 *
 * Every error names the field it is about ({@code evses[1].rapi.port: required}); unknown fields
 * are errors too, so a typo never silently means a default.
 */
public record BoardConfig(
    double maxCurrentA,
    Duration contactorTimeout,
    Duration meterPoll,
    Duration meterStaleAfter,
    List<Evse> evses,
    @Nullable SiteMeterConfig siteMeter) {

  public BoardConfig {
    evses = List.copyOf(evses);
  }

  /** One EVSE: its OpenEVSE board and its meter. */
  public record Evse(Rapi rapi, Meter meter) {}

  /** An OpenEVSE board on a serial port. */
  public record Rapi(String port, int baud, int heartbeatSeconds, int failsafeCurrentA) {}

  /** A Modbus RTU meter on a serial port. */
  public record Meter(String port, int baud, int unit, Model model) {}

  /** Supported meter models. */
  public enum Model {
    SDM630,
    SDM120
  }

  /** Where the site's grid reading comes from. */
  public sealed interface SiteMeterConfig {}

  public record ModbusSite(Meter meter) implements SiteMeterConfig {}

  public record CoapSite(URI uri) implements SiteMeterConfig {}

  /** A config file that cannot be used; the message names the field. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }

  /** Reads and checks {@code file}. */
  public static BoardConfig load(Path file) throws Invalid, IOException {
    return parse(Files.readString(file));
  }

  /** Parses and checks a configuration. */
  public static BoardConfig parse(String json) throws Invalid {
    ObjectMapper mapper = new ObjectMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new Invalid(
          "not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("(root): must be an object");
    }
    Node top = new Node(root, "");
    top.only(
        "maxCurrentA",
        "contactorTimeoutMs",
        "meterPollMs",
        "meterStaleSeconds",
        "evses",
        "siteMeter");
    double maxCurrentA = top.number("maxCurrentA", 32, 6, 80);
    Duration contactor = Duration.ofMillis(top.integer("contactorTimeoutMs", 2000, 50, 60_000));
    Duration poll = Duration.ofMillis(top.integer("meterPollMs", 1000, 100, 60_000));
    Duration stale = Duration.ofSeconds(top.integer("meterStaleSeconds", 11, 1, 3600));
    JsonNode list = top.required("evses");
    if (!list.isArray() || list.isEmpty()) {
      throw new Invalid("evses: must be a non-empty array");
    }
    List<Evse> evses = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Node e = top.object(list.get(i), "evses[" + i + "]");
      e.only("rapi", "meter");
      Node r = e.child("rapi");
      r.only("port", "baud", "heartbeatSeconds", "failsafeCurrentA");
      Rapi rapi =
          new Rapi(
              r.text("port"),
              r.integer("baud", 115_200, 300, 4_000_000),
              r.integer("heartbeatSeconds", 10, 1, 255),
              r.integer("failsafeCurrentA", 6, 0, 80));
      if (rapi.failsafeCurrentA() > 0 && rapi.failsafeCurrentA() < 6) {
        throw new Invalid(r.path("failsafeCurrentA") + ": must be 0 (pause) or 6..80");
      }
      evses.add(new Evse(rapi, meter(e.child("meter"))));
    }
    SiteMeterConfig site = null;
    if (root.has("siteMeter")) {
      Node s = top.child("siteMeter");
      s.only("modbus", "coap");
      if (s.has("modbus") == s.has("coap")) {
        throw new Invalid("siteMeter: exactly one of modbus, coap");
      }
      site = s.has("modbus") ? new ModbusSite(meter(s.child("modbus"))) : new CoapSite(coap(s));
    }
    return new BoardConfig(maxCurrentA, contactor, poll, stale, evses, site);
  }

  private static Meter meter(Node m) throws Invalid {
    m.only("port", "baud", "unit", "model");
    String port = m.text("port");
    int baud = m.integer("baud", 9600, 300, 4_000_000);
    int unit = m.integer("unit", null, 1, 247);
    String model = m.text("model");
    Model parsed =
        switch (model.toLowerCase(Locale.ROOT)) {
          case "sdm630" -> Model.SDM630;
          case "sdm120" -> Model.SDM120;
          default -> throw new Invalid(m.path("model") + ": sdm630 or sdm120, not '" + model + "'");
        };
    return new Meter(port, baud, unit, parsed);
  }

  private static URI coap(Node s) throws Invalid {
    String text = s.text("coap");
    try {
      URI uri = new URI(text);
      if (!"coap".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new Invalid(s.path("coap") + ": a coap://host[:port]/path URI, not '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new Invalid(s.path("coap") + ": not a URI: " + e.getMessage());
    }
  }

  /** An object in the file and its path, for messages. */
  private record Node(JsonNode node, String at) {
    String path(String field) {
      return at.isEmpty() ? field : at + "." + field;
    }

    boolean has(String field) {
      return node.has(field);
    }

    void only(String... fields) throws Invalid {
      Set<String> known = Set.of(fields);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!known.contains(f)) {
          throw new Invalid(
              path(f) + ": unknown field (expected one of " + String.join(", ", fields) + ")");
        }
      }
    }

    JsonNode required(String field) throws Invalid {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        throw new Invalid(path(field) + ": required");
      }
      return v;
    }

    Node object(JsonNode v, String where) throws Invalid {
      if (!v.isObject()) {
        throw new Invalid(where + ": must be an object");
      }
      return new Node(v, where);
    }

    Node child(String field) throws Invalid {
      return object(required(field), path(field));
    }

    String text(String field) throws Invalid {
      JsonNode v = required(field);
      if (!v.isTextual() || v.asText().isBlank()) {
        throw new Invalid(path(field) + ": must be a non-empty string");
      }
      return v.asText();
    }

    int integer(String field, @Nullable Integer dflt, int min, int max) throws Invalid {
      JsonNode v = node.get(field);
      if (v == null && dflt != null) {
        return dflt;
      }
      v = required(field);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw new Invalid(path(field) + ": must be a whole number");
      }
      int i = v.intValue();
      if (i < min || i > max) {
        throw new Invalid(path(field) + ": must be " + min + ".." + max + ", not " + i);
      }
      return i;
    }

    double number(String field, double dflt, double min, double max) throws Invalid {
      JsonNode v = node.get(field);
      if (v == null) {
        return dflt;
      }
      if (!v.isNumber()) {
        throw new Invalid(path(field) + ": must be a number");
      }
      double d = v.doubleValue();
      if (!(d >= min && d <= max)) {
        throw new Invalid(path(field) + ": must be " + min + ".." + max + ", not " + d);
      }
      return d;
    }
  }
}
