package io.kilowire.hardware.coap;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the site meter: one observable resource {@code /grid} whose payload the test sets.
 * It can be stopped and started again on the same port, like a meter that reboots.
 */
public final class TestGridServer implements AutoCloseable {
  private volatile String payload;
  private int port;
  private @Nullable CoapServer server;
  private @Nullable GridResource resource;

  public TestGridServer(String initialPayload) {
    this.payload = initialPayload;
  }

  /** Starts on 127.0.0.1: on a free port the first time, then on the same port again. */
  public synchronized TestGridServer start() {
    CoapEndpoint endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(CoapSupport.configuration())
            .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port))
            .build();
    CoapServer s = new CoapServer(CoapSupport.configuration());
    // One protocol thread: Californium's default pool may render two quick changes on two threads
    // and number them in the opposite order, and the client then rightly drops the newer payload as
    // an old notification. A real meter publishes far slower than the burst test does.
    s.setExecutors(
        Executors.newSingleThreadScheduledExecutor(TestGridServer::daemon),
        Executors.newSingleThreadScheduledExecutor(TestGridServer::daemon),
        false);
    s.addEndpoint(endpoint);
    GridResource r = new GridResource();
    s.add(r);
    s.start();
    port = endpoint.getAddress().getPort();
    server = s;
    resource = r;
    return this;
  }

  public synchronized void stop() {
    CoapServer s = server;
    if (s != null) {
      s.destroy();
      server = null;
      resource = null;
    }
  }

  public URI uri() {
    return URI.create("coap://127.0.0.1:" + port + "/grid");
  }

  /** Sets the payload and notifies the observers. */
  public synchronized void publish(String json) {
    payload = json;
    GridResource r = resource;
    if (r != null) {
      r.changed();
    }
  }

  /** How many observations the resource holds now. */
  synchronized int observers() {
    GridResource r = resource;
    return r == null ? 0 : r.getObserverCount();
  }

  public static String reading(String ts, double l1, double l2, double l3, double w) {
    return "{\"ts\":\"" + ts + "\",\"a\":[" + l1 + "," + l2 + "," + l3 + "],\"w\":" + w + "}";
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "test-grid-server");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    stop();
  }

  private final class GridResource extends CoapResource {
    GridResource() {
      super("grid");
      setObservable(true);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      exchange.respond(ResponseCode.CONTENT, payload, MediaTypeRegistry.APPLICATION_JSON);
    }
  }
}
