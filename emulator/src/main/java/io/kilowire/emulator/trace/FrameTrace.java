package io.kilowire.emulator.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * Writes {@code <dir>/<stationId>.ocpp.jsonl}: one line per frame, {@code {"ts":"<RFC 3339>",
 * "dir":"tx"|"rx","frame":<the OCPP-J array>}}. A frame that is not valid JSON is kept as a JSON
 * string instead, so every line parses and nothing received is lost from the record.
 */
public final class FrameTrace implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter writer;
  private final Clock clock;

  public FrameTrace(Path dir, String stationId, Clock clock) {
    this.clock = clock;
    try {
      Files.createDirectories(dir);
      this.writer =
          Files.newBufferedWriter(
              dir.resolve(safeFileName(stationId) + ".ocpp.jsonl"),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the trace in " + dir, e);
    }
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
      writer.write(JSON.writeValueAsString(line));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
