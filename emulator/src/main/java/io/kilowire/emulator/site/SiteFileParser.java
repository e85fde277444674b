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
import io.kilowire.core.loadmanagement.energy.Battery;
import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.CloudDip;
import io.kilowire.core.loadmanagement.energy.EvseEnergy;
import io.kilowire.core.loadmanagement.energy.PvArray;
import io.kilowire.core.loadmanagement.energy.PvProfile;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.SolarRules;
import io.kilowire.core.loadmanagement.energy.Tariff;
import io.kilowire.emulator.description.FileNode;
import io.kilowire.emulator.station.EvModel;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a site description from YAML ({@code .yaml}, {@code .yml}) or JSON (anything else). Every
 * problem is reported as a {@link SiteFileException} whose message starts with the path of the
 * field, e.g. {@code evses[3].wiring: expected 1 or 3 phases like "L1" or "L2L3L1"}.
 */
public final class SiteFileParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern WIRING = Pattern.compile("(L[123])(L[123])?(L[123])?");

  private SiteFileParser() {}

  /** A site file that cannot be used; the message names the field. */
  public static final class SiteFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SiteFileException(String message) {
      super(message);
    }
  }

  public static SiteFile read(Path file) {
    FileNode.Source source = FileNode.Source.read(file, SiteFileException::new);
    return parse(source.text(), source.yaml(), file.getFileName().toString());
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
    return site(FileNode.root(root, "site", SiteFileException::new), name);
  }

  private static SiteFile site(FileNode root, String fileName) {
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
        "demandResponse",
        "chargingMode",
        "pv",
        "battery",
        "exportLimitKw",
        "tariffs",
        "solar",
        "v2g",
        "grid");
    String name = root.optText("name", fileName);
    Instant start = null;
    FileNode s = root.opt("start");
    if (s != null) {
      try {
        start = Instant.parse(s.text());
      } catch (DateTimeException e) {
        throw s.error("expected an instant like \"2026-03-02T00:00:00Z\"");
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    FileNode tz = root.opt("timezone");
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
    FileNode mode = root.opt("mode");
    if (mode != null) {
      b.mode(
          switch (mode.text()) {
            case "static" -> AllocationMode.STATIC;
            case "dynamic" -> AllocationMode.DYNAMIC;
            default -> throw mode.error("expected static or dynamic, not '" + mode.text() + "'");
          });
    }
    FileNode budget = root.opt("staticBudgetA");
    if (budget != null) {
      b.staticBudgetA(budget.number(0, gridLimitA));
    }
    FileNode fallback = root.opt("meterFallbackBudgetA");
    if (fallback != null) {
      b.meterFallbackBudgetA(fallback.number(0, gridLimitA));
    }
    FileNode min = root.opt("minCurrentA");
    if (min != null) {
      b.minCurrentA(min.number(0, 80));
    }
    Double cap = root.optPositive("demandCapKw");
    FileNode window = root.opt("demandWindow");
    b.demandCap(cap, window == null ? Duration.ofMinutes(15) : window.duration());
    FileNode stale = root.opt("meterStaleAfter");
    if (stale != null) {
      b.meterStaleAfter(stale.duration());
    }
    FileNode rampInterval = root.opt("rampInterval");
    FileNode rampStep = root.opt("rampStepA");
    if (rampInterval != null || rampStep != null) {
      SiteConfig defaults = SiteConfig.builder(gridLimitA).build();
      b.ramp(
          rampInterval == null ? defaults.rampInterval() : rampInterval.duration(),
          rampStep == null ? defaults.rampStepA() : rampStep.positive());
    }
    FileNode rotation = root.opt("rotationPeriod");
    if (rotation != null) {
      b.rotationPeriod(rotation.duration());
    }
    Duration step = root.opt("step") == null ? Duration.ofSeconds(1) : root.req("step").duration();
    Duration delay = EvModel.DEFAULT_RESPONSE_DELAY;
    FileNode d = root.opt("evResponseDelay");
    if (d != null) {
      delay = d.durationOrZero();
      if (delay.compareTo(EvModel.MAX_RESPONSE_DELAY) > 0) {
        throw d.error("an EV answers the pilot within 5 s (IEC 61851-1), not " + d.text());
      }
    }

    List<Circuit> circuits = new ArrayList<>();
    FileNode cs = root.opt("circuits");
    if (cs != null) {
      for (FileNode c : cs.array()) {
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
    Map<String, EvseEnergy> evseEnergy = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (FileNode e : root.req("evses").nonEmptyArray()) {
      e.only(
          "station",
          "evse",
          "wiring",
          "hardwareMaxA",
          "cableMaxA",
          "priority",
          "circuit",
          "chargingMode",
          "phaseSwitching");
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
      FileNode c = e.opt("circuit");
      if (c != null) {
        circuit = c.text();
        if (!circuitIds.contains(circuit)) {
          throw c.error("no circuit '" + circuit + "' in circuits");
        }
      }
      evses.add(
          new SiteFile.Evse(
              station, evse, new EvseSlot(id, circuit, wiring, hardwareMaxA, cableMaxA, priority)));
      FileNode evseMode = e.opt("chargingMode");
      boolean switching = e.optBoolean("phaseSwitching", false);
      if (switching && wiring.size() != 3) {
        throw e.req("phaseSwitching").error("needs a three-phase EVSE (wiring of 3 phases)");
      }
      if (evseMode != null || switching) {
        evseEnergy.put(
            id, new EvseEnergy(evseMode == null ? null : chargingMode(evseMode), switching));
      }
    }
    b.circuits(circuits).evses(evses.stream().map(SiteFile.Evse::slot).toList());

    List<SiteFile.Arrival> arrivals = new ArrayList<>();
    FileNode as = root.opt("arrivals");
    if (as != null) {
      for (FileNode a : as.array()) {
        arrivals.add(arrival(a, seen, delay));
      }
    }

    List<SiteFile.DemandResponseWindow> windows = new ArrayList<>();
    FileNode drs = root.opt("demandResponse");
    if (drs != null) {
      for (FileNode w : drs.array()) {
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
      b.energy(energy(root, zone, evseEnergy));
      config = b.build();
      new LoadBalancer(config); // the core's consistency checks (circuit tree, budgets, ...)
    } catch (IllegalArgumentException e) {
      throw new SiteFileException(e.getMessage());
    }
    FileNode grid = root.opt("grid");
    return new SiteFile(
        name,
        config,
        start,
        zone,
        step,
        building,
        evses,
        arrivals,
        windows,
        V2gFields.peak(root.opt("v2g")),
        grid == null ? null : GridModel.parse(grid));
  }

  /**
   * The site's PV, battery, export limit, tariffs and charging modes. Ranges are checked here, with
   * the field's path; what the records check across fields (sunset after sunrise, minSoc below
   * maxSoc, ...) comes back from them with the field's name.
   */
  private static SiteEnergy energy(FileNode root, ZoneId zone, Map<String, EvseEnergy> evses) {
    SiteEnergy.Builder e = SiteEnergy.builder().zone(zone).evses(evses);
    FileNode mode = root.opt("chargingMode");
    if (mode != null) {
      e.mode(chargingMode(mode));
    }
    FileNode pv = root.opt("pv");
    if (pv != null) {
      e.pv(pv(pv));
    }
    FileNode battery = root.opt("battery");
    if (battery != null) {
      e.battery(battery(battery));
    }
    FileNode export = root.opt("exportLimitKw");
    if (export != null) {
      e.exportLimitKw(export.number(0, 1_000_000));
    }
    FileNode tariffs = root.opt("tariffs");
    if (tariffs != null) {
      List<Tariff.Period> periods = new ArrayList<>();
      for (FileNode t : tariffs.nonEmptyArray()) {
        t.only("from", "importPerKwh", "exportPerKwh");
        periods.add(
            new Tariff.Period(
                t.req("from").timeOfDay(),
                t.req("importPerKwh").number(-1_000, 1_000),
                t.optNumber("exportPerKwh", 0, -1_000, 1_000)));
      }
      e.tariff(new Tariff(periods));
    }
    FileNode solar = root.opt("solar");
    if (solar != null) {
      solar.only("startAfter", "stopAfter", "readingStaleAfter", "urgentShare");
      SolarRules d = SolarRules.DEFAULTS;
      FileNode start = solar.opt("startAfter");
      FileNode stop = solar.opt("stopAfter");
      FileNode stale = solar.opt("readingStaleAfter");
      e.solar(
          new SolarRules(
              start == null ? d.startAfter() : start.durationOrZero(),
              stop == null ? d.stopAfter() : stop.durationOrZero(),
              stale == null ? d.readingStaleAfter() : stale.duration(),
              solar.optNumber("urgentShare", d.urgentShare(), 0.01, 1)));
    }
    return e.build();
  }

  private static ChargingMode chargingMode(FileNode n) {
    try {
      return ChargingMode.byLabel(n.text());
    } catch (IllegalArgumentException bad) {
      throw n.error(bad.getMessage());
    }
  }

  private static PvArray pv(FileNode n) {
    n.only("peakKw", "sunrise", "sunset", "series", "clouds");
    FileNode series = n.opt("series");
    PvProfile profile;
    if (series != null) {
      for (String shapeField : List.of("peakKw", "sunrise", "sunset")) {
        if (n.opt(shapeField) != null) {
          throw n.req(shapeField).error("give either series or peakKw (with sunrise, sunset)");
        }
      }
      List<PvProfile.Point> points = new ArrayList<>();
      for (FileNode p : series.nonEmptyArray()) {
        p.only("t", "kw");
        points.add(new PvProfile.Point(p.req("t").timeOfDay(), p.req("kw").number(0, 1_000_000)));
      }
      profile = new PvProfile.Series(points);
    } else {
      FileNode peak = n.opt("peakKw");
      if (peak == null) {
        throw n.error("expected either peakKw (with sunrise, sunset) or series");
      }
      FileNode rise = n.opt("sunrise");
      FileNode set = n.opt("sunset");
      profile =
          new PvProfile.ClearSky(
              peak.number(0.01, 1_000_000),
              rise == null ? LocalTime.of(6, 0) : rise.timeOfDay(),
              set == null ? LocalTime.of(20, 0) : set.timeOfDay());
    }
    List<CloudDip> clouds = new ArrayList<>();
    FileNode cs = n.opt("clouds");
    if (cs != null) {
      for (FileNode c : cs.array()) {
        c.only("from", "until", "share");
        LocalTime from = c.req("from").timeOfDay();
        LocalTime until = c.req("until").timeOfDay();
        if (!until.isAfter(from)) {
          throw c.req("until").error("must be after from (" + from + ")");
        }
        clouds.add(new CloudDip(from, until, c.req("share").number(0, 1)));
      }
    }
    return new PvArray(profile, clouds);
  }

  private static Battery battery(FileNode n) {
    n.only(
        "capacityKwh",
        "maxChargeKw",
        "maxDischargeKw",
        "minSoc",
        "maxSoc",
        "roundTripEfficiency",
        "initialSoc");
    double capacity = n.req("capacityKwh").number(0.1, 1_000_000);
    double minSoc = n.optNumber("minSoc", 10, 0, 100);
    return new Battery(
        capacity,
        n.req("maxChargeKw").number(0, 1_000_000),
        n.req("maxDischargeKw").number(0, 1_000_000),
        minSoc,
        n.optNumber("maxSoc", 100, 0, 100),
        n.optNumber("roundTripEfficiency", 0.9, 0.01, 1),
        n.optNumber("initialSoc", minSoc, 0, 100));
  }

  private static SiteFile.Arrival arrival(FileNode a, Set<String> slots, Duration delay) {
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
        "departure",
        "v2g");
    LocalTime at = a.req("at").timeOfDay();
    int station = a.req("station").integer(1, 10_000);
    int evse = a.opt("evse") == null ? 1 : a.req("evse").integer(1, 64);
    if (!slots.contains(SiteFile.slotId(station, evse))) {
      throw a.error("station " + station + " EVSE " + evse + " is not in evses");
    }
    double batteryWh = a.req("batteryKwh").number(1, 1000) * 1000;
    double soc = a.req("soc").number(0, 100);
    double target = 100;
    FileNode t = a.opt("targetSoc");
    FileNode energy = a.opt("energyKwh");
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
    model = V2gFields.ev(a.opt("v2g"), model);
    return new SiteFile.Arrival(at, station, evse, model.withResponseDelay(delay), soc, departure);
  }

  private static List<Phase> wiring(FileNode n) {
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

  private static BuildingLoad building(FileNode n) {
    n.only("profile", "peakA", "series");
    FileNode profile = n.opt("profile");
    FileNode series = n.opt("series");
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
    for (FileNode p : series.nonEmptyArray()) {
      p.only("t", "a");
      points.add(new BuildingLoad.Point(p.req("t").timeOfDay(), p.req("a").phaseCurrents()));
    }
    return new BuildingLoad.Series(points);
  }
}
