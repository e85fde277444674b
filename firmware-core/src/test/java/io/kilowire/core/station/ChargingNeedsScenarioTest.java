package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.OcppSchemas;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an EV asks for over ISO 15118 reaches a 2.0.1 CSMS as NotifyEVChargingNeeds (K15). */
class ChargingNeedsScenarioTest {
  private static final Instant DEPARTURE = Instant.parse("2026-01-01T08:00:00Z");
  private static final ChargingNeeds NEEDS =
      new ChargingNeeds(20_000.4, 6.2, 31.9, 230, 3, DEPARTURE);

  private static List<JsonNode> needsPayloads(StationScenario sc) {
    return sc.link.frames().stream()
        .filter(VirtualLink.Crossing::fromStation)
        .map(c -> OcppSchemas.parse(c.frame()))
        .filter(f -> f.path(0).asInt() == 2 && f.path(2).asText().equals("NotifyEVChargingNeeds"))
        .map(f -> f.path(3))
        .toList();
  }

  @Test
  void theNeedsGoOutAsAcChargingParametersThatTheSchemaAccepts() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);

    station.evChargingNeeds(1, NEEDS);
    sc.settle();

    List<JsonNode> sent = needsPayloads(sc);
    assertThat(sent).hasSize(1);
    SchemaFile schema =
        OcppSchemas.of(OcppVersion.V201).stream()
            .filter(f -> f.fileName().equals("NotifyEVChargingNeedsRequest.json"))
            .findFirst()
            .orElseThrow();
    assertThat(schema.problems(sent.get(0))).as(sent.get(0).toString()).isEmpty();
    JsonNode needs = sent.get(0).path("chargingNeeds");
    assertThat(sent.get(0).path("evseId").asInt()).isEqualTo(1);
    assertThat(needs.path("requestedEnergyTransfer").asText()).isEqualTo("AC_three_phase");
    assertThat(Instant.parse(needs.path("departureTime").asText())).isEqualTo(DEPARTURE);
    JsonNode ac = needs.path("acChargingParameters");
    assertThat(ac.path("energyAmount").asInt()).isEqualTo(20_000);
    // The EV can surely take these: its minimum rounded up, its maximum down.
    assertThat(ac.path("evMinCurrent").asInt()).isEqualTo(7);
    assertThat(ac.path("evMaxCurrent").asInt()).isEqualTo(31);
    assertThat(ac.path("evMaxVoltage").asInt()).isEqualTo(230);
    assertThat(sc.csms.chargingNeeds()).hasSize(1);
    assertThat(station.chargingNeeds(1)).contains(NEEDS);
  }

  @Test
  void needsToldOfflineGoOutAfterTheReconnectOnce() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.drop();

    station.evChargingNeeds(1, NEEDS);
    sc.advance(Duration.ofMinutes(1));
    assertThat(needsPayloads(sc)).isEmpty();
    sc.connect();
    sc.settle();
    sc.drop();
    sc.connect();
    sc.settle();

    assertThat(needsPayloads(sc)).hasSize(1);
  }

  @Test
  void theNeedsAreForgottenWhenTheEvLeaves() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    station.evChargingNeeds(2, NEEDS);

    station.unplug(2);

    assertThat(station.chargingNeeds(2)).isEmpty();
  }

  @Test
  void oneSixHasNoSuchMessage() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();

    station.evChargingNeeds(1, NEEDS);
    sc.settle();

    assertThat(sc.link.frames()).noneMatch(c -> c.frame().contains("ChargingNeeds"));
  }

  /** A BPT EV on a bidirectional EVSE, with ISO 15118-20's figures. */
  private static final ChargingNeeds V2X_NEEDS =
      new ChargingNeeds(
          20_000.4,
          6.2,
          31.9,
          230,
          3,
          DEPARTURE,
          -5_000.0,
          40_000.0,
          80,
          9_000.0,
          -12_000.0,
          EvControlMode.DYNAMIC,
          15_000.0,
          null);

  /** The same EV in scheduled control: it offers 9 kW back for an hour, then nothing. */
  private static final ChargingNeeds SCHEDULED_V2X_NEEDS =
      new ChargingNeeds(
          20_000.4,
          6.2,
          31.9,
          230,
          3,
          DEPARTURE,
          -5_000.0,
          40_000.0,
          80,
          9_000.0,
          null,
          EvControlMode.SCHEDULED,
          null,
          new EnergyOffer(
              DEPARTURE.minus(Duration.ofHours(3)),
              List.of(
                  new EnergyOffer.Entry(Duration.ofHours(1), -9_000.0),
                  new EnergyOffer.Entry(Duration.ofMinutes(90), 0.0))));

  private static JsonNode sentAndValid(StationScenario sc, OcppVersion version) {
    List<JsonNode> sent = needsPayloads(sc);
    assertThat(sent).hasSize(1);
    SchemaFile schema =
        OcppSchemas.of(version).stream()
            .filter(f -> f.fileName().equals("NotifyEVChargingNeedsRequest.json"))
            .findFirst()
            .orElseThrow();
    assertThat(schema.problems(sent.get(0))).as(sent.get(0).toString()).isEmpty();
    return sent.get(0).path("chargingNeeds");
  }

  /** The charging needs a station of {@code version} sent when its EV told {@code told}. */
  private static JsonNode sentBy(OcppVersion version, ChargingNeeds told) {
    StationScenario sc = new StationScenario(version);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);

    station.evChargingNeeds(1, told);
    sc.settle();

    return sentAndValid(sc, version);
  }

  @Test
  void aTwoOneStationSendsABptEvsFiguresAsV2xChargingParameters() {
    JsonNode needs = sentBy(OcppVersion.V21, V2X_NEEDS);
    assertThat(needs.path("requestedEnergyTransfer").asText()).isEqualTo("AC_BPT");
    assertThat(needs.path("mobilityNeedsMode").asText()).isEqualTo("EVCC");
    JsonNode v2x = needs.path("v2xChargingParameters");
    assertThat(v2x.path("evTargetEnergyRequest").asDouble()).isEqualTo(20_000.4);
    assertThat(v2x.path("evMinEnergyRequest").asDouble()).isEqualTo(-5_000.0);
    assertThat(v2x.path("evMaxEnergyRequest").asDouble()).isEqualTo(40_000.0);
    assertThat(v2x.path("evMinV2XEnergyRequest").asDouble()).isEqualTo(-12_000.0);
    assertThat(v2x.path("targetSoC").asInt()).isEqualTo(80);
    assertThat(v2x.path("maxDischargePower").asDouble()).isEqualTo(9_000.0);
    // 31.9 A on three phases at 230 V, down to what the EV can surely take: 31 A.
    assertThat(v2x.path("maxChargePower").asDouble()).isEqualTo(21_390.0);
    // The ISO 15118-2 parameters stay, for a CSMS that reads only those.
    assertThat(needs.path("acChargingParameters").path("evMaxCurrent").asInt()).isEqualTo(31);
  }

  @Test
  void aTwoOneStationSaysTheEvsControlModeItsCyclingRangeAndWhatTheSessionCanDo() {
    JsonNode needs = sentBy(OcppVersion.V21, V2X_NEEDS);
    assertThat(needs.path("controlMode").asText()).isEqualTo("DynamicControl");
    assertThat(needs.path("availableEnergyTransfer"))
        .extracting(JsonNode::asText)
        .containsExactly("AC_three_phase", "AC_BPT");
    JsonNode v2x = needs.path("v2xChargingParameters");
    assertThat(v2x.path("evMaxV2XEnergyRequest").asDouble()).isEqualTo(15_000.0);
    // Its minimum, 6.2 A, up to what it surely needs: 7 A on three phases at 230 V.
    assertThat(v2x.path("minChargePower").asDouble()).isEqualTo(4_830.0);
    // A dynamic EV follows the station's targets; it sends no offer.
    assertThat(needs.has("evEnergyOffer")).isFalse();
  }

  @Test
  void aScheduledBptEvsEnergyOfferGoesOutAsItsPowerSchedule() {
    JsonNode needs = sentBy(OcppVersion.V21, SCHEDULED_V2X_NEEDS);
    assertThat(needs.path("controlMode").asText()).isEqualTo("ScheduledControl");
    JsonNode schedule = needs.path("evEnergyOffer").path("evPowerSchedule");
    assertThat(Instant.parse(schedule.path("timeAnchor").asText()))
        .isEqualTo(DEPARTURE.minus(Duration.ofHours(3)));
    JsonNode entries = schedule.path("evPowerScheduleEntries");
    assertThat(entries).hasSize(2);
    assertThat(entries.path(0).path("duration").asInt()).isEqualTo(3_600);
    assertThat(entries.path(0).path("power").asDouble()).isEqualTo(-9_000.0);
    assertThat(entries.path(1).path("duration").asInt()).isEqualTo(5_400);
    assertThat(entries.path(1).path("power").asDouble()).isEqualTo(0.0);
    // The V2X energy requests are the dynamic mode's; a scheduled EV does not send them.
    assertThat(needs.path("v2xChargingParameters").has("evMinV2XEnergyRequest")).isFalse();
  }

  @Test
  void aTwoOneStationReportsAChargeOnlyEvWithoutDischargeFigures() {
    JsonNode needs = sentBy(OcppVersion.V21, NEEDS);
    assertThat(needs.path("requestedEnergyTransfer").asText()).isEqualTo("AC_three_phase");
    assertThat(needs.has("v2xChargingParameters")).isFalse();
    assertThat(needs.has("controlMode")).isFalse();
    assertThat(needs.has("availableEnergyTransfer")).isFalse();
  }

  @Test
  void aTwoZeroOneStationSendsWhatTwoZeroOneHasOfAV2xEv() {
    JsonNode needs = sentBy(OcppVersion.V201, V2X_NEEDS);
    assertThat(needs.path("requestedEnergyTransfer").asText()).isEqualTo("AC_three_phase");
    assertThat(needs.path("acChargingParameters").path("energyAmount").asInt()).isEqualTo(20_000);
  }
}
