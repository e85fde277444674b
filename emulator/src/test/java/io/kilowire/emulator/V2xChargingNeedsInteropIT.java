package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.EvControlMode;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A V2G EV's ISO 15118-20 charging needs reach a third-party OCPP 2.1 CSMS (ocpp-rpc in strict mode
 * with the 2.1 schemas, over a WebSocket on 127.0.0.1) as NotifyEVChargingNeeds with V2X
 * parameters: the figures are the emulated EV's, and the strict peer accepted the frame.
 */
class V2xChargingNeedsInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The chargingNeeds a strict 2.1 CSMS received, and when the EV plugged in. */
  private record Received(JsonNode needs, Instant plugged) {}

  /**
   * Station {@code id} on 127.0.0.1 with one bidirectional EVSE; {@code ev} arrives at 70 % and
   * speaks ISO 15118-20: the chargingNeeds of the NotifyEVChargingNeeds the CSMS received. The
   * strict peer validated that CALL against the 2.1 schema before its handler saw it.
   */
  private static Received arrives(String id, EvModel ev) throws Exception {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port,
              id,
              OcppVersion.V21,
              1,
              EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true))) {
        station.noRandomEvs(); // the test brings the EV
        station.start();
        csms.awaitEvent("call", WAIT); // BootNotification: the station is connected
        Instant plugged = Instant.now();
        assertThat(station.arriveEv(1, ev, 70)).isTrue();

        JsonNode call =
            csms.await(
                e ->
                    e.path("event").asText().equals("call")
                        && e.path("action").asText().equals("NotifyEVChargingNeeds"),
                WAIT);
        assertThat(csms.events())
            .noneMatch(
                e ->
                    e.path("event").asText().equals("strictValidationFailure")
                        || e.path("event").asText().equals("badMessage"));
        return new Received(call.path("params").path("chargingNeeds"), plugged);
      }
    }
  }

  @Test
  void theCsmsReceivesTheV2gEvsEnergyRequestsAndDischargeFigures() throws Exception {
    // 60 kWh at 70 %: 6 kWh to its 80 % target, 18 kWh to full, 24 kWh above its 30 % floor.
    JsonNode needs =
        arrives("KW-V2X-21", EvModel.of(60_000, 16, 3).withTargetSoc(80).withV2g(12, 30)).needs();

    assertThat(needs.path("requestedEnergyTransfer").asText()).isEqualTo("AC_BPT");
    assertThat(needs.path("mobilityNeedsMode").asText()).isEqualTo("EVCC");
    JsonNode v2x = needs.path("v2xChargingParameters");
    assertThat(v2x.path("evTargetEnergyRequest").asDouble()).isCloseTo(6_000, within(0.1));
    assertThat(v2x.path("evMaxEnergyRequest").asDouble()).isCloseTo(18_000, within(0.1));
    assertThat(v2x.path("evMinEnergyRequest").asDouble()).isCloseTo(-24_000, within(0.1));
    assertThat(v2x.path("evMinV2XEnergyRequest").asDouble()).isCloseTo(-24_000, within(0.1));
    assertThat(v2x.path("targetSoC").asInt()).isEqualTo(80);
    // 12 A per phase fed back at most, three phases at 230 V.
    assertThat(v2x.path("maxDischargePower").asDouble()).isEqualTo(12 * 230 * 3.0);
    assertThat(v2x.path("maxChargePower").asDouble()).isEqualTo(16 * 230 * 3.0);
    // The pilot's 6 A minimum on three phases.
    assertThat(v2x.path("minChargePower").asDouble()).isEqualTo(6 * 230 * 3.0);
    // It follows the station's setpoints and cycles between its 30 % floor and 80 % target.
    assertThat(needs.path("controlMode").asText()).isEqualTo("DynamicControl");
    assertThat(v2x.path("evMaxV2XEnergyRequest").asDouble()).isCloseTo(6_000, within(0.1));
    assertThat(needs.path("availableEnergyTransfer"))
        .extracting(JsonNode::asText)
        .containsExactly("AC_three_phase", "AC_BPT");
    assertThat(needs.has("evEnergyOffer")).isFalse();
  }

  @Test
  void aScheduledV2gEvsEnergyOfferReachesTheCsmsAsItsPowerSchedule() throws Exception {
    // 24 kWh above its 30 % floor at 12 A x 230 V x 3 = 8.28 kW: 10434 s of feeding back.
    EvModel ev =
        EvModel.of(60_000, 16, 3)
            .withTargetSoc(80)
            .withV2g(12, 30)
            .withControlMode(EvControlMode.SCHEDULED);

    Received received = arrives("KW-V2X-SCHED", ev);

    JsonNode needs = received.needs();
    assertThat(needs.path("controlMode").asText()).isEqualTo("ScheduledControl");
    assertThat(needs.path("requestedEnergyTransfer").asText()).isEqualTo("AC_BPT");
    JsonNode schedule = needs.path("evEnergyOffer").path("evPowerSchedule");
    assertThat(Instant.parse(schedule.path("timeAnchor").asText()))
        .isBetween(received.plugged().minusMillis(1), Instant.now());
    JsonNode entries = schedule.path("evPowerScheduleEntries");
    assertThat(entries).hasSize(1);
    assertThat(entries.path(0).path("duration").asInt()).isEqualTo(10_434);
    assertThat(entries.path(0).path("power").asDouble()).isEqualTo(-12 * 230 * 3.0);
    assertThat(needs.path("v2xChargingParameters").has("evMinV2XEnergyRequest")).isFalse();
  }
}
