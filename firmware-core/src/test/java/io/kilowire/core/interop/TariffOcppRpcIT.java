package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.authorization.PersonalMessage;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * 2.0.1 I01 against ocpp-rpc in strict mode over a real WebSocket on 127.0.0.1: the CSMS answers
 * the driver's Authorize with a tariff as personal message (English, with a German translation in
 * customData.personalMessageExtra) and the driver's languages; the EVSE's display shows the German
 * one, and takes it away when the transaction has ended. Not one schema complaint on either side.
 */
class TariffOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String AUTHORIZE_ANSWER =
      "{\"Authorize\":{\"idTokenInfo\":{\"status\":\"Accepted\",\"language1\":\"de\","
          + "\"language2\":\"en\",\"personalMessage\":{\"format\":\"UTF8\",\"language\":\"en\","
          + "\"content\":\"0.30 EUR/kWh\"},\"customData\":{\"vendorId\":"
          + "\"org.openchargealliance.multilanguage\",\"personalMessageExtra\":[{\"format\":"
          + "\"UTF8\",\"language\":\"de\",\"content\":\"0,30 EUR/kWh\"}]}}}}";

  @Test
  void theTariffOfTheAuthorizeAnswerIsShownInTheDriversLanguage() {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.0.1", "--reply", AUTHORIZE_ANSWER)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = OcppRpcCsms.station201(port, "KW-TARIFF", hardware)) {
        FakeHardware fake = hardware.fake;
        station.start();
        awaitCall(csms, "StatusNotification", p -> true);

        station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
        awaitCall(csms, "Authorize", p -> true);
        await().atMost(WAIT).until(() -> fake.displayedTariff(1) != null);
        PersonalMessage.Text shown = fake.displayedTariff(1);
        assertThat(shown.language()).isEqualTo("de");
        assertThat(shown.content()).isEqualTo("0,30 EUR/kWh");

        station.call(() -> station.station().plugIn(1));
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        station.call(() -> station.station().unplug(1));
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
        await().atMost(WAIT).until(() -> fake.displayedTariff(1) == null);
      }
      assertNoComplaints(csms);
    }
  }
}
