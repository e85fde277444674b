package io.kilowire.conformance.driver;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Drivers by the name a configuration or {@code --driver} gives: prompt, exec:CMD, http:URL. */
public final class Drivers {
  private Drivers() {}

  /**
   * The driver {@code spec} names.
   *
   * @param timeout how long an exec command or HTTP call may take
   * @throws IllegalArgumentException naming what is wrong with {@code spec}
   */
  public static CsmsDriver parse(String spec, PrintStream console, Duration timeout) {
    if (spec.equals("prompt")) {
      return new PromptDriver(console);
    }
    if (spec.startsWith("exec:")) {
      String command = spec.substring("exec:".length()).strip();
      if (command.isEmpty()) {
        throw new IllegalArgumentException("exec: needs a command, e.g. exec:./trigger.sh");
      }
      return new ExecDriver(command, timeout);
    }
    if (spec.startsWith("http:")) {
      String target = spec.startsWith("http://") ? spec : spec.substring("http:".length());
      URI url;
      try {
        url = new URI(target);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("http: needs a URL: " + e.getMessage());
      }
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException(
            "http: needs an http:// or https:// URL, e.g. http:http://127.0.0.1:9100/trigger");
      }
      return new HttpDriver(url, timeout);
    }
    throw new IllegalArgumentException(
        "unknown driver " + spec + "; expected prompt, exec:COMMAND or http:URL");
  }
}
