package io.kilowire.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.configuration.SentMeasurands;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.EvControlMode;
import io.kilowire.emulator.description.FileNode;
import io.kilowire.emulator.station.EvCatalogue;
import io.kilowire.emulator.station.EvModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a station template from YAML ({@code .yaml}, {@code .yml}) or JSON; every problem is a
 * {@link TemplateException} whose message starts with the field's path ({@code evses[0].phases:
 * expected a whole number from 1 to 3, not 4}). The format is in docs/TEMPLATES.md.
 */
public final class TemplateParser {
  /** The bundled templates, by name (files in the jar). */
  public static final List<String> BUNDLED =
      List.of(
          "ac-wallbox-11kw",
          "ac-post-22kw-dual",
          "dc-fast-150kw",
          "ac-iso15118-v201",
          "ac-v2g-v21");

  /** OCPP 2.0.1 ConnectorEnumType. */
  static final Set<String> CONNECTOR_TYPES =
      Set.of(
          "cCCS1",
          "cCCS2",
          "cG105",
          "cTesla",
          "cType1",
          "cType2",
          "s309-1P-16A",
          "s309-1P-32A",
          "s309-3P-16A",
          "s309-3P-32A",
          "sBS1361",
          "sCEE-7-7",
          "sType2",
          "sType3",
          "Other1PhMax16A",
          "Other1PhOver16A",
          "Other3Ph",
          "Pan",
          "wInductive",
          "wResonant",
          "Undetermined",
          "Unknown");

  private TemplateParser() {}

