package io.kilowire.hardware.rapi;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure byte-to-line splitter for the RAPI stream. Bytes before a {@code $}, a line that grows past
 * {@link RapiCodec#MAX_LINE_LENGTH}, and a {@code $} that restarts an unfinished line are counted
 * as garbage rather than handed on: half a line must never be parsed as a whole one.
 */
public final class RapiLineAssembler {
  private final StringBuilder line = new StringBuilder();
  private boolean inLine;
  private long garbageBytes;

  /** Feeds bytes; returns the complete lines (starting with {@code $}, without {@code \r}). */
  public List<String> feed(byte[] data, int length) {
    List<String> out = new ArrayList<>(1);
    for (int i = 0; i < length; i++) {
      char c = (char) (data[i] & 0xFF);
      if (c == '$') {
        if (inLine) {
          garbageBytes += line.length();
        }
        line.setLength(0);
        line.append(c);
        inLine = true;
      } else if (!inLine) {
        // Line feeds follow replies when the board's echo mode is on; they are harmless.
        if (c != '\n' && c != '\r') {
          garbageBytes++;
        }
      } else if (c == '\r') {
        out.add(line.toString());
        line.setLength(0);
        inLine = false;
      } else {
        line.append(c);
        if (line.length() > RapiCodec.MAX_LINE_LENGTH) {
          garbageBytes += line.length();
          line.setLength(0);
          inLine = false;
        }
      }
    }
    return out;
  }

  /** Total bytes discarded so far. */
  public long garbageBytes() {
    return garbageBytes;
  }
}
