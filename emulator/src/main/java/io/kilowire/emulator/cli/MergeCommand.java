package io.kilowire.emulator.cli;

import io.kilowire.emulator.bench.FleetReport;
import io.kilowire.emulator.bench.FleetSummary;
import io.kilowire.emulator.cli.EmulatorCli.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code merge}: the {@code --summary} files of a fleet's shards as one summary. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Adds up the --summary files that the shards of one fleet wrote (run or bench with"
          + " --shard K/N): stations, boots, calls, CPU, memory, and one CALL round-trip"
          + " histogram over every station."
    })
final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Summary files, one per shard.")
  List<Path> files;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Also write the merged summary to FILE as JSON.")
  Path summary;

  @Override
  public Integer call() throws IOException {
    List<FleetSummary> shards = new ArrayList<>();
    for (Path file : files) {
      try {
        shards.add(FleetSummary.read(file));
      } catch (IOException | IllegalArgumentException e) {
        throw new UsageException(file + " is not a summary file: " + e.getMessage());
      }
    }
    FleetSummary merged = FleetSummary.merge(shards);
    java.io.PrintWriter out = spec.commandLine().getOut();
    out.println("merged " + shards.size() + " shard summaries");
    FleetReport.lines(merged).forEach(out::println);
    out.flush();
    if (summary != null) {
      merged.write(summary);
    }
    return 0;
  }
}
