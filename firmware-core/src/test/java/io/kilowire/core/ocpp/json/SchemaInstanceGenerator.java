package io.kilowire.core.ocpp.json;

import static io.kilowire.core.ocpp.json.SchemaNodes.decimalKeyword;
import static io.kilowire.core.ocpp.json.SchemaNodes.intKeyword;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds schema-valid JSON for an OCPP schema from a seeded {@link Random}: the same seed gives the
 * same instances, so a failure can be replayed from the seed it prints.
 *
 * <p>Instances come in four profiles: {@link Profile#MINIMAL} (required properties only), {@link
 * Profile#FULL} (every optional property, random values), and two boundary profiles that put every
 * constrained value on its limit. Enum values rotate per enum node, and {@link #instances} adds
 * full instances until every value of every enum has appeared.
 */
public final class SchemaInstanceGenerator {
  /** The most elements a boundary instance puts in an array without a smaller maxItems. */
  public static final int ARRAY_CAP = 4;

  /** Longest string or URI used where the schema sets no maxLength. */
  static final int UNBOUNDED_STRING = 120;

  /** The most full instances {@link #instances} adds to cover enum values. */
  static final int MAX_ENUM_SWEEP = 40;

  public enum Profile {
    /** Required properties only, arrays at minItems. */
    MINIMAL,
    /** Every property, random values and array sizes, properties in random order. */
    FULL,
    /** Every property; strings at maxLength, arrays at min(maxItems, cap), bounds at maximum. */
    BOUNDARY_MAX,
    /** Every property; empty strings, arrays at minItems, bounds at minimum. */
    BOUNDARY_MIN
  }

  /** One generated instance and what it is, for failure messages. */
  public record Instance(String label, JsonNode json) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Mostly ASCII (with JSON's escape-worthy characters), some Latin-1, BMP and astral ones. */
  private static final int[] ASCII_EXTRAS = {' ', '"', '\\', '/', '\'', '-', '_', '.', ':', '#'};

  private static final int[] WIDE = {0xE9, 0xDF, 0xD8, 0x3A9, 0x20AC, 0x4E2D, 0x10D0};
  private static final int[] ASTRAL = {0x1F600, 0x1D11E, 0x1F50C, 0x20BB7};

  private final JsonNode root;
  private final boolean draft04;
  private final Random random;
  private final Map<JsonNode, Integer> enumVisits = new IdentityHashMap<>();
  private final Map<JsonNode, Integer> enumOffsets = new IdentityHashMap<>();

  /**
   * @param root the schema file's root node
   * @param draft04 whether the schema is draft-04, where {@code 2.0} is not an integer
   */
  public SchemaInstanceGenerator(JsonNode root, boolean draft04, Random random) {
    this.root = root;
    this.draft04 = draft04;
    this.random = random;
  }

  /** The generator for a schema file, seeded from its name (see {@link SchemaSeeds}). */
  public static SchemaInstanceGenerator seeded(OcppSchemas.SchemaFile schema) {
    return new SchemaInstanceGenerator(
        schema.root(), schema.draft04(), SchemaSeeds.random(schema.toString()));
  }

  /** One instance of the whole payload. */
  public JsonNode generate(Profile profile) {
    return value(root, profile);
  }

  /** One instance of a part of the schema, e.g. an array's items. */
  public JsonNode generate(JsonNode schema, Profile profile) {
    return value(schema, profile);
  }

  /**
   * Minimal, full, both boundaries, {@code extraFull} more full ones, then further full ones until
   * each value of every reachable enum has been used.
   */
  public List<Instance> instances(int extraFull) {
    List<Instance> out = new ArrayList<>();
    out.add(new Instance("minimal", generate(Profile.MINIMAL)));
    out.add(new Instance("full", generate(Profile.FULL)));
    out.add(new Instance("boundary-max", generate(Profile.BOUNDARY_MAX)));
    out.add(new Instance("boundary-min", generate(Profile.BOUNDARY_MIN)));
    for (int i = 0; i < extraFull; i++) {
      out.add(new Instance("full#" + (i + 1), generate(Profile.FULL)));
    }
    Set<JsonNode> enums = SchemaNodes.reachableEnums(root);
    for (int i = 0; i < MAX_ENUM_SWEEP && !allUsed(enums); i++) {
      out.add(new Instance("enum-sweep#" + (i + 1), generate(Profile.FULL)));
    }
    return out;
  }

  private boolean allUsed(Set<JsonNode> enums) {
    for (JsonNode e : enums) {
      if (enumVisits.getOrDefault(e, 0) < e.get("enum").size()) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------------ values

  private JsonNode value(JsonNode schema, Profile profile) {
    JsonNode s = SchemaNodes.resolve(schema, root);
    if (SchemaNodes.isEnum(s)) {
      return NODES.textNode(nextEnumValue(s));
    }
    String type = SchemaNodes.type(s);
    if (type == null) {
      return anyJson(0);
    }
    return switch (type) {
      case "object" -> object(s, profile);
      case "array" -> array(s, profile);
      case "string" -> string(s, profile);
      case "integer" -> integer(s, profile);
      case "number" -> number(s, profile);
      case "boolean" ->
          NODES.booleanNode(
              profile == Profile.BOUNDARY_MAX
                  || (profile != Profile.BOUNDARY_MIN && random.nextBoolean()));
      default -> throw new IllegalStateException("unsupported schema type " + type);
    };
  }

  /** Rotates through the enum's values from a random start, one step per use. */
  private String nextEnumValue(JsonNode s) {
    JsonNode values = s.get("enum");
    int offset = enumOffsets.computeIfAbsent(s, k -> random.nextInt(values.size()));
    int visit = enumVisits.merge(s, 1, Integer::sum) - 1;
    return values.get((offset + visit) % values.size()).textValue();
  }

  private ObjectNode object(JsonNode s, Profile profile) {
    Set<String> required = SchemaNodes.required(s);
    List<String> names = new ArrayList<>();
    s.path("properties").fieldNames().forEachRemaining(names::add);
    if (profile == Profile.MINIMAL) {
      names.removeIf(n -> !required.contains(n));
    }
    if (profile == Profile.FULL) {
      Collections.shuffle(names, random); // the codec must not depend on property order
    }
    ObjectNode out = NODES.objectNode();
    for (String name : names) {
      out.set(name, value(s.get("properties").get(name), profile));
    }
    if (!SchemaNodes.closed(s) && (profile == Profile.FULL || profile == Profile.BOUNDARY_MAX)) {
      // An open object (2.0.1 customData) carries vendor extensions of any JSON type.
      out.put("kilowireNote", text(random.nextInt(12)));
      out.set("kilowireReading", NODES.numberNode(decimal(3)));
      ObjectNode nested = out.putObject("kilowireNested");
      nested.putNull("cleared");
      nested.putArray("flags").add(true).add(false);
    }
    return out;
  }

  private ArrayNode array(JsonNode s, Profile profile) {
    Integer minItems = intKeyword(s, "minItems");
    Integer maxItems = intKeyword(s, "maxItems");
    int min = minItems == null ? 0 : minItems;
    int max = maxItems == null ? Integer.MAX_VALUE : maxItems;
    int size =
        switch (profile) {
          case MINIMAL, BOUNDARY_MIN -> min;
          case BOUNDARY_MAX -> Math.max(min, Math.min(max, ARRAY_CAP));
          case FULL -> {
            int lo = Math.max(min, 1);
            int hi = Math.max(lo, Math.min(max, 3));
            yield lo + random.nextInt(hi - lo + 1);
          }
        };
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < size; i++) {
      out.add(value(s.get("items"), profile));
    }
    return out;
  }

  private JsonNode string(JsonNode s, Profile profile) {
    Integer maxLength = intKeyword(s, "maxLength");
    if (SchemaNodes.isDateTime(s)) {
      return NODES.textNode(dateTime(profile));
    }
    int limit = maxLength == null ? UNBOUNDED_STRING : maxLength;
    if (SchemaNodes.isUri(s)) {
      return NODES.textNode(uri(profile, limit));
    }
    int length =
        switch (profile) {
          case BOUNDARY_MAX -> limit;
          case BOUNDARY_MIN -> 0;
          case MINIMAL -> random.nextInt(Math.min(limit, 8) + 1);
          case FULL -> random.nextInt(Math.min(limit, 32) + 1);
        };
    if (profile == Profile.BOUNDARY_MAX && length >= 1) {
      // An astral character up front: maxLength counts characters, not UTF-16 units.
      return NODES.textNode(new StringBuilder().appendCodePoint(pick(ASTRAL)) + text(length - 1));
    }
    return NODES.textNode(text(length));
  }

  /** {@code length} Unicode characters (code points), printable, some outside the BMP. */
  private String text(int length) {
    StringBuilder out = new StringBuilder(length + 8);
    for (int i = 0; i < length; i++) {
      int r = random.nextInt(100);
      int cp;
      if (r < 70) {
        cp =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                .charAt(random.nextInt(62));
      } else if (r < 82) {
        cp = pick(ASCII_EXTRAS);
      } else if (r < 94) {
        cp = pick(WIDE);
      } else {
        cp = pick(ASTRAL);
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  /** An absolute URI; at the upper boundary exactly {@code limit} characters long. */
  private String uri(Profile profile, int limit) {
    String[] schemes = {"https://", "ftp://", "http://", "ftps://"};
    String base = pick(schemes) + "files" + random.nextInt(100) + ".example.org/";
    if (profile == Profile.BOUNDARY_MIN) {
      return "ftp://h";
    }
    int length =
        profile == Profile.BOUNDARY_MAX
            ? limit
            : Math.min(limit, base.length() + 1 + random.nextInt(30));
    StringBuilder out = new StringBuilder(base);
    String safe = "abcdefghijklmnopqrstuvwxyz0123456789-_.~";
    while (out.length() < length) {
      out.append(out.length() % 9 == 0 ? '/' : safe.charAt(random.nextInt(safe.length())));
    }
    return out.substring(0, Math.max(length, "ftp://h".length()));
  }

  /** RFC 3339 in UTC: 'Z' or +00:00, any fraction from none to nanoseconds, rarely lower case. */
  private String dateTime(Profile profile) {
    if (profile == Profile.BOUNDARY_MAX) {
      return "9999-12-31T23:59:59.999999999Z";
    }
    if (profile == Profile.BOUNDARY_MIN) {
      return "0001-01-01T00:00:00Z";
    }
    long seconds = 946_684_800L + (long) (random.nextDouble() * 3_155_760_000L); // 2000..2100
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(),
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond()));
    int[] fractionDigits = {0, 0, 1, 3, 3, 6, 9};
    int digits = fractionDigits[random.nextInt(fractionDigits.length)];
    if (digits > 0) {
      out.append('.');
      for (int i = 0; i < digits; i++) {
        out.append((char) ('0' + random.nextInt(10)));
      }
    }
    int suffix = random.nextInt(10);
    if (suffix < 7) {
      out.append('Z');
    } else if (suffix < 9) {
      out.append("+00:00");
    } else {
      // RFC 3339 5.6: 'T' and 'Z' may be written in lower case.
      return out.toString().replace('T', 't') + "z";
    }
    return out.toString();
  }

  private JsonNode integer(JsonNode s, Profile profile) {
    BigDecimal minimum = decimalKeyword(s, "minimum");
    BigDecimal maximum = decimalKeyword(s, "maximum");
    long lo =
        minimum == null
            ? Integer.MIN_VALUE
            : minimum.setScale(0, RoundingMode.CEILING).longValueExact();
    long hi =
        maximum == null
            ? Integer.MAX_VALUE
            : maximum.setScale(0, RoundingMode.FLOOR).longValueExact();
    long v =
        switch (profile) {
          case BOUNDARY_MAX -> hi;
          case BOUNDARY_MIN -> lo;
          case MINIMAL, FULL -> {
            if (minimum != null || maximum != null || random.nextBoolean()) {
              long a = Math.max(lo, -1000);
              long b = Math.min(hi, Math.max(a, 100_000));
              yield a + (long) (random.nextDouble() * (b - a + 1));
            }
            yield random.nextInt();
          }
        };
    if (!draft04 && profile == Profile.FULL && random.nextInt(6) == 0) {
      // Draft-06 counts 5.0 (and 5E+1) as an integer: the codec must too.
      BigDecimal d = BigDecimal.valueOf(v);
      return DecimalNode.valueOf(random.nextBoolean() ? d.setScale(1) : d.stripTrailingZeros());
    }
    return NODES.numberNode(v);
  }

  private JsonNode number(JsonNode s, Profile profile) {
    BigDecimal minimum = decimalKeyword(s, "minimum");
    BigDecimal maximum = decimalKeyword(s, "maximum");
    BigDecimal step = decimalKeyword(s, "multipleOf");
    BigDecimal v =
        switch (profile) {
          case BOUNDARY_MAX -> maximum != null ? maximum : new BigDecimal("987654321.125");
          case BOUNDARY_MIN -> minimum != null ? minimum : new BigDecimal("-987654321.125");
          case MINIMAL, FULL -> decimal(3);
        };
    if (minimum != null && v.compareTo(minimum) < 0) {
      v = minimum;
    }
    if (maximum != null && v.compareTo(maximum) > 0) {
      v = maximum;
    }
    if (step != null) {
      // Round towards the inside of the bounds so the multiple stays within them.
      BigDecimal k = v.divide(step, 0, v.signum() < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
      v = k.multiply(step);
    }
    if (profile == Profile.FULL) {
      int form = random.nextInt(6);
      if (form == 0) {
        v = v.stripTrailingZeros(); // may print as 1.2E+3
      } else if (form == 1) {
        v = v.setScale(v.scale() + 1); // a trailing zero: same value, other digits
      }
    }
    return DecimalNode.valueOf(v);
  }

  /** A decimal of moderate size with up to {@code maxScale} fraction digits, either sign. */
  private BigDecimal decimal(int maxScale) {
    long unscaled = (long) ((random.nextDouble() * 2 - 1) * 10_000_000L);
    return BigDecimal.valueOf(unscaled, random.nextInt(maxScale + 1));
  }

  /** Any JSON value but a top-level null (2.0.1 DataTransfer data has no type). */
  private JsonNode anyJson(int depth) {
    int choice = random.nextInt(depth >= 2 ? 4 : 6);
    return switch (choice) {
      case 0 -> NODES.textNode(text(random.nextInt(16)));
      case 1 -> DecimalNode.valueOf(decimal(4));
      case 2 -> NODES.booleanNode(random.nextBoolean());
      case 3 -> depth == 0 ? NODES.numberNode(random.nextInt()) : NODES.nullNode();
      case 4 -> {
        ObjectNode o = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.set("k" + i, anyJson(depth + 1));
        }
        yield o;
      }
      default -> {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(anyJson(depth + 1));
        }
        yield a;
      }
    };
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
