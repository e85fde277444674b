package io.kilowire.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Node.js OCPP peer from {@code tools/ocpp-peer} (ocpp-rpc in strict mode), started as a child
 * process that prints one JSON object per line. A missing Node or missing {@code node_modules}
 * fails the test with the command that fixes it; it never skips.
 */
public final class NodePeer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final List<JsonNode> events = new ArrayList<>();
  private final StringBuilder stderr = new StringBuilder();
  private final String command;

  private NodePeer(Process process, String command) {
    this.process = process;
    this.command = command;
    Thread out =
        new Thread(
            () ->
                pump(
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                    true),
            "node-peer-out");
    Thread err =
        new Thread(
            () ->
                pump(
                    new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                    false),
            "node-peer-err");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  /** The folder of the Node peer scripts, from the project root Maven passes in. */
  public static Path peerDir() {
    String root = System.getProperty("kilowire.project.dir");
    Path dir = (root != null ? Path.of(root) : Path.of("..")).resolve("tools/ocpp-peer");
    if (!Files.isDirectory(dir.resolve("node_modules/ocpp-rpc"))) {
      throw new IllegalStateException(
          "ocpp-rpc is not installed in "
              + dir.toAbsolutePath()
              + ": run 'npm ci' there (mvn verify does it in pre-integration-test)");
    }
    return dir;
  }

  /** Starts {@code node <script> <args>} in the peer folder. */
  public static NodePeer start(String script, String... args) {
    Path dir = peerDir();
    List<String> cmd = new ArrayList<>();
    cmd.add("node");
    cmd.add(script);
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
      return new NodePeer(p, String.join(" ", cmd));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Node (is node on the PATH?): " + cmd, e);
    }
  }

  private void pump(BufferedReader reader, boolean json) {
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        if (json) {
          JsonNode node;
          try {
            node = JSON.readTree(line);
          } catch (IOException e) {
            node = JSON.createObjectNode().put("event", "unparsed").put("line", line);
          }
          synchronized (events) {
            events.add(node);
            events.notifyAll();
          }
        } else {
          synchronized (stderr) {
            stderr.append(line).append('\n');
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Waits for the first event (in order of arrival) matching {@code match}. */
  public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (events) {
      while (true) {
        for (JsonNode e : events) {
          if (match.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !hasMatch(match))) {
          throw new AssertionError(
              "no matching event from '"
                  + command
                  + "' within "
                  + timeout
                  + "; events: "
                  + events
                  + "; stderr: "
                  + stderr());
        }
        try {
          events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 200_000_000L))));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  private boolean hasMatch(Predicate<JsonNode> match) {
    return events.stream().anyMatch(match);
  }

  /** Waits for {@code {"event": name}}. */
  public JsonNode awaitEvent(String name, Duration timeout) {
    return await(e -> name.equals(e.path("event").asText()), timeout);
  }

  /** Every event so far. */
  public List<JsonNode> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /**
   * The peer's {@code {"event":"primitiveViolation"}} lines: frames it received that break a
   * primitive-datatype rule of OCPP 2.0.1 Part 2 the schemas do not encode (dateTime fraction,
   * decimal places, ISO14443/ISO15693 token formats; see {@code tools/ocpp-peer/primitives.js}).
   */
  public List<JsonNode> primitiveViolations() {
    return events().stream()
        .filter(e -> "primitiveViolation".equals(e.path("event").asText()))
        .toList();
  }

  /** Waits for the process to end by itself. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "'" + command + "' still running after " + timeout + "; stderr: " + stderr());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Writes one line to the script's standard input (server.js: a CALL for the CSMS to make). */
  public void send(String line) {
    try {
      java.io.OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new IllegalStateException("the peer " + command + " no longer reads its input", e);
    }
  }

  public String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
