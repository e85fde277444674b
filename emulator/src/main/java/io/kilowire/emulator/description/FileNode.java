package io.kilowire.emulator.description;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A node of a description file (a site, a station template, a scenario; YAML or JSON) with its
 * path, read field by field: each getter checks type and range, and every refusal names the field
 * ({@code evses[3].wiring: expected ...}) through the file kind's own exception.
 */
public final class FileNode {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|[smhd]?)");

  private final JsonNode json;
  private final String path;
  private final String root;
  private final Function<String, RuntimeException> errors;

  private FileNode(
      JsonNode json, String path, String root, Function<String, RuntimeException> errors) {
    this.json = json;
    this.path = path;
    this.root = root;
    this.errors = errors;
  }

  /**
   * The document's root.
   *
   * @param name how the root is named in messages, e.g. "site"
   * @param errors makes the file kind's exception from a message
   */
  public static FileNode root(
      JsonNode json, String name, Function<String, RuntimeException> errors) {
    return new FileNode(json, "", name, errors);
  }

  /**
   * A description file as read: its text, whether it is YAML ({@code .yaml}, {@code .yml}; anything
   * else is JSON), and its name without the extension (the default name of what it describes).
   */
  public record Source(String text, boolean yaml, String name) {
    public static Source read(Path file, Function<String, RuntimeException> errors) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw errors.apply("cannot read " + file + ": " + e.getMessage());
      }
      String fileName = file.getFileName().toString();
      String lower = fileName.toLowerCase(Locale.ROOT);
      return new Source(
          text,
          lower.endsWith(".yaml") || lower.endsWith(".yml"),
          fileName.replaceFirst("\\.(?i)(ya?ml|json)$", ""));
    }
  }

  /** Parses {@code text} as YAML or JSON; an unreadable text or a non-object is refused. */
  public static FileNode parse(
      String text, boolean yaml, String name, Function<String, RuntimeException> errors) {
    JsonNode node;
    try {
      node = (yaml ? YAML : JSON).readTree(text);
    } catch (JacksonException e) {
      throw errors.apply("not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw errors.apply("the " + name + " must be an object");
    }
    return root(node, name, errors);
  }

  /** The node as parsed. */
  public JsonNode json() {
    return json;
  }

  public String path() {
    return path;
  }

  public RuntimeException error(String problem) {
    return errors.apply((path.isEmpty() ? root : path) + ": " + problem);
  }

  private String child(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  public @Nullable FileNode opt(String field) {
    JsonNode v = json.get(field);
    return v == null || v.isNull() ? null : new FileNode(v, child(field), root, errors);
  }

  public FileNode req(String field) {
    if (!json.isObject()) {
      throw error("expected an object");
    }
    FileNode n = opt(field);
    if (n == null) {
      throw errors.apply(child(field) + ": required");
    }
    return n;
  }

  public void only(String... fields) {
    if (!json.isObject()) {
      throw error("expected an object");
    }
    Set<String> known = Set.of(fields);
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw errors.apply(child(f) + ": unknown field (known: " + String.join(", ", fields) + ")");
      }
    }
  }

  public boolean isText() {
    return json.isTextual();
  }

  public String text() {
    if (!json.isTextual()) {
      throw error("expected a string");
    }
    return json.asText();
  }

  public String optText(String field, String fallback) {
    FileNode n = opt(field);
    return n == null ? fallback : n.text();
  }

  public double number() {
    if (!json.isNumber()) {
      throw error("expected a number");
    }
    double v = json.asDouble();
    if (!Double.isFinite(v)) {
      throw error("expected a finite number");
    }
    return v;
  }

  public double number(double min, double max) {
    double v = number();
    if (v < min || v > max) {
      throw error("expected a number from " + fmt(min) + " to " + fmt(max) + ", not " + fmt(v));
    }
    return v;
  }

  public double positive() {
    double v = number();
    if (!(v > 0)) {
      throw error("expected a number above 0, not " + fmt(v));
    }
    return v;
  }

  public double optNumber(String field, double fallback, double min, double max) {
    FileNode n = opt(field);
    return n == null ? fallback : n.number(min, max);
  }

  public @Nullable Double optPositive(String field) {
    FileNode n = opt(field);
    return n == null ? null : n.positive();
  }

  public boolean optBoolean(String field, boolean fallback) {
    FileNode n = opt(field);
    if (n == null) {
      return fallback;
    }
    if (!n.json.isBoolean()) {
      throw n.error("expected true or false");
    }
    return n.json.asBoolean();
  }

  public int integer(int min, int max) {
    if (!json.isIntegralNumber()) {
      throw error("expected a whole number");
    }
    long v = json.asLong();
    if (v < min || v > max) {
      throw error("expected a whole number from " + min + " to " + max + ", not " + v);
    }
    return (int) v;
  }

  public List<FileNode> array() {
    if (!json.isArray()) {
      throw error("expected a list");
    }
    List<FileNode> out = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      out.add(new FileNode(json.get(i), path + "[" + i + "]", root, errors));
    }
    return out;
  }

  public List<FileNode> nonEmptyArray() {
    List<FileNode> out = array();
    if (out.isEmpty()) {
      throw error("expected at least one entry");
    }
    return out;
  }

  public LocalTime timeOfDay() {
    String t = json.isTextual() ? json.asText() : "";
    try {
      return LocalTime.parse(t.length() == 4 ? "0" + t : t);
    } catch (DateTimeException e) {
      throw error("expected a time of day like \"08:00\"");
    }
  }

  public Duration duration() {
    Duration d = durationOrZero();
    if (d.isZero()) {
      throw error("must be longer than zero");
    }
    return d;
  }

  /** As {@link #duration()}, zero allowed. */
  public Duration durationOrZero() {
    Matcher m = DURATION.matcher(json.isTextual() ? json.asText().trim() : "");
    if (!m.matches()) {
      throw error("expected a duration like \"1s\", \"15m\" or \"2h\"");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofSeconds(n);
        };
    return d;
  }

  /** A number (the same on every phase) or a list of three, L1..L3. */
  public PhaseCurrents phaseCurrents() {
    if (json.isArray()) {
      List<FileNode> a = array();
      if (a.size() != 3) {
        throw error("expected one number or three (L1, L2, L3)");
      }
      return new PhaseCurrents(
          a.get(0).number(0, 10_000), a.get(1).number(0, 10_000), a.get(2).number(0, 10_000));
    }
    return PhaseCurrents.all(number(0, 10_000));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
