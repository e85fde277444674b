package io.kilowire.conformance.lab;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kilowire.conformance.script.TokenRole;
import io.kilowire.core.ocpp.OcppVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a lab configuration from YAML ({@code .yaml}, {@code .yml}) or JSON. Every problem is a
 * {@link LabConfigurationException} whose message starts with the field's path, e.g. {@code
 * stations[1].securityProfile: expected 0, 1, 2 or 3, got 5}; a field the format does not know is
 * refused by name, so a misspelt one cannot be silently ignored.
 */
public final class LabConfigurationParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final Pattern DRIVER = Pattern.compile("prompt|builtin|exec:.+|http://.+|http:.+");

  /** The defaults of every optional field; also the built-in sandbox run's configuration. */
  public static final Map<TokenRole, LabConfiguration.Token> DEFAULT_TOKENS = defaultTokens();

  private LabConfigurationParser() {}

  public static LabConfiguration read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new LabConfigurationException("cannot read " + file + ": " + e.getMessage());
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, name.endsWith(".yaml") || name.endsWith(".yml"), dir);
  }

  public static LabConfiguration parse(String text, boolean yaml) {
    return parse(text, yaml, Path.of("."));
  }

  /** Parses {@code text}; certificate paths are relative to {@code baseDir}. */
  public static LabConfiguration parse(String text, boolean yaml, Path baseDir) {
    JsonNode root;
    try {
      root = (yaml ? YAML : JSON).readTree(text);
    } catch (JacksonException e) {
      throw new LabConfigurationException(
          "not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new LabConfigurationException(
          "the configuration must be an object with csms, protocol, stations, ...");
    }
    return configuration(new Field(root, ""), baseDir);
  }

  /**
   * The configuration of a run without a file: one station {@code KWC-SP1} on security profile 1,
   * two EVSEs, the default tokens, {@code features} declared.
   */
  public static LabConfiguration defaults(
      URI csms, OcppVersion protocol, String driver, Set<String> features) {
    return new LabConfiguration(
        csms,
        protocol,
        List.of(new LabConfiguration.Station("KWC-SP1", 1, "kilowire-sandbox-01")),
        List.of(new LabConfiguration.Evse(1, 1), new LabConfiguration.Evse(2, 1)),
        DEFAULT_TOKENS,
        features,
        driver,
        new LabConfiguration.Timeouts(
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            Duration.ofSeconds(60)),
        defaultIdentity(),
        defaultSmartCharging(),
        defaultNetworkProfile(csms),
        null);
  }

  /** Where the suite's OCSP responder listens unless the lab says: any free port on 127.0.0.1. */
  public static final URI DEFAULT_OCSP_RESPONDER = URI.create("http://127.0.0.1:0/ocsp");

  private static LabConfiguration configuration(Field root, Path baseDir) {
    root.only(
        "csms",
        "protocol",
        "stations",
        "evses",
        "tokens",
        "features",
        "driver",
        "timeouts",
        "identity",
        "smartCharging",
        "networkProfile",
        "contracts");
    URI csms = url(root.required("csms"));
    OcppVersion protocol = protocol(root.required("protocol"));
    List<LabConfiguration.Station> stations = new ArrayList<>();
    Field list = root.required("stations");
    list.mustBeArray();
    Set<String> ids = new LinkedHashSet<>();
    for (Field s : list.elements()) {
      LabConfiguration.Station station = station(s, baseDir);
      if (!ids.add(station.id())) {
        throw s.field("id").problem("station " + station.id() + " is listed twice");
      }
      stations.add(station);
    }
    if (stations.isEmpty()) {
      throw list.problem("list at least one station");
    }
    List<LabConfiguration.Evse> evses = new ArrayList<>();
    Field evseList = root.optional("evses");
    if (evseList == null) {
      evses.add(new LabConfiguration.Evse(1, 1));
    } else {
      evseList.mustBeArray();
      for (Field e : evseList.elements()) {
        e.only("id", "connectors");
        int id = e.required("id").integer(1, 9999);
        int connectors = e.optionalInteger("connectors", 1, 1, 99);
        evses.add(new LabConfiguration.Evse(id, connectors));
      }
      if (evses.isEmpty()) {
        throw evseList.problem("list at least one EVSE");
      }
    }
    Map<TokenRole, LabConfiguration.Token> tokens = tokens(root.optional("tokens"));
    Set<String> features = new LinkedHashSet<>();
    Field featureList = root.optional("features");
    if (featureList != null) {
      featureList.mustBeArray();
      for (Field f : featureList.elements()) {
        String id = f.text();
        if (!id.matches("[A-Z]{1,3}-\\d{1,2}(\\.\\d{1,2})?")) {
          throw f.problem("expected a feature id such as C-11, SC-4 or AQ-6, got " + id);
        }
        features.add(id);
      }
    }
    Field driverField = root.optional("driver");
    String driver = driverField == null ? "prompt" : driverField.text();
    if (!DRIVER.matcher(driver).matches()) {
      throw driverField.problem("expected prompt, exec:COMMAND or http:URL, got " + driver);
    }
    LabConfiguration.Timeouts timeouts = timeouts(root.optional("timeouts"));
    return new LabConfiguration(
        csms,
        protocol,
        stations,
        evses,
        tokens,
        features,
        driver,
        timeouts,
        identity(root.optional("identity")),
        smartCharging(root.optional("smartCharging")),
        networkProfile(root.optional("networkProfile"), csms),
        contracts(root.optional("contracts"), baseDir));
  }

  private static LabConfiguration.Station station(Field s, Path baseDir) {
    s.only("id", "securityProfile", "password", "caCertificate", "clientCertificate", "clientKey");
    String id = s.required("id").text();
    if (id.isEmpty() || id.length() > 48 || id.chars().anyMatch(Character::isISOControl)) {
      throw s.field("id").problem("expected 1 to 48 printable characters");
    }
    int profile = s.optionalInteger("securityProfile", 0, 0, 3);
    Field passwordField = s.optional("password");
    String password = passwordField == null ? null : passwordField.text();
    if ((profile == 1 || profile == 2) && (password == null || password.isEmpty())) {
      throw s.field("password").problem("security profile " + profile + " needs a password");
    }
    if (password != null && (password.length() < 16 || password.length() > 40)) {
      throw s.field("password")
          .problem("a BasicAuthPassword has 16 to 40 characters, got " + password.length());
    }
    Path ca = optionalPemFile(s.optional("caCertificate"), baseDir);
    Path certificate = optionalPemFile(s.optional("clientCertificate"), baseDir);
    Path key = optionalPemFile(s.optional("clientKey"), baseDir);
    if (profile == 3 && (certificate == null || key == null)) {
      throw s.field(certificate == null ? "clientCertificate" : "clientKey")
          .problem("security profile 3 needs a client certificate and its key (PEM files)");
    }
    return new LabConfiguration.Station(id, profile, password, ca, certificate, key);
  }

  private static LabConfiguration.@Nullable Contracts contracts(
      @Nullable Field node, Path baseDir) {
    if (node == null) {
      return null;
    }
    node.only("rootCertificate", "rootKey", "ocspResponder");
    Path certificate = pemFile(node.required("rootCertificate"), baseDir);
    Path key = pemFile(node.required("rootKey"), baseDir);
    URI responder = DEFAULT_OCSP_RESPONDER;
    Field url = node.optional("ocspResponder");
    if (url != null) {
      try {
        responder = new URI(url.text());
      } catch (URISyntaxException e) {
        throw url.problem("not a URL: " + e.getMessage());
      }
      if (!"http".equals(responder.getScheme()) || responder.getHost() == null) {
        throw url.problem("expected an http:// URL with a host, got " + url.text());
      }
    }
    return new LabConfiguration.Contracts(certificate, key, responder);
  }

  private static @Nullable Path optionalPemFile(@Nullable Field f, Path baseDir) {
    return f == null ? null : pemFile(f, baseDir);
  }

  private static Path pemFile(Field f, Path baseDir) {
    Path p = baseDir.resolve(f.text());
    if (!Files.isReadable(p)) {
      throw f.problem("cannot read the PEM file " + p);
    }
    return p;
  }

  private static Map<TokenRole, LabConfiguration.Token> tokens(@Nullable Field node) {
    Map<TokenRole, LabConfiguration.Token> tokens = new EnumMap<>(TokenRole.class);
    tokens.putAll(DEFAULT_TOKENS);
    if (node == null) {
      return tokens;
    }
    String[] keys = new String[TokenRole.values().length];
    for (TokenRole role : TokenRole.values()) {
      keys[role.ordinal()] = role.key();
    }
    node.only(keys);
    for (TokenRole role : TokenRole.values()) {
      Field t = node.optional(role.key());
      if (t == null) {
        continue;
      }
      t.only("idToken", "type");
      String idToken = t.required("idToken").text();
      if (idToken.isEmpty() || idToken.length() > 36) {
        throw t.field("idToken").problem("expected 1 to 36 characters");
      }
      Field type = t.optional("type");
      tokens.put(
          role,
          new LabConfiguration.Token(
              idToken, type == null ? DEFAULT_TOKENS.get(role).type() : tokenType(type)));
    }
    return tokens;
  }

  private static String tokenType(Field f) {
    String type = f.text();
    List<String> known =
        List.of(
            "Central",
            "eMAID",
            "ISO14443",
            "ISO15693",
            "KeyCode",
            "Local",
            "MacAddress",
            "NoAuthorization");
    if (!known.contains(type)) {
      throw f.problem("expected one of " + String.join(", ", known) + ", got " + type);
    }
    return type;
  }

  private static LabConfiguration.Timeouts timeouts(@Nullable Field node) {
    Duration trigger = Duration.ofSeconds(30);
    Duration response = Duration.ofSeconds(10);
    Duration meterValues = Duration.ofSeconds(15);
    Duration reservation = Duration.ofSeconds(60);
    if (node != null) {
      node.only("trigger", "response", "meterValues", "reservation");
      Field t = node.optional("trigger");
      if (t != null) {
        trigger = duration(t);
      }
      Field r = node.optional("response");
      if (r != null) {
        response = duration(r);
      }
      Field m = node.optional("meterValues");
      if (m != null) {
        meterValues = duration(m);
      }
      Field v = node.optional("reservation");
      if (v != null) {
        reservation = duration(v);
      }
    }
    return new LabConfiguration.Timeouts(trigger, response, meterValues, reservation);
  }

  private static LabConfiguration.Identity identity(@Nullable Field node) {
    if (node == null) {
      return defaultIdentity();
    }
    node.only("vendorName", "model");
    LabConfiguration.Identity d = defaultIdentity();
    return new LabConfiguration.Identity(
        node.optionalText("vendorName", d.vendorName()), node.optionalText("model", d.model()));
  }

  private static LabConfiguration.SmartCharging smartCharging(@Nullable Field node) {
    LabConfiguration.SmartCharging d = defaultSmartCharging();
    if (node == null) {
      return d;
    }
    node.only(
        "chargingRateUnit",
        "numberPhases",
        "duration",
        "stackLevel",
        "stackLevel2",
        "recurrencyKind",
        "chargingProfilePurpose",
        "chargingLimitSource");
    String unit = node.optionalText("chargingRateUnit", d.chargingRateUnit());
    if (!unit.equals("A") && !unit.equals("W")) {
      throw node.field("chargingRateUnit").problem("expected A or W, got " + unit);
    }
    String recurrency = node.optionalText("recurrencyKind", d.recurrencyKind());
    if (!recurrency.equals("Daily") && !recurrency.equals("Weekly")) {
      throw node.field("recurrencyKind").problem("expected Daily or Weekly, got " + recurrency);
    }
    return new LabConfiguration.SmartCharging(
        unit,
        node.optionalInteger("numberPhases", d.numberPhases(), 1, 3),
        node.optionalInteger("duration", d.duration(), 1, Integer.MAX_VALUE),
        node.optionalInteger("stackLevel", d.stackLevel(), 0, 1000),
        node.optionalInteger("stackLevel2", d.stackLevel2(), 0, 1000),
        recurrency,
        node.optionalText("chargingProfilePurpose", d.chargingProfilePurpose()),
        node.optionalText("chargingLimitSource", d.chargingLimitSource()));
  }

  private static LabConfiguration.NetworkProfile networkProfile(@Nullable Field node, URI csms) {
    LabConfiguration.NetworkProfile d = defaultNetworkProfile(csms);
    if (node == null) {
      return d;
    }
    node.only("configurationSlot", "ocppCsmsUrl", "messageTimeout", "ocppInterface");
    return new LabConfiguration.NetworkProfile(
        node.optionalInteger("configurationSlot", d.configurationSlot(), 0, 1000),
        node.optionalText("ocppCsmsUrl", d.ocppCsmsUrl()),
        node.optionalInteger("messageTimeout", d.messageTimeout(), 1, 3600),
        node.optionalText("ocppInterface", d.ocppInterface()));
  }

  private static LabConfiguration.Identity defaultIdentity() {
    return new LabConfiguration.Identity("Kilowire", "Conformance");
  }

  private static LabConfiguration.SmartCharging defaultSmartCharging() {
    return new LabConfiguration.SmartCharging(
        "A", 3, 300, 0, 1, "Daily", "TxDefaultProfile", "EMS");
  }

  private static LabConfiguration.NetworkProfile defaultNetworkProfile(URI csms) {
    return new LabConfiguration.NetworkProfile(1, csms.toString(), 30, "Wired0");
  }

  private static Map<TokenRole, LabConfiguration.Token> defaultTokens() {
    Map<TokenRole, LabConfiguration.Token> t = new EnumMap<>(TokenRole.class);
    // ISO14443 tokens are UIDs of 4 or 7 bytes in hex (OCPP 2.0.1 Part 2), so the defaults are.
    t.put(TokenRole.VALID, new LabConfiguration.Token("0A1B2C3D", "ISO14443"));
    t.put(TokenRole.VALID2, new LabConfiguration.Token("0A1B2C3E", "ISO14443"));
    t.put(TokenRole.INVALID, new LabConfiguration.Token("0BADBAD0", "ISO14443"));
    t.put(TokenRole.BLOCKED, new LabConfiguration.Token("0B10C4ED", "ISO14443"));
    t.put(TokenRole.EXPIRED, new LabConfiguration.Token("0E1F1DED", "ISO14443"));
    t.put(TokenRole.GROUP, new LabConfiguration.Token("GROUP01", "Central"));
    t.put(TokenRole.MASTER_PASS, new LabConfiguration.Token("0A5AE90A", "ISO14443"));
    t.put(TokenRole.MASTER_PASS_GROUP, new LabConfiguration.Token("MASTERGROUP", "Central"));
    t.put(TokenRole.CONTRACT, new LabConfiguration.Token("NLKWCC000000019", "eMAID"));
    return Map.copyOf(t);
  }

  private static URI url(Field f) {
    String text = f.text();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw f.problem("not a URL: " + e.getMessage());
    }
    if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
      throw f.problem("expected a ws:// or wss:// URL, got " + text);
    }
    if (uri.getHost() == null) {
      throw f.problem("the URL has no host: " + text);
    }
    return uri;
  }

  private static OcppVersion protocol(Field f) {
    String text = f.text();
    if (text.equals("ocpp1.6")) {
      return OcppVersion.V16;
    }
    if (text.equals("ocpp2.0.1")) {
      return OcppVersion.V201;
    }
    if (text.equals("ocpp2.1")) {
      return OcppVersion.V21;
    }
    throw f.problem("expected ocpp1.6, ocpp2.0.1 or ocpp2.1, got " + text);
  }

  /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}. */
  public static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration such as 500ms, 30s, 2m or 1h, got " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static Duration duration(Field f) {
    try {
      Duration d = duration(f.text());
      if (d.isZero()) {
        throw f.problem("must be longer than 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw f.problem(e.getMessage());
    }
  }

  /** A node of the file and the path that leads to it, for messages. */
  private static final class Field {
    private final JsonNode node;
    private final String path;

    Field(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    LabConfigurationException problem(String message) {
      return new LabConfigurationException((path.isEmpty() ? "" : path + ": ") + message);
    }

    Field field(String name) {
      return new Field(node.path(name), path.isEmpty() ? name : path + "." + name);
    }

    @Nullable Field optional(String name) {
      if (!node.isObject()) {
        throw problem("expected an object");
      }
      JsonNode child = node.get(name);
      return child == null || child.isNull() ? null : field(name);
    }

    Field required(String name) {
      Field f = optional(name);
      if (f == null) {
        throw field(name).problem("is required");
      }
      return f;
    }

    void only(String... known) {
      if (!node.isObject()) {
        throw problem("expected an object");
      }
      Set<String> allowed = Set.of(known);
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw field(name).problem("unknown field (known here: " + String.join(", ", known) + ")");
        }
      }
    }

    void mustBeArray() {
      if (!node.isArray()) {
        throw problem("expected a list");
      }
    }

    List<Field> elements() {
      List<Field> out = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        out.add(new Field(node.get(i), path + "[" + i + "]"));
      }
      return out;
    }

    String text() {
      if (!node.isTextual()) {
        throw problem("expected a string");
      }
      return node.textValue();
    }

    String optionalText(String name, String fallback) {
      Field f = optional(name);
      return f == null ? fallback : f.text();
    }

    int integer(int min, int max) {
      if (!node.canConvertToInt() || !node.isIntegralNumber()) {
        throw problem("expected a whole number");
      }
      int value = node.intValue();
      if (value < min || value > max) {
        throw problem(
            min == 0 && max == 3
                ? "expected 0, 1, 2 or 3, got " + value
                : "expected " + min + " to " + max + ", got " + value);
      }
      return value;
    }

    int optionalInteger(String name, int fallback, int min, int max) {
      Field f = optional(name);
      return f == null ? fallback : f.integer(min, max);
    }
  }
}
