package io.kilowire.emulator.cli;

import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sink}: the benchmark's CSMS in a process of its own: the sandbox on 127.0.0.1, printing
 * nothing but where it listens, until its standard input closes (its parent ended).
 */
@Command(
    name = "sink",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "The benchmark's sink CSMS on 127.0.0.1; stops when standard input closes.")
final class SinkCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--ping-interval",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Ping every station this often; 0: never (default: ${DEFAULT-VALUE}).")
  int pingSeconds;

  @Override
  public Integer call() throws IOException {
    ExecutorTaskScheduler scheduler = ExecutorTaskScheduler.singleThread("sink", Map.of());
    try (SandboxCsms sink =
        SandboxCsms.quiet(scheduler, Clock.systemUTC(), port)
            .pingInterval(Duration.ofSeconds(pingSeconds))
            .start()) {
      System.out.println("sink listening on " + sink.uri());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() >= 0) {
        // nothing to read: the pipe closes when the benchmark ends
      }
    } finally {
      scheduler.close();
    }
    return 0;
  }
}
