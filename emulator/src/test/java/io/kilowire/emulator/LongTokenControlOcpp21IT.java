package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.emulator.control.ApiError;
import io.kilowire.emulator.control.Fleet;
import io.kilowire.emulator.control.RequestBody;
import io.kilowire.emulator.control.StationOperations;
import io.kilowire.emulator.station.EmulatedStation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A driver's 2.1 token at an emulated station's reader through the control API (POST
 * /stations/{id}/evses/{n}/token), against ocpp-rpc in strict mode with the 2.1 schemas over a real
 * WebSocket on 127.0.0.1: a 46-character VIN, longer than 2.0.1's 36 and of a type 2.0.1 lacks, is
 * taken and reaches the CSMS in Authorize as presented; one over 2.1's 255 is refused naming the
 * field.
 */
class LongTokenControlOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ID = "KW-LONG-TOKEN-CTL";

  @Test
  void aLongVinAtTheReaderIsAuthorizedAsPresentedAndOneOver255IsRefused() throws Exception {
    String vin = "W" + "KWVIN0123456789".repeat(3);
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port, ID, OcppVersion.V21, 1, EmulatedStation.EvBehaviour.defaults())) {
        station.noRandomEvs();
        station.start();
        csms.await(e -> e.path("action").asText().equals("StatusNotification"), WAIT);
        StationOperations api = new StationOperations(new OneStation(station));

        api.token(ID, "1", RequestBody.parse("{\"idToken\":\"" + vin + "\",\"type\":\"VIN\"}"));
        JsonNode authorize =
            csms.await(
                e ->
                    e.path("event").asText().equals("call")
                        && e.path("action").asText().equals("Authorize"),
                WAIT);
        assertThat(authorize.at("/params/idToken/idToken").asText()).isEqualTo(vin);
        assertThat(authorize.at("/params/idToken/type").asText()).isEqualTo("VIN");

        assertThatThrownBy(
                () ->
                    api.token(
                        ID,
                        "1",
                        RequestBody.parse(
                            "{\"idToken\":\"" + "V".repeat(256) + "\",\"type\":\"VIN\"}")))
            .isInstanceOfSatisfying(
                ApiError.class, e -> assertThat(e.field()).isEqualTo("idToken"));
        InteropStations.assertNoComplaints(csms);
      }
    }
  }

  /** A fleet of the one running station. */
  private record OneStation(EmulatedStation station) implements Fleet {
    @Override
    public List<String> ids() {
      return List.of(ID);
    }

    @Override
    public Optional<EmulatedStation> running(String id) {
      return ID.equals(id) ? Optional.of(station) : Optional.empty();
    }

    @Override
    public boolean exists(String id) {
      return ID.equals(id);
    }

    @Override
    public String template(String id) {
      return "default";
    }

    @Override
    public List<String> templates() {
      return List.of("default");
    }

    @Override
    public List<String> add(@Nullable String template, int count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String id) {}

    @Override
    public void start(String id) {}

    @Override
    public void stop(String id) {}

    @Override
    public void csms(String id, URI url) {}

    @Override
    public void onBuilt(Consumer<EmulatedStation> listener) {}
  }
}
