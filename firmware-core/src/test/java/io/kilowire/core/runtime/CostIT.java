package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.TestCsms;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Costs over a real WebSocket on 127.0.0.1 (2.0.1 I02, I03): CostUpdated puts the running cost on
 * the EVSE's display in TariffCostCtrlr.Currency, the totalCost in the answer to the transaction's
 * end puts the total there; with cost display disabled nothing is shown.
 */
class CostIT {
  private static final Duration WAIT = RuntimeStations.WAIT;
  private static final String ID = "KW-COST";
  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  private static String transactionId(TestCsms csms) {
    return csms.awaitCall(
            ID, "TransactionEvent", p -> p.at("/eventType").asText().equals("Started"), WAIT)
        .payload()
        .at("/transactionInfo/transactionId")
        .asText();
  }

  /** Sets a TariffCostCtrlr variable over the wire; its attributeStatus. */
  private static String setTariffCost(TestCsms csms, String variable, String value) {
    return csms.call(
            ID,
            "SetVariables",
            "{\"setVariableData\":[{\"component\":{\"name\":\"TariffCostCtrlr\"},"
                + "\"variable\":"
                + variable
                + ",\"attributeValue\":\""
                + value
                + "\"}]}")
        .at("/setVariableResult/0/attributeStatus")
        .asText();
  }

  @Test
  void theRunningCostAndTheTotalReachTheEvsesDisplay() {
    TestCsms csms = stations.csms(OcppVersion.V201);
    csms.reply(
        "TransactionEvent",
        p ->
            p.at("/eventType").asText().equals("Ended")
                ? "{\"totalCost\":3.456}"
                : "{\"idTokenInfo\":{\"status\":\"Accepted\"}}");
    StationRuntime station = stations.station(csms, OcppVersion.V201, ID);
    FakeHardware hardware = stations.hardware(station);
    setTariffCost(csms, "{\"name\":\"Currency\"}", "CHF");

    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    station.call(() -> station.station().plugIn(1));
    String tx = transactionId(csms);
    csms.call(ID, "CostUpdated", "{\"totalCost\":1.2,\"transactionId\":\"" + tx + "\"}");
    await().atMost(WAIT).until(() -> "Cost so far: 1.20 CHF".equals(hardware.displayedCost(1)));
    csms.call(ID, "CostUpdated", "{\"totalCost\":9,\"transactionId\":\"no-such-transaction\"}");
    assertThat(hardware.displayedCost(1)).isEqualTo("Cost so far: 1.20 CHF");

    station.call(() -> station.station().unplug(1));
    await().atMost(WAIT).until(() -> "Total cost: 3.46 CHF".equals(hardware.displayedCost(1)));
  }

  @Test
  void nothingIsShownWhileCostDisplayIsDisabled() {
    TestCsms csms = stations.csms(OcppVersion.V201);
    StationRuntime station = stations.station(csms, OcppVersion.V201, ID);
    FakeHardware hardware = stations.hardware(station);
    assertThat(setTariffCost(csms, "{\"name\":\"Enabled\",\"instance\":\"Cost\"}", "false"))
        .isEqualTo("Accepted");
    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    station.call(() -> station.station().plugIn(1));
    String tx = transactionId(csms);
    // The answer comes once the station has handled it.
    csms.call(ID, "CostUpdated", "{\"totalCost\":1.2,\"transactionId\":\"" + tx + "\"}");
    assertThat(hardware.displayedCost(1)).isNull();
  }

  @Test
  void theTariffFallbackMessageSetOverTheWireIsShownForATokenWithoutTariff() {
    TestCsms csms = stations.csms(OcppVersion.V201);
    StationRuntime station = stations.station(csms, OcppVersion.V201, ID);
    FakeHardware hardware = stations.hardware(station);
    assertThat(setTariffCost(csms, "{\"name\":\"TariffFallbackMessage\"}", "0.40 EUR/kWh"))
        .isEqualTo("Accepted");

    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                hardware.displayedTariff(1) != null
                    && "0.40 EUR/kWh".equals(hardware.displayedTariff(1).content()));
  }

  @Test
  void theTotalCostFallbackMessageIsShownWhenTheEndsAnswerHasNoTotal() {
    TestCsms csms = stations.csms(OcppVersion.V201); // its answers carry no totalCost
    StationRuntime station = stations.station(csms, OcppVersion.V201, ID);
    FakeHardware hardware = stations.hardware(station);
    assertThat(
            setTariffCost(
                csms, "{\"name\":\"TotalCostFallbackMessage\"}", "Your receipt follows by e-mail"))
        .isEqualTo("Accepted");

    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    station.call(() -> station.station().plugIn(1));
    transactionId(csms);
    station.call(() -> station.station().unplug(1));
    await()
        .atMost(WAIT)
        .until(() -> "Your receipt follows by e-mail".equals(hardware.displayedCost(1)));
  }
}
