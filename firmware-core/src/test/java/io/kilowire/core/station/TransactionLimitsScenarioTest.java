package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.ParametersOverride;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transaction.TransactionLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 2.1 transaction limits (E16) on a station in virtual time: a limit set is confirmed (LimitSet);
 * reaching it takes the EVSE's offer to 0 A and is reported by name with SuspendedEVSE; the
 * transaction stays open; a higher limit gives the current back; the limit goes with its
 * transaction.
 */
@DisplayName("2.1 transaction limits: energy, time, cost, state of charge")
class TransactionLimitsScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double AMPS = 16; // 3 × 16 A × 230 V = 11.04 kW

  private static StationScenario charging() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults());
    sc.startOnline();
    followsThePilot(sc);
    sc.startCharging(1, "TOKEN-1", AMPS);
    return sc;
  }

  /** The EV on EVSE 1 draws what the pilot offers, up to its maximum; nothing below 6 A. */
  private static void followsThePilot(StationScenario sc) {
    sc.hardware.onOutputChange(
        h -> h.draw(1, h.offeredCurrent(1) < 6 ? 0 : Math.min(AMPS, h.offeredCurrent(1))));
  }

  private static Transaction tx(StationScenario sc) {
    return sc.station().transaction(1).orElseThrow();
  }

  private static List<JsonNode> updates(StationScenario sc) {
    return sc.link.frames().stream()
        .filter(VirtualLink.Crossing::fromStation)
        .map(c -> read(c.frame()))
        .filter(f -> f.get(0).asInt() == 2 && f.get(2).asText().equals("TransactionEvent"))
        .map(f -> f.get(3))
        .filter(p -> p.path("eventType").asText().equals("Updated"))
        .toList();
  }

  private static List<JsonNode> withTrigger(StationScenario sc, String trigger) {
    return updates(sc).stream()
        .filter(p -> p.path("triggerReason").asText().equals(trigger))
        .toList();
  }

  private static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double delivered(StationScenario sc) {
    return sc.hardware.read(1).energyWh() - tx(sc).meterStartWh();
  }

  @Test
  @DisplayName("an energy limit: confirmed, reached within a second of the meter, 0 A, reported")
  void energyLimit() {
    StationScenario sc = charging();
    assertThat(sc.hardware.offeredCurrent(1)).isGreaterThanOrEqualTo(AMPS);

    sc.station()
        .transactionLimits()
        .set(tx(sc).id(), new TransactionLimit(null, 1000.0, null, null));
    sc.settle();

    JsonNode set = withTrigger(sc, "LimitSet").get(0);
    assertThat(set.path("transactionInfo").path("transactionLimit").path("maxEnergy").asDouble())
        .isEqualTo(1000.0);
    assertThat(withTrigger(sc, "EnergyLimitReached")).isEmpty();

    // 1000 Wh at 11.04 kW take 326 s; the station reads the meter every second.
    sc.advance(Duration.ofSeconds(330));

    JsonNode reached = withTrigger(sc, "EnergyLimitReached").get(0);
    assertThat(reached.path("transactionInfo").path("chargingState").asText())
        .isEqualTo("SuspendedEVSE");
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    assertThat(sc.station().status(1)).isEqualTo(ConnectorStatus.SUSPENDED_EVSE);
    assertThat(sc.station().transaction(1)).isPresent();
    // No more than a second's worth of energy past the limit (11.04 kW × 1 s ≈ 3.1 Wh).
    sc.advance(Duration.ofMinutes(5));
    assertThat(delivered(sc)).isBetween(1000.0, 1000.0 + 11_040.0 / 3600 + 1e-6);
    assertThat(withTrigger(sc, "EnergyLimitReached")).hasSize(1);
  }

  @Test
  @DisplayName("a limit below what was delivered binds at once; a higher one resumes the current")
  void belowThenRaised() {
    StationScenario sc = charging();
    sc.advance(Duration.ofSeconds(100)); // about 307 Wh

    sc.station()
        .transactionLimits()
        .set(tx(sc).id(), new TransactionLimit(null, 100.0, null, null));
    sc.settle();

    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    List<JsonNode> updates = updates(sc);
    int setAt = updates.indexOf(withTrigger(sc, "LimitSet").get(0));
    int reachedAt = updates.indexOf(withTrigger(sc, "EnergyLimitReached").get(0));
    assertThat(setAt).isLessThan(reachedAt);

    sc.station()
        .transactionLimits()
        .set(tx(sc).id(), new TransactionLimit(null, 5000.0, null, null));
    sc.settle();

    assertThat(sc.hardware.offeredCurrent(1)).isGreaterThanOrEqualTo(AMPS);
    assertThat(sc.station().status(1)).isNotEqualTo(ConnectorStatus.SUSPENDED_EVSE);
    assertThat(withTrigger(sc, "LimitSet")).hasSize(2);
    assertThat(
            withTrigger(sc, "LimitSet")
                .get(1)
                .path("transactionInfo")
                .path("transactionLimit")
                .path("maxEnergy")
                .asDouble())
        .isEqualTo(5000.0);
  }

  @Test
  @DisplayName("a time limit stops the energy the second it runs out, counted from the start")
  void timeLimit() {
    StationScenario sc = charging();
    java.time.Instant started = tx(sc).startedAt();
    sc.station()
        .transactionLimits()
        .set(tx(sc).id(), new TransactionLimit(null, null, Duration.ofMinutes(10), null));

    sc.advance(
        Duration.between(sc.clock.now(), started.plus(Duration.ofMinutes(10))).minusMillis(1));
    assertThat(sc.hardware.offeredCurrent(1)).isGreaterThanOrEqualTo(AMPS);
    sc.advance(Duration.ofMillis(1));
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    sc.settle();
    JsonNode reached = withTrigger(sc, "TimeLimitReached").get(0);
    assertThat(reached.path("transactionInfo").path("transactionLimit").path("maxTime").asInt())
        .isEqualTo(600);
    assertThat(reached.path("transactionInfo").path("chargingState").asText())
        .isEqualTo("SuspendedEVSE");
  }

  @Test
  @DisplayName("the same limit again is no news; the next transaction starts without it")
  void sameAgainAndNextTransaction() {
    StationScenario sc = charging();
    TransactionLimit limit = new TransactionLimit(null, 100.0, null, null);
    sc.station().transactionLimits().set(tx(sc).id(), limit);
    sc.settle();
    sc.station().transactionLimits().set(tx(sc).id(), limit);
    sc.settle();
    assertThat(withTrigger(sc, "LimitSet")).hasSize(1);

    sc.station().unplug(1);
    sc.settle();
    sc.startCharging(1, "TOKEN-2", AMPS);
    sc.advance(Duration.ofMinutes(5));

    assertThat(sc.station().transactionLimits().limit(tx(sc).id())).isEmpty();
    assertThat(sc.hardware.offeredCurrent(1)).isGreaterThanOrEqualTo(AMPS);
  }

  @Test
  @DisplayName("a cost limit on the local cost: reached as the meter prices it, within a second")
  void costLimit() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults());
    sc.startOnline();
    assertThat(
            sc.command(
                    "SetDefaultTariff",
                    "{\"evseId\":0,\"tariff\":{\"tariffId\":\"T-1\",\"currency\":\"EUR\","
                        + "\"energy\":{\"prices\":[{\"priceKwh\":0.30}]}}}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    followsThePilot(sc);
    sc.startCharging(1, "TOKEN-1", AMPS);
    // 0.60 EUR at 0.30 EUR/kWh: 2000 Wh, 652 s at 11.04 kW.
    sc.station()
        .transactionLimits()
        .set(tx(sc).id(), new TransactionLimit(new java.math.BigDecimal("0.60"), null, null, null));
    sc.advance(Duration.ofSeconds(640));
    assertThat(withTrigger(sc, "CostLimitReached")).isEmpty();
    assertThat(sc.hardware.offeredCurrent(1)).isGreaterThanOrEqualTo(AMPS);

    sc.advance(Duration.ofSeconds(20));

    JsonNode reached = withTrigger(sc, "CostLimitReached").get(0);
    assertThat(reached.path("transactionInfo").path("chargingState").asText())
        .isEqualTo("SuspendedEVSE");
    assertThat(
            reached.path("transactionInfo").path("transactionLimit").path("maxCost").decimalValue())
        .isEqualByComparingTo("0.60");
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    assertThat(delivered(sc)).isBetween(2000.0, 2000.0 + 11_040.0 / 3600 + 1e-6);
  }

  @Test
  @DisplayName("a SoC limit on what the EV tells: reached at that SoC, never without one")
  void socLimit() {
    StationScenario sc = charging();
    sc.station().transactionLimits().set(tx(sc).id(), new TransactionLimit(null, null, null, 80));
    sc.advance(Duration.ofMinutes(5)); // the EV tells no SoC: nothing to reach
    sc.hardware.soc(1, 79);
    sc.advance(Duration.ofSeconds(5));
    assertThat(withTrigger(sc, "SoCLimitReached")).isEmpty();
    assertThat(sc.hardware.offeredCurrent(1)).isGreaterThanOrEqualTo(AMPS);

    sc.hardware.soc(1, 80);
    sc.advance(Duration.ofSeconds(1));

    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    sc.settle();
    JsonNode reached = withTrigger(sc, "SoCLimitReached").get(0);
    assertThat(reached.path("transactionInfo").path("transactionLimit").path("maxSoC").asInt())
        .isEqualTo(80);
  }

  @Test
  @DisplayName("TxStopPoint EnergyTransfer: a limit reached ends the transaction, with its reason")
  void endsWhereEnergyTransferStopsTheTransaction() {
    StationScenario sc =
        new StationScenario(
            OcppVersion.V21, 2, new EndsOnEnergyStop(StationParameters.Fixed.defaults()));
    sc.startOnline();
    followsThePilot(sc);
    sc.startCharging(1, "TOKEN-1", AMPS);
    sc.startCharging(2, "TOKEN-2", AMPS);
    String first = tx(sc).id();
    sc.station().transactionLimits().set(first, new TransactionLimit(null, 1000.0, null, null));
    String second = sc.station().transaction(2).orElseThrow().id();
    sc.station().transactionLimits().set(second, new TransactionLimit(null, null, null, 80));
    sc.hardware.soc(2, 80);

    sc.advance(Duration.ofSeconds(330));

    assertThat(sc.station().transaction(1)).isEmpty();
    assertThat(sc.station().transaction(2)).isEmpty();
    assertThat(sc.hardware.offered(1)).isFalse();
    List<JsonNode> ended =
        sc.link.frames().stream()
            .filter(VirtualLink.Crossing::fromStation)
            .map(c -> read(c.frame()))
            .filter(f -> f.get(0).asInt() == 2 && f.get(2).asText().equals("TransactionEvent"))
            .map(f -> f.get(3))
            .filter(p -> p.path("eventType").asText().equals("Ended"))
            .toList();
    JsonNode energy = ended.stream().filter(e -> id(e).equals(first)).findFirst().orElseThrow();
    JsonNode soc = ended.stream().filter(e -> id(e).equals(second)).findFirst().orElseThrow();
    assertThat(energy.path("triggerReason").asText()).isEqualTo("EnergyLimitReached");
    assertThat(energy.path("transactionInfo").path("stoppedReason").asText())
        .isEqualTo("EnergyLimitReached");
    assertThat(soc.path("triggerReason").asText()).isEqualTo("SoCLimitReached");
    assertThat(soc.path("transactionInfo").path("stoppedReason").asText())
        .isEqualTo("SOCLimitReached");
    assertThat(withTrigger(sc, "EnergyLimitReached")).isEmpty(); // no Updated: it ended instead
  }

  @Test
  @DisplayName("a limit reached offline is reported in its own words after a power cut, and holds")
  void reachedOfflineSurvivesARestart() {
    StationScenario sc = resumingWithEnergy();
    String id = tx(sc).id();
    sc.station().transactionLimits().set(id, new TransactionLimit(null, 1000.0, null, null));
    sc.settle();
    assertThat(withTrigger(sc, "LimitSet")).hasSize(1);

    sc.drop();
    sc.advance(Duration.ofSeconds(330)); // the limit is reached while the CSMS is away
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    sc.powerLoss();
    sc.advance(Duration.ofSeconds(10));
    sc.startOnline();
    sc.settle();

    JsonNode reached = withTrigger(sc, "EnergyLimitReached").get(0);
    assertThat(reached.path("offline").asBoolean()).isTrue();
    assertThat(reached.path("transactionInfo").path("transactionId").asText()).isEqualTo(id);
    assertThat(reached.path("transactionInfo").path("chargingState").asText())
        .isEqualTo("SuspendedEVSE");
    assertThat(
            reached.path("transactionInfo").path("transactionLimit").path("maxEnergy").asDouble())
        .isEqualTo(1000.0);
    assertThat(updates(sc)).allMatch(u -> u.path("customData").isMissingNode());
    // The resumed transaction (energy allowed back) still may not pass its limit.
    assertThat(sc.station().transaction(1)).isPresent();
    assertThat(sc.station().transactionLimits().limit(id))
        .contains(new TransactionLimit(null, 1000.0, null, null));
    sc.advance(Duration.ofMinutes(5));
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    assertThat(delivered(sc)).isBetween(1000.0, 1000.0 + 11_040.0 / 3600 + 1e-6);
  }

  @Test
  @DisplayName("a limit set before a power cut is still watched after it, and not set again")
  void aLimitOutlivesARestart() {
    StationScenario sc = resumingWithEnergy();
    String id = tx(sc).id();
    sc.station().transactionLimits().set(id, new TransactionLimit(null, 1000.0, null, null));
    sc.advance(Duration.ofSeconds(100));
    sc.powerLoss();
    sc.advance(Duration.ofSeconds(10));
    sc.startOnline();
    sc.settle();
    assertThat(sc.hardware.offeredCurrent(1)).isGreaterThanOrEqualTo(AMPS);

    sc.advance(Duration.ofSeconds(240));

    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    assertThat(withTrigger(sc, "EnergyLimitReached")).hasSize(1);
    assertThat(withTrigger(sc, "LimitSet")).hasSize(1);
    assertThat(delivered(sc)).isBetween(1000.0, 1000.0 + 11_040.0 / 3600 + 1e-6);
  }

  /** A 2.1 station that resumes its transactions after a power cut with energy; EV 1 charging. */
  private static StationScenario resumingWithEnergy() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults())
            .beforeStart(s -> s.resumption().configure(() -> Duration.ofSeconds(60), () -> true));
    sc.startOnline();
    followsThePilot(sc);
    sc.startCharging(1, "TOKEN-1", AMPS);
    return sc;
  }

  private static String id(JsonNode event) {
    return event.path("transactionInfo").path("transactionId").asText();
  }

  /** The defaults, with TxStopPoint EnergyTransfer. */
  private static final class EndsOnEnergyStop extends ParametersOverride {
    EndsOnEnergyStop(StationParameters.Fixed base) {
      super(base);
    }

    @Override
    public boolean transactionEndsWhenEnergyStops() {
      return true;
    }
  }
}
