package io.kilowire.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * The control API over real HTTP and WebSocket, as a test (or a CSMS developer's script) uses it.
 */
final class ControlClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final @Nullable String token;

  /** An answer: status and JSON body. */
  record Answer(int status, JsonNode body) {
    JsonNode at(String pointer) {
      return body.at(pointer);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  ControlClient(URI base, @Nullable String token) {
    this.base = base;
    this.token = token;
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path.substring(1))).GET());
  }

  Answer post(String path, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path.substring(1)))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Answer put(String path, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path.substring(1)))
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  Answer delete(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path.substring(1))).DELETE());
  }

  /** A text answer (the metrics), failing unless it is 200. */
  String text(String path) {
    HttpResponse<String> r =
        exchange(HttpRequest.newBuilder(base.resolve(path.substring(1))).GET());
    if (r.statusCode() != 200) {
      throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  /** As {@link #post}, failing unless the answer is 2xx. */
  JsonNode ok(Answer answer) {
    if (answer.status() / 100 != 2) {
      throw new AssertionError("expected 2xx, got " + answer);
    }
    return answer.body();
  }

  private Answer send(HttpRequest.Builder request) {
    HttpResponse<String> r = exchange(request);
    try {
      JsonNode body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
      return new Answer(r.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Subscribes to {@code /events} (with an optional query) and records every event. */
  Events events(String query) {
    Events events = new Events();
    URI ws = URI.create("ws" + base.toString().substring(4) + "events" + query);
    WebSocket.Builder b = http.newWebSocketBuilder();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.buildAsync(ws, events).orTimeout(20, TimeUnit.SECONDS).join();
    return events;
  }

  /** The events received, in order. */
  static final class Events implements WebSocket.Listener {
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          received.add(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    List<JsonNode> all() {
      return List.copyOf(received);
    }

    JsonNode await(String what, Predicate<JsonNode> match) {
      JsonNode[] found = new JsonNode[1];
      Awaitility.await()
          .alias(what)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                for (JsonNode e : received) {
                  if (match.test(e)) {
                    found[0] = e;
                    return true;
                  }
                }
                return false;
              });
      return found[0];
    }
  }
}
