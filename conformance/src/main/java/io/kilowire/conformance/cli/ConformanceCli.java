package io.kilowire.conformance.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar kilowire-conformance.jar <command>}: the conformance suite's command line. */
@Command(
    name = "kilowire-conformance",
    mixinStandardHelpOptions = true,
    versionProvider = ConformanceCli.Version.class,
    description = "OCPP 2.0.1 and 1.6 conformance cases against a CSMS, played by a station.",
    subcommands = {RunCommand.class, ListCommand.class})
public final class ConformanceCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line; returns 0 (nothing FAILed or ERRORed), 1 (some did), 2 (bad usage). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, with output to {@code out} and errors to {@code err}. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new ConformanceCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, ignored) -> {
          CommandLine c = e.getCommandLine();
          c.getErr().println(c.getCommandName() + ": " + e.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return CommandLine.ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage());
          if (e instanceof UsageException) {
            commandLine
                .getErr()
                .println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
            return CommandLine.ExitCode.USAGE;
          }
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run or list");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ConformanceCli.class.getPackage().getImplementationVersion();
      return new String[] {"kilowire-conformance " + (v == null ? "(development build)" : v)};
    }
  }
}
