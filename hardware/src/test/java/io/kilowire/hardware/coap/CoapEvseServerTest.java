package io.kilowire.hardware.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.station.ConnectorStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoapEvseServerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final EvseState CHARGING =
      new EvseState(ConnectorStatus.CHARGING, 16, true, 1234.5, 11_040);

  private final EvseStateBoard board = new EvseStateBoard(2);
  private @Nullable CoapEvseServer server;
  private @Nullable CoapEndpoint clientEndpoint;
  private @Nullable CoapClient client;
  private @Nullable CoapObserveRelation relation;

  @BeforeEach
  void startServer() {
    board.update(1, CHARGING);
    board.update(2, new EvseState(ConnectorStatus.AVAILABLE, 32, false, 0, 0));
    server = new CoapEvseServer(board, new InetSocketAddress("127.0.0.1", 0));
    server.start();
    clientEndpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(CoapSupport.configuration())
            .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
            .build();
    client = new CoapClient();
    client.setEndpoint(clientEndpoint);
    client.setTimeout(WAIT.toMillis());
  }

  @AfterEach
  void shutDown() {
    if (relation != null) {
      // Local only: the server goes away too, and a cancel still in flight would hit a stopped
      // endpoint.
      relation.reactiveCancel();
    }
    if (client != null) {
      client.shutdown();
    }
    if (clientEndpoint != null) {
      clientEndpoint.destroy();
    }
    if (server != null) {
      server.close();
    }
  }

  private CoapClient at(String path) {
    CoapClient c = client;
    assertThat(c).isNotNull();
    assertThat(server).isNotNull();
    return c.setURI("coap://127.0.0.1:" + server.port() + path);
  }

  private static JsonNode json(CoapResponse response) throws Exception {
    return MAPPER.readTree(response.getResponseText());
  }

  @Test
  void getReturnsAnEvsesState() throws Exception {
    CoapResponse response = at("/evse/1").get();

    assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(response.getOptions().getContentFormat())
        .isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
    JsonNode body = json(response);
    assertThat(body.get("evse").asInt()).isEqualTo(1);
    assertThat(body.get("status").asText()).isEqualTo("Charging");
    assertThat(body.get("limitA").asDouble()).isEqualTo(16.0);
    assertThat(body.get("charging").asBoolean()).isTrue();
    assertThat(body.get("energyWh").asDouble()).isEqualTo(1234.5);
    assertThat(body.get("powerW").asDouble()).isEqualTo(11_040.0);
  }

  @Test
  void theListHoldsEveryEvseInOrder() throws Exception {
    CoapResponse response = at("/evse").get();

    assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
    JsonNode body = json(response);
    assertThat(body.isArray()).isTrue();
    assertThat(body).hasSize(2);
    assertThat(body.get(0).get("evse").asInt()).isEqualTo(1);
    assertThat(body.get(1).get("status").asText()).isEqualTo("Available");
    assertThat(body.get(1).get("limitA").asDouble()).isEqualTo(32.0);
  }

  @Test
  void aLimitNotSetYetIsNullNotANumber() throws Exception {
    board.update(2, new EvseState(ConnectorStatus.SUSPENDED_EVSE, Double.NaN, false, 0, 0));

    JsonNode body = json(at("/evse/2").get());

    assertThat(body.get("limitA").isNull()).isTrue();
    assertThat(body.get("status").asText()).isEqualTo("SuspendedEVSE");
  }

  @Test
  void unknownEvsesAreNotFound() throws Exception {
    assertThat(at("/evse/3").get().getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(at("/evse/0").get().getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(at("/evse/one").get().getCode()).isEqualTo(ResponseCode.NOT_FOUND);
  }

  @Test
  void itIsReadOnly() throws Exception {
    String limit = "{\"limitA\":6}";
    int json = MediaTypeRegistry.APPLICATION_JSON;
    assertThat(at("/evse/1").put(limit, json).getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(at("/evse/1").post(limit, json).getCode())
        .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(at("/evse/1").delete().getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(at("/evse").post(limit, json).getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(board.state(1)).isEqualTo(CHARGING);
  }

  @Test
  void aFormatOtherThanJsonIsNotAcceptable() throws Exception {
    CoapResponse response = at("/evse/1").get(MediaTypeRegistry.APPLICATION_CBOR);

    assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
  }

  @Test
  void observersAreNotifiedOfChanges() throws Exception {
    List<JsonNode> seen = new CopyOnWriteArrayList<>();
    relation = at("/evse/1").observeAndWait(collect(seen));
    await().atMost(WAIT).until(() -> seen.size() == 1);
    assertThat(seen.get(0).get("status").asText()).isEqualTo("Charging");

    board.update(1, new EvseState(ConnectorStatus.SUSPENDED_EVSE, 0, false, 1300, 0));
    await().atMost(WAIT).until(() -> seen.size() == 2);
    board.update(1, new EvseState(ConnectorStatus.CHARGING, 10, true, 1300, 6900));
    await().atMost(WAIT).until(() -> seen.size() == 3);

    assertThat(seen.get(1).get("status").asText()).isEqualTo("SuspendedEVSE");
    assertThat(seen.get(1).get("limitA").asDouble()).isEqualTo(0.0);
    assertThat(seen.get(2).get("limitA").asDouble()).isEqualTo(10.0);
    assertThat(seen.get(2).get("powerW").asDouble()).isEqualTo(6900.0);
  }

  @Test
  void theListIsNotifiedWhenAnyEvseChanges() throws Exception {
    List<JsonNode> seen = new CopyOnWriteArrayList<>();
    relation = at("/evse").observeAndWait(collect(seen));
    await().atMost(WAIT).until(() -> seen.size() == 1);

    board.update(2, new EvseState(ConnectorStatus.PREPARING, 32, false, 0, 0));

    await().atMost(WAIT).until(() -> seen.size() == 2);
    assertThat(seen.get(1).get(1).get("status").asText()).isEqualTo("Preparing");
  }

  @Test
  void anUnchangedStateIsNotAChange() {
    assertThat(board.update(1, CHARGING)).isFalse();
    assertThat(board.update(1, new EvseState(ConnectorStatus.FINISHING, 16, false, 1234.5, 0)))
        .isTrue();
  }

  private static CoapHandler collect(List<JsonNode> into) {
    return new CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        try {
          into.add(json(response));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void onError() {}
    };
  }
}
