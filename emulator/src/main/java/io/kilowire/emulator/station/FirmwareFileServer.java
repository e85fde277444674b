package io.kilowire.emulator.station;

import com.sun.net.httpserver.HttpServer;
import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.hal.FirmwarePublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's stations as local controllers (OCPP 2.0.1 L03): one HTTP server on 127.0.0.1,
 * started with the first image published, serves each station's published images at {@code
 * /firmware/<station>/<md5>}, so another station (or a CSMS) can download them.
 */
public final class FirmwareFileServer {
  private static final Object LOCK = new Object();
  private static HttpServer server;
  private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();

  private FirmwareFileServer() {}

  /** The publisher of station {@code stationId}. */
  public static FirmwarePublisher forStation(String stationId) {
    return new FirmwarePublisher() {
      @Override
      public CompletableFuture<List<URI>> publish(FirmwareInstaller.Image image, String md5) {
        try (InputStream in = image.open()) {
          String path = "/firmware/" + stationId + "/" + md5;
          FILES.put(path, in.readAllBytes());
          return CompletableFuture.completedFuture(
              List.of(URI.create("http://127.0.0.1:" + port() + path)));
        } catch (IOException | UncheckedIOException e) {
          return CompletableFuture.failedFuture(e);
        }
      }

      @Override
      public boolean unpublish(String md5) {
        return FILES.remove("/firmware/" + stationId + "/" + md5) != null;
      }
    };
  }

  private static int port() throws IOException {
    synchronized (LOCK) {
      if (server == null) {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext(
            "/firmware/",
            exchange -> {
              byte[] body = FILES.get(exchange.getRequestURI().getPath());
              exchange.sendResponseHeaders(
                  body == null ? 404 : 200, body == null ? -1 : body.length);
              if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                  out.write(body);
                }
              }
              exchange.close();
            });
        s.start();
        server = s;
      }
      return server.getAddress().getPort();
    }
  }
}
