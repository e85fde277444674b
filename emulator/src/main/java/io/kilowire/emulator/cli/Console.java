package io.kilowire.emulator.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The emulator's human-readable output: one timestamped line per event, safe from any thread. */
public final class Console {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Clock clock;

  public Console(PrintStream out) {
    this(out, Clock.systemUTC());
  }

  /** Stamps lines with {@code clock}'s time (the simulated time in virtual-time runs). */
  public Console(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** The process's standard output. */
  public static Console stdout() {
    return new Console(System.out);
  }

  /** Prints {@code HH:mm:ss.SSS [source] message}. */
  public synchronized void line(String source, String message) {
    out.println(TIME.format(clock.instant()) + " [" + source + "] " + message);
    out.flush();
  }
}
