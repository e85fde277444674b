package io.kilowire.emulator.site;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kilowire.core.loadmanagement.AllocationMode;
import io.kilowire.core.loadmanagement.Circuit;
import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.LoadBalancer;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.emulator.station.EvModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a site description from YAML ({@code .yaml}, {@code .yml}) or JSON (anything else). Every
 * problem is reported as a {@link SiteFileException} whose message starts with the path of the
 * field, e.g. {@code evses[3].wiring: expected 1 or 3 phases like "L1" or "L2L3L1"}.
 */
public final class SiteFileParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern WIRING = Pattern.compile("(L[123])(L[123])?(L[123])?");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|[smhd]?)");

  private SiteFileParser() {}

  /** A site file that cannot be used; the message names the field. */
  public static final class SiteFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SiteFileException(String message) {
      super(message);
    }
  }

  public static SiteFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new SiteFileException("cannot read " + file + ": " + e.getMessage());
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    return parse(text, yaml, file.getFileName().toString());
  }

  /** Parses {@code text} as YAML or JSON; {@code name} labels the site when it has no name. */
  public static SiteFile parse(String text, boolean yaml, String name) {
    JsonNode root;
    try {
      root = (yaml ? YAML : JSON).readTree(text);
    } catch (JacksonException e) {
      throw new SiteFileException(
          "not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SiteFileException("the site must be an object with gridLimitA, evses, ...");
    }
    return site(new Node(root, ""), name);
  }

  private static SiteFile site(Node root, String fileName) {
    root.only(
        "name",
        "start",
        "timezone",
        "gridLimitA",
        "gridLimitKw",
        "voltageV",
        "marginA",
        "continuousLoadRule",
        "mode",
        "staticBudgetA",
        "meterFallbackBudgetA",
        "minCurrentA",
        "demandCapKw",
        "demandWindow",
        "meterStaleAfter",
        "rampInterval",
        "rampStepA",
        "rotationPeriod",
        "step",
        "evResponseDelay",
        "building",
        "circuits",
        "evses",
        "arrivals",
        "demandResponse");
    String name = root.optText("name", fileName);
    Instant start = null;
    Node s = root.opt("start");
    if (s != null) {
      try {
        start = Instant.parse(s.text());
      } catch (DateTimeException e) {
        throw s.error("expected an instant like \"2026-03-02T00:00:00Z\"");
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    Node tz = root.opt("timezone");
    if (tz != null) {
      try {
        zone = ZoneId.of(tz.text());
      } catch (DateTimeException e) {
        throw tz.error("unknown time zone '" + tz.text() + "'");
      }
    }
    double gridLimitA = root.req("gridLimitA").positive();
    SiteConfig.Builder b =
        SiteConfig.builder(gridLimitA)
            .gridLimitKw(root.optPositive("gridLimitKw"))
            .nominalVoltageV(root.optNumber("voltageV", 230, 100, 500))
            .safetyMarginA(root.optNumber("marginA", 0, 0, gridLimitA))
            .continuousLoadRule(root.optBoolean("continuousLoadRule", false));
    Node mode = root.opt("mode");
    if (mode != null) {
      b.mode(
          switch (mode.text()) {
            case "static" -> AllocationMode.STATIC;
            case "dynamic" -> AllocationMode.DYNAMIC;
            default -> throw mode.error("expected static or dynamic, not '" + mode.text() + "'");
          });
    }
    Node budget = root.opt("staticBudgetA");
    if (budget != null) {
      b.staticBudgetA(budget.number(0, gridLimitA));
    }
    Node fallback = root.opt("meterFallbackBudgetA");
    if (fallback != null) {
      b.meterFallbackBudgetA(fallback.number(0, gridLimitA));
    }
    Node min = root.opt("minCurrentA");
    if (min != null) {
      b.minCurrentA(min.number(0, 80));
    }
    Double cap = root.optPositive("demandCapKw");
    Node window = root.opt("demandWindow");
    b.demandCap(cap, window == null ? Duration.ofMinutes(15) : window.duration());
    Node stale = root.opt("meterStaleAfter");
    if (stale != null) {
      b.meterStaleAfter(stale.duration());
    }
    Node rampInterval = root.opt("rampInterval");
    Node rampStep = root.opt("rampStepA");
    if (rampInterval != null || rampStep != null) {
      SiteConfig defaults = SiteConfig.builder(gridLimitA).build();
      b.ramp(
          rampInterval == null ? defaults.rampInterval() : rampInterval.duration(),
          rampStep == null ? defaults.rampStepA() : rampStep.positive());
    }
    Node rotation = root.opt("rotationPeriod");
    if (rotation != null) {
      b.rotationPeriod(rotation.duration());
    }
    Duration step = root.opt("step") == null ? Duration.ofSeconds(1) : root.req("step").duration();
    Duration delay = EvModel.DEFAULT_RESPONSE_DELAY;
    Node d = root.opt("evResponseDelay");
    if (d != null) {
      delay = d.duration();
      if (delay.compareTo(EvModel.MAX_RESPONSE_DELAY) > 0) {
        throw d.error("an EV answers the pilot within 5 s (IEC 61851-1), not " + d.text());
      }
    }

    List<Circuit> circuits = new ArrayList<>();
    Node cs = root.opt("circuits");
    if (cs != null) {
      for (Node c : cs.array()) {
        c.only("id", "parent", "limitA");
        circuits.add(
            new Circuit(
                c.req("id").text(),
                c.opt("parent") == null ? null : c.req("parent").text(),
                c.req("limitA").positive()));
      }
    }
    Set<String> circuitIds = new HashSet<>();
    circuits.forEach(c -> circuitIds.add(c.id()));

    List<SiteFile.Evse> evses = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Node e : root.req("evses").nonEmptyArray()) {
      e.only("station", "evse", "wiring", "hardwareMaxA", "cableMaxA", "priority", "circuit");
      int station = e.req("station").integer(1, 10_000);
      int evse = e.opt("evse") == null ? 1 : e.req("evse").integer(1, 64);
      String id = SiteFile.slotId(station, evse);
      if (!seen.add(id)) {
        throw e.error("station " + station + " EVSE " + evse + " is listed twice");
      }
      List<Phase> wiring =
          e.opt("wiring") == null ? List.of(Phase.L1, Phase.L2, Phase.L3) : wiring(e.req("wiring"));
      double hardwareMaxA =
          e.opt("hardwareMaxA") == null ? 32 : e.req("hardwareMaxA").number(6, 1000);
      double cableMaxA =
          e.opt("cableMaxA") == null ? hardwareMaxA : e.req("cableMaxA").number(6, 1000);
      int priority = e.opt("priority") == null ? 0 : e.req("priority").integer(0, 1000);
      String circuit = null;
      Node c = e.opt("circuit");
      if (c != null) {
        circuit = c.text();
        if (!circuitIds.contains(circuit)) {
          throw c.error("no circuit '" + circuit + "' in circuits");
        }
      }
      evses.add(
          new SiteFile.Evse(
              station, evse, new EvseSlot(id, circuit, wiring, hardwareMaxA, cableMaxA, priority)));
    }
    b.circuits(circuits).evses(evses.stream().map(SiteFile.Evse::slot).toList());

    List<SiteFile.Arrival> arrivals = new ArrayList<>();
    Node as = root.opt("arrivals");
    if (as != null) {
      for (Node a : as.array()) {
        arrivals.add(arrival(a, seen, delay));
      }
    }

    List<SiteFile.DemandResponseWindow> windows = new ArrayList<>();
    Node drs = root.opt("demandResponse");
    if (drs != null) {
      for (Node w : drs.array()) {
        w.only("from", "until", "limitKw");
        windows.add(
            new SiteFile.DemandResponseWindow(
                w.req("from").timeOfDay(),
                w.req("until").timeOfDay(),
                w.req("limitKw").number(0, 1_000_000)));
      }
    }

    BuildingLoad building =
        root.opt("building") == null
            ? new BuildingLoad.Series(
                List.of(new BuildingLoad.Point(LocalTime.MIDNIGHT, PhaseCurrents.ZERO)))
            : building(root.req("building"));
    if (fallback == null && budget == null && (mode == null || mode.text().equals("dynamic"))) {
      // A simulated site knows its building: a stale meter leaves the EVs what the building's
      // daily peak leaves free (the static share), never the whole fuse.
      b.meterFallbackBudgetA(staticShareA(b.build().headroomA(), building));
    }
    SiteConfig config;
    try {
      config = b.build();
      new LoadBalancer(config); // the core's consistency checks (circuit tree, budgets, ...)
    } catch (IllegalArgumentException e) {
      throw new SiteFileException(e.getMessage());
    }
    return new SiteFile(name, config, start, zone, step, building, evses, arrivals, windows);
  }

  private static SiteFile.Arrival arrival(Node a, Set<String> slots, Duration delay) {
    a.only(
        "at",
        "station",
        "evse",
        "batteryKwh",
        "soc",
        "targetSoc",
        "energyKwh",
        "maxA",
        "phases",
        "departure");
    LocalTime at = a.req("at").timeOfDay();
    int station = a.req("station").integer(1, 10_000);
    int evse = a.opt("evse") == null ? 1 : a.req("evse").integer(1, 64);
    if (!slots.contains(SiteFile.slotId(station, evse))) {
      throw a.error("station " + station + " EVSE " + evse + " is not in evses");
    }
    double batteryWh = a.req("batteryKwh").number(1, 1000) * 1000;
    double soc = a.req("soc").number(0, 100);
    double target = 100;
    Node t = a.opt("targetSoc");
    Node energy = a.opt("energyKwh");
    if (t != null && energy != null) {
      throw energy.error("give targetSoc or energyKwh, not both");
    }
    if (t != null) {
      target = t.number(0, 100);
      if (target <= soc) {
        throw t.error("must be above soc (" + soc + ")");
      }
    } else if (energy != null) {
      double wh = energy.number(0.1, 1000) * 1000;
      target = Math.min(100, soc + wh / batteryWh * 100);
    }
    double maxA = a.req("maxA").number(1, 1000);
    int phases = a.opt("phases") == null ? 3 : a.req("phases").integer(1, 3);
    LocalTime departure = a.req("departure").timeOfDay();
    EvModel model = EvModel.of(batteryWh, maxA, phases).withTargetSoc(target);
    return new SiteFile.Arrival(at, station, evse, model.withResponseDelay(delay), soc, departure);
  }

  private static List<Phase> wiring(Node n) {
    Matcher m = WIRING.matcher(n.isText() ? n.text() : "");
    List<Phase> phases = new ArrayList<>();
    if (m.matches()) {
      for (int g = 1; g <= 3; g++) {
        if (m.group(g) != null) {
          phases.add(Phase.valueOf(m.group(g)));
        }
      }
    }
    if (phases.size() != 1 && (phases.size() != 3 || phases.stream().distinct().count() != 3)) {
      throw n.error("expected 1 or 3 phases like \"L1\" or \"L2L3L1\"");
    }
    return phases;
  }

  /**
   * What a fixed installer setting would give the EVs: the site's headroom ({@link
   * SiteConfig#headroomA()}) − the building's highest phase current of the day (minute by minute),
   * at least 0, cut to 0.1 A.
   */
  public static double staticShareA(double headroomA, BuildingLoad building) {
    double peak = 0;
    for (int minute = 0; minute < 24 * 60; minute++) {
      peak = Math.max(peak, building.at(LocalTime.MIN.plusMinutes(minute)).max());
    }
    return Math.max(0, Math.floor((headroomA - peak) * 10) / 10);
  }

  private static BuildingLoad building(Node n) {
    n.only("profile", "peakA", "series");
    Node profile = n.opt("profile");
    Node series = n.opt("series");
    if ((profile == null) == (series == null)) {
      throw n.error("expected either profile (with peakA) or series");
    }
    if (profile != null) {
      BuildingLoad.Shape shape = null;
      for (BuildingLoad.Shape s : BuildingLoad.Shape.values()) {
        if (s.label().equals(profile.text())) {
          shape = s;
        }
      }
      if (shape == null) {
        throw profile.error(
            "expected office, residential, depot or flat, not '" + profile.text() + "'");
      }
      return new BuildingLoad.Profile(shape, n.req("peakA").phaseCurrents());
    }
    if (n.opt("peakA") != null) {
      throw n.req("peakA").error("only with profile");
    }
    List<BuildingLoad.Point> points = new ArrayList<>();
    for (Node p : series.nonEmptyArray()) {
      p.only("t", "a");
      points.add(new BuildingLoad.Point(p.req("t").timeOfDay(), p.req("a").phaseCurrents()));
    }
    return new BuildingLoad.Series(points);
  }

  /** A JSON node with its path, for messages that name the field. */
  private record Node(JsonNode json, String path) {
    SiteFileException error(String problem) {
      return new SiteFileException((path.isEmpty() ? "site" : path) + ": " + problem);
    }

    private String child(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    @Nullable Node opt(String field) {
      JsonNode v = json.get(field);
      return v == null || v.isNull() ? null : new Node(v, child(field));
    }

    Node req(String field) {
      if (!json.isObject()) {
        throw error("expected an object");
      }
      Node n = opt(field);
      if (n == null) {
        throw new SiteFileException(child(field) + ": required");
      }
      return n;
    }

    void only(String... fields) {
      if (!json.isObject()) {
        throw error("expected an object");
      }
      Set<String> known = Set.of(fields);
      for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!known.contains(f)) {
          throw new SiteFileException(
              child(f) + ": unknown field (known: " + String.join(", ", fields) + ")");
        }
      }
    }

    boolean isText() {
      return json.isTextual();
    }

    String text() {
      if (!json.isTextual()) {
        throw error("expected a string");
      }
      return json.asText();
    }

    String optText(String field, String fallback) {
      Node n = opt(field);
      return n == null ? fallback : n.text();
    }

    double number() {
      if (!json.isNumber()) {
        throw error("expected a number");
      }
      double v = json.asDouble();
      if (!Double.isFinite(v)) {
        throw error("expected a finite number");
      }
      return v;
    }

    double number(double min, double max) {
      double v = number();
      if (v < min || v > max) {
        throw error("expected a number from " + fmt(min) + " to " + fmt(max) + ", not " + fmt(v));
      }
      return v;
    }

    double positive() {
      double v = number();
      if (!(v > 0)) {
        throw error("expected a number above 0, not " + fmt(v));
      }
      return v;
    }

    double optNumber(String field, double fallback, double min, double max) {
      Node n = opt(field);
      return n == null ? fallback : n.number(min, max);
    }

    @Nullable Double optPositive(String field) {
      Node n = opt(field);
      return n == null ? null : n.positive();
    }

    boolean optBoolean(String field, boolean fallback) {
      Node n = opt(field);
      if (n == null) {
        return fallback;
      }
      if (!n.json.isBoolean()) {
        throw n.error("expected true or false");
      }
      return n.json.asBoolean();
    }

    int integer(int min, int max) {
      if (!json.isIntegralNumber()) {
        throw error("expected a whole number");
      }
      long v = json.asLong();
      if (v < min || v > max) {
        throw error("expected a whole number from " + min + " to " + max + ", not " + v);
      }
      return (int) v;
    }

    List<Node> array() {
      if (!json.isArray()) {
        throw error("expected a list");
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        out.add(new Node(json.get(i), path + "[" + i + "]"));
      }
      return out;
    }

    List<Node> nonEmptyArray() {
      List<Node> out = array();
      if (out.isEmpty()) {
        throw error("expected at least one entry");
      }
      return out;
    }

    LocalTime timeOfDay() {
      String t = json.isTextual() ? json.asText() : "";
      try {
        return LocalTime.parse(t.length() == 4 ? "0" + t : t);
      } catch (DateTimeException e) {
        throw error("expected a time of day like \"08:00\"");
      }
    }

    Duration duration() {
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
      if (d.isZero() && !path.endsWith("evResponseDelay")) {
        throw error("must be longer than zero");
      }
      return d;
    }

    /** A number (the same on every phase) or a list of three, L1..L3. */
    PhaseCurrents phaseCurrents() {
      if (json.isArray()) {
        List<Node> a = array();
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
}
