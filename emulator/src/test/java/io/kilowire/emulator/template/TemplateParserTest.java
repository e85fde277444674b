package io.kilowire.emulator.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.EvControlMode;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import io.kilowire.emulator.station.StationDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateParserTest {
  private static final String MINIMAL =
      "vendor: V\nmodel: M\nprotocol: ocpp1.6\nevses: [{maxCurrentA: 16}]\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ac-wallbox-11kw",
        "ac-post-22kw-dual",
        "dc-fast-150kw",
        "ac-iso15118-v201",
        "ac-v2g-v21"
      })
  void everyBundledTemplateReadsAndItsInitialValuesFitTheStationsKeys(String name) {
    StationTemplate t = TemplateParser.bundled(name);

    assertThat(t.name()).isEqualTo(name);
    assertThat(t.description()).isNotBlank();
    StationDesign design = t.design("KW-EMU-007", 7);
    assertThat(design.evses()).hasSameSizeAs(t.evses());
    assertThat(design.serialNumber()).isNotBlank().hasSizeLessThanOrEqualTo(25);
  }

  @Test
  void theBundledTemplatesAreTheFourTheIssueAsksFor() {
    StationTemplate wallbox = TemplateParser.bundled("ac-wallbox-11kw");
    assertThat(wallbox.evses())
        .singleElement()
        .satisfies(e -> assertThat(e.maxPowerKw()).isEqualTo(11.04));
    StationTemplate post = TemplateParser.bundled("ac-post-22kw-dual");
    assertThat(post.evses())
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.maxPowerKw()).isEqualTo(22.08));
    StationTemplate dc = TemplateParser.bundled("dc-fast-150kw");
    assertThat(dc.evses()).singleElement().satisfies(e -> assertThat(e.dc()).isTrue());
    assertThat(dc.layout().get(0).supplyPhases()).isZero();
    StationTemplate hlc = TemplateParser.bundled("ac-iso15118-v201");
    assertThat(hlc.protocol()).isEqualTo(OcppVersion.V201);
    assertThat(hlc.ev().hlc()).isTrue();
  }

  @Test
  void theV2gTemplateIsABidirectional21WallboxWhoseEvsFeedBackAndReportExport() {
    StationTemplate v2g = TemplateParser.bundled("ac-v2g-v21");

    assertThat(v2g.protocol()).isEqualTo(OcppVersion.V21);
    assertThat(v2g.evses()).singleElement().satisfies(e -> assertThat(e.bidirectional()).isTrue());
    assertThat(v2g.measurands())
        .contains("Energy.Active.Export.Register", "Power.Active.Export", "Current.Export", "SoC");
    EmulatedStation.EvBehaviour evs = v2g.evBehaviour();
    assertThat(evs.hlc()).isTrue();
    assertThat(evs.bidirectionalEvses()).isTrue();
    EvModel ev = evs.ev();
    assertThat(ev.v2g()).isTrue();
    assertThat(ev.maxDischargeA()).isEqualTo(16);
    assertThat(ev.controlMode()).isEqualTo(EvControlMode.DYNAMIC);
  }

  @Test
  void aTemplatesV2gEvsAreTheNamedModelThatFeedsBackAsItSays() {
    StationTemplate t =
        TemplateParser.parse(
            "vendor: V\nmodel: M\nprotocol: ocpp2.1\n"
                + "evses: [{maxCurrentA: 32, bidirectional: true}]\n"
                + "ev: {hlc: true, maxA: 20, v2g: {dischargeA: 10, minSoc: 25, control: scheduled}}\n",
            true,
            "t");

    EvModel ev = t.evBehaviour().ev();
    assertThat(ev.maxCurrentA()).isEqualTo(20);
    assertThat(ev.maxDischargeA()).isEqualTo(10);
    assertThat(ev.minSocPercent()).isEqualTo(25);
    assertThat(ev.controlMode()).isEqualTo(EvControlMode.SCHEDULED);
    // Without a v2g section the EVs charge only, and the EVSEs do not feed back.
    StationTemplate plain = TemplateParser.parse(MINIMAL, true, "t");
    assertThat(plain.evBehaviour().ev().v2g()).isFalse();
    assertThat(plain.evBehaviour().bidirectionalEvses()).isFalse();
  }

  @Test
  void theSerialPatternNumbersAndNamesTheStation() {
    StationTemplate t =
        TemplateParser.parse(MINIMAL + "serialPattern: \"SN-{n:05}-{id}\"\n", true, "t");

    assertThat(t.serialNumber("CP1", 42)).isEqualTo("SN-00042-CP1");
    assertThat(t.serialNumber("X".repeat(30), 1)).hasSize(25).endsWith("XXXX");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "vendor: V\\nmodel: M\\nevses: [{maxCurrentA: 16}]|protocol: required",
        "vendor: V\\nmodel: M\\nprotocol: ocpp3\\nevses: [{maxCurrentA: 16}]|protocol: expected ocpp1.6, ocpp2.0.1 or ocpp2.1",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: []|evses: expected at least one entry",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16, phases: 4}]|evses[0].phases: expected a whole number from 1 to 3",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16, connectors: [Schuko]}]|evses[0].connectors[0]: not an OCPP 2.0.1 ConnectorEnumType",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{current: DC, maxCurrentA: 100}]|evses[0]: a DC EVSE has maxPowerKw",
        "vendor: VeryLongVendorNameOver20\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16}]|vendor: 1 to 20 characters",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16}]\\nconfiguration: {HeartbeatInterval: soon}|configuration.HeartbeatInterval:",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16}]\\nconfiguration: {NoSuchKey: 1}|configuration.NoSuchKey: not an OCPP 1.6 key",
        "vendor: V\\nmodel: M\\nprotocol: ocpp2.0.1\\nevses: [{maxCurrentA: 16}]\\nvariables: [{component: SampledDataCtrlr, variable: Nope, value: 1}]|variables[0]: SampledDataCtrlr.Nope is not an OCPP 2.0.1 variable",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16}]\\nmeasurands: [Temperature]|measurands[0]: the emulated meter reports one of",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16}]\\nev: {model: tractor}|ev.model: one of",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16}]\\nev: {mode: sometimes}|ev.mode: expected random or none",
        "vendor: V\\nmodel: M\\nprotocol: ocpp1.6\\nevses: [{maxCurrentA: 16}]\\ncolour: red|colour: unknown field",
        "vendor: V\\nmodel: M\\nprotocol: ocpp2.1\\nevses: [{maxCurrentA: 16}]\\nev: {v2g: {dischargeA: 10, minSoc: 20}}|ev.v2g: a V2G EV speaks ISO 15118-20",
        "vendor: V\\nmodel: M\\nprotocol: ocpp2.1\\nevses: [{maxCurrentA: 16}]\\nev: {hlc: true, v2g: {dischargeA: 0, minSoc: 20}}|ev.v2g.dischargeA: expected a number from 1",
        "vendor: V\\nmodel: M\\nprotocol: ocpp2.1\\nevses: [{maxCurrentA: 16}]\\nev: {hlc: true, v2g: {dischargeA: 10, control: sometimes}}|ev.v2g.control: expected dynamic or scheduled",
        "vendor: V\\nmodel: M\\nprotocol: ocpp2.1\\nevses: [{maxCurrentA: 16}, {maxCurrentA: 16, bidirectional: true}]|evses[1].bidirectional: the emulator's EVSEs of one station all feed back or none does",
        "vendor: V\\nmodel: M\\nprotocol: ocpp2.1\\nevses: [{current: DC, maxPowerKw: 50, bidirectional: true}]|evses[0].bidirectional: the emulator feeds back on AC EVSEs only",
      })
  void aBadTemplateIsRefusedNamingTheField(String yaml, String message) {
    assertThatThrownBy(() -> TemplateParser.parse(yaml.replace("\\n", "\n"), true, "t"))
        .isInstanceOf(TemplateParser.TemplateException.class)
        .hasMessageStartingWith(message);
  }
}
