package io.kilowire.hardware.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.station.ConnectorStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only CoAP view of the station's EVSEs for building-management systems.
 *
 * <ul>
 *   <li>{@code GET /evse/<n>}: {@code
 *       {"evse":n,"status":"Charging","limitA":16.0,"charging":true,"energyWh":1234.5,"powerW":7360.0}}
 *       ({@code limitA} is null while no limit is set)
 *   <li>{@code GET /evse}: a JSON array of those objects, EVSE 1 first
 * </ul>
 *
 * Both are observable: a change reported by the {@link EvseStateSource} notifies the EVSE's
 * observers and the list's. Content-Format is application/json (50). An EVSE that does not exist is
 * 4.04 and every method other than GET is 4.05.
 */
public final class CoapEvseServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CoapEvseServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EvseStateSource source;
  private final CoapServer server;
  private final CoapEndpoint endpoint;
  private final ListResource list;
  private final List<EvseResource> evses = new ArrayList<>();
  private EvseStateSource.@Nullable Subscription subscription;

  /**
   * @param bind the UDP address to serve on; port 0 picks a free one (see {@link #port()})
   */
  public CoapEvseServer(EvseStateSource source, InetSocketAddress bind) {
    this.source = source;
    this.endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(CoapSupport.configuration())
            .setInetSocketAddress(bind)
            .build();
    this.server = new CoapServer(CoapSupport.configuration());
    server.addEndpoint(endpoint);
    list = new ListResource();
    for (int n = 1; n <= source.evseCount(); n++) {
      EvseResource r = new EvseResource(n);
      evses.add(r);
      list.add(r);
    }
    server.add(list);
  }

  /** Starts serving and follows the source's changes. */
  public synchronized void start() {
    subscription = source.subscribe(this::changed);
    server.start();
    LOG.info("EVSE CoAP server on {}", endpoint.getAddress());
  }

  /** The bound UDP port. */
  public int port() {
    return endpoint.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return endpoint.getAddress();
  }

  @Override
  public synchronized void close() {
    EvseStateSource.Subscription s = subscription;
    if (s != null) {
      s.close();
      subscription = null;
    }
    server.destroy();
  }

  private void changed(int evse) {
    if (evse >= 1 && evse <= evses.size()) {
      evses.get(evse - 1).changed();
      list.changed();
    }
  }

  private ObjectNode json(int evse) {
    EvseState s = source.state(evse);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("evse", evse);
    node.put("status", ocppName(s.status()));
    // JSON has no NaN: "no limit yet" is null rather than a number a BMS could misread.
    if (Double.isFinite(s.limitA())) {
      node.put("limitA", s.limitA());
    } else {
      node.putNull("limitA");
    }
    node.put("charging", s.charging());
    node.put("energyWh", s.energyWh());
    node.put("powerW", s.powerW());
    return node;
  }

  /** The OCPP 1.6 spelling, which BMS integrators already know from the CSMS side. */
  static String ocppName(ConnectorStatus status) {
    return switch (status) {
      case AVAILABLE -> "Available";
      case PREPARING -> "Preparing";
      case CHARGING -> "Charging";
      case SUSPENDED_EV -> "SuspendedEV";
      case SUSPENDED_EVSE -> "SuspendedEVSE";
      case FINISHING -> "Finishing";
      case RESERVED -> "Reserved";
      case UNAVAILABLE -> "Unavailable";
      case FAULTED -> "Faulted";
    };
  }

  private static void respondJson(CoapExchange exchange, Object body) {
    if (exchange.getRequestOptions().hasAccept()
        && exchange.getRequestOptions().getAccept() != MediaTypeRegistry.APPLICATION_JSON) {
      exchange.respond(ResponseCode.NOT_ACCEPTABLE);
      return;
    }
    String text;
    try {
      text = MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      LOG.error("Cannot render EVSE state", e);
      exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR);
      return;
    }
    exchange.respond(ResponseCode.CONTENT, text, MediaTypeRegistry.APPLICATION_JSON);
  }

  // Methods other than GET fall through to CoapResource's defaults, which answer 4.05.

  private final class ListResource extends CoapResource {
    ListResource() {
      super("evse");
      setObservable(true);
      getAttributes().setTitle("EVSE states");
      getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      ArrayNode all = MAPPER.createArrayNode();
      for (int n = 1; n <= evses.size(); n++) {
        all.add(json(n));
      }
      respondJson(exchange, all);
    }
  }

  private final class EvseResource extends CoapResource {
    private final int evse;

    EvseResource(int evse) {
      super(Integer.toString(evse));
      this.evse = evse;
      setObservable(true);
      getAttributes().setTitle("EVSE " + evse);
      getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      respondJson(exchange, json(evse));
    }
  }
}
