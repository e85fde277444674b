package io.kilowire.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoardConfigTest {
  private static final String EVSE =
      "{\"rapi\":{\"port\":\"/dev/ttyUSB0\"},"
          + "\"meter\":{\"port\":\"/dev/ttyUSB1\",\"unit\":11,\"model\":\"sdm630\"}}";

  @Nested
  class Valid {
    @Test
    void aMinimalFileGetsTheDocumentedDefaults() throws Exception {
      BoardConfig c = BoardConfig.parse("{\"evses\":[" + EVSE + "]}");
      assertThat(c.maxCurrentA()).isEqualTo(32);
      assertThat(c.contactorTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(c.meterPoll()).isEqualTo(Duration.ofSeconds(1));
      assertThat(c.meterStaleAfter()).isEqualTo(Duration.ofSeconds(11));
      assertThat(c.evses())
          .containsExactly(
              new BoardConfig.Evse(
                  new BoardConfig.Rapi("/dev/ttyUSB0", 115_200, 10, 6),
                  new BoardConfig.Meter("/dev/ttyUSB1", 9600, 11, BoardConfig.Model.SDM630)));
      assertThat(c.siteMeter()).isNull();
    }

    @Test
    void everyFieldIsRead() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              """
              {"maxCurrentA": 16, "contactorTimeoutMs": 700, "meterPollMs": 250,
               "meterStaleSeconds": 5,
               "evses": [
                 {"rapi": {"port": "/dev/a", "baud": 38400, "heartbeatSeconds": 20,
                           "failsafeCurrentA": 0},
                  "meter": {"port": "/dev/m", "baud": 19200, "unit": 12, "model": "SDM120"}}],
               "siteMeter": {"modbus": {"port": "/dev/m", "baud": 19200, "unit": 1,
                                        "model": "sdm630"}}}
              """);
      assertThat(c.maxCurrentA()).isEqualTo(16);
      assertThat(c.contactorTimeout()).isEqualTo(Duration.ofMillis(700));
      assertThat(c.meterPoll()).isEqualTo(Duration.ofMillis(250));
      assertThat(c.meterStaleAfter()).isEqualTo(Duration.ofSeconds(5));
      assertThat(c.evses().get(0).rapi()).isEqualTo(new BoardConfig.Rapi("/dev/a", 38400, 20, 0));
      assertThat(c.evses().get(0).meter().model()).isEqualTo(BoardConfig.Model.SDM120);
      assertThat(c.siteMeter())
          .isEqualTo(
              new BoardConfig.ModbusSite(
                  new BoardConfig.Meter("/dev/m", 19200, 1, BoardConfig.Model.SDM630)));
    }

    @Test
    void aCoapSiteMeterIsAUri() throws Exception {
      BoardConfig c =
          BoardConfig.parse(
              "{\"evses\":[" + EVSE + "],\"siteMeter\":{\"coap\":\"coap://10.0.0.5/grid\"}}");
      assertThat(c.siteMeter())
          .isEqualTo(new BoardConfig.CoapSite(URI.create("coap://10.0.0.5/grid")));
    }

    @Test
    void theExampleInTheRepositoryParses() throws Exception {
      BoardConfig c = BoardConfig.load(Path.of("examples/station.json"));
      assertThat(c.evses()).hasSize(2);
      assertThat(c.siteMeter()).isInstanceOf(BoardConfig.CoapSite.class);
    }
  }

  @Nested
  class Invalid {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "{}|evses: required",
          "{\"evses\":[]}|evses: must be a non-empty array",
          "[]|(root): must be an object",
          "{\"evses\":[{\"meter\":{}}]}|evses[0].rapi: required",
          "{\"evses\":[EVSE,{\"rapi\":{},\"meter\":{}}]}|evses[1].rapi.port: required",
          "{\"evses\":[{\"rapi\":{\"port\":\"\"},\"meter\":{}}]}|evses[0].rapi.port: must be a non-empty string",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\",\"baud\":\"fast\"},\"meter\":{}}]}|evses[0].rapi.baud: must be a whole number",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\",\"failsafeCurrentA\":3},\"meter\":{}}]}|evses[0].rapi.failsafeCurrentA: must be 0 (pause) or 6..80",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\",\"heartbeatSeconds\":0},\"meter\":{}}]}|evses[0].rapi.heartbeatSeconds: must be 1..255, not 0",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"model\":\"sdm630\"}}]}|evses[0].meter.unit: required",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"unit\":248,\"model\":\"sdm630\"}}]}|evses[0].meter.unit: must be 1..247, not 248",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\"},\"meter\":{\"port\":\"/m\",\"unit\":1,\"model\":\"sdm72\"}}]}|evses[0].meter.model: sdm630 or sdm120, not 'sdm72'",
          "{\"evses\":[{\"rapi\":{\"port\":\"/a\",\"speed\":1},\"meter\":{}}]}|evses[0].rapi.speed: unknown field",
          "{\"evses\":[EVSE],\"maxCurrentA\":100}|maxCurrentA: must be 6.0..80.0, not 100.0",
          "{\"evses\":[EVSE],\"siteMeter\":{}}|siteMeter: exactly one of modbus, coap",
          "{\"evses\":[EVSE],\"siteMeter\":{\"coap\":\"http://x/grid\"}}|siteMeter.coap: a coap://host[:port]/path URI",
          "{\"evses\":[EVSE],\"evses\":[EVSE]}|not valid JSON at line 1",
          "{\"evses\":[|not valid JSON at line 1",
        })
    void isRejectedNamingTheField(String json, String message) {
      assertThatThrownBy(() -> BoardConfig.parse(json.replace("EVSE", EVSE)))
          .isInstanceOf(BoardConfig.Invalid.class)
          .hasMessageStartingWith(message);
    }
  }
}
