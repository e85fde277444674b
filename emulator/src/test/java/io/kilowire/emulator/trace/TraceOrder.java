package io.kilowire.emulator.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a frame trace and checks that every reply's line comes after its CALL's line. */
final class TraceOrder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceOrder() {}

  static List<JsonNode> lines(Path file) {
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        out.add(JSON.readTree(line));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that each CALLRESULT or CALLERROR line comes after the line of the CALL it answers,
   * which went the other way; returns how many replies were checked.
   */
  static int assertRepliesFollowTheirCalls(List<JsonNode> lines) {
    Map<String, Integer> callLine = new HashMap<>();
    int replies = 0;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      JsonNode frame = line.path("frame");
      int type = frame.path(0).asInt();
      String key = frame.path(1).asText();
      String dir = line.path("dir").asText();
      if (type == 2) {
        callLine.put(dir + key, i);
      } else if (type == 3 || type == 4) {
        String callDir = dir.equals("rx") ? "tx" : "rx";
        assertThat(callLine)
            .as("line %d, the reply %s, comes after the line of its CALL", i, frame)
            .containsKey(callDir + key);
        replies++;
      }
    }
    return replies;
  }
}
