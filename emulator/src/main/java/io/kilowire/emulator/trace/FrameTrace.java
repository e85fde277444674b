package io.kilowire.emulator.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.transport.FrameObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes {@code <dir>/<stationId>.ocpp.jsonl}: one line per frame, in wire order, {@code
 * {"ts":"<RFC 3339>","dir":"tx"|"rx","frame":<the OCPP-J array>}}. A frame that is not valid JSON
 * is kept as a JSON string instead, so every line parses and nothing received is lost from the
 * record. A frame the transport refused after it was recorded gets a second line with {@code
 * "notSent":true}. UTF-16 surrogates are written as {@code \\uXXXX} escapes, so a frame holding a
 * lone one (valid JSON, not valid Unicode) is recorded exactly, and the file stays valid UTF-8.
 * Attach it to a station with {@code StationRuntime.Builder.frameObserver}.
 */
public final class FrameTrace implements FrameObserver, AutoCloseable {
  private static final ObjectMapper READER = new ObjectMapper();
  private static final ObjectMapper WRITER = new ObjectMapper();

  static {
    WRITER.getFactory().setCharacterEscapes(new SurrogateEscapes());
  }

  private final TraceFile file;
  private final Clock clock;

  public FrameTrace(Path dir, String stationId, Clock clock) {
    this.clock = clock;
    this.file = new TraceFile(dir, safeFileName(stationId) + ".ocpp.jsonl", null, true);
  }

  /** Station ids may hold characters a file name cannot. */
  public static String safeFileName(String stationId) {
    return stationId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @Override
  public void sending(String frame) {
    write("tx", frame, false);
  }

  @Override
  public void notSent(String frame) {
    write("tx", frame, true);
  }

  @Override
  public void received(String frame) {
    write("rx", frame, false);
  }

  private synchronized void write(String dir, String frame, boolean notSent) {
    ObjectNode line = WRITER.createObjectNode();
    line.put("ts", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    line.put("dir", dir);
    if (notSent) {
      line.put("notSent", true);
    }
    JsonNode parsed;
    try {
      parsed = READER.readTree(frame);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed != null && parsed.isArray()) {
      line.set("frame", parsed);
    } else {
      line.put("frame", frame);
    }
    try {
      file.line(WRITER.writeValueAsString(line), true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  @Override
  public void close() {
    file.close();
  }

  /** Escapes every UTF-16 surrogate, paired or not; everything else is written as usual. */
  private static final class SurrogateEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return Character.isSurrogate((char) ch)
          ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch))
          : null;
    }
  }
}
