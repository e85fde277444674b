package io.kilowire.emulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.core.transport.OcppTransport;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CallTimerTest {
  private final FleetMetrics metrics = new FleetMetrics();
  private final List<String> csmsReceived = new ArrayList<>();
  private final List<String> stationReceived = new ArrayList<>();

  /** A station's timed link and the CSMS end, delivering at once on the calling thread. */
  private OcppTransport[] link() {
    InMemoryTransport.Link link = InMemoryTransport.pair(OcppVersion.V16, Runnable::run);
    CallTimer station = new CallTimer(link.station(), metrics);
    InMemoryTransport csms = link.csms();
    csms.connect(listener(csmsReceived));
    station.connect(listener(stationReceived));
    return new OcppTransport[] {station, csms};
  }

  private static OcppTransport.Listener listener(List<String> frames) {
    return new OcppTransport.Listener() {
      @Override
      public void onOpen(OcppVersion negotiated) {}

      @Override
      public void onMessage(String frame) {
        frames.add(frame);
      }

      @Override
      public void onClose(CloseReason reason, boolean remote) {}
    };
  }

  @Test
  void theStationsCallsAreTimedUntilTheirAnswerAndCountedByAction() {
    OcppTransport[] ends = link();
    OcppTransport station = ends[0];
    OcppTransport csms = ends[1];

    station.send("[2,\"a1\",\"Heartbeat\",{}]");
    csms.send("[3,\"a1\",{\"currentTime\":\"2025-01-01T00:00:00Z\"}]");
    station.send("[2,\"a2\",\"StatusNotification\",{}]");
    csms.send("[4,\"a2\",\"InternalError\",\"\",{}]");
    // The CSMS's own CALL and the station's answer are not the station's calls.
    csms.send("[2,\"c1\",\"Reset\",{\"type\":\"Soft\"}]");
    station.send("[3,\"c1\",{\"status\":\"Accepted\"}]");
    // An answer to nothing in flight is not timed.
    csms.send("[3,\"a1\",{}]");

    Histogram trips = metrics.takeRoundTrips(null);
    assertThat(trips.getTotalCount()).isEqualTo(2);
    assertThat(metrics.calls()).isEqualTo(2);
    assertThat(metrics.callsByAction()).containsOnlyKeys("Heartbeat", "StatusNotification");
    assertThat(csmsReceived).hasSize(3);
    assertThat(stationReceived).hasSize(4);
  }

  @Test
  void framesAreReadAsOurCodecWritesThem() {
    assertThat(CallTimer.idOf("[2,\"abc-1\",\"Heartbeat\",{}]", '2')).isEqualTo("abc-1");
    assertThat(CallTimer.idOf("[2,\"abc-1\",\"Heartbeat\",{}]", '3')).isNull();
    assertThat(CallTimer.idOf("[3,\"x\",{}]", '3')).isEqualTo("x");
    assertThat(CallTimer.idOf("[2, \"x\",\"A\",{}]", '2')).isNull();
    assertThat(CallTimer.actionOf("[2,\"abc-1\",\"MeterValues\",{}]", "abc-1"))
        .isEqualTo("MeterValues");
    assertThat(CallTimer.actionOf("[2,\"abc-1\"]", "abc-1")).isEqualTo("?");
  }

  @Test
  void aSlowRoundTripIsKeptWithItsActionAndWhenItWasAnswered() {
    metrics.roundTrip("Heartbeat", 5_000_000L); // 5 ms
    metrics.roundTrip("MeterValues", 2_500_000_000L); // 2.5 s
    metrics.roundTrip("StatusNotification", 12_000_000_000L); // 12 s

    assertThat(metrics.slowCalls())
        .extracting(FleetMetrics.SlowCall::action, FleetMetrics.SlowCall::millis)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("StatusNotification", 12_000L),
            org.assertj.core.groups.Tuple.tuple("MeterValues", 2_500L));
    assertThat(metrics.slowCallCount()).isEqualTo(2);
  }

  @Test
  void aCallLeftUnansweredCountsWhenTheStationSendsItsNextCall() {
    OcppTransport[] ends = link();
    OcppTransport station = ends[0];
    OcppTransport csms = ends[1];

    station.send("[2,\"a1\",\"Heartbeat\",{}]");
    // No answer: the station gives up and sends its next CALL; the late answer is not timed.
    station.send("[2,\"a2\",\"StatusNotification\",{}]");
    csms.send("[3,\"a1\",{\"currentTime\":\"2025-01-01T00:00:00Z\"}]");
    csms.send("[3,\"a2\",{}]");

    assertThat(metrics.unansweredCount()).isEqualTo(1);
    assertThat(metrics.takeRoundTrips(null).getTotalCount()).isEqualTo(2);
  }
}
