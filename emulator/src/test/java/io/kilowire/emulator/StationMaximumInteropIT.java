package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The defect a real CSMS found: three EVs under a 10 A station maximum drew 30 A, because every
 * EVSE was granted the whole limit. Here a third-party CSMS (ocpp-rpc in strict mode, refusing any
 * CALL that breaks a primitive rule of OCPP 2.0.1 Part 2, over a real WebSocket on 127.0.0.1) sets
 * the station maximum on connector / EVSE 0 of an emulated three-EVSE station (1.6, 2.0.1, 2.1),
 * three EVs that would each take 16 A plug in, and what the pilots offer and what the EVs draw is
 * watched at the station's outputs.
 */
class StationMaximumInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final double LIMIT_A = 10;

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201", "V21"})
  void threeEvsUnderATenAmpStationMaximumDrawAtMostTenAmpsTogether(OcppVersion version)
      throws Exception {
    boolean v16 = version == OcppVersion.V16;
    String call =
        "{\"action\":\"SetChargingProfile\",\"params\":" + stationMaximum(version, LIMIT_A) + "}";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", version.subprotocol(), "--csms-call", call)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      String id = "KW-MAX-" + version.name();
      try (EmulatedStation station = InteropStations.realTime(port, id, version, 3, null)) {
        List<String> overOffers = new CopyOnWriteArrayList<>();
        List<String> overDraws = new CopyOnWriteArrayList<>();
        double[] pilots = new double[4];
        double[] draws = new double[4];
        Instant[] lastDecrease = {Instant.EPOCH};
        station
            .hardware()
            .onOutput(
                (at, evse, offeredA, pilotA, drawA) -> {
                  if (pilotA < pilots[evse]) {
                    lastDecrease[0] = at;
                  }
                  pilots[evse] = pilotA;
                  draws[evse] = drawA;
                  double offered = pilots[1] + pilots[2] + pilots[3];
                  double drawn = draws[1] + draws[2] + draws[3];
                  if (offered > LIMIT_A + 1e-9) {
                    overOffers.add(at + " EVSE " + evse + ": pilots offer " + offered + " A");
                  }
                  // An EV may take up to 5 s to follow a lower offer (IEC 61851-1).
                  if (drawn > LIMIT_A + 1e-9
                      && at.isAfter(lastDecrease[0].plus(EvModel.MAX_RESPONSE_DELAY))) {
                    overDraws.add(at + " EVSE " + evse + ": EVs draw " + drawn + " A");
                  }
                });
        station.start();
        JsonNode answer = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(answer.path("result").path("status").asText()).isEqualTo("Accepted");
        overOffers.clear(); // before the limit arrived nothing bound the station
        overDraws.clear();

        EvModel ev = EvModel.of(60_000, 16, 3).withResponseDelay(Duration.ofMillis(300));
        for (int evse = 1; evse <= 3; evse++) {
          assertThat(station.arriveEv(evse, ev, 30)).isTrue();
        }
        await()
            .atMost(WAIT)
            .until(
                () ->
                    IntStream.rangeClosed(1, 3)
                        .allMatch(e -> station.station().transaction(e).isPresent()));
        // One EV charges with the whole 10 A (10 A cannot give three 6 A each), the others wait.
        await()
            .during(Duration.ofSeconds(2))
            .atMost(WAIT)
            .until(() -> drawn(station) > 9.5 && drawn(station) <= LIMIT_A);

        assertThat(overOffers).isEmpty();
        assertThat(overDraws).isEmpty();
        // The peer refuses a CALL that breaks a Part 2 primitive rule (dateTime fraction, decimal
        // places, token formats), as a strict CSMS does: the emulated EVs charged through it.
        InteropStations.assertNoComplaints(csms);
      }
    }
  }

  private static double drawn(EmulatedStation station) {
    return IntStream.rangeClosed(1, 3).mapToDouble(e -> station.hardware().drawA(e)).sum();
  }

  /** SetChargingProfile with the station maximum on connector / EVSE 0, as the CSMS sends it. */
  private static String stationMaximum(OcppVersion version, double amps) {
    String period = "[{\"startPeriod\":0,\"limit\":" + amps + "}]";
    if (version == OcppVersion.V16) {
      return "{\"connectorId\":0,\"csChargingProfiles\":{\"chargingProfileId\":1,\"stackLevel\":0,"
          + "\"chargingProfilePurpose\":\"ChargePointMaxProfile\",\"chargingProfileKind\":\"Absolute\","
          + "\"chargingSchedule\":{\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
          + "\"chargingSchedulePeriod\":"
          + period
          + "}}}";
    }
    return "{\"evseId\":0,\"chargingProfile\":{\"id\":1,\"stackLevel\":0,"
        + "\"chargingProfilePurpose\":\"ChargingStationMaxProfile\",\"chargingProfileKind\":\"Absolute\","
        + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
        + "\"chargingSchedulePeriod\":"
        + period
        + "}]}}";
  }
}
