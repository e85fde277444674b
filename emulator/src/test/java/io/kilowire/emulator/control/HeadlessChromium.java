package io.kilowire.emulator.control;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Debian's {@code chromium} in headless mode, driven over the Chrome DevTools Protocol (a WebSocket
 * to 127.0.0.1): open a page, run JavaScript in it (clicks, reads), take a screenshot. A missing
 * browser fails the test with the command that installs it; it never skips.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final StringBuilder partial = new StringBuilder();
  private String session = "";

  private HeadlessChromium(Process process, URI devtools) {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(devtools, new Listener())
            .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
            .join();
  }

  /** Starts the browser with a profile in {@code dir}; 1280×900 like a laptop screen. */
  static HeadlessChromium start(Path dir) throws IOException {
    String binary =
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "Chromium is not installed: apt-get install chromium chromium-driver"
                            + " (.ci/run does it)"));
    Process p =
        new ProcessBuilder(
                binary,
                "--headless=new",
                "--no-sandbox", // the tests may run as root
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--window-size=1280,900",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    AtomicReference<String> url = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                  int at = line.indexOf("ws://");
                  if (line.startsWith("DevTools listening on") && at >= 0) {
                    url.set(line.substring(at).trim());
                  }
                }
              } catch (IOException ignored) {
                // the browser ended
              }
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    await()
        .alias("Chromium's DevTools address")
        .atMost(WAIT)
        .until(
            () -> {
              if (!p.isAlive()) {
                throw new AssertionError("Chromium ended with " + p.exitValue());
              }
              return url.get() != null;
            });
    HeadlessChromium browser = new HeadlessChromium(p, URI.create(url.get()));
    browser.attach();
    return browser;
  }

  private void attach() {
    String target =
        command("Target.createTarget", obj().put("url", "about:blank")).path("targetId").asText();
    session =
        command("Target.attachToTarget", obj().put("targetId", target).put("flatten", true))
            .path("sessionId")
            .asText();
    command("Page.enable", obj());
    command(
        "Emulation.setDeviceMetricsOverride",
        obj()
            .put("width", 1280)
            .put("height", 900)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  /** Opens {@code url} and waits until its document has loaded. */
  void open(URI url) {
    command("Page.navigate", obj().put("url", url.toString()));
    await()
        .alias("page " + url + " loaded")
        .atMost(WAIT)
        .until(() -> "complete".equals(evaluate("document.readyState").asText()));
  }

  /** Runs {@code expression} in the page (promises awaited) and returns its value as JSON. */
  JsonNode evaluate(String expression) {
    JsonNode result =
        command(
            "Runtime.evaluate",
            obj()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError(
          "JavaScript failed: " + expression + ": " + result.path("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Clicks the element {@code selector} finds, as a user would (a DOM click event). */
  void click(String selector) {
    String quoted = JSON.valueToTree(selector).toString();
    evaluate(
        "(() => { const e = document.querySelector("
            + quoted
            + "); if (!e) throw new Error('no element ' + "
            + quoted
            + "); e.click(); return true; })()");
  }

  /** The page's visible text. */
  String text() {
    return evaluate("document.body.innerText").asText();
  }

  void screenshot(Path file) throws IOException {
    JsonNode shot = command("Page.captureScreenshot", obj().put("format", "png"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  private JsonNode command(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    ObjectNode message = obj().put("id", id).put("method", method);
    message.set("params", params);
    if (!session.isEmpty()) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(message.toString(), true).join();
    JsonNode reply;
    try {
      reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(method + " got no answer", e);
    } finally {
      pending.remove(id);
    }
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.path("error"));
    }
    return reply.path("result");
  }

  private static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          CompletableFuture<JsonNode> answer = pending.get(message.path("id").asInt(-1));
          if (answer != null) {
            answer.complete(message);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          partial.setLength(0);
        }
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    } catch (RuntimeException ignored) {
      // the browser is going anyway
    }
    process.destroy();
    // The renderer and helper processes go with the browser; whatever is left goes now.
    process.descendants().forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
