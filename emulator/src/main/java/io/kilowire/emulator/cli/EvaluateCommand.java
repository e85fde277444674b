package io.kilowire.emulator.cli;

import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.emulator.cli.EmulatorCli.UsageException;
import io.kilowire.emulator.evaluation.SiteEvaluation;
import io.kilowire.emulator.evaluation.SiteEvaluation.Mode;
import io.kilowire.emulator.evaluation.SiteEvaluation.Result;
import io.kilowire.emulator.evaluation.SvgChart;
import io.kilowire.emulator.evaluation.V2gSummary;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: each site for a simulated day, static versus dynamic budget, with plots. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs each site in virtual time twice, with a static budget (fuse - margin - the building's"
          + " peak) and with the dynamic one (with PV also solar-first and solar-only, with"
          + " day/night tariffs also cost), and writes DIR/results.md, DIR/results.csv,"
          + " DIR/<site>.svg and, with PV or a battery, DIR/<site>-energy.svg."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--site",
      paramLabel = "FILE",
      required = true,
      arity = "1..*",
      description = "Site files (YAML or JSON), as for run --site.")
  List<Path> sites;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Where the results and plots go.")
  Path out;

  @Option(
      names = "--duration",
      paramLabel = "24h",
      defaultValue = "24h",
      converter = DurationConverter.class,
      description = "Simulated time per run (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--trace", description = "Also write DIR/<site>-<mode>/site.csv for every run.")
  boolean trace;

  @Override
  public Integer call() throws IOException {
    List<SiteFile> files = new ArrayList<>();
    for (Path p : sites) {
      if (!Files.isReadable(p)) {
        throw new UsageException("--site " + p + " is not a readable file");
      }
      try {
        files.add(SiteFileParser.read(p));
      } catch (SiteFileParser.SiteFileException e) {
        throw new UsageException("--site " + p + ": " + e.getMessage());
      }
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
      throw new UsageException("--duration must be above 0 and at most 7 days");
    }
    Files.createDirectories(out);
    PrintWriter console = spec.commandLine().getOut();
    List<Result> results = new ArrayList<>();
    long wallStart = System.nanoTime();
    ProgressBar progress = ProgressBar.onTerminal("evaluate");
    int runs = files.stream().mapToInt(f -> Mode.forSite(f).size()).sum();
    int done = 0;
    for (SiteFile site : files) {
      List<Result> pair = new ArrayList<>();
      for (Mode mode : Mode.forSite(site)) {
        Path dir = trace ? out.resolve(site.name() + "-" + mode.label()) : null;
        int before = done++;
        String note = site.name() + " " + mode.label();
        Result r =
            SiteEvaluation.run(
                site, mode, duration, dir, f -> progress.show((before + f) / runs, note));
        progress.done();
        console.println(row(r).replace(" | ", "  ").replace("|", "").trim());
        pair.add(r);
      }
      results.addAll(pair);
      Files.writeString(out.resolve(site.name() + ".svg"), chart(site, pair));
      SiteEnergy energy = site.config().energy();
      if (energy.pv() != null || energy.battery() != null) {
        Files.writeString(out.resolve(site.name() + "-energy.svg"), energyChart(site, pair));
      }
    }
    double wall = (System.nanoTime() - wallStart) / 1e9;
    String table = table(results) + V2gSummary.table(results);
    Files.writeString(
        out.resolve("results.md"),
        table
            + String.format(
                Locale.ROOT,
                "%n%d run(s) of %s simulated in %.1f s (%s, %d processor(s)).%n",
                results.size(),
                duration,
                wall,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
    Files.writeString(out.resolve("results.csv"), csv(results));
    console.println();
    console.print(table);
    console.printf(
        Locale.ROOT, "%n%d run(s) in %.1f s; results in %s%n", results.size(), wall, out);
    return 0;
  }

  private static final String HEADER =
      "| site | mode | budget A | wanted kWh | delivered kWh | deliverable kWh | delivered ÷"
          + " deliverable | unmet at departure kWh | peak 15-min kW | peak A L1/L2/L3 |"
          + " violations | s within window | s beyond window | PV kWh | curtailed kWh |"
          + " bought kWh | exported kWh | self-consumption | cost |";

  static String table(List<Result> results) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    b.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    results.forEach(r -> b.append(row(r)).append('\n'));
    return b.toString();
  }

  private static String row(Result r) {
    return "| " + String.join(" | ", cells(r, true)) + " |";
  }

  private static final String CSV_HEADER =
      "site,mode,budget_a,wanted_kwh,delivered_kwh,deliverable_kwh,delivered_pct,unmet_kwh,"
          + "peak_15min_kw,peak_a_l1_l2_l3,violations,within_window_s,beyond_window_s,pv_kwh,"
          + "curtailed_kwh,bought_kwh,exported_kwh,self_consumption_pct,cost,wall_s\n";

  private static String csv(List<Result> results) {
    StringBuilder b = new StringBuilder(CSV_HEADER);
    for (Result r : results) {
      b.append(String.join(",", cells(r, false)))
          .append(String.format(Locale.ROOT, ",%.1f%n", r.wall().toMillis() / 1000.0));
    }
    return b.toString();
  }

  /** The table's cells; {@code md}: for the Markdown table (units in the text). */
  private static List<String> cells(Result r, boolean md) {
    return List.of(
        r.site(),
        r.mode().label(),
        Double.isNaN(r.budgetA()) ? (md ? "measured" : "") : f("%.1f", r.budgetA()),
        f("%.1f", r.wantedKwh()),
        f("%.1f", r.deliveredKwh()),
        f("%.1f", r.deliverableKwh()),
        f(md ? "%.1f %%" : "%.1f", 100 * r.deliveredShare()),
        f("%.1f", r.unmetKwh()),
        f("%.1f", r.peak15minKw()),
        f("%.0f/%.0f/%.0f", r.peakA().l1(), r.peakA().l2(), r.peakA().l3()),
        String.valueOf(r.violations()),
        f("%.0f", r.withinWindowS()),
        f("%.0f", r.beyondWindowS()),
        f("%.1f", r.pvKwh()),
        f("%.1f", r.curtailedKwh()),
        f("%.1f", r.boughtKwh()),
        f("%.1f", r.exportedKwh()),
        Double.isNaN(r.selfConsumption())
            ? (md ? "–" : "")
            : f(md ? "%.1f %%" : "%.1f", 100 * r.selfConsumption()),
        Double.isNaN(r.cost()) ? (md ? "–" : "") : f("%.2f", r.cost()));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static final String[] MODE_COLORS = {
    "#8c8c8c", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"
  };

  /**
   * Per mode a panel of the minute's average power (kW, all phases): PV, battery (discharging
   * positive), grid (import positive, export negative), EVs; with a battery, a last panel of its
   * state of charge in each mode.
   */
  private static String energyChart(SiteFile site, List<Result> runs) {
    List<SvgChart.Panel> panels = new ArrayList<>();
    boolean battery = site.config().energy().battery() != null;
    for (Result r : runs) {
      SiteEvaluation.Curves c = r.curves();
      List<SvgChart.Series> series = new ArrayList<>();
      series.add(new SvgChart.Series("PV", "#e6b800", "", c.pvKw()));
      if (battery) {
        series.add(new SvgChart.Series("battery (+ out, - in)", "#2ca02c", "", c.batteryKw()));
      }
      series.add(new SvgChart.Series("grid (+ import, - export)", "#222222", "", c.gridKw()));
      series.add(new SvgChart.Series("EVs", "#1f77b4", "", c.evKw()));
      String title =
          String.format(
              Locale.ROOT,
              "%s: PV %.1f kWh, curtailed %.1f, bought %.1f, exported %.1f, self-consumption %s",
              r.mode().label(),
              r.pvKwh(),
              r.curtailedKwh(),
              r.boughtKwh(),
              r.exportedKwh(),
              Double.isNaN(r.selfConsumption())
                  ? "-"
                  : String.format(Locale.ROOT, "%.1f %%", 100 * r.selfConsumption()));
      panels.add(new SvgChart.Panel(title, series, "kW"));
    }
    if (battery) {
      List<SvgChart.Series> soc = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        Result r = runs.get(i);
        soc.add(
            new SvgChart.Series(
                r.mode().label(),
                MODE_COLORS[i % MODE_COLORS.length],
                "",
                r.curves().batterySocPercent()));
      }
      panels.add(new SvgChart.Panel("battery state of charge", soc, "%"));
    }
    return SvgChart.render(
        site.name() + ": PV, battery and grid, per-minute averages",
        "kW",
        startOf(site).atZone(site.zone()).getHour(),
        panels);
  }

  private static Instant startOf(SiteFile site) {
    return site.start() != null
        ? site.start()
        : LocalDate.now(site.zone()).atStartOfDay(site.zone()).toInstant();
  }

  private static String chart(SiteFile site, List<Result> pair) {
    List<SvgChart.Panel> panels = new ArrayList<>();
    for (Result r : pair) {
      SiteEvaluation.Curves c = r.curves();
      double[] limit = new double[c.gridA().length];
      java.util.Arrays.fill(limit, c.gridLimitA());
      String title =
          String.format(
              Locale.ROOT,
              "%s: %.0f kWh delivered (%.1f %% of deliverable), %.1f kWh unmet, %d violation(s)",
              r.mode() == Mode.STATIC
                  ? String.format(Locale.ROOT, "static, budget %.1f A", r.budgetA())
                  : r.mode().label(),
              r.deliveredKwh(),
              100 * r.deliveredShare(),
              r.unmetKwh(),
              r.violations());
      panels.add(
          new SvgChart.Panel(
              title,
              List.of(
                  new SvgChart.Series("grid limit", "#d62728", "6,4", limit),
                  new SvgChart.Series("grid (max phase)", "#222222", "", c.gridA()),
                  new SvgChart.Series("building (max phase)", "#8c8c8c", "", c.buildingA()),
                  new SvgChart.Series("EVs (max phase)", "#1f77b4", "", c.evA()),
                  new SvgChart.Series("EV budget (min phase)", "#2ca02c", "2,3", c.budgetA()))));
      if (java.util.Arrays.stream(c.evFeedA()).anyMatch(a -> a > 0)) {
        SvgChart.Panel p = panels.remove(panels.size() - 1);
        List<SvgChart.Series> series = new ArrayList<>(p.series());
        series.add(new SvgChart.Series("EVs feeding back", "#ff7f0e", "", c.evFeedA()));
        panels.add(new SvgChart.Panel(p.title(), series, p.unit()));
      }
    }
    return SvgChart.render(
        site.name() + ": one simulated day, per-minute maxima",
        "A per phase",
        startOf(site).atZone(site.zone()).getHour(),
        panels);
  }
}
