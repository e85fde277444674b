package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 2.1 local cost calculation against ocpp-rpc in strict mode with the 2.1 schemas, over a real
 * WebSocket on 127.0.0.1: the CSMS sets a default tariff (SetDefaultTariff), or answers the
 * driver's Authorize with a tariff of the driver's; a transaction runs, the meter moves by an exact
 * amount, and the TransactionEvent that ends it carries cost details whose total is the one worked
 * out by hand below. Not one schema or primitive-rule complaint on either side.
 */
class LocalCostOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TOKEN = "04A1B2C3";
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /** What the meter moves by during the transaction: 12.5 kWh. */
  private static final double CHARGED_WH = 12_500;

  @Test
  void theDefaultTariffPricesTheTransactionAndEndedCarriesItsCost() {
    // 0.25 EUR/kWh plus 19 % VAT, and a start fee of 1.00 EUR without tax.
    String setDefault =
        "{\"action\":\"SetDefaultTariff\",\"params\":{\"evseId\":0,\"tariff\":{"
            + "\"tariffId\":\"DEFAULT-1\",\"currency\":\"EUR\",\"description\":[{\"format\":"
            + "\"UTF8\",\"language\":\"en\",\"content\":\"0.25 EUR/kWh + VAT, 1.00 EUR start\"}],"
            + "\"energy\":{\"prices\":[{\"priceKwh\":0.25}],\"taxRates\":[{\"type\":\"VAT\","
            + "\"tax\":19}]},\"fixedFee\":{\"prices\":[{\"priceFixed\":1.00}]}}}}";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", setDefault)) {
      JsonNode ended = runTransaction(csms, "SetDefaultTariff");

      JsonNode cost = ended.path("costDetails").path("totalCost");
      BigDecimal energy = kwh().multiply(new BigDecimal("0.25")); // 12.5 × 0.25 = 3.125
      BigDecimal energyWithVat = energy.multiply(new BigDecimal("1.19")); // 3.71875
      BigDecimal fixed = new BigDecimal("1.00");
      assertThat(ended.path("transactionInfo").path("tariffId").asText()).isEqualTo("DEFAULT-1");
      assertThat(cost.path("typeOfCost").asText()).isEqualTo("NormalCost");
      assertThat(cost.path("energy").path("exclTax").decimalValue()).isEqualByComparingTo(energy);
      assertThat(cost.path("energy").path("inclTax").decimalValue())
          .isEqualByComparingTo(energyWithVat);
      assertThat(cost.path("fixed").path("exclTax").decimalValue()).isEqualByComparingTo(fixed);
      assertThat(cost.path("total").path("exclTax").decimalValue())
          .isEqualByComparingTo(energy.add(fixed));
      assertThat(cost.path("total").path("inclTax").decimalValue())
          .isEqualByComparingTo(energyWithVat.add(fixed));
      assertThat(ended.path("costDetails").path("totalUsage").path("energy").decimalValue())
          .isEqualByComparingTo(BigDecimal.valueOf(CHARGED_WH));
      assertThat(ended.path("costDetails").path("chargingPeriods").get(0).path("tariffId").asText())
          .isEqualTo("DEFAULT-1");
      assertNoComplaints(csms);
    }
  }

  @Test
  void aDriversTariffFromTheAuthorizeAnswerPricesThatDriversTransaction() {
    // The driver pays 0.40 EUR/kWh, no tax, at most 4.00 EUR excluding tax.
    String authorize =
        "{\"Authorize\":{\"idTokenInfo\":{\"status\":\"Accepted\"},\"tariff\":{"
            + "\"tariffId\":\"DRIVER-7\",\"currency\":\"EUR\",\"energy\":{\"prices\":"
            + "[{\"priceKwh\":0.40}]},\"maxCost\":{\"exclTax\":4.00}}}}";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", authorize)) {
      JsonNode ended = runTransaction(csms, null);

      JsonNode cost = ended.path("costDetails").path("totalCost");
      BigDecimal energy = kwh().multiply(new BigDecimal("0.40")); // 12.5 × 0.40 = 5.00
      assertThat(ended.path("transactionInfo").path("tariffId").asText()).isEqualTo("DRIVER-7");
      assertThat(cost.path("energy").path("exclTax").decimalValue()).isEqualByComparingTo(energy);
      // 5.00 is over the driver's maximum: the total is the maximum.
      assertThat(energy).isGreaterThan(new BigDecimal("4.00"));
      assertThat(cost.path("typeOfCost").asText()).isEqualTo("MaxCost");
      assertThat(cost.path("total").path("exclTax").decimalValue())
          .isEqualByComparingTo(new BigDecimal("4.00"));
      assertNoComplaints(csms);
    }
  }

  @Test
  void aTimeOfDayIsTheStationsLocalTimeInTheZoneTheCsmsSet() {
    // Kiritimati is 14 hours ahead of UTC: a window around its local now is far from UTC's now.
    ZoneId zone = ZoneId.of("Pacific/Kiritimati");
    LocalTime local = LocalTime.now(zone);
    String from = local.minusHours(1).format(HH_MM);
    String to = local.plusHours(2).format(HH_MM);
    String setZone =
        "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":"
            + "\"Pacific/Kiritimati\",\"component\":{\"name\":\"ClockCtrlr\"},"
            + "\"variable\":{\"name\":\"TimeZone\"}}]}}";
    // 1.00 EUR/kWh within the window, 0.10 EUR/kWh outside it.
    String setDefault =
        "{\"action\":\"SetDefaultTariff\",\"params\":{\"evseId\":0,\"tariff\":{"
            + "\"tariffId\":\"LOCAL-TOD\",\"currency\":\"EUR\",\"energy\":{\"prices\":["
            + "{\"priceKwh\":1.00,\"conditions\":{\"startTimeOfDay\":\""
            + from
            + "\",\"endTimeOfDay\":\""
            + to
            + "\"}},{\"priceKwh\":0.10}]}}}}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--csms-call",
            "[" + setZone + "," + setDefault + "]")) {
      JsonNode ended = runTransaction(csms, "SetDefaultTariff");

      JsonNode zoneSet =
          csms.await(
              e ->
                  e.path("event").asText().startsWith("csmsCall")
                      && e.path("action").asText().equals("SetVariables"),
              WAIT);
      assertThat(zoneSet.at("/result/setVariableResult/0/attributeStatus").asText())
          .as(zoneSet.toString())
          .isEqualTo("Accepted");
      // The whole transaction falls in the window read in Kiritimati time: 12.5 × 1.00.
      assertThat(ended.at("/costDetails/totalCost/energy/exclTax").decimalValue())
          .isEqualByComparingTo(kwh().multiply(new BigDecimal("1.00")));
      assertNoComplaints(csms);
    }
  }

  @Test
  void underHandleFailedTariffCentralCostADriversTariffItCannotUseLeavesTheCostToTheCsms() {
    String authorize = UNUSABLE_DRIVER_TARIFF;
    String deauthorize = handleFailedTariff("Deauthorize");
    String centralCost = handleFailedTariff("CentralCost");
    String setDefault =
        "{\"action\":\"SetDefaultTariff\",\"params\":{\"evseId\":0,\"tariff\":{"
            + "\"tariffId\":\"DEFAULT-2\",\"currency\":\"EUR\",\"energy\":{\"prices\":"
            + "[{\"priceKwh\":0.25}]}}}}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            authorize,
            "--csms-call",
            "[" + deauthorize + "," + centralCost + "," + setDefault + "]")) {
      JsonNode ended = runTransaction(csms, "SetDefaultTariff");

      List<String> statuses =
          csms.events().stream()
              .filter(
                  e ->
                      e.path("event").asText().equals("csmsCallResult")
                          && e.path("action").asText().equals("SetVariables"))
              .map(e -> e.at("/result/setVariableResult/0/attributeStatus").asText())
              .toList();
      // Both are the station's options; the last set, CentralCost, is in force.
      assertThat(statuses).containsExactly("Accepted", "Accepted");
      assertThat(OcppRpcCsms.calls(csms, "NotifyEvent", LocalCostOcppRpcIT::tariffProblem))
          .as("I08.FR.31")
          .isEqualTo(1);
      // The transaction is not priced here: no tariff named, no cost details.
      assertThat(ended.path("transactionInfo").has("tariffId")).as(ended.toString()).isFalse();
      assertThat(ended.has("costDetails")).as(ended.toString()).isFalse();
      assertNoComplaints(csms);
    }
  }

  @Test
  void theCsmsCostIsNotShownOverTheCostOfATransactionPricedHere() {
    // The CSMS prices sessions itself too (99.00 in every answer, then a CostUpdated of 42.00);
    // the driver of a session the station prices sees the station's figure only.
    String setDefault =
        "{\"action\":\"SetDefaultTariff\",\"params\":{\"evseId\":0,\"tariff\":{"
            + "\"tariffId\":\"DEFAULT-3\",\"currency\":\"EUR\",\"energy\":{\"prices\":"
            + "[{\"priceKwh\":0.25}]}}}}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            "{\"TransactionEvent\":{\"totalCost\":99}}",
            "--csms-call",
            setDefault)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        FakeHardware fake = hardware.fake;
        station.start();
        OcppRpcCsms.awaitResult(csms, "SetDefaultTariff");
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        station.call(() -> station.station().plugIn(1));
        JsonNode started =
            awaitCall(
                csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        csms.send(
            "{\"action\":\"CostUpdated\",\"params\":{\"totalCost\":42,\"transactionId\":\""
                + started.at("/params/transactionInfo/transactionId").asText()
                + "\"}}");
        OcppRpcCsms.awaitResult(csms, "CostUpdated");
        // Nothing yet, or the station's own figure: neither the answer's nor CostUpdated's.
        assertThat(fake.displayedCost(1)).isIn(null, "Cost so far: 0.00 EUR");

        station.call(() -> fake.meterAt(1, fake.read(1).energyWh() + CHARGED_WH));
        station.call(() -> station.station().unplug(1));
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
        // 12.5 kWh at 0.25 EUR: 3.125, shown as 3.13; the answer's 99.00 is not shown.
        await().atMost(WAIT).until(() -> "Total cost: 3.13 EUR".equals(fake.displayedCost(1)));
        assertThat(fake.displayedCost(1)).isEqualTo("Total cost: 3.13 EUR");
      }
      assertNoComplaints(csms);
    }
  }

  @Test
  void underHandleFailedTariffDeauthorizeADriversTariffItCannotUseTurnsTheDriverAway() {
    String authorize = UNUSABLE_DRIVER_TARIFF;
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            authorize,
            "--csms-call",
            handleFailedTariff("Deauthorize"))) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        JsonNode set = OcppRpcCsms.awaitResult(csms, "SetVariables");
        assertThat(set.at("/result/setVariableResult/0/attributeStatus").asText())
            .isEqualTo("Accepted");

        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        awaitCall(csms, "Authorize", p -> true);
        station.call(() -> station.station().plugIn(1));
        awaitCall(
            csms, "StatusNotification", p -> p.path("connectorStatus").asText().equals("Occupied"));
        // Turned away: no transaction, no energy, until a token is accepted.
        java.util.Optional<?>[] tx = new java.util.Optional<?>[1];
        station.call(() -> tx[0] = station.station().transaction(1));
        assertThat(tx[0]).isEmpty();
        assertThat(hardware.fake.offered(1)).isFalse();
        assertThat(OcppRpcCsms.calls(csms, "TransactionEvent", p -> true)).isZero();

        // I08.FR.31: the station tells the CSMS it cannot use the tariff, and says so when asked.
        JsonNode problem = awaitCall(csms, "NotifyEvent", LocalCostOcppRpcIT::tariffProblem);
        assertThat(problem.at("/params/eventData/0/trigger").asText()).isEqualTo("Alerting");
        assertThat(problem.at("/params/eventData/0/eventNotificationType").asText())
            .isEqualTo("HardWiredNotification");
        assertThat(problem.at("/params/eventData/0/techCode").asText())
            .isEqualTo("TooManyElements");
        csms.send(
            "{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":[{\"component\":"
                + "{\"name\":\"TariffCostCtrlr\"},\"variable\":{\"name\":\"Problem\"}}]}}");
        assertThat(
                OcppRpcCsms.awaitResult(csms, "GetVariables")
                    .at("/result/getVariableResult/0/attributeValue")
                    .asText())
            .isEqualTo("true");
      }
      assertNoComplaints(csms);
    }
  }

  /**
   * An Authorize answer accepting the driver with a tariff of eleven energy prices: one more than
   * the station's MaxElements[Tariff] of 10, so the station cannot use it.
   */
  private static final String UNUSABLE_DRIVER_TARIFF = unusableDriverTariff();

  private static String unusableDriverTariff() {
    StringBuilder prices = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      prices.append(i == 0 ? "" : ",").append("{\"priceKwh\":0.").append(i + 10).append("}");
    }
    return "{\"Authorize\":{\"idTokenInfo\":{\"status\":\"Accepted\"},\"tariff\":{"
        + "\"tariffId\":\"DRIVER-11\",\"currency\":\"EUR\",\"energy\":{\"prices\":["
        + prices
        + "]}}}}";
  }

  @Test
  void aDeltaMonitorOnTheTariffProblemReportsItInsteadOfTheHardWiredEvent() {
    String monitor =
        "{\"action\":\"SetVariableMonitoring\",\"params\":{\"setMonitoringData\":[{\"value\":1,"
            + "\"type\":\"Delta\",\"severity\":5,\"component\":{\"name\":\"TariffCostCtrlr\"},"
            + "\"variable\":{\"name\":\"Problem\"}}]}}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            UNUSABLE_DRIVER_TARIFF,
            "--csms-call",
            monitor)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        assertThat(
                OcppRpcCsms.awaitResult(csms, "SetVariableMonitoring")
                    .at("/result/setMonitoringResult/0/status")
                    .asText())
            .isEqualTo("Accepted");
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        JsonNode delta = awaitCall(csms, "NotifyEvent", LocalCostOcppRpcIT::tariffProblem);
        assertThat(delta.at("/params/eventData/0/trigger").asText()).isEqualTo("Delta");
        assertThat(delta.at("/params/eventData/0/eventNotificationType").asText())
            .isEqualTo("CustomMonitor");
        assertThat(OcppRpcCsms.calls(csms, "NotifyEvent", LocalCostOcppRpcIT::tariffProblem))
            .as("I08.FR.31: no hard-wired event beside the monitor's")
            .isEqualTo(1);
      }
      assertNoComplaints(csms);
    }
  }

  /** A NotifyEvent saying TariffCostCtrlr has a problem. */
  private static boolean tariffProblem(JsonNode params) {
    return params.at("/eventData/0/component/name").asText().equals("TariffCostCtrlr")
        && params.at("/eventData/0/variable/name").asText().equals("Problem")
        && params.at("/eventData/0/actualValue").asText().equals("true");
  }

  private static String handleFailedTariff(String option) {
    return "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":\""
        + option
        + "\",\"component\":{\"name\":\"TariffCostCtrlr\"},\"variable\":{\"name\":"
        + "\"HandleFailedTariff\",\"instance\":\"Tariff\"}}]}}";
  }

  private static BigDecimal kwh() {
    return BigDecimal.valueOf(CHARGED_WH).divide(BigDecimal.valueOf(1000));
  }

  /**
   * Token, plug, the meter moves by {@link #CHARGED_WH}, unplug; the Ended TransactionEvent's
   * params. {@code awaitedCall}: a CSMS call to see answered Accepted first.
   */
  private static JsonNode runTransaction(NodePeer csms, String awaitedCall) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    LazyHardware hardware = new LazyHardware();
    try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
      hardware.fake = new FakeHardware(station.scheduler());
      FakeHardware fake = hardware.fake;
      station.start();
      awaitCall(csms, "StatusNotification", p -> true);
      if (awaitedCall != null) {
        JsonNode done =
            csms.await(
                e ->
                    e.path("event").asText().startsWith("csmsCall")
                        && e.path("action").asText().equals(awaitedCall),
                WAIT);
        assertThat(done.path("result").path("status").asText())
            .as(done.toString())
            .isEqualTo("Accepted");
      }
      station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
      awaitCall(csms, "Authorize", p -> true);
      station.call(() -> station.station().plugIn(1));
      JsonNode started =
          awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
      station.call(
          () -> {
            double at = fake.read(1).energyWh();
            fake.meterAt(1, at + CHARGED_WH);
          });
      station.call(() -> station.station().unplug(1));
      JsonNode ended =
          awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
      assertThat(ended.path("params").path("transactionInfo").path("transactionId").asText())
          .isEqualTo(started.path("params").path("transactionInfo").path("transactionId").asText());
      return ended.path("params");
    }
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-COST")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
