package io.kilowire.emulator.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for long runs (evaluate, virtual-time days) on a terminal: one line on standard
 * error, redrawn in place at most a few times a second; nothing at all when the output goes to a
 * file or a pipe, so logs and CI output stay clean.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final boolean enabled;
  private final String label;
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintStream out, boolean enabled, String label) {
    this.out = out;
    this.enabled = enabled;
    this.label = label;
  }

  /** On standard error, when the process runs on a terminal. */
  static ProgressBar onTerminal(String label) {
    return new ProgressBar(System.err, System.console() != null, label);
  }

  /** Shows {@code fraction} (0..1) done with a short note, e.g. the simulated time. */
  void show(double fraction, String note) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && now - lastDraw < REDRAW_NANOS && fraction < 1) {
      return;
    }
    lastDraw = now;
    drawn = true;
    out.print("\r" + render(label, fraction, note));
    out.flush();
  }

  /** Clears the line, so that what follows starts clean. */
  void done() {
    if (enabled && drawn) {
      out.print("\r" + " ".repeat(WIDTH + label.length() + 40) + "\r");
      out.flush();
    }
  }

  /** {@code label [#######.......] 42 % note}. */
  static String render(String label, double fraction, String note) {
    double f = Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.round(f * WIDTH);
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3d %% %s",
        label,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        (int) Math.floor(f * 100),
        note);
  }
}
