package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Local cost calculation on a 2.1 station (I07-I12): default tariffs set, listed, cleared and kept
 * across a restart; a transaction priced by its EVSE's tariff, its running cost in Updated and its
 * final cost in Ended; ChangeTransactionTariff; the statuses and errors of bad requests.
 */
@DisplayName("2.1 local cost: tariffs and cost details")
class LocalCostScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 0.30 per kWh with 20 % VAT, 0.02 per minute charging, 0.10 per minute idle, 0.50 to start. */
  private static final String TARIFF =
      "{\"tariffId\":\"EV-1\",\"currency\":\"EUR\","
          + "\"energy\":{\"prices\":[{\"priceKwh\":0.30}],"
          + "\"taxRates\":[{\"type\":\"VAT\",\"tax\":20}]},"
          + "\"chargingTime\":{\"prices\":[{\"priceMinute\":0.02}]},"
          + "\"idleTime\":{\"prices\":[{\"priceMinute\":0.10}]},"
          + "\"fixedFee\":{\"prices\":[{\"priceFixed\":0.50}]}}";

  private static StationScenario station() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults());
    sc.startOnline();
    return sc;
  }

  private static JsonNode setDefault(StationScenario sc, int evse, String tariff) {
    return sc.command("SetDefaultTariff", "{\"evseId\":" + evse + ",\"tariff\":" + tariff + "}");
  }

  private static List<JsonNode> transactionEvents(StationScenario sc, String eventType) {
    return sc.link.frames().stream()
        .filter(VirtualLink.Crossing::fromStation)
        .map(c -> read(c.frame()))
        .filter(f -> f.get(0).asInt() == 2 && f.get(2).asText().equals("TransactionEvent"))
        .map(f -> f.get(3))
        .filter(p -> p.path("eventType").asText().equals(eventType))
        .toList();
  }

  private static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The EV leaves EVSE 1: the TransactionEvent that ended its transaction. */
  private static JsonNode unplugged(StationScenario sc) {
    sc.station().unplug(1);
    sc.settle();
    return transactionEvents(sc, "Ended").get(0);
  }

  private static String firstTariffOn(StationScenario sc, int evse) {
    return sc.command("GetTariffs", "{\"evseId\":" + evse + "}")
        .path("tariffAssignments")
        .get(0)
        .path("tariffId")
        .asText();
  }

  private static String transaction(StationScenario sc) {
    return sc.station().openTransactions().stream().map(Transaction::id).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a default tariff for EVSE 0 is on every EVSE, listed by GetTariffs")
  void setAndGet() {
    StationScenario sc = station();

    assertThat(sc.command("GetTariffs", "{\"evseId\":0}").path("status").asText())
        .isEqualTo("NoTariff");
    assertThat(setDefault(sc, 0, TARIFF).path("status").asText()).isEqualTo("Accepted");

    JsonNode all = sc.command("GetTariffs", "{\"evseId\":0}");
    assertThat(all.path("status").asText()).isEqualTo("Accepted");
    JsonNode assignment = all.path("tariffAssignments").get(0);
    assertThat(assignment.path("tariffId").asText()).isEqualTo("EV-1");
    assertThat(assignment.path("tariffKind").asText()).isEqualTo("DefaultTariff");
    assertThat(assignment.path("evseIds").toString()).isEqualTo("[1,2]");
    assertThat(firstTariffOn(sc, 2)).isEqualTo("EV-1");
  }

  @Test
  @DisplayName("refusals: too many prices, a known id with other content, an unknown EVSE")
  void refusals() {
    StationScenario sc = station();
    StringBuilder eleven = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      eleven.append(i == 0 ? "" : ",").append("{\"priceKwh\":0.").append(10 + i).append("}");
    }

    assertThat(
            setDefault(
                    sc,
                    1,
                    "{\"tariffId\":\"BIG\",\"currency\":\"EUR\",\"energy\":{\"prices\":["
                        + eleven
                        + "]}}")
                .path("status")
                .asText())
        .isEqualTo("TooManyElements");
    assertThat(setDefault(sc, 1, TARIFF).path("status").asText()).isEqualTo("Accepted");
    assertThat(setDefault(sc, 2, TARIFF).path("status").asText()).isEqualTo("Accepted");
    assertThat(setDefault(sc, 1, TARIFF.replace("0.30", "0.35")).path("status").asText())
        .isEqualTo("DuplicateTariffId");
    JsonNode unknown = setDefault(sc, 3, TARIFF);
    assertThat(unknown.path("status").asText()).isEqualTo("Rejected");
    assertThat(unknown.path("statusInfo").path("reasonCode").asText()).isEqualTo("UnknownEvse");
  }

  @Test
  @DisplayName("a malformed time of day is a PropertyConstraintViolation naming the field")
  void malformedTimeOfDay() {
    StationScenario sc = station();

    assertThatThrownBy(
            () ->
                setDefault(
                    sc,
                    0,
                    "{\"tariffId\":\"NIGHT\",\"currency\":\"EUR\",\"energy\":{\"prices\":["
                        + "{\"priceKwh\":0.2,\"conditions\":{\"startTimeOfDay\":\"25:00\"}}]}}"))
        .hasMessageContaining("PropertyConstraintViolation")
        .hasMessageContaining("tariff.energy.prices[0].conditions.startTimeOfDay");
  }

  @Test
  @DisplayName("Ended carries the cost details: fixed, energy with VAT, charging and idle time")
  void costDetailsAtTheEnd() {
    StationScenario sc = station();
    setDefault(sc, 0, TARIFF);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    String tx = transaction(sc);
    double startWh = sc.station().openTransactions().get(0).meterStartWh();

    sc.advance(Duration.ofMinutes(60));
    double chargedWh = sc.hardware.read(1).energyWh() - startWh;
    sc.station().evCharging(1, false);
    sc.hardware.draw(1, 0);
    sc.advance(Duration.ofMinutes(30));
    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.settle();

    JsonNode ended = transactionEvents(sc, "Ended").get(0);
    assertThat(ended.path("transactionInfo").path("transactionId").asText()).isEqualTo(tx);
    assertThat(ended.path("transactionInfo").path("tariffId").asText()).isEqualTo("EV-1");
    JsonNode total = ended.path("costDetails").path("totalCost");
    assertThat(total.path("currency").asText()).isEqualTo("EUR");
    assertThat(total.path("typeOfCost").asText()).isEqualTo("NormalCost");
    double energy = chargedWh / 1000 * 0.30;
    assertThat(total.path("energy").path("exclTax").asDouble()).isCloseTo(energy, within());
    assertThat(total.path("energy").path("inclTax").asDouble()).isCloseTo(energy * 1.2, within());
    assertThat(total.path("fixed").path("exclTax").asDouble()).isEqualTo(0.50);
    // Charging from the start until the EV stopped, an hour and the second the plug-in took;
    // idle for the half hour and the second the stop took.
    long chargingS = ended.path("costDetails").path("totalUsage").path("chargingTime").asLong();
    long idleS = ended.path("costDetails").path("totalUsage").path("idleTime").asLong();
    assertThat(chargingS).isBetween(3600L, 3602L);
    assertThat(idleS).isBetween(1800L, 1802L);
    assertThat(total.path("chargingTime").path("exclTax").asDouble())
        .isCloseTo(chargingS / 60.0 * 0.02, within());
    assertThat(total.path("idleTime").path("exclTax").asDouble())
        .isCloseTo(idleS / 60.0 * 0.10, within());
    assertThat(total.path("total").path("inclTax").asDouble())
        .isCloseTo(0.50 + energy * 1.2 + chargingS / 60.0 * 0.02 + idleS / 60.0 * 0.10, within());
    assertThat(ended.path("costDetails").path("totalUsage").path("energy").asDouble())
        .isCloseTo(chargedWh, org.assertj.core.data.Offset.offset(0.01));
    assertThat(ended.path("costDetails").path("chargingPeriods")).hasSize(1);
    assertThat(sc.hardware.displayedCost(1)).contains("Total cost");
  }

  /** 1.00 a kWh from 09:00 to 10:00 local time, 0.10 otherwise. */
  private static final String NINE_TO_TEN =
      "{\"tariffId\":\"TOD-1\",\"currency\":\"EUR\",\"energy\":{\"prices\":["
          + "{\"priceKwh\":1.00,\"conditions\":{\"startTimeOfDay\":\"09:00\","
          + "\"endTimeOfDay\":\"10:00\"}},{\"priceKwh\":0.10}]}}";

  /** Charges on EVSE 1 from the scenario's start (00:00 UTC) for half an hour: the Ended event. */
  private static JsonNode halfAnHourFromMidnightUtc(StationScenario sc) {
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofMinutes(30));
    return unplugged(sc);
  }

  @Test
  @DisplayName("times of day in a tariff are the station's local time (ClockCtrlr.TimeZone)")
  void localTimeOfDay() {
    StationScenario tokyo = station();
    tokyo.station().localCost().localTime(() -> java.time.ZoneId.of("Asia/Tokyo"));
    setDefault(tokyo, 0, NINE_TO_TEN);
    StationScenario utc = station();
    setDefault(utc, 0, NINE_TO_TEN);

    JsonNode inTokyo = halfAnHourFromMidnightUtc(tokyo);
    JsonNode inUtc = halfAnHourFromMidnightUtc(utc);

    // 00:00-00:30 UTC is 09:00-09:30 in Tokyo: the 1.00 price; at a UTC station, 0.10.
    double kwh = inTokyo.at("/costDetails/totalUsage/energy").asDouble() / 1000;
    assertThat(kwh).isPositive();
    assertThat(inTokyo.at("/costDetails/totalCost/energy/exclTax").asDouble())
        .isCloseTo(kwh * 1.00, within());
    assertThat(inUtc.at("/costDetails/totalCost/energy/exclTax").asDouble())
        .isCloseTo(kwh * 0.10, within());
  }

  /** A driver's tariff this station cannot use: eleven energy prices, one more than it takes. */
  private static io.kilowire.core.tariff.Tariff elevenPrices() {
    List<io.kilowire.core.tariff.PriceElement> prices = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      prices.add(
          new io.kilowire.core.tariff.PriceElement(
              java.math.BigDecimal.valueOf(0.5 + i), io.kilowire.core.tariff.Conditions.ALWAYS));
    }
    return new io.kilowire.core.tariff.Tariff(
        "DRIVER-11",
        "EUR",
        null,
        List.of(),
        new io.kilowire.core.tariff.TariffComponent(prices, List.of()),
        null,
        null,
        null,
        null,
        null);
  }

  /** The driver's tariff fails; the transaction the token then begins, to its end. */
  private static JsonNode afterAFailedDriverTariff(StationScenario sc) {
    setDefault(sc, 0, TARIFF);
    assertThat(sc.station().localCost().driverTariff(StationScenario.TOKEN, elevenPrices()))
        .isPresent();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofMinutes(10));
    return unplugged(sc);
  }

  @Test
  @DisplayName("HandleFailedTariff UseDefaultTariff: a driver's tariff it cannot use, the default")
  void failedDriverTariffUsesTheDefault() {
    StationScenario sc = station();

    JsonNode ended = afterAFailedDriverTariff(sc);

    assertThat(ended.path("transactionInfo").path("tariffId").asText()).isEqualTo("EV-1");
    assertThat(ended.has("costDetails")).isTrue();
  }

  @Test
  @DisplayName("HandleFailedTariff CentralCost: no local cost for that driver's transaction")
  void failedDriverTariffLeavesTheCostToTheCsms() {
    StationScenario sc = station();
    sc.station().localCost().onFailedDriverTariff(() -> true);

    JsonNode ended = afterAFailedDriverTariff(sc);

    assertThat(ended.path("transactionInfo").has("tariffId")).as(ended.toString()).isFalse();
    assertThat(ended.has("costDetails")).as(ended.toString()).isFalse();
    // The next driver, without a tariff of their own, is priced by the default again.
    sc.startCharging(1, "AABBCCDD", 16);
    sc.advance(Duration.ofMinutes(1));
    sc.station().unplug(1);
    sc.settle();
    assertThat(
            transactionEvents(sc, "Ended").get(1).path("transactionInfo").path("tariffId").asText())
        .isEqualTo("EV-1");
  }

  @Test
  @DisplayName("Updated carries the running cost, without periods")
  void runningCostInUpdated() {
    StationScenario sc = station();
    setDefault(sc, 1, TARIFF);
    sc.startCharging(1, StationScenario.TOKEN, 16);

    sc.station().evCharging(1, false); // an Updated (ChargingStateChanged)
    sc.settle();

    JsonNode updated = transactionEvents(sc, "Updated").get(0);
    assertThat(updated.path("transactionInfo").path("tariffId").asText()).isEqualTo("EV-1");
    JsonNode details = updated.path("costDetails");
    assertThat(details.path("totalCost").path("fixed").path("exclTax").asDouble()).isEqualTo(0.5);
    assertThat(details.has("chargingPeriods")).as(details.toString()).isFalse();
  }

  @Test
  @DisplayName("every Interval[Cost] seconds an Updated with triggerReason RunningCost")
  void runningCostEveryInterval() {
    StationScenario sc = station();
    sc.station().localCost().runningCostEvery(() -> 60);
    setDefault(sc, 0, TARIFF);
    sc.startCharging(1, StationScenario.TOKEN, 16);

    sc.advance(Duration.ofSeconds(185));

    List<JsonNode> updates =
        transactionEvents(sc, "Updated").stream()
            .filter(u -> u.path("triggerReason").asText().equals("RunningCost"))
            .toList();
    assertThat(updates).hasSize(3);
    double[] energy =
        updates.stream()
            .mapToDouble(u -> u.at("/costDetails/totalCost/energy/exclTax").asDouble())
            .toArray();
    // 16 A on three phases at 230 V for a minute: 0.184 kWh at 0.30 each minute.
    assertThat(energy[1] - energy[0]).isCloseTo(16 * 230 * 3 / 60.0 / 1000 * 0.30, within());
    assertThat(energy[2]).isGreaterThan(energy[1]);
  }

  @Test
  @DisplayName("with Enabled[Tariff] off, tariff requests are Rejected and nothing is priced")
  void switchedOff() {
    StationScenario sc = station();
    setDefault(sc, 0, TARIFF);
    sc.station().localCost().use(() -> false, () -> true, () -> sc.station().localCost().limits());

    JsonNode refused = setDefault(sc, 0, TARIFF.replace("EV-1", "EV-2"));
    assertThat(refused.path("status").asText()).isEqualTo("Rejected");
    assertThat(refused.path("statusInfo").path("reasonCode").asText()).isEqualTo("NotEnabled");
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofMinutes(5));
    assertThat(unplugged(sc).has("costDetails")).isFalse();
  }

  @Test
  @DisplayName("a transaction on an EVSE without a tariff has no cost details")
  void noTariffNoCost() {
    StationScenario sc = station();
    setDefault(sc, 2, TARIFF);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofMinutes(5));
    JsonNode ended = unplugged(sc);
    assertThat(ended.has("costDetails")).isFalse();
    assertThat(ended.path("transactionInfo").has("tariffId")).isFalse();
  }

  @Test
  @DisplayName("ClearTariffs removes by id; a running transaction keeps its tariff")
  void clearKeepsTheRunningTransactionsTariff() {
    StationScenario sc = station();
    setDefault(sc, 0, TARIFF);
    sc.startCharging(1, StationScenario.TOKEN, 16);

    JsonNode cleared = sc.command("ClearTariffs", "{\"tariffIds\":[\"EV-1\",\"NONE\"]}");
    assertThat(cleared.path("clearTariffsResult").toString())
        .contains("{\"tariffId\":\"EV-1\",\"status\":\"Accepted\"}")
        .contains("{\"tariffId\":\"NONE\",\"status\":\"NoTariff\"}");
    assertThat(sc.command("GetTariffs", "{\"evseId\":0}").path("status").asText())
        .isEqualTo("NoTariff");
    sc.advance(Duration.ofMinutes(10));
    JsonNode ended = unplugged(sc);
    assertThat(ended.path("transactionInfo").path("tariffId").asText()).isEqualTo("EV-1");
    assertThat(
            ended.path("costDetails").path("totalCost").path("energy").path("exclTax").asDouble())
        .isPositive();
  }

  @Test
  @DisplayName(
      "ChangeTransactionTariff: unknown transaction, other currency; TariffChanged, a new period")
  void changeTransactionTariff() {
    StationScenario sc = station();
    setDefault(sc, 0, TARIFF);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    String tx = transaction(sc);
    String dearer = TARIFF.replace("EV-1", "EV-2").replace("0.30", "0.60");

    assertThat(
            sc.command(
                    "ChangeTransactionTariff",
                    "{\"transactionId\":\"nope\",\"tariff\":" + dearer + "}")
                .path("status")
                .asText())
        .isEqualTo("TxNotFound");
    assertThat(
            sc.command(
                    "ChangeTransactionTariff",
                    "{\"transactionId\":\""
                        + tx
                        + "\",\"tariff\":"
                        + dearer.replace("EUR", "USD")
                        + "}")
                .path("status")
                .asText())
        .isEqualTo("NoCurrencyChange");
    sc.advance(Duration.ofMinutes(30));
    assertThat(
            sc.command(
                    "ChangeTransactionTariff",
                    "{\"transactionId\":\"" + tx + "\",\"tariff\":" + dearer + "}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    sc.advance(Duration.ofMinutes(30));
    JsonNode ended = unplugged(sc);
    assertThat(transactionEvents(sc, "Updated"))
        .filteredOn(u -> u.path("triggerReason").asText().equals("TariffChanged"))
        .singleElement()
        .satisfies(u -> assertThat(u.at("/transactionInfo/tariffId").asText()).isEqualTo("EV-2"));
    JsonNode periods = ended.path("costDetails").path("chargingPeriods");
    assertThat(periods).hasSize(2);
    assertThat(periods.get(0).path("tariffId").asText()).isEqualTo("EV-1");
    assertThat(periods.get(1).path("tariffId").asText()).isEqualTo("EV-2");
    assertThat(ended.path("transactionInfo").path("tariffId").asText()).isEqualTo("EV-2");
  }

  @Test
  @DisplayName("tariffs and a running cost survive a power loss")
  void survivesARestart() {
    StationScenario sc = station();
    setDefault(sc, 0, TARIFF);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofMinutes(20));

    sc.powerLoss();
    sc.restartOnline();
    sc.settle();

    assertThat(firstTariffOn(sc, 1)).isEqualTo("EV-1");
    JsonNode ended = transactionEvents(sc, "Ended").get(0);
    assertThat(ended.path("costDetails").path("totalCost").path("fixed").path("exclTax").asDouble())
        .isEqualTo(0.5);
    assertThat(ended.path("costDetails").path("totalUsage").path("chargingTime").asLong())
        .isGreaterThanOrEqualTo(20 * 60);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.000002);
  }
}
