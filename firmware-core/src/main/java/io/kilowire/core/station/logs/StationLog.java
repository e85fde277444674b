package io.kilowire.core.station.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a station remembers for diagnostics: its events and the OCPP frames it exchanged (the
 * diagnostics log) and its security events (the security log), each bounded, oldest first out.
 * Entries may arrive from the transport's threads (frames), so it is synchronized.
 */
public final class StationLog {
  /** Entries each log keeps. */
  public static final int CAPACITY = 2_000;

  /** Which log. */
  public enum Kind {
    DIAGNOSTICS,
    SECURITY
  }

  /** One line of a log. */
  public record Entry(Instant at, String what) {}

  private final Deque<Entry> diagnostics = new ArrayDeque<>();
  private final Deque<Entry> security = new ArrayDeque<>();
  private final int capacity;

  public StationLog() {
    this(CAPACITY);
  }

  public StationLog(int capacity) {
    this.capacity = capacity;
  }

  /** A station event or a frame, for the diagnostics log. */
  public synchronized void diagnostic(Instant at, String what) {
    add(diagnostics, new Entry(at, what));
  }

  /** A security event: in the security log, and in the diagnostics log as well. */
  public synchronized void security(Instant at, String type, @Nullable String techInfo) {
    String line = techInfo == null ? type : type + ": " + techInfo;
    add(security, new Entry(at, line));
    add(diagnostics, new Entry(at, "security event " + line));
  }

  /** The entries of {@code kind} between {@code oldest} and {@code latest} (null: open). */
  public synchronized List<Entry> entries(
      Kind kind, @Nullable Instant oldest, @Nullable Instant latest) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : kind == Kind.SECURITY ? security : diagnostics) {
      if ((oldest == null || !e.at().isBefore(oldest))
          && (latest == null || !e.at().isAfter(latest))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The entries as the uploaded file: one line each, RFC 3339 time first. */
  public static byte[] file(List<Entry> entries) {
    StringBuilder text = new StringBuilder();
    for (Entry e : entries) {
      text.append(e.at()).append(' ').append(e.what().replace('\n', ' ')).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void add(Deque<Entry> log, Entry e) {
    if (log.size() >= capacity) {
      log.pollFirst();
    }
    log.addLast(e);
  }
}
