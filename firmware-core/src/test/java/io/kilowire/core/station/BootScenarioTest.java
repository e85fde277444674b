package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.ScriptedCsms.Kind;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Provisioning: BootNotification, the first status reports, heartbeats and reconnects. */
class BootScenarioTest {

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void anAcceptedStationReportsEveryEvseAndHeartbeatsAtTheReturnedInterval(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.csms.boot(Registration.ACCEPTED, 120);

    sc.startOnline();

    // 1.6 also reports connector 0, the charge point itself (OCPP 1.6 §4.9).
    if (version == OcppVersion.V16) {
      assertThat(sc.csms.actions())
          .containsExactly(
              "BootNotification", "StatusNotification", "StatusNotification", "StatusNotification");
      assertThat(sc.csms.statuses())
          .extracting(ScriptedCsms.Status::evse, ScriptedCsms.Status::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(0, "Available"),
              org.assertj.core.groups.Tuple.tuple(1, "Available"),
              org.assertj.core.groups.Tuple.tuple(2, "Available"));
    } else {
      assertThat(sc.csms.actions())
          .containsExactly("BootNotification", "StatusNotification", "StatusNotification");
      assertThat(sc.csms.statuses())
          .extracting(ScriptedCsms.Status::evse, ScriptedCsms.Status::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, "Available"),
              org.assertj.core.groups.Tuple.tuple(2, "Available"));
    }
    assertThat(sc.station().isAccepted()).isTrue();

    sc.advance(Duration.ofMinutes(10));

    List<Instant> beats = sc.csms.calls("Heartbeat").stream().map(ScriptedCsms.Call::at).toList();
    assertThat(beats).hasSize(5);
    for (int i = 1; i < beats.size(); i++) {
      assertThat(Duration.between(beats.get(i - 1), beats.get(i)))
          .isEqualTo(Duration.ofSeconds(120));
    }
  }

  static Stream<Arguments> notAccepted() {
    return Stream.of(OcppVersion.V16, OcppVersion.V201)
        .flatMap(
            v ->
                Stream.of(Registration.PENDING, Registration.REJECTED)
                    .map(r -> Arguments.of(v, r)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("notAccepted")
  void aStationNotAcceptedSendsNothingButBootNotificationsAtTheInterval(
      OcppVersion version, Registration registration) {
    StationScenario sc = new StationScenario(version);
    sc.csms.boot(registration, 60);
    sc.startOnline();

    // A driver charges meanwhile: the station may, but tells the CSMS nothing about it yet.
    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofSeconds(200));

    List<Instant> boots =
        sc.csms.calls("BootNotification").stream().map(ScriptedCsms.Call::at).toList();
    assertThat(sc.csms.actions()).containsOnly("BootNotification");
    assertThat(boots).hasSize(4);
    for (int i = 1; i < boots.size(); i++) {
      // The interval runs from the answer: one round trip more between arrivals.
      assertThat(Duration.between(boots.get(i - 1), boots.get(i)))
          .isEqualTo(Duration.ofSeconds(60).plus(StationScenario.LATENCY.multipliedBy(2)));
    }

    // Once accepted it reports status and delivers what it queued meanwhile.
    sc.csms.boot(Registration.ACCEPTED, 300);
    sc.advance(Duration.ofSeconds(61));

    assertThat(sc.csms.actions()).contains("StatusNotification");
    assertThat(sc.csms.accepted())
        .extracting(ScriptedCsms.TxMessage::kind)
        .startsWith(Kind.STARTED, Kind.UPDATED);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void afterAReconnectAnAcceptedStationReportsStatusAndFlushesItsQueueWithoutBootingAgain(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.drop();

    sc.startCharging(1, StationScenario.TOKEN, 16);
    sc.advance(Duration.ofMinutes(3));
    sc.station().presentToken(1, StationScenario.TOKEN, "ISO14443");
    int before = sc.csms.calls().size();

    sc.connect();
    sc.settle();

    List<String> after = sc.csms.actions().subList(before, sc.csms.actions().size());
    assertThat(after).doesNotContain("BootNotification");
    assertThat(sc.csms.statuses().subList(2, sc.csms.statuses().size()))
        .extracting(ScriptedCsms.Status::evse)
        .contains(1, 2);
    // Started, the EV starting to draw, three periodic samples, ended.
    assertThat(sc.csms.accepted())
        .extracting(ScriptedCsms.TxMessage::kind)
        .containsExactly(
            Kind.STARTED, Kind.UPDATED, Kind.UPDATED, Kind.UPDATED, Kind.UPDATED, Kind.ENDED);
    assertThat(sc.station().queuedTransactionMessages()).isZero();
  }
}
