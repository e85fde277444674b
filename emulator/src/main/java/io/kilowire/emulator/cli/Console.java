package io.kilowire.emulator.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

/** The emulator's human-readable output: one timestamped line per event, safe from any thread. */
public final class Console {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Clock clock;
  private final boolean json;
  private final Predicate<String> shown;

  public Console(PrintStream out) {
    this(out, Clock.systemUTC());
  }

  /** Stamps lines with {@code clock}'s time (the simulated time in virtual-time runs). */
  public Console(PrintStream out, Clock clock) {
    this(out, clock, false, source -> true);
  }

  /**
   * As {@link #Console(PrintStream, Clock)}; {@code json} writes each line as a JSON object {@code
   * {"ts":..., "source":..., "message":...}} ({@code --log-format json}).
   */
  public Console(PrintStream out, Clock clock, boolean json) {
    this(out, clock, json, source -> true);
  }

  /** Prints only the lines whose source {@code shown} accepts (a fleet of 10,000 says a lot). */
  public Console(PrintStream out, Clock clock, Predicate<String> shown) {
    this(out, clock, false, shown);
  }

  /** Lines as text or JSON, only those whose source {@code shown} accepts. */
  public Console(PrintStream out, Clock clock, boolean json, Predicate<String> shown) {
    this.out = out;
    this.clock = clock;
    this.json = json;
    this.shown = shown;
  }

  /** The process's standard output. */
  public static Console stdout() {
    return new Console(System.out);
  }

  /** Prints {@code HH:mm:ss.SSS [source] message} (or its JSON object). */
  public void line(String source, String message) {
    if (shown.test(source)) {
      print(source, message);
    }
  }

  private synchronized void print(String source, String message) {
    if (json) {
      com.fasterxml.jackson.databind.node.ObjectNode o =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      o.put("ts", clock.instant().toString());
      o.put("source", source);
      o.put("message", message);
      out.println(o);
    } else {
      out.println(TIME.format(clock.instant()) + " [" + source + "] " + message);
    }
    out.flush();
  }
}
