package io.kilowire.conformance.driver;

import io.kilowire.conformance.script.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs the trigger's JSON to a URL; a 2xx answer means the CSMS was triggered. */
public final class HttpDriver implements CsmsDriver {
  private final URI url;
  private final Duration timeout;
  private final HttpClient client;

  public HttpDriver(URI url, Duration timeout) {
    this.url = url;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void trigger(TriggerRequest request) {
    HttpRequest post =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.text(request.toJson())))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(post, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DriverException("POST " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted while posting to " + url, e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      String body = response.body().strip();
      throw new DriverException(
          "POST "
              + url
              + " answered HTTP "
              + status
              + (body.isEmpty()
                  ? ""
                  : ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body)));
    }
  }

  @Override
  public String describe() {
    return "http:" + url;
  }
}
