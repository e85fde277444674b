package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shaded jar, run as a user runs it: {@code java -jar kilowire-emulator.jar ARGS}. */
final class EmulatorJar {
  private EmulatorJar() {}

  /** Starts the jar with {@code args}; standard output and error go to {@code out}. */
  static Process start(Path out, List<String> args) throws IOException {
    Path jar = Path.of("target", "kilowire-emulator.jar");
    assertThat(jar).exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }
}
