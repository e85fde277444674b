package io.kilowire.emulator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's sink CSMS in a JVM of its own (the emulator's {@code sink} command: the quiet
 * sandbox on our NIO server, on 127.0.0.1), so that what the stations cost is measured without it.
 * It ends with this process: it stops when its standard input closes.
 */
public final class SinkProcess implements AutoCloseable {
  private static final String READY = "sink listening on ";

  /**
   * The sink's collector (docs/PERFORMANCE.md, "Emulator at scale"): every round trip the benchmark
   * times passes through the sink, so its pauses count as much as the emulator's.
   */
  public static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC";

  private final Process process;
  private final URI uri;

  private SinkProcess(Process process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  /**
   * Starts the sink with this JVM's class path and waits until it listens. Its JVM flags are {@code
   * jvmOptions} (whitespace-separated), or {@link #DEFAULT_JVM_OPTIONS} when blank; it pings every
   * station each {@code pingInterval} (whole seconds; zero: never).
   */
  public static SinkProcess start(
      String mainClass, @Nullable String jvmOptions, Duration pingInterval) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    String options =
        jvmOptions == null || jvmOptions.isBlank() ? DEFAULT_JVM_OPTIONS : jvmOptions.trim();
    command.addAll(Arrays.asList(options.split("\\s+")));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            mainClass,
            "sink",
            "--ping-interval=" + pingInterval.toSeconds()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<URI> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  int at = line.indexOf(READY);
                  if (at >= 0) {
                    listening.complete(URI.create(line.substring(at + READY.length()).trim()));
                  } else if (!listening.isDone()) {
                    System.err.println("sink: " + line);
                  }
                }
              } catch (IOException e) {
                listening.completeExceptionally(e);
              }
              listening.completeExceptionally(new IOException("the sink CSMS ended"));
            },
            "sink-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new SinkProcess(process, listening.get(60, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while the sink CSMS started", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("the sink CSMS did not start: " + e.getMessage(), e);
    }
  }

  /** Where stations connect. */
  public URI uri() {
    return uri;
  }

  public long pid() {
    return process.pid();
  }

  /** The sink's CPU time so far; zero where the system does not tell. */
  public Duration cpu() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