  /** A template that cannot be used; the message names the field. */
  public static final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
      super(message);
    }
  }

  /** A bundled template by name, or the file at {@code nameOrPath}. */
  public static StationTemplate load(String nameOrPath) {
    if (BUNDLED.contains(nameOrPath)) {
      return bundled(nameOrPath);
    }
    Path file = Path.of(nameOrPath);
    if (!Files.isReadable(file)) {
      throw new TemplateException(
          "neither a readable file nor a bundled template (" + String.join(", ", BUNDLED) + ")");
    }
    FileNode.Source source = FileNode.Source.read(file, TemplateException::new);
    return parse(source.text(), source.yaml(), source.name());
  }

  public static StationTemplate bundled(String name) {
    try (InputStream in = TemplateParser.class.getResourceAsStream(name + ".yaml")) {
      if (in == null) {
        throw new TemplateException(name + ": no such bundled template");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true, name);
    } catch (IOException e) {
      throw new TemplateException(
          "cannot read the bundled template " + name + ": " + e.getMessage());
    }
  }

  /** Parses {@code text}; {@code name} names the template when the file does not. */
  public static StationTemplate parse(String text, boolean yaml, String name) {
    FileNode root = FileNode.parse(text, yaml, "template", TemplateException::new);
    root.only(
        "name",
        "description",
        "vendor",
        "model",
        "serialPattern",
        "firmwareVersion",
        "protocol",
        "securityProfile",
        "evses",
        "measurands",
        "configuration",
        "variables",
        "ev");
    FileNode protocolNode = root.req("protocol");
    OcppVersion version =
        OcppVersion.fromSubprotocol(protocolNode.text())
            .orElseThrow(() -> protocolNode.error("expected ocpp1.6, ocpp2.0.1 or ocpp2.1"));
    boolean v16 = version == OcppVersion.V16;
    String vendor = bounded(root.req("vendor"), v16 ? 20 : 50);
    String model = bounded(root.req("model"), 20);
    FileNode serial = root.opt("serialPattern");
    String serialPattern = serial == null ? "{id}" : bounded(serial, 200);
    FileNode firmware = root.opt("firmwareVersion");
    String firmwareVersion = firmware == null ? "0.1.0" : bounded(firmware, 50);
    FileNode profile = root.opt("securityProfile");
    Integer securityProfile = profile == null ? null : profile.integer(0, 3);

    List<StationTemplate.Evse> evses = new ArrayList<>();
    List<FileNode> evseNodes = root.req("evses").nonEmptyArray();
    if (evseNodes.size() > 64) {
      throw root.req("evses").error("at most 64 EVSEs");
    }
    for (FileNode e : evseNodes) {
      StationTemplate.Evse evse = evse(e);
      if (!evses.isEmpty() && evse.bidirectional() != evses.get(0).bidirectional()) {
        // The simulated hardware feeds back on all its EVSEs or on none.
        throw (e.opt("bidirectional") != null ? e.req("bidirectional") : e)
            .error("the emulator's EVSEs of one station all feed back or none does");
      }
      evses.add(evse);
    }

    List<String> measurands = new ArrayList<>();
    FileNode ms = root.opt("measurands");
    if (ms != null) {
      for (FileNode m : ms.nonEmptyArray()) {
        if (!SentMeasurands.ALL.contains(m.text())) {
          throw m.error(
              "the emulated meter reports one of " + SentMeasurands.ALL + ", not " + m.text());
        }
        measurands.add(m.text());
      }
    } else {
      measurands.addAll(io.kilowire.emulator.station.StationDesign.standard(1).measurands());
    }

    Map<String, String> configuration = new LinkedHashMap<>();
    FileNode config = root.opt("configuration");
    if (config != null) {
      if (!v16) {
        throw config.error("OCPP 1.6 keys; a 2.0.1 template sets variables");
      }
      if (!config.json().isObject()) {
        throw config.error("expected an object of key: value");
      }
      for (Map.Entry<String, JsonNode> f : config.json().properties()) {
        FileNode value = config.req(f.getKey());
        configuration.put(f.getKey(), scalar(value));
      }
    }
    List<StationTemplate.Variable> variables = new ArrayList<>();
    FileNode vars = root.opt("variables");
    if (vars != null) {
      if (v16) {
        throw vars.error("OCPP 2.0.1 variables; a 1.6 template sets configuration keys");
      }
      for (FileNode v : vars.array()) {
        v.only(
            "component", "componentInstance", "evse", "connector", "variable", "instance", "value");
        FileNode evse = v.opt("evse");
        FileNode connector = v.opt("connector");
        variables.add(
            new StationTemplate.Variable(
                v.req("component").text(),
                v.opt("componentInstance") == null ? null : v.req("componentInstance").text(),
                evse == null ? null : evse.integer(1, evses.size()),
                connector == null ? null : connector.integer(1, 16),
                v.req("variable").text(),
                v.opt("instance") == null ? null : v.req("instance").text(),
                scalar(v.req("value"))));
      }
    }
    StationTemplate template =
        new StationTemplate(
            root.optText("name", name),
            root.optText("description", ""),
            vendor,
            model,
            serialPattern,
            firmwareVersion,
            version,
            securityProfile,
            evses,
            measurands,
            configuration,
            variables,
            ev(root.opt("ev")));
    // The initial values against the station's own keys, now: a bad one stops the run at once.
    template.design("CHECK", 1);
    return template;
  }

  private static StationTemplate.Evse evse(FileNode e) {
    e.only("current", "maxCurrentA", "phases", "maxPowerKw", "connectors", "bidirectional");
    String current = e.optText("current", "AC");
    if (!current.equals("AC") && !current.equals("DC")) {
      throw e.req("current").error("expected AC or DC, not " + current);
    }
    boolean dc = current.equals("DC");
    List<String> connectors = new ArrayList<>();
    FileNode cs = e.opt("connectors");
    if (cs == null) {
      connectors.add(dc ? "cCCS2" : "cType2");
    } else {
      for (FileNode c : cs.nonEmptyArray()) {
        if (!CONNECTOR_TYPES.contains(c.text())) {
          throw c.error("not an OCPP 2.0.1 ConnectorEnumType (e.g. cType2, sType2, cCCS2)");
        }
        connectors.add(c.text());
      }
    }
    boolean bidirectional = e.optBoolean("bidirectional", false);
    if (dc) {
      if (bidirectional) {
        throw e.req("bidirectional").error("the emulator feeds back on AC EVSEs only");
      }
      if (e.opt("phases") != null || e.opt("maxCurrentA") != null) {
        throw e.error("a DC EVSE has maxPowerKw, no phases or maxCurrentA");
      }
      return new StationTemplate.Evse(0, 3, true, e.req("maxPowerKw").number(1, 1000), connectors);
    }
    double maxA = e.req("maxCurrentA").number(6, 500);
    FileNode ph = e.opt("phases");
    int phases = ph == null ? 3 : ph.integer(1, 3);
    FileNode power = e.opt("maxPowerKw");
    double kw = power == null ? maxA * phases * 230 / 1000 : power.number(1, 1000);
    return new StationTemplate.Evse(maxA, phases, false, kw, connectors, bidirectional);
  }

  private static StationTemplate.Ev ev(@Nullable FileNode ev) {
    EvModel model = EvModel.of(60_000, 16, 3);
    if (ev == null) {
      return new StationTemplate.Ev(
          true,
          model,
          false,
          Duration.ofSeconds(2),
          Duration.ofSeconds(40),
          Duration.ofSeconds(10));
    }
    ev.only(
        "mode",
        "model",
        "batteryKwh",
        "maxA",
        "phases",
        "hlc",
        "v2g",
        "firstArrival",
        "stay",
        "gap");
    String mode = ev.optText("mode", "random");
    if (!mode.equals("random") && !mode.equals("none")) {
      throw ev.req("mode").error("expected random or none, not " + mode);
    }
    FileNode named = ev.opt("model");
    if (named != null) {
      model =
          EvCatalogue.byName(named.text())
              .orElseThrow(
                  () -> named.error("one of " + EvCatalogue.names() + ", not " + named.text()));
    }
    FileNode battery = ev.opt("batteryKwh");
    FileNode maxA = ev.opt("maxA");
    FileNode phases = ev.opt("phases");
    double a = maxA == null ? model.maxCurrentA() : maxA.number(1, 1000);
    model =
        new EvModel(
            battery == null ? model.batteryWh() : battery.number(1, 1000) * 1000,
            model.targetSocPercent(),
            a,
            phases == null ? model.phases() : phases.integer(1, 3),
            model.responseDelay(),
            model.taperFromPercent(),
            Math.min(model.taperEndA(), a));
    boolean hlc = ev.optBoolean("hlc", false);
    FileNode v2g = ev.opt("v2g");
    if (v2g != null) {
      if (!hlc) {
        throw v2g.error("a V2G EV speaks ISO 15118-20; set hlc: true");
      }
      v2g.only("dischargeA", "minSoc", "control");
      String control = v2g.optText("control", "dynamic");
      if (!control.equals("dynamic") && !control.equals("scheduled")) {
        throw v2g.req("control").error("expected dynamic or scheduled, not " + control);
      }
      FileNode minSoc = v2g.opt("minSoc");
      model =
          model
              .withV2g(
                  v2g.req("dischargeA").number(1, 1000),
                  minSoc == null ? 20 : minSoc.number(0, 100))
              .withControlMode(
                  control.equals("dynamic") ? EvControlMode.DYNAMIC : EvControlMode.SCHEDULED);
    }
    FileNode first = ev.opt("firstArrival");
    FileNode stay = ev.opt("stay");
    FileNode gap = ev.opt("gap");
    return new StationTemplate.Ev(
        mode.equals("random"),
        model,
        hlc,
        first == null ? Duration.ofSeconds(2) : first.duration(),
        stay == null ? Duration.ofSeconds(40) : stay.duration(),
        gap == null ? Duration.ofSeconds(10) : gap.duration());
  }

  /** A value as text: a string, or a number or boolean as written. */
  private static String scalar(FileNode n) {
    JsonNode j = n.json();
    if (j.isTextual() || j.isNumber() || j.isBoolean()) {
      return j.asText();
    }
    if (j.isArray()) {
      List<String> parts = new ArrayList<>();
      for (FileNode item : n.array()) {
        parts.add(scalar(item));
      }
      return String.join(",", parts);
    }
    throw n.error("expected a value (text, number, true/false or a list)");
  }

  private static String bounded(FileNode n, int max) {
    String s = n.text();
    if (s.isEmpty() || s.length() > max) {
      throw n.error("1 to " + max + " characters");
    }
    return s;
  }
}
