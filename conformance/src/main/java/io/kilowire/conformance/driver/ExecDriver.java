package io.kilowire.conformance.driver;

import io.kilowire.conformance.script.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with the trigger's JSON on its standard input ({@code sh -c CMD}); exit status 0
 * means the CSMS was triggered. Its output goes to the suite's log; a command still running after
 * the timeout is killed and the case is an ERROR.
 */
public final class ExecDriver implements CsmsDriver {
  private final String command;
  private final Duration timeout;

  public ExecDriver(String command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  @Override
  public void trigger(TriggerRequest request) {
    Process process;
    try {
      process = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new DriverException("cannot run '" + command + "': " + e.getMessage(), e);
    }
    try (OutputStream in = process.getOutputStream()) {
      in.write(Json.text(request.toJson()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // A command that does not read its input may close it early; its exit status decides.
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new DriverException(
            "'" + command + "' did not finish within " + timeout.toMillis() + " ms");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted while '" + command + "' ran", e);
    }
    int status = process.exitValue();
    if (status != 0) {
      throw new DriverException(
          "'" + command + "' exited with status " + status + tail(process.getInputStream()));
    }
  }

  private static String tail(InputStream output) {
    try {
      String text = new String(output.readAllBytes(), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return "";
      }
      return ": " + (text.length() > 300 ? "…" + text.substring(text.length() - 300) : text);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String describe() {
    return "exec:" + command;
  }
}
