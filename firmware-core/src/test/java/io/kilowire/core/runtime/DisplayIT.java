package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.TestCsms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Display messages over a real WebSocket on 127.0.0.1 (2.0.1 O01-O06): the CSMS sets messages and
 * the station's display shows them by priority, reads them back in NotifyDisplayMessages pages,
 * clears them; a message bound to a transaction needs it running and leaves when it ends.
 */
class DisplayIT {
  private static final Duration WAIT = RuntimeStations.WAIT;
  private static final String ID = "KW-DISPLAY";
  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  private static String message(int id, String priority, String format, String content) {
    return "{\"message\":{\"id\":"
        + id
        + ",\"priority\":\""
        + priority
        + "\",\"message\":{\"format\":\""
        + format
        + "\",\"language\":\"en\",\"content\":\""
        + content
        + "\"}}}";
  }

  private static String status(JsonNode answer) {
    return answer.at("/status").asText();
  }

  @Test
  void theCsmsSetsReadsAndClearsMessagesAndTheDisplayShowsThem() {
    TestCsms csms = stations.csms(OcppVersion.V201);
    StationRuntime station = stations.station(csms, OcppVersion.V201, ID);
    FakeHardware hardware = stations.hardware(station);

    assertThat(status(csms.call(ID, "GetDisplayMessages", "{\"requestId\":1}")))
        .isEqualTo("Unknown");
    assertThat(
            status(
                csms.call(ID, "SetDisplayMessage", message(1, "NormalCycle", "UTF8", "Welcome"))))
        .isEqualTo("Accepted");
    await().atMost(WAIT).until(() -> "Welcome".equals(hardware.displayedNow()));
    assertThat(
            status(
                csms.call(ID, "SetDisplayMessage", message(2, "NormalCycle", "HTML", "<b>x</b>"))))
        .isEqualTo("NotSupportedMessageFormat");

    for (int id = 2; id <= 7; id++) {
      csms.call(ID, "SetDisplayMessage", message(id, "NormalCycle", "ASCII", "Tip " + id));
    }
    assertThat(status(csms.call(ID, "GetDisplayMessages", "{\"requestId\":2}")))
        .isEqualTo("Accepted");
    List<JsonNode> pages = new ArrayList<>();
    pages.add(
        csms.awaitCall(ID, "NotifyDisplayMessages", p -> p.at("/requestId").asInt() == 2, WAIT)
            .payload());
    while (pages.get(pages.size() - 1).path("tbc").asBoolean(false)) {
      int seen = pages.size();
      await().atMost(WAIT).until(() -> csms.calls(ID, "NotifyDisplayMessages").size() > seen);
      pages.add(csms.calls(ID, "NotifyDisplayMessages").get(seen).payload());
    }
    assertThat(pages).hasSize(2);
    assertThat(pages.stream().mapToInt(p -> p.at("/messageInfo").size()).sum()).isEqualTo(7);
    assertThat(pages.get(0).at("/messageInfo/0/message/content").asText()).isEqualTo("Welcome");

    assertThat(
            status(
                csms.call(
                    ID, "SetDisplayMessage", message(9, "AlwaysFront", "UTF8", "Closing soon"))))
        .isEqualTo("Accepted");
    await().atMost(WAIT).until(() -> "Closing soon".equals(hardware.displayedNow()));
    assertThat(
            csms.call(
                    ID,
                    "GetVariables",
                    "{\"getVariableData\":[{\"component\":{\"name\":\"DisplayMessageCtrlr\"},"
                        + "\"variable\":{\"name\":\"DisplayMessages\"}}]}")
                .at("/getVariableResult/0/attributeValue")
                .asText())
        .isEqualTo("8");
    assertThat(status(csms.call(ID, "ClearDisplayMessage", "{\"id\":9}"))).isEqualTo("Accepted");
    await().atMost(WAIT).until(() -> !"Closing soon".equals(hardware.displayedNow()));
    assertThat(status(csms.call(ID, "ClearDisplayMessage", "{\"id\":9}"))).isEqualTo("Unknown");
    assertThat(
            status(
                csms.call(
                    ID, "GetDisplayMessages", "{\"requestId\":3,\"priority\":\"AlwaysFront\"}")))
        .isEqualTo("Unknown");
  }

  @Test
  void aTransactionsMessageNeedsItRunningAndLeavesWhenItEnds() {
    TestCsms csms = stations.csms(OcppVersion.V201);
    StationRuntime station = stations.station(csms, OcppVersion.V201, ID);
    FakeHardware hardware = stations.hardware(station);
    String cost =
        "{\"message\":{\"id\":5,\"priority\":\"AlwaysFront\",\"transactionId\":\"%s\","
            + "\"message\":{\"format\":\"UTF8\",\"content\":\"0.42 EUR so far\"}}}";

    assertThat(status(csms.call(ID, "SetDisplayMessage", String.format(cost, "no-such-tx"))))
        .isEqualTo("UnknownTransaction");

    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    station.call(() -> station.station().plugIn(1));
    String transactionId =
        csms.awaitCall(
                ID, "TransactionEvent", p -> p.at("/eventType").asText().equals("Started"), WAIT)
            .payload()
            .at("/transactionInfo/transactionId")
            .asText();
    assertThat(status(csms.call(ID, "SetDisplayMessage", String.format(cost, transactionId))))
        .isEqualTo("Accepted");
    await().atMost(WAIT).until(() -> "0.42 EUR so far".equals(hardware.displayedNow()));

    station.call(() -> station.station().unplug(1));
    csms.awaitCall(ID, "TransactionEvent", p -> p.at("/eventType").asText().equals("Ended"), WAIT);
    assertThat(status(csms.call(ID, "GetDisplayMessages", "{\"requestId\":4,\"id\":[5]}")))
        .isEqualTo("Unknown");
    await().atMost(WAIT).until(() -> hardware.displayedNow() == null);
  }
}
