package io.kilowire.emulator.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.MessageListener;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.core.transport.ObservedTransport;
import io.kilowire.core.transport.OcppTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame trace is in wire order even when a reply arrives before {@code send} has returned: on a
 * link that delivers at once, the CSMS answers inside the station's {@code send}.
 */
class FrameTraceOrderTest {
  @TempDir Path dir;

  @Test
  void aReplyDeliveredInsideSendIsTracedAfterItsCall() {
    InMemoryTransport.Link link = InMemoryTransport.pair(OcppVersion.V16);
    InMemoryTransport csms = link.csms();
    // The CSMS end answers every CALL at once, inside the delivery of the CALL.
    csms.connect(
        new MessageListener(
            frame ->
                csms.send(
                    "[3,\""
                        + frame.split("\"")[1]
                        + "\",{\"currentTime\":\"2026-01-01T00:00:00Z\"}]")));
    try (FrameTrace trace =
        new FrameTrace(dir, "CP-1", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))) {
      OcppTransport station = new ObservedTransport(link.station(), trace, "trace of CP-1");
      station.connect(new MessageListener(frame -> {}));
      for (int i = 0; i < 5; i++) {
        station.send("[2,\"c" + i + "\",\"Heartbeat\",{}]");
      }
    }

    assertThat(
            TraceOrder.assertRepliesFollowTheirCalls(
                TraceOrder.lines(dir.resolve("CP-1.ocpp.jsonl"))))
        .isEqualTo(5);
  }
}
