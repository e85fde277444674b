package io.kilowire.hardware.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A socat pseudo-terminal pair: the driver under test opens {@link #driverEnd()}, the test plays
 * the device on {@link #deviceEnd()}. socat missing is a test failure, not a skip: CI installs it
 * in {@code .ci/run}, and a silently skipped serial suite would hide a broken driver.
 */
public final class SocatPair implements AutoCloseable {
  private final Process process;
  private final Path a;
  private final Path b;

  private SocatPair(Process process, Path a, Path b) {
    this.process = process;
    this.a = a;
    this.b = b;
  }

  public static SocatPair start(Path dir) throws IOException {
    String socat = findSocat(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    Path a = dir.resolve("ttyA");
    Path b = dir.resolve("ttyB");
    Process p =
        new ProcessBuilder(
                socat, "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("socat.log").toFile())
            .start();
    SocatPair pair = new SocatPair(p, a, b);
    try {
      Awaitility.await("socat links " + a + ", " + b)
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> !p.isAlive() || (Files.exists(a) && Files.exists(b)));
    } catch (RuntimeException e) {
      pair.close();
      throw e;
    }
    if (!p.isAlive()) {
      throw new IOException("socat exited early: " + Files.readString(dir.resolve("socat.log")));
    }
    return pair;
  }

  static String findSocat(String path) {
    for (String d : path.split(File.pathSeparator)) {
      File f = new File(d, "socat");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    throw new AssertionError(
        "socat is required for the serial driver tests and was not found on PATH; "
            + "install it (apt-get install socat) - .ci/run does this on CI");
  }

  /** The end the driver opens. */
  public String driverEnd() {
    return a.toString();
  }

  /** The end the test plays the device on. */
  public String deviceEnd() {
    return b.toString();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
