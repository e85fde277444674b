package io.kilowire.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator jar in its own JVM, as a user starts it, with its console in a file; the control
 * API's URL is read from the line it prints.
 */
public final class EmulatorProcess implements AutoCloseable {
  private static final Pattern CONTROL = Pattern.compile("dashboard on (http://\\S+/)");

  private final Process process;
  private final Path out;

  private EmulatorProcess(Process process, Path out) {
    this.process = process;
    this.out = out;
  }

  public static EmulatorProcess start(Path dir, String... args) {
    Path jar = Path.of("target", "kilowire-emulator.jar");
    assertThat(jar).as("the shaded jar (mvn package)").exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    Path out = dir.resolve("emulator-" + System.nanoTime() + ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      return new EmulatorProcess(p, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String output() {
    try {
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The control API's base URL, once the emulator printed it. */
  URI controlUri() {
    String[] found = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .alias("the control API's URL on the console")
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError("the emulator ended: " + output());
              }
              Matcher m = CONTROL.matcher(output());
              if (m.find()) {
                found[0] = m.group(1);
                return true;
              }
              return false;
            });
    return URI.create(found[0]);
  }

  public Process process() {
    return process;
  }

  /** Stops it as Ctrl-C would and waits for the exit code. */
  public int stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the emulator did not stop: " + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** Stops it if it still runs; its console goes to the test's output, for failure reports. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        stop();
      }
    } finally {
      System.out.println("--- emulator console ---\n" + output());
    }
  }
}
