package io.kilowire.emulator.template;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.Configuration;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.DeviceVariable;
import io.kilowire.core.configuration.Key;
import io.kilowire.core.configuration.StationLayout;
import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import io.kilowire.emulator.station.StationDesign;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A kind of station, as a template file describes it (see {@link TemplateParser} for the format):
 * what the station says it is, how it is built, how it starts configured, and how its EVs behave.
 * Its initial configuration values were checked against the station's own keys when it was read.
 *
 * @param serialPattern the serial number: {@code {id}} the station id, {@code {n}} its number in
 *     the run, {@code {n:06}} zero-padded
 * @param securityProfile null: the run's {@code --security-profile}
 */
public record StationTemplate(
    String name,
    String description,
    String vendor,
    String model,
    String serialPattern,
    String firmwareVersion,
    OcppVersion protocol,
    @Nullable Integer securityProfile,
    List<Evse> evses,
    List<String> measurands,
    Map<String, String> configuration,
    List<Variable> variables,
    Ev ev) {

  /** Serial numbers longer than this are cut to their end (both versions allow 25). */
  static final int MAX_SERIAL = 25;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(id|n)(?::0(\\d))?\\}");

  /**
   * An EVSE as built.
   *
   * @param maxCurrentA per phase (for DC: the current at the connector's voltage is not simulated;
   *     see {@link #simulatedMaxA})
   * @param connectors OCPP 2.0.1 ConnectorEnumType values, e.g. cType2, sType2, cCCS2, cCHAdeMO
   * @param bidirectional its power electronics can feed energy back (AC only, in the emulator)
   */
  public record Evse(
      double maxCurrentA,
      int phases,
      boolean dc,
      double maxPowerKw,
      List<String> connectors,
      boolean bidirectional) {
    public Evse {
      connectors = List.copyOf(connectors);
    }

    /** An EVSE that charges only. */
    public Evse(
        double maxCurrentA, int phases, boolean dc, double maxPowerKw, List<String> connectors) {
      this(maxCurrentA, phases, dc, maxPowerKw, connectors, false);
    }

    /**
     * The per-phase current the simulated hardware carries: the AC maximum, or for DC the AC
     * current that carries its power on three phases at 230 V (the emulator's meter is AC).
     */
    public double simulatedMaxA() {
      return dc ? maxPowerKw * 1000 / (3 * 230.0) : maxCurrentA;
    }
  }

  /** A 2.0.1 device-model variable's initial Actual value. */
  public record Variable(
      String component,
      @Nullable String componentInstance,
      @Nullable Integer evse,
      @Nullable Integer connector,
      String variable,
      @Nullable String instance,
      String value) {}

  /**
   * The EVs: whether they come and go by themselves ({@code random}), what they are, whether they
   * speak ISO 15118, and their timing (as the run's random EVs). A V2G EV's model says how it feeds
   * back ({@link EvModel#v2g()}).
   */
  public record Ev(
      boolean random,
      EvModel model,
      boolean hlc,
      Duration firstArrival,
      Duration stay,
      Duration gap) {
    public EmulatedStation.EvBehaviour behaviour() {
      return new EmulatedStation.EvBehaviour(
              firstArrival, stay, gap, model.maxCurrentA(), model.phases(), model.batteryWh(), hlc)
          .withV2g(
              model.v2g()
                  ? new EmulatedStation.EvBehaviour.V2g(
                      model.maxDischargeA(), model.minSocPercent(), model.controlMode())
                  : null);
    }
  }

  public StationTemplate {
    evses = List.copyOf(evses);
    measurands = List.copyOf(measurands);
    configuration = Map.copyOf(configuration);
    variables = List.copyOf(variables);
  }

  /** How this station's EVs behave, on EVSEs that feed back if the template's do. */
  public EmulatedStation.EvBehaviour evBehaviour() {
    return ev.behaviour()
        .withBidirectionalEvses(evses.stream().anyMatch(StationTemplate.Evse::bidirectional));
  }

  /** The serial number of station {@code n} (1-based in the run) with id {@code stationId}. */
  public String serialNumber(String stationId, int n) {
    Matcher m = PLACEHOLDER.matcher(serialPattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value =
          m.group(1).equals("id")
              ? stationId
              : m.group(2) == null
                  ? String.valueOf(n)
                  : String.format(Locale.ROOT, "%0" + m.group(2) + "d", n);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    String serial = out.toString();
    return serial.length() <= MAX_SERIAL ? serial : serial.substring(serial.length() - MAX_SERIAL);
  }

  /** The station's layout: EVSEs numbered from 1, connectors within each from 1. */
  public List<StationLayout.Evse> layout() {
    List<StationLayout.Evse> out = new ArrayList<>();
    for (int i = 0; i < evses.size(); i++) {
      Evse e = evses.get(i);
      List<StationLayout.Connector> connectors = new ArrayList<>();
      for (int c = 0; c < e.connectors().size(); c++) {
        connectors.add(new StationLayout.Connector(c + 1, e.connectors().get(c)));
      }
      out.add(
          new StationLayout.Evse(
              i + 1,
              BigDecimal.valueOf(Math.round(e.maxPowerKw() * 1000)),
              e.dc() ? 0 : e.phases(),
              connectors));
    }
    return out;
  }

  /** What the emulator builds for station {@code n} with id {@code stationId}. */
  public StationDesign design(String stationId, int n) {
    List<Double> maxima = evses.stream().map(Evse::simulatedMaxA).toList();
    StationLayout layout = new StationLayout(vendor, model, layout());
    List<Consumer<Configuration.Builder>> keys = v16Initials(layout);
    List<Consumer<DeviceModel.Builder>> model201 = v201Initials(layout);
    UnaryOperator<Configuration.Builder> v16 =
        c -> {
          keys.forEach(k -> k.accept(c));
          return c;
        };
    UnaryOperator<DeviceModel.Builder> v201 =
        d -> {
          model201.forEach(v -> v.accept(d));
          return d;
        };
    return new StationDesign(
        vendor,
        model,
        serialNumber(stationId, n),
        firmwareVersion,
        layout(),
        maxima,
        measurands,
        v16,
        v201);
  }

  /**
   * The 1.6 initial values as typed settings of this station's keys.
   *
   * @throws TemplateParser.TemplateException naming {@code configuration.<key>} when a key is
   *     unknown or its value malformed
   */
  List<Consumer<Configuration.Builder>> v16Initials(StationLayout layout) {
    List<Consumer<Configuration.Builder>> out = new ArrayList<>();
    if (configuration.isEmpty()) {
      return out;
    }
    Configuration probe = V16Keys.builder(layout).build();
    for (Map.Entry<String, String> e : configuration.entrySet()) {
      Key<?> key =
          probe
              .key(e.getKey())
              .orElseThrow(
                  () ->
                      new TemplateParser.TemplateException(
                          "configuration."
                              + e.getKey()
                              + ": not an OCPP 1.6 key this station has"));
      out.add(initial(key, e.getValue(), "configuration." + e.getKey()));
    }
    return out;
  }

  private static <T> Consumer<Configuration.Builder> initial(
      Key<T> key, String text, String field) {
    T value = parse(key, text, field);
    return c -> c.initial(key, value);
  }

  private static <T> T parse(Key<T> key, String text, String field) {
    try {
      return key.type().parse(text);
    } catch (IllegalArgumentException e) {
      throw new TemplateParser.TemplateException(field + ": " + e.getMessage());
    }
  }

  /** As {@link #v16Initials}, for 2.0.1 variables ({@code variables[i]}). */
  List<Consumer<DeviceModel.Builder>> v201Initials(StationLayout layout) {
    List<Consumer<DeviceModel.Builder>> out = new ArrayList<>();
    if (variables.isEmpty()) {
      return out;
    }
    DeviceModel probe = DeviceModel.builder(layout).build();
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      String field = "variables[" + i + "]";
      DeviceVariable<?> found =
          probe
              .find(
                  new ComponentId(v.component(), v.componentInstance(), v.evse(), v.connector()),
                  new VariableId(v.variable(), v.instance()))
              .orElseThrow(
                  () ->
                      new TemplateParser.TemplateException(
                          field
                              + ": "
                              + v.component()
                              + "."
                              + v.variable()
                              + " is not an OCPP 2.0.1 variable this station has"));
      out.add(initial(found, v.value(), field + ".value"));
    }
    return out;
  }

  private static <T> Consumer<DeviceModel.Builder> initial(
      DeviceVariable<T> variable, String text, String field) {
    T value = parse(variable.actual(), text, field);
    return d -> d.initial(variable, value);
  }
}
