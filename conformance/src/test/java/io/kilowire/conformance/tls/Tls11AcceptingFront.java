package io.kilowire.conformance.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * A TCP front on 127.0.0.1 for a TLS endpoint that plays a CSMS still taking TLS 1.1: it answers a
 * ClientHello of version 1.1 with the start of a TLS 1.1 ServerHello record and passes every other
 * connection through untouched. (A JVM will not serve TLS 1.1 any more, so the faulty endpoint is
 * simulated at the byte level the suite's probe looks at.)
 */
final class Tls11AcceptingFront implements AutoCloseable {
  private final ServerSocket server;
  private final URI target;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tls11-front");
            t.setDaemon(true);
            return t;
          });

  Tls11AcceptingFront(URI target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::acceptAll);
  }

  /** The target's URL with this front's port. */
  URI uri() {
    return URI.create(
        target.getScheme()
            + "://127.0.0.1:"
            + server.getLocalPort()
            + (target.getRawPath() == null ? "" : target.getRawPath()));
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.submit(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private @Nullable Void serve(Socket client) throws Exception {
    try (client) {
      InputStream in = client.getInputStream();
      // record header (5 bytes), handshake type and length (4), client_version (2)
      byte[] head = in.readNBytes(11);
      if (head.length == 11
          && head[0] == 0x16
          && head[5] == 0x01
          && head[9] == 3
          && head[10] == 2) {
        // a handshake record of version 1.1 carrying the first bytes of a ServerHello
        client.getOutputStream().write(new byte[] {0x16, 3, 2, 0, 4, 0x02, 0, 0, 0x46});
        client.getOutputStream().flush();
        return null;
      }
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
        upstream.getOutputStream().write(head);
        Future<?> back = threads.submit(() -> pump(upstream, client));
        pump(client, upstream);
        back.get();
      }
    }
    return null;
  }

  /** Copies {@code from} to {@code to} until {@code from} ends, then ends {@code to}'s output. */
  private static @Nullable Void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
      to.shutdownOutput();
    } catch (IOException e) {
      // one side went away; the other follows when its socket closes
    }
    return null;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      threads.shutdownNow();
    }
  }
}
