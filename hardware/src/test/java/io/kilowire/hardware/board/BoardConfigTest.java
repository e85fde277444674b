package io.kilowire.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.loadmanagement.AllocationMode;
import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.core.loadmanagement.energy.Battery;
import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.CloudDip;
import io.kilowire.core.loadmanagement.energy.PvArray;
import io.kilowire.core.loadmanagement.energy.PvProfile;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.SolarRules;
import io.kilowire.core.loadmanagement.energy.Tariff;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoardConfigTest {
  static final String GROUP =
      "{\"siteLimitA\":32,\"controller\":\"m1\",\"members\":["
          + "{\"id\":\"m1\",\"endpoint\":\"coap://127.0.0.1:5701\",\"maxA\":32,\"safeShareA\":8},"
          + "{\"id\":\"m2\",\"endpoint\":\"coap://127.0.0.1:5702\",\"maxA\":32,\"safeShareA\":12}]}";
  private static final String EVSE =
      "{\"rapi\":{\"port\":\"/dev/ttyUSB0\"},"
          + "\"meter\":{\"port\":\"/dev/ttyUSB1\",\"unit\":11,\"model\":\"sdm630\"}}";

  @Nested
  class Valid {
    @Test
    void aMinimalFileGetsTheDocumentedDefaults() throws Exception {
      BoardConfig c = BoardConfig.parse("{\"evses\":[" + EVSE + "]}");
      assertThat(c.maxCurrentA()).isEqualTo(32);
      assertThat(c.contactorTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(c.meterPoll()).isEqualTo(Duration.ofSeconds(1));
      assertThat(c.meterStaleAfter()).isEqualTo(Duration.ofSeconds(11));
      assertThat(c.evses())
          .containsExactly(
              new BoardConfig.Evse(
                  new BoardConfig.Rapi("/dev/ttyUSB0", 115_200, 10, 6),
                  new BoardConfig.Meter("/dev/ttyUSB1", 9600, 11, BoardConfig.Model.SDM630)));
      assertThat(c.siteMeter()).isNull();
      assertThat(c.iso15118Dash20()).isFalse();
    }

    @Test
    void everyFieldIsRead() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"maxCurrentA": 16, "contactorTimeoutMs": 700, "meterPollMs": 250,
               "meterStaleSeconds": 5,
               "evses": [
                 {"rapi": {"port": "/dev/a", "baud": 38400, "heartbeatSeconds": 20,
                           "failsafeCurrentA": 0},
                  "meter": {"port": "/dev/m", "baud": 19200, "unit": 12, "model": "SDM120"}}],
               "siteMeter": {"modbus": {"port": "/dev/m", "baud": 19200, "unit": 1,
                                        "model": "sdm630"}}}
              """);
      assertThat(c.maxCurrentA()).isEqualTo(16);
      assertThat(c.contactorTimeout()).isEqualTo(Duration.ofMillis(700));
      assertThat(c.meterPoll()).isEqualTo(Duration.ofMillis(250));
      assertThat(c.meterStaleAfter()).isEqualTo(Duration.ofSeconds(5));
      assertThat(c.evses().get(0).rapi()).isEqualTo(new BoardConfig.Rapi("/dev/a", 38400, 20, 0));
      assertThat(c.evses().get(0).meter().model()).isEqualTo(BoardConfig.Model.SDM120);
      assertThat(c.siteMeter())
          .isEqualTo(
              new BoardConfig.ModbusSite(
                  new BoardConfig.Meter("/dev/m", 19200, 1, BoardConfig.Model.SDM630)));
    }

    @Test
    void aCoapSiteMeterIsAUri() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              "{\"evses\":[" + EVSE + "],\"siteMeter\":{\"coap\":\"coap://10.0.0.5/grid\"}}");
      assertThat(c.siteMeter())
          .isEqualTo(new BoardConfig.CoapSite(URI.create("coap://10.0.0.5/grid")));
    }

    @Test
    void theSiteSectionTakesTheSitesEnergyWithTheEmulatorsFieldNames() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"evses": [EVSE, EVSE],
               "site": {"gridLimitA": 40, "mode": "static", "timezone": "Europe/Berlin",
                        "chargingMode": "cost",
                        "pv": {"peakKw": 9, "sunrise": "05:30", "sunset": "21:00",
                               "clouds": [{"from": "12:00", "until": "12:30", "share": 0.4}]},
                        "battery": {"capacityKwh": 10, "maxChargeKw": 5, "maxDischargeKw": 4,
                                    "minSoc": 20},
                        "exportLimitKw": 7,
                        "tariffs": [{"from": "00:30", "importPerKwh": 0.12, "exportPerKwh": 0.05},
                                    {"from": "07:30", "importPerKwh": 0.34}],
                        "solar": {"startAfter": "2m", "stopAfter": "10m",
                                  "readingStaleAfter": "20s", "urgentShare": 0.6},
                        "evses": [{}, {"chargingMode": "grid"}]}}
              """
                  .replace("EVSE", EVSE));
      SiteEnergy e = c.site().config().energy();
      assertThat(e.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
      assertThat(e.mode()).isEqualTo(ChargingMode.COST);
      assertThat(e.modeOf("1")).isEqualTo(ChargingMode.COST);
      assertThat(e.modeOf("2")).isEqualTo(ChargingMode.GRID);
      assertThat(e.pv())
          .isEqualTo(
              new PvArray(
                  new PvProfile.ClearSky(9, LocalTime.of(5, 30), LocalTime.of(21, 0)),
                  List.of(new CloudDip(LocalTime.NOON, LocalTime.of(12, 30), 0.4))));
      assertThat(e.battery()).isEqualTo(new Battery(10, 5, 4, 20, 100, 0.9, 20));
      assertThat(e.exportLimitKw()).isEqualTo(7.0);
      assertThat(e.tariff())
          .isEqualTo(
              new Tariff(
                  List.of(
                      new Tariff.Period(LocalTime.of(0, 30), 0.12, 0.05),
                      new Tariff.Period(LocalTime.of(7, 30), 0.34, 0))));
      assertThat(e.solar())
          .isEqualTo(
              new SolarRules(
                  Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofSeconds(20), 0.6));
      // a PV series instead of the clear-sky shape; without energy fields nothing changes
      BoardConfig series =
          BoardConfig.parse(
              """
              {"evses": [EVSE], "site": {"gridLimitA": 40, "mode": "static",
               "pv": {"series": [{"t": "07:00", "kw": 0}, {"t": "13:00", "kw": 6}]}}}
              """
                  .replace("EVSE", EVSE));
      assertThat(series.site().config().energy().pvKwAt(LocalTime.of(10, 0))).isEqualTo(3.0);
      BoardConfig plain =
          BoardConfig.parse(
              """
              {"evses": [EVSE], "site": {"gridLimitA": 40, "mode": "static"}}
              """
                  .replace("EVSE", EVSE));
      assertThat(plain.site().config().energy()).isEqualTo(SiteEnergy.NONE);
    }

    @Test
    void aPvMeterLetsTheSiteChargeFromTheSun() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"evses": [EVSE],
               "site": {"gridLimitA": 40, "safeBudgetA": 8, "chargingMode": "solar-only",
                        "pv": {"peakKw": 9},
                        "meter": {"modbus": {"port": "/dev/s", "unit": 1, "model": "sdm630"}},
                        "pvMeter": {"modbus": {"port": "/dev/s", "unit": 2, "model": "sdm120"}}}}
              """
                  .replace("EVSE", EVSE));
      assertThat(c.site().pvMeter())
          .isEqualTo(new BoardConfig.Meter("/dev/s", 9600, 2, BoardConfig.Model.SDM120));
      assertThat(c.site().config().energy().mode()).isEqualTo(ChargingMode.SOLAR_ONLY);
    }

    @Test
    void aBatteryMeterIsARegisterMapOnAModbusUnit() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"evses": [EVSE],
               "site": {"gridLimitA": 40, "mode": "static",
                        "batteryMeter": {"modbus": {"port": "/dev/b", "unit": 3, "baud": 19200},
                                         "powerRegister": 100, "powerScale": -10,
                                         "socRegister": 101, "socScale": 0.1}}}
              """
                  .replace("EVSE", EVSE));
      assertThat(c.site().batteryMeter())
          .isEqualTo(new BoardConfig.BatteryMeter("/dev/b", 19200, 3, 100, -10, 101, 0.1));
    }

    @Test
    void aBatteryRegisterMapMayNameThirtyTwoBitAndFloatRegistersAndTheirWordOrder()
        throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"evses": [EVSE],
               "site": {"gridLimitA": 40, "mode": "static",
                        "batteryMeter": {"modbus": {"port": "/dev/b", "unit": 3},
                                         "powerRegister": 100, "powerType": "int32",
                                         "socRegister": 102, "socType": "float32",
                                         "wordOrder": "low-first"}}}
              """
                  .replace("EVSE", EVSE));
      assertThat(c.site().batteryMeter())
          .isEqualTo(
              new BoardConfig.BatteryMeter(
                  "/dev/b",
                  9600,
                  3,
                  100,
                  1,
                  102,
                  1,
                  BoardConfig.RegisterType.INT32,
                  BoardConfig.RegisterType.FLOAT32,
                  BoardConfig.WordOrder.LOW_FIRST));
    }

    @Test
    void aBatteryMayBeCommandedByRegisterOrBySunSpec() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"evses": [EVSE],
               "site": {"gridLimitA": 40, "mode": "static",
                        "battery": {"capacityKwh": 20, "maxChargeKw": 5, "maxDischargeKw": 5},
                        "batteryMeter": {"modbus": {"port": "/dev/b", "unit": 3},
                                         "powerRegister": 100, "socRegister": 101,
                                         "command": {"register": 200, "type": "int32",
                                                     "scale": -0.1, "intervalMs": 2000}}}}
              """
                  .replace("EVSE", EVSE));
      assertThat(c.site().batteryCommand())
          .isEqualTo(
              new BoardConfig.BatteryCommand(
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(60),
                  new BoardConfig.CommandRegister(200, BoardConfig.RegisterType.INT32, -0.1)));
      BoardConfig sunSpec =
          BoardConfig.parse(
              """
              {"evses": [EVSE],
               "site": {"gridLimitA": 40, "mode": "static",
                        "battery": {"capacityKwh": 20, "maxChargeKw": 5, "maxDischargeKw": 5},
                        "batteryMeter": {"sunspec": {"port": "/dev/b", "unit": 3},
                                         "command": {"revertSeconds": 30}}}}
              """
                  .replace("EVSE", EVSE));
      assertThat(sunSpec.site().batteryCommand())
          .isEqualTo(
              new BoardConfig.BatteryCommand(Duration.ofSeconds(5), Duration.ofSeconds(30), null));
    }

    @Test
    void anEvseWithAPhaseContactorMaySwitchPhases() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"phaseSwitchReconnectSeconds": 5, "phaseSwitchReconnectAfterLoadSeconds": 7,
               "evses": [{"rapi": {"port": "/dev/ttyUSB0"},
                          "meter": {"port": "/dev/ttyUSB1", "unit": 11, "model": "sdm630"},
                          "phaseContactor": {"modbus": {"port": "/dev/r", "unit": 9},
                                             "register": 4, "onePhase": 1, "threePhases": 0}}],
               "site": {"gridLimitA": 40, "mode": "static", "evses": [{"phaseSwitching": true}]}}
              """);
      assertThat(c.evses().get(0).phaseContactor())
          .isEqualTo(
              new BoardConfig.PhaseRelay(new BoardConfig.ModbusLink("/dev/r", 9600, 9), 4, 1, 0));
      assertThat(c.phaseSwitchTiming())
          .isEqualTo(
              new BoardConfig.PhaseSwitchTiming(Duration.ofSeconds(5), Duration.ofSeconds(7)));
      assertThat(c.site().config().energy().phaseSwitching("1")).isTrue();
      assertThat(BoardConfig.parse("{\"evses\":[" + EVSE + "]}").phaseSwitchTiming())
          .isEqualTo(
              new BoardConfig.PhaseSwitchTiming(Duration.ofSeconds(45), Duration.ofSeconds(60)));
    }

    @Test
    void aSunSpecInverterMayReadThePvAndTheBattery() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"evses": [EVSE],
               "site": {"gridLimitA": 40, "safeBudgetA": 8, "chargingMode": "solar-first",
                        "pv": {"peakKw": 9},
                        "meter": {"modbus": {"port": "/dev/s", "unit": 1, "model": "sdm630"}},
                        "pvMeter": {"sunspec": {"port": "/dev/s", "unit": 2}},
                        "batteryMeter": {"sunspec": {"port": "/dev/b", "unit": 3, "baud": 19200}}}}
              """
                  .replace("EVSE", EVSE));
      assertThat(c.site().pvMeter()).isEqualTo(new BoardConfig.SunSpecUnit("/dev/s", 9600, 2));
      assertThat(c.site().batteryMeter())
          .isEqualTo(new BoardConfig.SunSpecUnit("/dev/b", 19200, 3));
    }

    @Test
    void aSiteSectionBecomesTheBalancersSiteWithOneSlotPerEvse() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"maxCurrentA": 32, "meterStaleSeconds": 7,
               "evses": [EVSE, EVSE],
               "site": {"gridLimitA": 63, "gridLimitKw": 40, "voltageV": 231, "marginA": 2,
                        "continuousLoadRule": true, "staticBudgetA": 40, "safeBudgetA": 16, "offlineCapA": 10,
                        "rampIntervalMs": 2000, "rampStepA": 8,
                        "evses": [{"wiring": ["L2", "L3", "L1"], "cableMaxA": 20, "priority": 1},
                                  {"wiring": ["l3"]}],
                        "meter": {"modbus": {"port": "/dev/s", "unit": 1, "model": "sdm630"}}}}
              """
                  .replace("EVSE", EVSE));
      SiteConfig site = c.site().config();
      assertThat(site.gridLimitA()).isEqualTo(63);
      assertThat(site.gridLimitKw()).isEqualTo(40.0);
      assertThat(site.nominalVoltageV()).isEqualTo(231);
      assertThat(site.safetyMarginA()).isEqualTo(2);
      assertThat(site.continuousLoadRule()).isTrue();
      assertThat(site.mode()).isEqualTo(AllocationMode.DYNAMIC);
      assertThat(site.staticBudgetA()).isEqualTo(40);
      assertThat(site.meterFallbackBudgetA()).isEqualTo(16.0);
      assertThat(site.meterStaleAfter()).isEqualTo(Duration.ofSeconds(7));
      assertThat(site.rampInterval()).isEqualTo(Duration.ofSeconds(2));
      assertThat(site.rampStepA()).isEqualTo(8);
      assertThat(c.site().offlineCapA()).isEqualTo(10.0);
      assertThat(site.evses())
          .containsExactly(
              new EvseSlot("1", null, List.of(Phase.L2, Phase.L3, Phase.L1), 32, 20, 1),
              new EvseSlot("2", null, List.of(Phase.L3), 32, 32, 0));
      assertThat(c.siteMeter())
          .isEqualTo(
              new BoardConfig.ModbusSite(
                  new BoardConfig.Meter("/dev/s", 9600, 1, BoardConfig.Model.SDM630)));
      assertThat(c.group()).isNull();
    }

    @Test
    void aMinimalSiteUsesTheTopLevelSiteMeterAndDefaults() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              "{\"evses\":["
                  + EVSE
                  + "],\"siteMeter\":{\"coap\":\"coap://10.0.0.5/grid\"},"
                  + "\"site\":{\"gridLimitA\":40,\"safeBudgetA\":12}}");
      SiteConfig site = c.site().config();
      assertThat(site.meterStaleAfter()).isEqualTo(Duration.ofSeconds(11));
      assertThat(site.meterFallbackBudgetA()).isEqualTo(12);
      assertThat(site.staticBudgetA()).isEqualTo(40);
      assertThat(site.evses())
          .containsExactly(
              new EvseSlot("1", null, List.of(Phase.L1, Phase.L2, Phase.L3), 32, 32, 0));
      assertThat(c.siteMeter()).isInstanceOf(BoardConfig.CoapSite.class);
    }

    @Test
    void aStaticSiteNeedsNoMeter() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              "{\"evses\":["
                  + EVSE
                  + "],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"staticBudgetA\":20}}");
      assertThat(c.site().config().mode()).isEqualTo(AllocationMode.STATIC);
      assertThat(c.siteMeter()).isNull();
    }

    @Test
    void aGroupIsReadInlineOrFromAFileBesideTheConfig(@TempDir Path dir) throws Exception {
      Files.writeString(dir.resolve("group.json"), GROUP);
      Path config =
          Files.writeString(
              dir.resolve("station.json"),
              "{\"evses\":[" + EVSE + "],\"group\":{\"file\":\"group.json\",\"member\":\"m2\"}}");
      BoardConfig fromFile = BoardConfig.load(config);
      assertThat(fromFile.group().member()).isEqualTo("m2");
      assertThat(fromFile.group().evse()).isEqualTo(1);
      assertThat(fromFile.group().config().member("m2").safeShareA()).isEqualTo(12);
      assertThat(fromFile.site()).isNull();

      BoardConfig inline =
          BoardConfig.parse(
              "{\"evses\":[" + EVSE + "],\"group\":{\"config\":" + GROUP + ",\"member\":\"m1\"}}");
      assertThat(inline.group().config()).isEqualTo(fromFile.group().config());
    }

    @Test
    void aFirmwareSectionNamesTheInstallCommandAndTheSigningRootsBesideTheConfig(@TempDir Path dir)
        throws Exception {
      Path config =
          Files.writeString(
              dir.resolve("station.json"),
              "{\"evses\":["
                  + EVSE
                  + "],\"firmware\":{\"installCommand\":[\"/usr/bin/kw-install\",\"--quiet\"],"
                  + "\"signingRoots\":\"roots.pem\"}}");
      BoardConfig.Firmware firmware = BoardConfig.load(config).firmware();
      assertThat(firmware.installCommand()).containsExactly("/usr/bin/kw-install", "--quiet");
      assertThat(firmware.installTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
      assertThat(firmware.signingRoots()).isEqualTo(dir.toAbsolutePath().resolve("roots.pem"));
      assertThat(BoardConfig.parse("{\"evses\":[" + EVSE + "]}").firmware()).isNull();
    }

    @Test
    void theSiteExampleInTheRepositoryParses() throws Exception {
      BoardConfig c = BoardConfig.load(Path.of("examples/station-site.json"));
      assertThat(c.site().config().evses()).hasSize(2);
      assertThat(c.siteMeter()).isInstanceOf(BoardConfig.ModbusSite.class);
    }

    @Test
    void theExampleInTheRepositoryParses() throws Exception {
      BoardConfig c = BoardConfig.load(Path.of("examples/station.json"));
      assertThat(c.evses()).hasSize(2);
      assertThat(c.siteMeter()).isInstanceOf(BoardConfig.CoapSite.class);
    }
  }

  @Nested
  class Invalid {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "{}|evses: required",
          "{\"evses\":[]}|evses: must be a non-empty array",
          "[]|(root): must be an object",
          "{\"evses\":[{\"meter\":{}}]}|evses[0].rapi: required",
          "{\"evses\":[EVSE,{\"rapi\":{},\"meter\":{}}]}|evses[1].rapi.port: required",
          "{\"evses\":[{\"rapi\":{\"port\":\"\"},\"meter\":{}}]}|evses[0].rapi.port: must be a non-empty string",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\",\"baud\":\"fast\"},\"meter\":{}}]}|evses[0].rapi.baud: must be a whole number",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\",\"failsafeCurrentA\":3},\"meter\":{}}]}|evses[0].rapi.failsafeCurrentA: must be 0 (pause) or 6..80",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\",\"heartbeatSeconds\":0},\"meter\":{}}]}|evses[0].rapi.heartbeatSeconds: must be 1..255, not 0",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"model\":\"sdm630\"}}]}|evses[0].meter.unit: required",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"unit\":248,\"model\":\"sdm630\"}}]}|evses[0].meter.unit: must be 1..247, not 248",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"unit\":1,\"model\":\"sdm72\"}}]}|evses[0].meter.model: sdm630 or sdm120, not 'sdm72'",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\",\"speed\":1},\"meter\":{}}]}|evses[0].rapi.speed: unknown field",
          "{\"evses\":[EVSE],\"maxCurrentA\":100}|maxCurrentA: must be 6.0..80.0, not 100.0",
          "{\"evses\":[EVSE],\"firmware\":{}}|firmware.installCommand: required",
          "{\"evses\":[EVSE],\"firmware\":{\"installCommand\":[]}}|firmware.installCommand: must be a non-empty array of strings",
          "{\"evses\":[EVSE],\"firmware\":{\"installCommand\":\"/bin/kw\"}}|firmware.installCommand: must be a non-empty array of strings",
          "{\"evses\":[EVSE],\"firmware\":{\"installCommand\":[\"/bin/kw\"],\"installTimeoutSeconds\":0}}|firmware.installTimeoutSeconds: must be 1..86400, not 0",
          "{\"evses\":[EVSE],\"firmware\":{\"installCommand\":[\"/bin/kw\"],\"url\":1}}|firmware.url: unknown field",
          "{\"evses\":[EVSE],\"siteMeter\":{}}|siteMeter: exactly one of modbus, coap",
          "{\"evses\":[EVSE],\"siteMeter\":{\"coap\":\"http://x/grid\"}}|siteMeter.coap: a coap://host[:port]/path URI",
          "{\"evses\":[EVSE],\"evses\":[EVSE]}|not valid JSON at line 1",
          "{\"evses\":[|not valid JSON at line 1",
          "{\"evses\":[EVSE],\"site\":{}}|site.gridLimitA: required",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40}}|site.meter: required in dynamic mode",
          "{\"evses\":[EVSE],\"siteMeter\":{\"coap\":\"coap://a/g\"},\"site\":{\"gridLimitA\":40}}|site.safeBudgetA: required in dynamic mode",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"smart\"}}|site.mode: dynamic or static, not 'smart'",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"fuse\":1}}|site.fuse: unknown field",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"staticBudgetA\":50}}|site.staticBudgetA: must be 0.0..40.0, not 50.0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"marginA\":-1}}|site.marginA: must be 0.0..40.0, not -1.0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"meterStaleAfterMs\":10}}|site.meterStaleAfterMs: must be 100..3600000, not 10",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"continuousLoadRule\":1}}|site.continuousLoadRule: must be true or false",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"evses\":[{},{}]}}|site.evses: must be an array with one entry per EVSE (1)",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"evses\":[{\"wiring\":[\"L1\",\"L2\"]}]}}|site.evses[0].wiring: an array of one or three phases",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"evses\":[{\"wiring\":[\"L1\",\"L1\",\"L2\"]}]}}|site.evses[0].wiring: repeats a phase",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"evses\":[{\"wiring\":[\"L4\"]}]}}|site.evses[0].wiring: L1, L2 or L3, not \"L4\"",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"evses\":[{\"cableMaxA\":0}]}}|site.evses[0].cableMaxA: must be 1.0..80.0, not 0.0",
          "{\"evses\":[EVSE],\"siteMeter\":{\"coap\":\"coap://a/g\"},\"site\":{\"gridLimitA\":40,\"meter\":{\"coap\":\"coap://b/g\"}}}|site.meter: the site meter is already given as siteMeter",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"meter\":{}}}|site.meter: exactly one of modbus, coap",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\"},\"group\":{}}|group: a station balances by its site section or in a group, not both",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"chargingMode\":\"sunny\"}}|site.chargingMode: expected grid, solar-first, solar-only or cost, not 'sunny'",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"chargingMode\":\"cost\"}}|site.chargingMode: cost needs a tariffs section",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"chargingMode\":\"solar-only\",\"pv\":{\"peakKw\":5}}}|site.chargingMode: solar-only needs a PV meter (site.pvMeter)",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"evses\":[{\"chargingMode\":\"solar-first\"}],\"pv\":{\"peakKw\":5}}}|site.evses[0].chargingMode: solar-first needs a PV meter (site.pvMeter)",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"evses\":[{\"phaseSwitching\":true}]}}|site.evses[0].phaseSwitching: needs evses[0].phaseContactor (the relay that switches the EVSE's phases)",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"unit\":11,\"model\":\"sdm630\"},\"phaseContactor\":{\"modbus\":{\"port\":\"/r\",\"unit\":9},\"register\":4}}],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"evses\":[{\"phaseSwitching\":true,\"wiring\":[\"L2\"]}]}}|site.evses[0].phaseSwitching: needs a three-phase EVSE (wiring of 3 phases)",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"unit\":11,\"model\":\"sdm630\"},\"phaseContactor\":{\"modbus\":{\"port\":\"/r\",\"unit\":9},\"onePhase\":1}}]}|evses[0].phaseContactor.register: required",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"unit\":11,\"model\":\"sdm630\"},\"phaseContactor\":{\"modbus\":{\"port\":\"/r\",\"unit\":9},\"register\":4,\"onePhase\":2,\"threePhases\":2}}]}|evses[0].phaseContactor.threePhases: must differ from onePhase (2)",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"unit\":11,\"model\":\"sdm630\"},\"phaseContactor\":{\"modbus\":{\"port\":\"/r\",\"unit\":9},\"register\":70000}}]}|evses[0].phaseContactor.register: must be 0..65535, not 70000",
          "{\"phaseSwitchReconnectSeconds\":0,\"evses\":[EVSE]}|phaseSwitchReconnectSeconds: must be 1..600, not 0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"timezone\":\"Mars/Olympus\"}}|site.timezone: not a time zone: 'Mars/Olympus'",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pv\":{}}}|site.pv: give either series or peakKw (with sunrise, sunset)",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pv\":{\"peakKw\":0}}}|site.pv.peakKw: must be 0.01..1000000.0, not 0.0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pv\":{\"peakKw\":5,\"sunrise\":\"7am\"}}}|site.pv.sunrise: a time of day like",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pv\":{\"peakKw\":5,\"sunrise\":\"20:00\",\"sunset\":\"06:00\"}}}|site.pv.sunset: must be after pv.sunrise (20:00)",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pv\":{\"peakKw\":5,\"clouds\":[{\"from\":\"12:00\",\"until\":\"11:00\",\"share\":0.5}]}}}|site.pv.clouds[0].until: must be after from (12:00)",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"battery\":{\"capacityKwh\":10,\"maxChargeKw\":5}}}|site.battery.maxDischargeKw: required",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"battery\":{\"capacityKwh\":10,\"maxChargeKw\":5,\"maxDischargeKw\":5,\"minSoc\":90,\"maxSoc\":80}}}|site.battery.maxSoc: must be above battery.minSoc (90)",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"exportLimitKw\":-1}}|site.exportLimitKw: must be 0.0..1000000.0, not -1.0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"tariffs\":[]}}|site.tariffs: must be a non-empty array",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"tariffs\":[{\"from\":\"07:00\",\"importPerKwh\":0.3},{\"from\":\"06:00\",\"importPerKwh\":0.2}]}}|site.tariffs[1].from: must come after 07:00",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"tariffs\":[{\"from\":\"07:00\"}]}}|site.tariffs[0].importPerKwh: required",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"solar\":{\"startAfter\":\"soon\"}}}|site.solar.startAfter: a duration like",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"solar\":{\"urgentShare\":0}}}|site.solar.urgentShare: must be 0.01..1.0, not 0.0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pvMeter\":{\"sunspec\":{}}}}|site.pvMeter.sunspec.port: required",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pvMeter\":{}}}|site.pvMeter: exactly one of modbus, sunspec",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"sunspec\":{\"port\":\"/b\",\"unit\":2},\"command\":{}}}}|site.batteryMeter.command: needs site.battery (the battery's power limits and state-of-charge bounds)",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"battery\":{\"capacityKwh\":20,\"maxChargeKw\":5,\"maxDischargeKw\":5},\"batteryMeter\":{\"modbus\":{\"port\":\"/b\",\"unit\":3},\"powerRegister\":0,\"socRegister\":1,\"command\":{}}}}|site.batteryMeter.command.register: required",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"battery\":{\"capacityKwh\":20,\"maxChargeKw\":5,\"maxDischargeKw\":5},\"batteryMeter\":{\"sunspec\":{\"port\":\"/b\",\"unit\":2},\"command\":{\"register\":5}}}}|site.batteryMeter.command.register: unknown field",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"battery\":{\"capacityKwh\":20,\"maxChargeKw\":5,\"maxDischargeKw\":5},\"batteryMeter\":{\"sunspec\":{\"port\":\"/b\",\"unit\":2},\"command\":{\"intervalMs\":10}}}}|site.batteryMeter.command.intervalMs: must be 1000..600000, not 10",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"battery\":{\"capacityKwh\":20,\"maxChargeKw\":5,\"maxDischargeKw\":5},\"batteryMeter\":{\"modbus\":{\"port\":\"/b\",\"unit\":3},\"powerRegister\":0,\"socRegister\":1,\"command\":{\"register\":7,\"scale\":0}}}}|site.batteryMeter.command.scale: must not be 0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"modbus\":{\"port\":\"/b\",\"unit\":3},\"powerRegister\":0,\"socRegister\":1,\"powerType\":\"int64\"}}}|site.batteryMeter.powerType: int16, uint16, int32, uint32 or float32, not 'int64'",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"modbus\":{\"port\":\"/b\",\"unit\":3},\"powerRegister\":0,\"socRegister\":1,\"wordOrder\":\"little\"}}}|site.batteryMeter.wordOrder: high-first or low-first, not 'little'",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"modbus\":{\"port\":\"/b\",\"unit\":3},\"powerRegister\":65535,\"powerType\":\"float32\",\"socRegister\":1}}}|site.batteryMeter.powerRegister: a 32-bit value needs two registers: 0..65534, not 65535",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pvMeter\":{\"sunspec\":{\"port\":\"/p\",\"unit\":1,\"model\":\"sdm630\"}}}}|site.pvMeter.sunspec.model: unknown field",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"sunspec\":{\"port\":\"/b\",\"unit\":0}}}}|site.batteryMeter.sunspec.unit: must be 1..247, not 0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"sunspec\":{\"port\":\"/b\",\"unit\":2},\"modbus\":{\"port\":\"/b\",\"unit\":3}}}}|site.batteryMeter: exactly one of modbus (a register map), sunspec",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"sunspec\":{\"port\":\"/b\",\"unit\":2},\"socRegister\":3}}}|site.batteryMeter.socRegister: unknown field",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"pvMeter\":{\"modbus\":{\"port\":\"/p\",\"model\":\"sdm630\"}}}}|site.pvMeter.modbus.unit: required",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"modbus\":{\"port\":\"/b\",\"unit\":3},\"socRegister\":1,\"socScale\":1}}}|site.batteryMeter.powerRegister: required",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"modbus\":{\"port\":\"/b\",\"unit\":3},\"powerRegister\":0,\"powerScale\":0,\"socRegister\":1}}}|site.batteryMeter.powerScale: must not be 0",
          "{\"evses\":[EVSE],\"site\":{\"gridLimitA\":40,\"mode\":\"static\",\"batteryMeter\":{\"modbus\":{\"port\":\"/b\",\"unit\":3,\"model\":\"sdm630\"},\"powerRegister\":0,\"socRegister\":1}}}|site.batteryMeter.modbus.model: unknown field",
          "{\"evses\":[EVSE],\"group\":{\"member\":\"m1\"}}|group: exactly one of file, config",
          "{\"evses\":[EVSE],\"group\":{\"file\":\"/nonexistent/group.json\",\"member\":\"m1\"}}|group.file: cannot read /nonexistent/group.json",
          "{\"evses\":[EVSE],\"group\":{\"config\":{\"siteLimitA\":32},\"member\":\"m1\"}}|group.config: members must be an array",
          "{\"evses\":[EVSE],\"group\":{\"config\":GROUP,\"member\":\"m9\"}}|group.member: no member 'm9' in the group",
          "{\"evses\":[EVSE,EVSE],\"group\":{\"config\":GROUP,\"member\":\"m1\"}}|group: a group member has one EVSE; this station has 2",
          "{\"evses\":[EVSE],\"group\":{\"config\":GROUP,\"member\":\"m1\",\"evse\":2}}|group.evse: must be 1..1, not 2",
        })
    void isRejectedNamingTheField(String json, String message) {
      assertThatThrownBy(
              () -> BoardConfig.parse(json.replace("EVSE", EVSE).replace("GROUP", GROUP)))
          .isInstanceOf(BoardConfig.Invalid.class)
          .hasMessageStartingWith(message);
    }
  }
}
