package io.kilowire.emulator.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * Writes {@code <dir>/<stationId>.ocpp.jsonl}: one line per frame, {@code {"ts":"<RFC 3339>",
 * "dir":"tx"|"rx","frame":<the OCPP-J array>}}. A frame that is not valid JSON is kept as a JSON
 * string instead, so every line parses and nothing received is lost from the record.
 */
public final class FrameTrace implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  public void sent(String frame) {
    write("tx", frame);
  }

  public void received(String frame) {
    write("rx", frame);
  }

  private synchronized void write(String dir, String frame) {
    ObjectNode line = JSON.createObjectNode();
    line.put("ts", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    line.put("dir", dir);
    JsonNode parsed;
    try {
      parsed = JSON.readTree(frame);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed != null && parsed.isArray()) {
      line.set("frame", parsed);
    } else {
      line.put("frame", frame);
    }
    try {
      file.line(JSON.writeValueAsString(line), true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    file.close();
  }
}
