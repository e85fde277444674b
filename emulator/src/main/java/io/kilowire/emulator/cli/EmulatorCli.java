package io.kilowire.emulator.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar kilowire-emulator.jar <command>}: the emulator's command line. */
@Command(
    name = "kilowire-emulator",
    mixinStandardHelpOptions = true,
    versionProvider = EmulatorCli.Version.class,
    description = "Emulated OCPP charging stations for testing a CSMS.",
    subcommands = {
      RunCommand.class,
      BenchCommand.class,
      MergeCommand.class,
      ScheduleCommand.class,
      EvaluateCommand.class,
      SinkCommand.class
    })
public final class EmulatorCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    tuneJdkForFleets();
    System.exit(execute(args));
  }

  /**
   * Settings the JDK reads once, when its classes load, hence here; a {@code -D} on the command
   * line wins. The JDK's WebSocket client keeps some 48 kB of buffers per connection by default,
   * more than the station itself needs: OCPP frames fit in a few kB (a longer one arrives in
   * parts). And the client completes each handshake on the default executor of {@code
   * CompletableFuture}, which on a machine with fewer than three cores starts a thread per task; a
   * common pool of two threads serves instead.
   */
  private static void tuneJdkForFleets() {
    Map.of(
            "jdk.httpclient.bufsize", "1024",
            "jdk.httpclient.websocket.writeBufferSize", "512",
            "jdk.httpclient.websocket.intermediateBufferSize", "512",
            "java.util.concurrent.ForkJoinPool.common.parallelism",
                String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)))
        .forEach(
            (property, value) -> {
              if (System.getProperty(property) == null) {
                System.setProperty(property, value);
              }
            });
  }

  /** Runs the command line and returns the exit code: 0 done, 1 failed, 2 bad usage. */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, with error messages going to {@code err}. */
  public static int execute(java.io.PrintWriter err, String... args) {
    return execute(new java.io.PrintWriter(System.out, true), err, args);
  }

  /** As {@link #execute(String...)}, with output to {@code out} and errors to {@code err}. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    Logs.defaults();
    CommandLine cli = new CommandLine(new EmulatorCli());
    cli.setOut(out);
    cli.setErr(err);
    // A value of the wrong type gets what a value out of range gets: one line naming the flag
    // and one hint, not the whole usage.
    cli.setParameterExceptionHandler(
        (e, args1) -> {
          CommandLine c = e.getCommandLine();
          c.getErr().println(c.getCommandName() + ": " + e.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return CommandLine.ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof UsageException u) {
            commandLine.getErr().println(commandLine.getCommandName() + ": " + u.getMessage());
            commandLine
                .getErr()
                .println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
            return CommandLine.ExitCode.USAGE;
          }
          commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage());
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: run, bench, merge, schedule or evaluate");
  }

  /** A flag that parsed but makes no sense (with the others): exit code 2, the flag named. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = EmulatorCli.class.getPackage().getImplementationVersion();
      return new String[] {"kilowire-emulator " + (v == null ? "(development build)" : v)};
    }
  }
}
