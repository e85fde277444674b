package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.authorization.PersonalMessage;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Central cost (I01-I03) on a 2.1 station against ocpp-rpc in strict mode with the 2.1 schemas,
 * over 127.0.0.1: the driver's tariff in the Authorize answer's personal message is shown in the
 * driver's language until the transaction ends, the running cost of the TransactionEvent answers
 * and of CostUpdated on the EVSE's display, then the total of the answer to the end. What 2.1
 * allows in a personal message and a 2.0.1 one cannot hold (a QR code, text up to 1024 characters)
 * does not cost the driver the authorization: a QR code is not shown, a longer text is shown up to
 * 512 characters.
 */
class CentralCostOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TOKEN = "04A1B2C3";

  private static String replies(String personalMessage) {
    return "{\"Authorize\":{\"idTokenInfo\":{\"status\":\"Accepted\",\"language1\":\"de\","
        + "\"personalMessage\":"
        + personalMessage
        + ",\"customData\":{\"vendorId\":\"org.openchargealliance.multilanguage\","
        + "\"personalMessageExtra\":[{\"format\":\"UTF8\",\"language\":\"de\","
        + "\"content\":\"0,30 EUR/kWh\"}]}}},"
        + "\"TransactionEvent\":{\"totalCost\":1.5}}";
  }

  @Test
  void theTariffTheRunningCostAndTheTotalAreShownOnTheEvsesDisplay() {
    String tariff = "{\"format\":\"UTF8\",\"language\":\"en\",\"content\":\"0.30 EUR/kWh\"}";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", replies(tariff))) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = station(csms, hardware, "KW-COST-21")) {
        FakeHardware fake = hardware.fake;
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        awaitCall(csms, "Authorize", p -> true);
        await().atMost(WAIT).until(() -> fake.displayedTariff(1) != null);
        PersonalMessage.Text shown = fake.displayedTariff(1);
        assertThat(shown.language()).isEqualTo("de");
        assertThat(shown.content()).isEqualTo("0,30 EUR/kWh");

        station.call(() -> station.station().plugIn(1));
        JsonNode started =
            awaitCall(
                csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        await().atMost(WAIT).until(() -> "Cost so far: 1.50 EUR".equals(fake.displayedCost(1)));
        String transactionId = started.at("/params/transactionInfo/transactionId").asText();
        csms.send(
            "{\"action\":\"CostUpdated\",\"params\":{\"totalCost\":2.75,\"transactionId\":\""
                + transactionId
                + "\"}}");
        await().atMost(WAIT).until(() -> "Cost so far: 2.75 EUR".equals(fake.displayedCost(1)));

        station.call(() -> station.station().unplug(1));
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
        await().atMost(WAIT).until(() -> "Total cost: 1.50 EUR".equals(fake.displayedCost(1)));
        await().atMost(WAIT).until(() -> fake.displayedTariff(1) == null);
      }
      assertNoComplaints(csms);
    }
  }

  private static String setVariable(String name, String instance, String value) {
    return "{\"component\":{\"name\":\"TariffCostCtrlr\"},\"variable\":{\"name\":\""
        + name
        + "\""
        + (instance == null ? "" : ",\"instance\":\"" + instance + "\"")
        + "},\"attributeValue\":\""
        + value
        + "\"}";
  }

  @Test
  void aTransactionEventAnswersTariffIsShownInTheCurrencySetAndNothingWhileDisabled() {
    String replies =
        "{\"TransactionEvent\":{\"totalCost\":1.5,\"idTokenInfo\":{\"status\":\"Accepted\","
            + "\"personalMessage\":{\"format\":\"ASCII\",\"content\":\"0.35 CHF/kWh\"}}}}";
    String currency =
        "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":["
            + setVariable("Currency", null, "CHF")
            + "]}}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js", "--protocol", "ocpp2.1", "--reply", replies, "--csms-call", currency)) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = station(csms, hardware, "KW-COST-21-TX")) {
        csms.await(e -> e.path("event").asText().equals("csmsCallResult"), WAIT);
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        station.call(() -> station.station().plugIn(1));
        await().atMost(WAIT).until(() -> hardware.fake.displayedTariff(1) != null);
        assertThat(hardware.fake.displayedTariff(1).content()).isEqualTo("0.35 CHF/kWh");
        await()
            .atMost(WAIT)
            .until(() -> "Cost so far: 1.50 CHF".equals(hardware.fake.displayedCost(1)));
      }
      assertNoComplaints(csms);
    }
    String disabled =
        "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":["
            + setVariable("Enabled", "Tariff", "false")
            + ","
            + setVariable("Enabled", "Cost", "false")
            + "]}}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js", "--protocol", "ocpp2.1", "--reply", replies, "--csms-call", disabled)) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = station(csms, hardware, "KW-COST-21-OFF")) {
        JsonNode set =
            csms.await(e -> e.path("event").asText().equals("csmsCallResult"), WAIT).path("result");
        assertThat(set.findValuesAsText("attributeStatus")).containsOnly("Accepted");
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        station.call(() -> station.station().plugIn(1));
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        station.call(() -> station.station().unplug(1));
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
        // The answers were handled on the station's thread before the end was sent on: nothing.
        assertThat(hardware.fake.displayedTariff(1)).isNull();
        assertThat(hardware.fake.displayedCost(1)).isNull();
      }
      assertNoComplaints(csms);
    }
  }

  @Test
  void aQrCodeTariffIsNotShownAndTheDriverStaysAuthorized() {
    String qr = "{\"format\":\"QRCODE\",\"content\":\"https://example.com/tariff\"}";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", replies(qr))) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = station(csms, hardware, "KW-COST-21-QR")) {
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        station.call(() -> station.station().plugIn(1));
        JsonNode started =
            awaitCall(
                csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        assertThat(started.at("/params/idToken/idToken").asText()).isEqualTo(TOKEN);
        await().atMost(WAIT).until(() -> hardware.fake.offered(1));
        // The display cannot show a QR code: the driver sees the cost, no tariff.
        await()
            .atMost(WAIT)
            .until(() -> "Cost so far: 1.50 EUR".equals(hardware.fake.displayedCost(1)));
        assertThat(hardware.fake.displayedTariff(1)).isNull();
      }
      assertNoComplaints(csms);
    }
  }

  @Test
  void aTariffLongerThan2011AllowsIsShownUpTo512Characters() {
    String text = "0.30 EUR/kWh; ".repeat(50).trim(); // 699 characters, 2.0.1 allows 512
    String tariff = "{\"format\":\"UTF8\",\"content\":\"" + text + "\"}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            replies(tariff).replace("\"language1\":\"de\",", ""))) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = station(csms, hardware, "KW-COST-21-LONG")) {
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        awaitCall(csms, "Authorize", p -> true);
        await().atMost(WAIT).until(() -> hardware.fake.displayedTariff(1) != null);
        assertThat(hardware.fake.displayedTariff(1).content()).isEqualTo(text.substring(0, 512));
      }
      assertNoComplaints(csms);
    }
  }

  private static StationRuntime station(NodePeer csms, LazyHardware hardware, String id) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    StationRuntime station =
        StationRuntime.builder(
                TransportConfig.builder()
                    .csmsUrl(URI.create("ws://127.0.0.1:" + port))
                    .stationId(id)
                    .ocppVersions(OcppVersion.V21)
                    .securityProfile(0)
                    .build(),
                hardware)
            .build();
    hardware.fake = new FakeHardware(station.scheduler());
    station.start();
    awaitCall(csms, "StatusNotification", p -> true);
    return station;
  }
}
