package io.kilowire.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay on 127.0.0.1 that can be frozen: while frozen it keeps every socket open but passes
 * no bytes in either direction, so the peers see a silent, half-dead network rather than a reset.
 * For liveness (ping/pong) and connect-timeout tests.
 */
public final class FreezableTcpProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FreezableTcpProxy.class);

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean frozen;
  private volatile boolean closed;

  private FreezableTcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Relays connections on an ephemeral 127.0.0.1 port to {@code target}. */
  public static FreezableTcpProxy start(InetSocketAddress target) throws IOException {
    return new FreezableTcpProxy(target);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Stops passing bytes; sockets stay open and new connections are accepted but stall. */
  public void freeze() {
    synchronized (gate) {
      frozen = true;
    }
  }

  /** Resumes passing bytes, including what arrived while frozen. */
  public void thaw() {
    synchronized (gate) {
      frozen = false;
      gate.notifyAll();
    }
  }

  @Override
  public void close() {
    closed = true;
    thaw();
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the proxy listener failed", e);
    }
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket downstream = server.accept();
        Socket upstream = new Socket();
        upstream.connect(target, 2000);
        sockets.add(downstream);
        sockets.add(upstream);
        pump(downstream, upstream, "up");
        pump(upstream, downstream, "down");
      } catch (IOException e) {
        if (!closed) {
          LOG.debug("proxy accept failed: {}", e.toString());
        }
      }
    }
  }

  private void pump(Socket from, Socket to, String direction) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  awaitThawed();
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                LOG.trace("proxy pump {} ended: {}", direction, e.toString());
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "proxy-" + direction + "-" + from.getPort());
    t.setDaemon(true);
    t.start();
  }

  private void awaitThawed() throws InterruptedException {
    synchronized (gate) {
      while (frozen && !closed) {
        gate.wait();
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
