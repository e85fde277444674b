package io.kilowire.conformance.pki;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves an {@link OcspResponder} over HTTP as RFC 6960 appendix A describes: a POST of the DER
 * request ({@code application/ocsp-request}), or a GET with the request in base64 after the path.
 */
public final class OcspEndpoint implements AutoCloseable {
  /** Requests are small; anything larger is not an OCSP request. */
  private static final int MAX_REQUEST = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService threads;
  private final URI url;

  private OcspEndpoint(HttpServer server, ExecutorService threads, URI url) {
    this.server = server;
    this.threads = threads;
    this.url = url;
  }

  /**
   * Listens at {@code listen}'s host, port (0: any free one) and path.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static OcspEndpoint start(URI listen, OcspResponder responder) {
    String path = listen.getPath() == null || listen.getPath().isEmpty() ? "/" : listen.getPath();
    HttpServer server;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(listen.getHost(), Math.max(listen.getPort(), 0)), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for OCSP requests at " + listen, e);
    }
    ExecutorService threads =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ocsp-responder");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext(path, exchange -> serve(exchange, path, responder));
    server.start();
    URI bound =
        URI.create("http://" + listen.getHost() + ":" + server.getAddress().getPort() + path);
    return new OcspEndpoint(server, threads, bound);
  }

  /** Where the responder answers: the URL a certificate's OCSP access location names. */
  public URI url() {
    return url;
  }

  private static void serve(HttpExchange exchange, String path, OcspResponder responder)
      throws IOException {
    try (exchange) {
      byte[] request;
      if (exchange.getRequestMethod().equals("POST")) {
        try (InputStream in = exchange.getRequestBody()) {
          request = in.readNBytes(MAX_REQUEST);
        }
      } else if (exchange.getRequestMethod().equals("GET")) {
        String rest = exchange.getRequestURI().getRawPath().substring(path.length());
        rest = rest.startsWith("/") ? rest.substring(1) : rest;
        try {
          request = Base64.getDecoder().decode(URLDecoder.decode(rest, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
          request = new byte[0];
        }
      } else {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] answer = responder.answer(request);
      exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
