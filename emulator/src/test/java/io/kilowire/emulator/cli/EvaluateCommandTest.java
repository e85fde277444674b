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
