package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate}: static and dynamic runs of a site, the table, the CSV and the plot. */
class EvaluateCommandTest {
  @TempDir Path dir;

  @Test
  void evaluatesTheDemoSiteStaticAndDynamicAndWritesTableCsvAndSvg() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        EmulatorCli.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "evaluate",
            "--site",
            "scenarios/demo.json",
            "--out",
            dir.toString(),
            "--duration",
            "20h",
            "--trace");

    assertThat(code).as(err.toString()).isZero();
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(csv).hasSize(3);
    String[] stat = csv.get(1).split(",");
    String[] dyn = csv.get(2).split(",");
    assertThat(stat[1]).isEqualTo("static");
    assertThat(dyn[1]).isEqualTo("dynamic");
    // The static budget: 40 A - 2 A margin - the building's peak of 26 A.
    assertThat(Double.parseDouble(stat[2])).isEqualTo(12.0);
    double delivered = Double.parseDouble(dyn[4]);
    double deliverable = Double.parseDouble(dyn[5]);
    assertThat(delivered).isGreaterThan(Double.parseDouble(stat[4]));
    assertThat(delivered).isLessThanOrEqualTo(deliverable * 1.001).isGreaterThan(0.9 * deliverable);
    assertThat(dyn[12]).as("seconds above the limit beyond the response window").isEqualTo("0");
    assertThat(Files.readString(dir.resolve("results.md"))).contains("| demo | dynamic |");
    String svg = Files.readString(dir.resolve("demo.svg"));
    assertThat(svg).startsWith("<svg").contains("<polyline", "grid limit", "static", "dynamic");
    assertThat(dir.resolve("demo-dynamic").resolve("site.csv")).exists();
    assertThat(out.toString()).contains("2 run(s)");
  }

  @Test
  void aSiteWithSunAndABatteryGetsItsEnergyPlotAndTheCurtailedEnergy() throws IOException {
    // a full battery and zero export: what the EV and the building do not take is curtailed
    Path site = dir.resolve("sunny.yaml");
    Files.writeString(
        site,
        """
        name: sunny
        start: "2026-06-06T08:00:00Z"
        gridLimitA: 25
        marginA: 1
        mode: dynamic
        step: 1s
        building: {series: [{t: "00:00", a: [2, 2, 2]}]}
        evses:
          - {station: 1, evse: 1, wiring: L1L2L3, hardwareMaxA: 16}
        arrivals:
          - {at: "09:00", station: 1, evse: 1, batteryKwh: 40, soc: 70, targetSoc: 80, maxA: 16,
             phases: 3, departure: "10:30"}
        pv: {peakKw: 8, sunrise: "05:00", sunset: "21:00"}
        battery: {capacityKwh: 5, maxChargeKw: 3, maxDischargeKw: 3, minSoc: 10, maxSoc: 90,
                  initialSoc: 85}
        exportLimitKw: 0
        tariffs:
          - {from: "00:00", importPerKwh: 0.30, exportPerKwh: 0.0}
        """);
    StringWriter err = new StringWriter();
    int code =
        EmulatorCli.execute(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "evaluate",
            "--site",
            site.toString(),
            "--out",
            dir.toString(),
            "--duration",
            "3h");

    assertThat(code).as(err.toString()).isZero();
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    List<String> header = List.of(csv.get(0).split(","));
    assertThat(header)
        .contains(
            "delivered_kwh",
            "unmet_kwh",
            "peak_15min_kw",
            "bought_kwh",
            "exported_kwh",
            "curtailed_kwh",
            "self_consumption_pct",
            "cost");
    assertThat(csv).hasSize(5); // static, dynamic, solar-first, solar-only
    for (String row : csv.subList(1, csv.size())) {
      String[] cells = row.split(",");
      double curtailed = Double.parseDouble(cells[header.indexOf("curtailed_kwh")]);
      double exported = Double.parseDouble(cells[header.indexOf("exported_kwh")]);
      assertThat(curtailed).as(row).isGreaterThan(1.0);
      assertThat(exported).as(row).isLessThan(0.1);
      // what was curtailed was not used: the share stays below 100 %
      double pv = Double.parseDouble(cells[header.indexOf("pv_kwh")]);
      assertThat(Double.parseDouble(cells[header.indexOf("self_consumption_pct")]))
          .as(row)
          .isCloseTo(100 * pv / (pv + curtailed), org.assertj.core.api.Assertions.within(1.0));
    }
    assertThat(Files.readString(dir.resolve("results.md"))).contains("curtailed kWh");
    String energy = Files.readString(dir.resolve("sunny-energy.svg"));
    assertThat(energy)
        .startsWith("<svg")
        .contains("PV", "battery", "grid", "EVs", "state of charge", "solar-only", "kW", "%");
    assertThat(energy.split("<polyline", -1).length - 1).as("lines drawn").isGreaterThan(16);
  }

  @Test
  void aMissingSiteIsABadFlag() {
    StringWriter err = new StringWriter();
    int code =
        EmulatorCli.execute(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            "evaluate",
            "--site",
            dir.resolve("nope.yaml").toString(),
            "--out",
            dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--site").contains("not a readable file");
  }
}
