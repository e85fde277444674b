package io.kilowire.hardware.coap;

import static io.kilowire.hardware.coap.TestGridServer.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoapSiteMeterTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");

  private final RecordingListener listener = new RecordingListener();
  private @Nullable TestGridServer server;
  private @Nullable CoapSiteMeter meter;

  @AfterEach
  void shutDown() {
    if (meter != null) {
      meter.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String at(int second, double amps) {
    return reading(T0.plusSeconds(second).toString(), amps, amps + 1, amps + 2, amps * 690);
  }

  private TestGridServer startServer(String initial) {
    server = new TestGridServer(initial).start();
    return server;
  }

  private CoapSiteMeter startMeter(URI uri, Duration staleAfter) throws Exception {
    CoapSiteMeter.Settings settings =
        CoapSiteMeter.Settings.of(uri)
            .withStaleAfter(staleAfter)
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400))
            .withLocalAddress(new InetSocketAddress("127.0.0.1", 0));
    meter = new CoapSiteMeter(settings, listener);
    meter.start();
    return meter;
  }

  @Test
  void readingsArriveInOrderWithTheMetersTimestamps() throws Exception {
    TestGridServer grid = startServer(at(0, 10));
    CoapSiteMeter m = startMeter(grid.uri(), Duration.ofSeconds(5));

    await().atMost(WAIT).until(() -> listener.readings().size() == 1);
    for (int s = 1; s <= 4; s++) {
      int expected = s + 1;
      grid.publish(at(s, 10 + s));
      await().atMost(WAIT).until(() -> listener.readings().size() == expected);
    }

    assertThat(listener.readings())
        .extracting(GridReading::at)
        .containsExactly(
            T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
    GridReading last = listener.readings().get(4);
    assertThat(last.l1A()).isEqualTo(14.0);
    assertThat(last.l2A()).isEqualTo(15.0);
    assertThat(last.l3A()).isEqualTo(16.0);
    assertThat(last.maxPhaseA()).isEqualTo(16.0);
    assertThat(last.totalW()).isEqualTo(14.0 * 690);
    assertThat(m.latest()).contains(last);
    assertThat(m.faultCount()).isZero();
    assertThat(listener.stales()).isEmpty();
  }

  @Test
  void aBurstIsDeliveredWithTimeOnlyMovingForwardAndEndsOnTheNewestState() throws Exception {
    TestGridServer grid = startServer(at(0, 10));
    startMeter(grid.uri(), Duration.ofMillis(800));
    await().atMost(WAIT).until(() -> listener.readings().size() == 1);

    for (int s = 1; s <= 30; s++) {
      grid.publish(at(s, 10 + s));
    }

    // Observe promises the newest state eventually, not every intermediate one. Under a burst
    // Californium's server may even send the last state with the observe number of an earlier
    // notification, which the client then drops as old; the meter's renewal after a silence of
    // staleAfter fetches it. Either way the newest state arrives and time only moves forward.
    await()
        .atMost(WAIT)
        .until(
            () -> {
              List<GridReading> got = listener.readings();
              return !got.isEmpty() && got.get(got.size() - 1).at().equals(T0.plusSeconds(30));
            });
    List<Instant> times = new ArrayList<>();
    listener.readings().forEach(r -> times.add(r.at()));
    assertThat(times).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void silenceIsReportedAsStaleWithinTheBoundAndNeverAsZero() throws Exception {
    TestGridServer grid = startServer(at(0, 20));
    Duration staleAfter = Duration.ofMillis(300);
    CoapSiteMeter m = startMeter(grid.uri(), staleAfter);
    await().atMost(WAIT).until(() -> listener.readings().size() == 1);
    long receivedAt = ((RecordingListener.Reading) listener.events.get(0)).nanos();

    // The server stays up but publishes nothing new.
    await().atMost(WAIT).until(() -> listener.stales().size() == 1);

    RecordingListener.Stale stale = listener.stales().get(0);
    Duration after = Duration.ofNanos(stale.nanos() - receivedAt);
    assertThat(after).isGreaterThanOrEqualTo(staleAfter).isLessThan(staleAfter.plusMillis(500));
    assertThat(stale.lastReadingAt()).isEqualTo(T0);
    assertThat(m.isStale()).isTrue();
    assertThat(m.latest()).isEmpty();

    grid.publish(at(1, 21));
    await().atMost(WAIT).until(() -> listener.readings().size() == 2);
    assertThat(m.isStale()).isFalse();
    assertThat(m.latest()).map(GridReading::l1A).contains(21.0);
  }

  @Test
  void aMeterThatNeverAnswersIsStaleWithoutAnyReading() throws Exception {
    // Nothing listens on this URI: the port of a server that has been stopped.
    TestGridServer grid = startServer(at(0, 1));
    URI uri = grid.uri();
    grid.stop();
    CoapSiteMeter m = startMeter(uri, Duration.ofMillis(250));

    await().atMost(WAIT).until(() -> listener.stales().size() == 1);
    assertThat(listener.stales().get(0).lastReadingAt()).isNull();
    assertThat(listener.readings()).isEmpty();
    assertThat(m.latest()).isEmpty();
    // It keeps trying, with back-off, in the meantime.
    await().atMost(WAIT).until(() -> m.registrationCount() >= 3);
  }

  @Test
  void observationRecoversAfterTheServerRestarts() throws Exception {
    TestGridServer grid = startServer(at(0, 30));
    CoapSiteMeter m = startMeter(grid.uri(), Duration.ofMillis(300));
    await().atMost(WAIT).until(() -> listener.readings().size() == 1);

    grid.stop();
    await().atMost(WAIT).until(() -> listener.stales().size() == 1);
    assertThat(m.latest()).isEmpty();

    // The restarted meter knows nothing of the old observation.
    grid.publish(at(5, 35));
    grid.start();
    await().atMost(WAIT).until(() -> listener.readings().size() == 2);
    grid.publish(at(6, 36));
    await().atMost(WAIT).until(() -> listener.readings().size() == 3);

    assertThat(listener.readings())
        .extracting(GridReading::at)
        .containsExactly(T0, T0.plusSeconds(5), T0.plusSeconds(6));
    assertThat(m.registrationCount()).isGreaterThanOrEqualTo(2);
    assertThat(m.isStale()).isFalse();
  }

  @Test
  void badPayloadsAreFaultsAndNeverReadings() throws Exception {
    TestGridServer grid = startServer(at(0, 10));
    CoapSiteMeter m = startMeter(grid.uri(), Duration.ofSeconds(5));
    await().atMost(WAIT).until(() -> listener.readings().size() == 1);

    record Bad(String payload, GridFault.Kind kind) {}
    String ts = "\"ts\":\"2026-11-23T04:00:09Z\"";
    List<Bad> bad =
        List.of(
            new Bad("not json", GridFault.Kind.MALFORMED),
            new Bad("[1,2,3]", GridFault.Kind.MALFORMED),
            new Bad("{\"a\":[1,2,3],\"w\":1}", GridFault.Kind.MALFORMED),
            new Bad("{\"ts\":\"yesterday\",\"a\":[1,2,3],\"w\":1}", GridFault.Kind.MALFORMED),
            new Bad("{" + ts + ",\"a\":[1,2],\"w\":1}", GridFault.Kind.MALFORMED),
            new Bad("{" + ts + ",\"a\":[1,\"2\",3],\"w\":1}", GridFault.Kind.MALFORMED),
            new Bad("{" + ts + ",\"a\":[1,2,3]}", GridFault.Kind.MALFORMED),
            new Bad("{" + ts + ",\"a\":[1,NaN,3],\"w\":1}", GridFault.Kind.MALFORMED),
            new Bad("{" + ts + ",\"a\":[1,-2,3],\"w\":1}", GridFault.Kind.OUT_OF_RANGE),
            new Bad("{" + ts + ",\"a\":[1,2,1e999],\"w\":1}", GridFault.Kind.OUT_OF_RANGE),
            new Bad("{" + ts + ",\"a\":[1,2,50000],\"w\":1}", GridFault.Kind.OUT_OF_RANGE),
            new Bad("{" + ts + ",\"a\":[1,2,3],\"w\":9e12}", GridFault.Kind.OUT_OF_RANGE));

    for (int i = 0; i < bad.size(); i++) {
      int expected = i + 1;
      grid.publish(bad.get(i).payload());
      await().atMost(WAIT).until(() -> listener.faults().size() == expected);
    }

    assertThat(listener.faults())
        .extracting(GridFault::kind)
        .containsExactlyElementsOf(bad.stream().map(Bad::kind).toList());
    assertThat(m.faultCount()).isEqualTo(bad.size());
    assertThat(m.faultCount(GridFault.Kind.OUT_OF_RANGE)).isEqualTo(4);
    assertThat(listener.readings()).hasSize(1);
    assertThat(m.latest()).map(GridReading::at).contains(T0);

    // A good payload afterwards is taken again.
    grid.publish(at(10, 12));
    await().atMost(WAIT).until(() -> listener.readings().size() == 2);
    assertThat(m.readingCount()).isEqualTo(2);
  }

  @Test
  void closingDeregistersFromTheServer() throws Exception {
    TestGridServer grid = startServer(at(0, 10));
    CoapSiteMeter m = startMeter(grid.uri(), Duration.ofSeconds(5));
    await().atMost(WAIT).until(() -> grid.observers() == 1);

    m.close();

    await().atMost(WAIT).until(() -> grid.observers() == 0);
  }

  @Test
  void anErrorResponseIsAFault() throws Exception {
    TestGridServer grid = startServer(at(0, 10));
    URI missing = URI.create(grid.uri().toString().replace("/grid", "/nothing"));
    CoapSiteMeter m = startMeter(missing, Duration.ofSeconds(5));

    await().atMost(WAIT).until(() -> m.faultCount(GridFault.Kind.ERROR_RESPONSE) == 1);
    assertThat(listener.faults().get(0).detail()).contains("4.04");
    assertThat(listener.readings()).isEmpty();
  }
}
