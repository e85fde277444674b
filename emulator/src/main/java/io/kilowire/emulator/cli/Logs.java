package io.kilowire.emulator.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The emulator's log lines (SLF4J through java.util.logging) on standard error, as text or as one
 * JSON object per line, at the level asked for. Log lines carry wall-clock time, also in
 * virtual-time runs, where console lines carry simulated time; the text form marks them {@code
 * wall}.
 */
final class Logs {
  private static final DateTimeFormatter WALL =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** The levels {@code --log-level} takes, as SLF4J names them. */
  enum LogLevel {
    ERROR(Level.SEVERE),
    WARN(Level.WARNING),
    INFO(Level.INFO),
    DEBUG(Level.FINE),
    TRACE(Level.FINEST);

    final Level jul;

    LogLevel(Level jul) {
      this.jul = jul;
    }
  }

  private Logs() {}

  /** Warnings and errors as text: what every command starts with. */
  static void defaults() {
    configure(LogLevel.WARN, false);
  }

  /** Logs at {@code level} and above, as JSON lines when {@code json}. */
  static void configure(LogLevel level, boolean json) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Handler out = new ConsoleHandler(); // standard error, flushed per record
    out.setLevel(level.jul);
    out.setFormatter(json ? new JsonFormatter() : new TextFormatter());
    root.addHandler(out);
    root.setLevel(level.jul);
  }

  static String levelName(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (v >= Level.WARNING.intValue()) {
      return "WARN";
    }
    if (v >= Level.INFO.intValue()) {
      return "INFO";
    }
    return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
  }

  private static String stack(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** {@code wall 12:00:00.000 [thread] WARN logger - message}, then the stack if any. */
  static final class TextFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
      StringBuilder b =
          new StringBuilder("wall ")
              .append(WALL.format(r.getInstant()))
              .append(" [")
              .append(Thread.currentThread().getName())
              .append("] ")
              .append(levelName(r.getLevel()))
              .append(' ')
              .append(r.getLoggerName())
              .append(" - ")
              .append(formatMessage(r))
              .append(System.lineSeparator());
      if (r.getThrown() != null) {
        b.append(stack(r.getThrown()));
      }
      return b.toString();
    }
  }

  /** {@code {"ts":..., "level":..., "logger":..., "thread":..., "message":..., "error":...}}. */
  static final class JsonFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("ts", Instant.ofEpochMilli(r.getMillis()).toString());
      o.put("level", levelName(r.getLevel()));
      o.put("logger", r.getLoggerName());
      o.put("thread", Thread.currentThread().getName());
      o.put("message", formatMessage(r));
      if (r.getThrown() != null) {
        o.put("error", stack(r.getThrown()));
      }
      return o + System.lineSeparator();
    }
  }
}
