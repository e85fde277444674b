package io.kilowire.hardware.board;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.loadmanagement.AllocationMode;
import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.LoadBalancer;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.core.loadmanagement.group.GroupConfig;
import io.kilowire.hardware.group.GroupCodec;
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
 *   "iso15118Dash20": false,       optional: the EVSEs speak ISO 15118-20 (an SECC beside the
 *                                  board), so the station keeps a V2G20 certificate too (2.1)
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
 *                  "model": "sdm630" },        required, sdm630 | sdm120
 *       "phaseContactor": {                    optional: the relay switching 1 / 3 phases
 *                  "modbus": { "port": "/dev/ttyUSB2", "unit": 20 },   baud default 9600
 *                  "register": 0,              required: the holding register it is set by
 *                  "onePhase": 1, "threePhases": 0 } }   optional, the values written
 *   ],
 *   "phaseSwitchReconnectSeconds": 45,          optional: off this long after a switch
 *   "phaseSwitchReconnectAfterLoadSeconds": 60, optional: the same after opening under load
 *   "siteMeter": { "modbus": { ...as meter... } }   optional, or
 *   "siteMeter": { "coap": "coap://10.0.0.5/grid" }
 *   "site": {                      optional: balance the EVSEs against the site's grid connection
 *     "gridLimitA": 63,            required, the main fuse per phase
 *     "gridLimitKw": 40,           optional, a contracted total
 *     "voltageV": 230,             optional, default 230
 *     "marginA": 2,                optional, default 0: kept free on every phase
 *     "continuousLoadRule": false, optional: budget at 80 %
 *     "mode": "dynamic",           optional, dynamic (needs a site meter) | static
 *     "staticBudgetA": 32,         optional, default gridLimitA: the EVs' budget in static mode
 *     "meterStaleAfterMs": 11000,  optional, default meterStaleSeconds: an older reading is none
 *     "safeBudgetA": 16,           dynamic: required unless staticBudgetA is below gridLimitA;
 *                                  the EVs' budget meanwhile
 *     "rampIntervalMs": 5000,      optional, default 5000
 *     "rampStepA": 32,             optional, default 32
 *     "evses": [ { "wiring": ["L1", "L2", "L3"],   optional, default L1 L2 L3 (or one phase)
 *                  "cableMaxA": 32,                optional, default maxCurrentA
 *                  "priority": 0 } ],              optional, default 0; one entry per EVSE
 *     "meter": { "modbus": {...} } | { "coap": "coap://..." }   the site meter, or siteMeter above
 *     "timezone": "Europe/Berlin", optional, default UTC: the zone of every time of day below
 *     "chargingMode": "cost",      optional, grid (default) | cost | solar-first | solar-only
 *                                  (the solar ones need pvMeter); per EVSE in evses[i] too
 *     "pvMeter": { "modbus": { ...as meter... } }   optional, a meter on the PV's output, or
 *     "pvMeter": { "sunspec": { "port": "/dev/ttyUSB1", "unit": 1, "baud": 9600 } }  the inverter
 *     "batteryMeter": { "modbus": { "port": "/dev/ttyUSB1", "unit": 3, "baud": 9600 },
 *                       "powerRegister": 100, "powerScale": 1,   W = int16 × scale, discharging +
 *                       "socRegister": 101, "socScale": 0.1,     % = uint16 × scale; optional
 *                       "powerType": "int32", "socType": "float32",   default int16 / uint16
 *                       "wordOrder": "high-first",               of 32-bit values
 *                       "command": { "register": 200, "type": "int16", "scale": 1,
 *                                    "intervalMs": 5000 } }  optional: write the setpoint; or
 *     "batteryMeter": { "sunspec": { "port": "/dev/ttyUSB1", "unit": 2 },   by SunSpec models
 *                       "command": { "intervalMs": 5000, "revertSeconds": 60 } }  optional
 *     "pv": {...}, "battery": {...}, "exportLimitKw": 0, "tariffs": [...], "solar": {...}
 *                                  optional, as in the emulator's site file (BoardEnergy)
 *   },
 *   "group": {                     optional, instead of site: a member of a charger group
 *     "file": "group.json",        the group file (relative to this file), or
 *     "config": { ...group file... },  inline
 *     "member": "m2",              required, this station's member id
 *     "evse": 1 }                  optional, default 1: the EVSE the member governs
 *   "firmware": {                  optional: the station takes firmware updates
 *     "installCommand": ["/usr/local/bin/kw-install"],  required: the maker's installer; run
 *                                  with the downloaded image's path appended, it installs the image
 *                                  and prints the version it carries (exit 0), else fails
 *     "installTimeoutSeconds": 600,  optional, default 600
 *     "signingRoots": "roots.pem" }  optional: the manufacturer's roots that sign firmware
 *                                  (relative to this file); without them signed updates are refused
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
    @Nullable SiteMeterConfig siteMeter,
    @Nullable Site site,
    @Nullable Group group,
    @Nullable Firmware firmware,
    PhaseSwitchTiming phaseSwitchTiming,
    boolean iso15118Dash20) {

  public BoardConfig {
    evses = List.copyOf(evses);
  }

  /**
   * One EVSE: its OpenEVSE board, its meter and, if it can switch between one and three phases, the
   * relay that does it.
   */
  public record Evse(Rapi rapi, Meter meter, @Nullable PhaseRelay phaseContactor) {
    public Evse(Rapi rapi, Meter meter) {
      this(rapi, meter, null);
    }
  }

  /** A unit on a Modbus RTU line. */
  public record ModbusLink(String port, int baud, int unit) {}

  /**
   * The relay output that switches an EVSE between one and three phases: a holding register on a
   * Modbus relay module, written (FC 16) with {@code onePhase} or {@code threePhases}.
   */
  public record PhaseRelay(ModbusLink link, int register, int onePhase, int threePhases) {
    /** The register value for {@code phases} (1 or 3). */
    public int value(int phases) {
      return phases == 1 ? onePhase : threePhases;
    }
  }

  /**
   * How long a switching EVSE stays off before it reconnects (SPEC-FACTS E.5): after opening with
   * the EV in B, and after opening under load (the EV did not go to B in time).
   */
  public record PhaseSwitchTiming(Duration reconnect, Duration afterLoadOpen) {}

  /** An OpenEVSE board on a serial port. */
  public record Rapi(String port, int baud, int heartbeatSeconds, int failsafeCurrentA) {}

  /** A Modbus RTU meter on a serial port. */
  public record Meter(String port, int baud, int unit, Model model) implements PvMeterConfig {}

  /** What reads the PV's production: an energy meter on its output, or the inverter itself. */
  public sealed interface PvMeterConfig permits Meter, SunSpecUnit {}

  /** What reads the battery: its inverter's registers by a map, or by SunSpec. */
  public sealed interface BatteryMeterConfig permits BatteryMeter, SunSpecUnit {}

  /**
   * A SunSpec device (an inverter, a hybrid inverter with its battery) on Modbus RTU; its models
   * are found on the device.
   */
  public record SunSpecUnit(String port, int baud, int unit)
      implements PvMeterConfig, BatteryMeterConfig {}

  /** Supported meter models. */
  public enum Model {
    SDM630,
    SDM120
  }

  /** Where the site's grid reading comes from. */
  public sealed interface SiteMeterConfig {}

  public record ModbusSite(Meter meter) implements SiteMeterConfig {}

  public record CoapSite(URI uri) implements SiteMeterConfig {}

  /**
   * Balancing against the site's grid connection: the balancer's site, EVSE {@code n} being slot
   * {@code "n"} ({@link #slotId}). Its meter is {@link BoardConfig#siteMeter()}.
   */
  /**
   * @param offlineCapA per EVSE while the CSMS is unreachable (amps per phase); null = none
   * @param pvMeter a Modbus meter on the PV inverter's output (its production is the size of its
   *     total active power, whichever way it is wired) or the SunSpec inverter; null = none
   * @param batteryMeter the battery inverter's registers, by a map or SunSpec; null = none
   * @param batteryCommand writing the balancer's setpoint to that battery; null = read it only
   */
  public record Site(
      SiteConfig config,
      @Nullable Double offlineCapA,
      @Nullable PvMeterConfig pvMeter,
      @Nullable BatteryMeterConfig batteryMeter,
      @Nullable BatteryCommand batteryCommand) {}

  /**
   * A stationary battery's inverter on Modbus RTU, read as holding registers (FC 03).
   *
   * @param powerRegister its AC power, a signed 16-bit register; watts = value × {@code
   *     powerScale}, discharging positive (a negative scale turns round one that counts charging
   *     positive)
   * @param socRegister its state of charge, an unsigned 16-bit register; percent = value × {@code
   *     socScale}
   */
  public record BatteryMeter(
      String port,
      int baud,
      int unit,
      int powerRegister,
      double powerScale,
      int socRegister,
      double socScale,
      RegisterType powerType,
      RegisterType socType,
      WordOrder wordOrder)
      implements BatteryMeterConfig {
    /** 16-bit registers: signed power, unsigned state of charge. */
    public BatteryMeter(
        String port,
        int baud,
        int unit,
        int powerRegister,
        double powerScale,
        int socRegister,
        double socScale) {
      this(
          port,
          baud,
          unit,
          powerRegister,
          powerScale,
          socRegister,
          socScale,
          RegisterType.INT16,
          RegisterType.UINT16,
          WordOrder.HIGH_FIRST);
    }
  }

  /**
   * Writing the balancer's battery setpoint to the battery ({@code site.batteryMeter.command}).
   *
   * @param interval at most one write per interval
   * @param revertAfter a SunSpec battery's revert timer (it falls back to its own control when the
   *     station stops writing); the same setpoint is written again after half of it
   * @param register where a register-map battery takes its setpoint; null for SunSpec (model 124)
   */
  public record BatteryCommand(
      Duration interval, Duration revertAfter, @Nullable CommandRegister register) {}

  /**
   * A register-map battery's setpoint register: value = W / {@code scale}, discharging positive (a
   * negative scale for one that counts charging positive), 32-bit values in the map's word order.
   */
  public record CommandRegister(int address, RegisterType type, double scale) {}

  /** How a value sits in one or two holding registers. */
  public enum RegisterType {
    INT16("int16", 1),
    UINT16("uint16", 1),
    INT32("int32", 2),
    UINT32("uint32", 2),
    FLOAT32("float32", 2);

    private final String label;
    private final int registers;

    RegisterType(String label, int registers) {
      this.label = label;
      this.registers = registers;
    }

    public String label() {
      return label;
    }

    /** How many registers the value takes. */
    public int registers() {
      return registers;
    }
  }

  /** Which of a 32-bit value's two registers comes first. */
  public enum WordOrder {
    HIGH_FIRST("high-first"),
    LOW_FIRST("low-first");

    private final String label;

    WordOrder(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Membership in a charger group.
   *
   * @param member this station's member id
   * @param evse the EVSE the member governs (1-based)
   */
  public record Group(GroupConfig config, String member, int evse) {}

  /**
   * Firmware updates on this station.
   *
   * @param installCommand the program and its arguments; the image's path is appended
   * @param signingRoots PEM file of the roots a signed update's certificate must chain to; null for
   *     none
   */
  public record Firmware(
      List<String> installCommand, Duration installTimeout, @Nullable Path signingRoots) {
    public Firmware {
      installCommand = List.copyOf(installCommand);
    }
  }

  /** The id of EVSE {@code evse} in {@link Site#config()}. */
  public static String slotId(int evse) {
    return String.valueOf(evse);
  }

  /** A config file that cannot be used; the message names the field. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }

  /** Reads and checks {@code file}. */
  public static BoardConfig load(Path file) throws Invalid, IOException {
    Path dir = file.toAbsolutePath().getParent();
    return parse(Files.readString(file), dir == null ? Path.of("") : dir);
  }

  /** Parses and checks a configuration; a group file is found relative to the working directory. */
  public static BoardConfig parse(String json) throws Invalid {
    return parse(json, Path.of(""));
  }

  /** Parses and checks a configuration; a group {@code file} is relative to {@code dir}. */
  public static BoardConfig parse(String json, Path dir) throws Invalid {
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
        "siteMeter",
        "site",
        "group",
        "firmware",
        "phaseSwitchReconnectSeconds",
        "phaseSwitchReconnectAfterLoadSeconds",
        "iso15118Dash20");
    PhaseSwitchTiming timing =
        new PhaseSwitchTiming(
            Duration.ofSeconds(top.integer("phaseSwitchReconnectSeconds", 45, 1, 600)),
            Duration.ofSeconds(top.integer("phaseSwitchReconnectAfterLoadSeconds", 60, 1, 600)));
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
      e.only("rapi", "meter", "phaseContactor");
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
      PhaseRelay relay = e.has("phaseContactor") ? phaseRelay(e.child("phaseContactor")) : null;
      evses.add(new Evse(rapi, meter(e.child("meter")), relay));
    }
    SiteMeterConfig siteMeter = root.has("siteMeter") ? siteMeter(top.child("siteMeter")) : null;
    Site site = null;
    if (root.has("site")) {
      Node s = top.child("site");
      if (s.has("meter")) {
        if (siteMeter != null) {
          throw new Invalid("site.meter: the site meter is already given as siteMeter");
        }
        siteMeter = siteMeter(s.child("meter"));
      }
      site = site(s, maxCurrentA, stale, evses, siteMeter != null);
    }
    Group group = null;
    if (root.has("group")) {
      if (site != null) {
        throw new Invalid("group: a station balances by its site section or in a group, not both");
      }
      group = group(top.child("group"), dir, evses.size());
    }
    Firmware firmware = root.has("firmware") ? firmware(top.child("firmware"), dir) : null;
    return new BoardConfig(
        maxCurrentA,
        contactor,
        poll,
        stale,
        evses,
        siteMeter,
        site,
        group,
        firmware,
        timing,
        top.bool("iso15118Dash20", false));
  }

  private static PhaseRelay phaseRelay(Node r) throws Invalid {
    r.only("modbus", "register", "onePhase", "threePhases");
    SunSpecUnit link = sunSpec(r.child("modbus"));
    int register = r.integer("register", null, 0, 65_535);
    int one = r.integer("onePhase", 1, 0, 65_535);
    int three = r.integer("threePhases", 0, 0, 65_535);
    if (one == three) {
      throw new Invalid(r.path("threePhases") + ": must differ from onePhase (" + one + ")");
    }
    return new PhaseRelay(
        new ModbusLink(link.port(), link.baud(), link.unit()), register, one, three);
  }

  private static Firmware firmware(Node f, Path dir) throws Invalid {
    f.only("installCommand", "installTimeoutSeconds", "signingRoots");
    JsonNode command = f.required("installCommand");
    if (!command.isArray() || command.isEmpty()) {
      throw new Invalid(f.path("installCommand") + ": must be a non-empty array of strings");
    }
    List<String> words = new ArrayList<>();
    for (JsonNode w : command) {
      if (!w.isTextual() || w.asText().isBlank()) {
        throw new Invalid(f.path("installCommand") + ": must be a non-empty array of strings");
      }
      words.add(w.asText());
    }
    Duration timeout = Duration.ofSeconds(f.integer("installTimeoutSeconds", 600, 1, 86_400));
    Path roots = f.has("signingRoots") ? dir.resolve(f.text("signingRoots")) : null;
    return new Firmware(words, timeout, roots);
  }

  private static SiteMeterConfig siteMeter(Node s) throws Invalid {
    s.only("modbus", "coap");
    if (s.has("modbus") == s.has("coap")) {
      throw new Invalid(s.at() + ": exactly one of modbus, coap");
    }
    return s.has("modbus") ? new ModbusSite(meter(s.child("modbus"))) : new CoapSite(coap(s));
  }

  private static Site site(
      Node s, double maxCurrentA, Duration stale, List<Evse> boards, boolean meter) throws Invalid {
    int evseCount = boards.size();
    List<String> fields =
        new ArrayList<>(
            List.of(
                "gridLimitA",
                "gridLimitKw",
                "voltageV",
                "marginA",
                "continuousLoadRule",
                "mode",
                "staticBudgetA",
                "meterStaleAfterMs",
                "safeBudgetA",
                "rampIntervalMs",
                "rampStepA",
                "offlineCapA",
                "evses",
                "meter",
                "pvMeter",
                "batteryMeter"));
    fields.addAll(BoardEnergy.FIELDS);
    s.only(fields.toArray(String[]::new));
    s.required("gridLimitA");
    double grid = s.number("gridLimitA", 0, 1, 10_000);
    SiteConfig.Builder b =
        SiteConfig.builder(grid)
            .nominalVoltageV(s.number("voltageV", 230, 100, 500))
            .safetyMarginA(s.number("marginA", 0, 0, grid))
            .continuousLoadRule(s.bool("continuousLoadRule", false))
            .meterStaleAfter(
                Duration.ofMillis(
                    s.integer("meterStaleAfterMs", (int) stale.toMillis(), 100, 3_600_000)))
            .ramp(
                Duration.ofMillis(s.integer("rampIntervalMs", 5000, 0, 600_000)),
                s.number("rampStepA", 32, 0.1, 80));
    if (s.has("gridLimitKw")) {
      b.gridLimitKw(s.number("gridLimitKw", 0, 0.1, 100_000));
    }
    AllocationMode mode = AllocationMode.DYNAMIC;
    if (s.has("mode")) {
      String m = s.text("mode");
      mode =
          switch (m.toLowerCase(Locale.ROOT)) {
            case "dynamic" -> AllocationMode.DYNAMIC;
            case "static" -> AllocationMode.STATIC;
            default -> throw new Invalid(s.path("mode") + ": dynamic or static, not '" + m + "'");
          };
    }
    b.mode(mode);
    if (mode == AllocationMode.DYNAMIC && !meter) {
      throw new Invalid(s.path("meter") + ": required in dynamic mode (or a top-level siteMeter)");
    }
    if (s.has("staticBudgetA")) {
      b.staticBudgetA(s.number("staticBudgetA", 0, 0, grid));
    }
    if (s.has("safeBudgetA")) {
      b.meterFallbackBudgetA(s.number("safeBudgetA", 0, 0, grid));
    } else if (mode == AllocationMode.DYNAMIC && !s.has("staticBudgetA")) {
      // without it a stale meter would leave the EVs the whole fuse
      throw new Invalid(
          s.path("safeBudgetA")
              + ": required in dynamic mode (the EVs' budget per phase while the site meter is"
              + " stale: the fuse minus the building's peak)");
    }
    List<Node> wired = new ArrayList<>();
    if (s.has("evses")) {
      JsonNode list = s.required("evses");
      if (!list.isArray() || list.size() != evseCount) {
        throw new Invalid(
            s.path("evses") + ": must be an array with one entry per EVSE (" + evseCount + ")");
      }
      for (int i = 0; i < list.size(); i++) {
        wired.add(s.object(list.get(i), s.path("evses") + "[" + i + "]"));
      }
    }
    List<EvseSlot> slots = new ArrayList<>();
    for (int i = 0; i < evseCount; i++) {
      List<Phase> wiring = List.of(Phase.L1, Phase.L2, Phase.L3);
      double cable = maxCurrentA;
      int priority = 0;
      if (!wired.isEmpty()) {
        Node e = wired.get(i);
        List<String> evseFields = new ArrayList<>(List.of("wiring", "cableMaxA", "priority"));
        evseFields.addAll(BoardEnergy.EVSE_FIELDS);
        e.only(evseFields.toArray(String[]::new));
        if (e.has("wiring")) {
          wiring = wiring(e);
        }
        cable = e.number("cableMaxA", maxCurrentA, 1, 80);
        priority = e.integer("priority", 0, -100, 100);
      }
      slots.add(new EvseSlot(slotId(i + 1), null, wiring, maxCurrentA, cable, priority));
    }
    b.evses(slots);
    PvMeterConfig pvMeter = null;
    if (s.has("pvMeter")) {
      Node pv = s.child("pvMeter");
      pv.only("modbus", "sunspec");
      if (pv.has("modbus") == pv.has("sunspec")) {
        throw new Invalid(pv.at() + ": exactly one of modbus, sunspec");
      }
      pvMeter = pv.has("sunspec") ? sunSpec(pv.child("sunspec")) : meter(pv.child("modbus"));
    }
    b.energy(
        BoardEnergy.parse(
            s, wired, pvMeter != null, evse -> boards.get(evse - 1).phaseContactor() != null));
    SiteConfig config = b.build();
    try {
      new LoadBalancer(config);
    } catch (IllegalArgumentException e) {
      throw new Invalid(s.at() + ": " + e.getMessage());
    }
    Double offlineCap = s.has("offlineCapA") ? s.number("offlineCapA", 0, 0, 80) : null;
    BatteryMeterConfig batteryMeter = null;
    BatteryCommand command = null;
    if (s.has("batteryMeter")) {
      Node bm = s.child("batteryMeter");
      batteryMeter = batteryMeter(bm);
      if (bm.has("command")) {
        if (config.energy().battery() == null) {
          throw new Invalid(
              bm.path("command")
                  + ": needs site.battery (the battery's power limits and state-of-charge bounds)");
        }
        command = batteryCommand(bm.child("command"), batteryMeter);
      }
    }
    return new Site(config, offlineCap, pvMeter, batteryMeter, command);
  }

  private static BatteryCommand batteryCommand(Node c, BatteryMeterConfig meter) throws Invalid {
    Duration interval = Duration.ofMillis(c.integer("intervalMs", 5000, 1000, 600_000));
    Duration revert = Duration.ofSeconds(c.integer("revertSeconds", 60, 10, 3600));
    if (meter instanceof SunSpecUnit) {
      c.only("intervalMs", "revertSeconds");
      return new BatteryCommand(interval, revert, null);
    }
    c.only("intervalMs", "revertSeconds", "register", "type", "scale");
    RegisterType type = registerType(c, "type", RegisterType.INT16);
    int address = register(c, "register", type);
    double scale = c.number("scale", 1, -1000, 1000);
    if (scale == 0) {
      throw new Invalid(c.path("scale") + ": must not be 0");
    }
    return new BatteryCommand(interval, revert, new CommandRegister(address, type, scale));
  }

  private static BatteryMeterConfig batteryMeter(Node b) throws Invalid {
    if (b.has("sunspec")) {
      if (b.has("modbus")) {
        throw new Invalid(b.at() + ": exactly one of modbus (a register map), sunspec");
      }
      b.only("sunspec", "command");
      return sunSpec(b.child("sunspec"));
    }
    b.only(
        "modbus",
        "sunspec",
        "command",
        "powerRegister",
        "powerScale",
        "powerType",
        "socRegister",
        "socScale",
        "socType",
        "wordOrder");
    SunSpecUnit link = sunSpec(b.child("modbus"));
    RegisterType powerType = registerType(b, "powerType", RegisterType.INT16);
    RegisterType socType = registerType(b, "socType", RegisterType.UINT16);
    WordOrder order = WordOrder.HIGH_FIRST;
    if (b.has("wordOrder")) {
      String o = b.text("wordOrder");
      order =
          java.util.Arrays.stream(WordOrder.values())
              .filter(w -> w.label().equals(o))
              .findFirst()
              .orElseThrow(
                  () ->
                      new Invalid(
                          b.path("wordOrder") + ": high-first or low-first, not '" + o + "'"));
    }
    int powerRegister = register(b, "powerRegister", powerType);
    double powerScale = b.number("powerScale", 1, -1000, 1000);
    if (powerScale == 0) {
      throw new Invalid(b.path("powerScale") + ": must not be 0");
    }
    int socRegister = register(b, "socRegister", socType);
    double socScale = b.number("socScale", 1, 0.000_001, 10);
    return new BatteryMeter(
        link.port(),
        link.baud(),
        link.unit(),
        powerRegister,
        powerScale,
        socRegister,
        socScale,
        powerType,
        socType,
        order);
  }

  private static RegisterType registerType(Node b, String field, RegisterType dflt) throws Invalid {
    if (!b.has(field)) {
      return dflt;
    }
    String t = b.text(field);
    for (RegisterType r : RegisterType.values()) {
      if (r.label().equals(t)) {
        return r;
      }
    }
    throw new Invalid(b.path(field) + ": int16, uint16, int32, uint32 or float32, not '" + t + "'");
  }

  /** A register address; a 32-bit value also takes the register after it. */
  private static int register(Node b, String field, RegisterType type) throws Invalid {
    int at = b.integer(field, null, 0, 65_535);
    if (type.registers() == 2 && at == 65_535) {
      throw new Invalid(
          b.path(field) + ": a 32-bit value needs two registers: 0..65534, not " + at);
    }
    return at;
  }

  /** A Modbus unit on a port: {@code port}, {@code unit} 1..247, {@code baud} (default 9600). */
  private static SunSpecUnit sunSpec(Node m) throws Invalid {
    m.only("port", "baud", "unit");
    return new SunSpecUnit(
        m.text("port"), m.integer("baud", 9600, 300, 4_000_000), m.integer("unit", null, 1, 247));
  }

  static List<Phase> wiring(Node e) throws Invalid {
    JsonNode w = e.required("wiring");
    String where = e.path("wiring");
    if (!w.isArray() || (w.size() != 1 && w.size() != 3)) {
      throw new Invalid(where + ": an array of one or three phases, like [\"L2\", \"L3\", \"L1\"]");
    }
    List<Phase> wiring = new ArrayList<>();
    for (JsonNode p : w) {
      try {
        wiring.add(Phase.valueOf(p.asText().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException bad) {
        throw new Invalid(where + ": L1, L2 or L3, not " + p);
      }
    }
    if (wiring.stream().distinct().count() != wiring.size()) {
      throw new Invalid(where + ": repeats a phase");
    }
    return wiring;
  }

  private static Group group(Node g, Path dir, int evseCount) throws Invalid {
    g.only("file", "config", "member", "evse");
    if (g.has("file") == g.has("config")) {
      throw new Invalid(g.at() + ": exactly one of file, config");
    }
    String where;
    String json;
    if (g.has("file")) {
      Path file = dir.resolve(g.text("file"));
      where = g.path("file");
      try {
        json = Files.readString(file);
      } catch (IOException e) {
        throw new Invalid(where + ": cannot read " + file + ": " + e.getMessage());
      }
    } else {
      where = g.path("config");
      json = g.child("config").node().toString();
    }
    GroupConfig config;
    try {
      config = GroupCodec.readConfig(json).config();
    } catch (IllegalArgumentException e) {
      throw new Invalid(where + ": " + e.getMessage());
    }
    if (evseCount > 1) {
      // a member governs one EVSE: any other EVSE would charge outside the group's limit
      throw new Invalid(g.at() + ": a group member has one EVSE; this station has " + evseCount);
    }
    String member = g.text("member");
    if (!config.hasMember(member)) {
      throw new Invalid(g.path("member") + ": no member '" + member + "' in the group");
    }
    int evse = g.integer("evse", 1, 1, evseCount);
    return new Group(config, member, evse);
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
  record Node(JsonNode node, String at) {
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

    /** The objects of the non-empty array {@code field}. */
    List<Node> objects(String field) throws Invalid {
      JsonNode list = required(field);
      if (!list.isArray() || list.isEmpty()) {
        throw new Invalid(path(field) + ": must be a non-empty array");
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(object(list.get(i), path(field) + "[" + i + "]"));
      }
      return out;
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

    boolean bool(String field, boolean dflt) throws Invalid {
      JsonNode v = node.get(field);
      if (v == null) {
        return dflt;
      }
      if (!v.isBoolean()) {
        throw new Invalid(path(field) + ": must be true or false");
      }
      return v.booleanValue();
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
