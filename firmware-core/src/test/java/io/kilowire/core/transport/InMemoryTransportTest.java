package io.kilowire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.ocpp.OcppVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTransportTest {
  private final InMemoryTransport.Link link = InMemoryTransport.pair(OcppVersion.V201);
  private final RecordingListener station = new RecordingListener();
  private final RecordingListener csms = new RecordingListener();

  private void connectBoth() {
    link.station().connect(station);
    link.csms().connect(csms);
  }

  @Test
  void theLinkOpensOnlyWhenBothEndsConnect() {
    link.station().connect(station);

    assertFalse(station.opened.isDone());
    assertFalse(link.station().isOpen());

    link.csms().connect(csms);

    assertEquals(OcppVersion.V201, station.opened.join());
    assertEquals(OcppVersion.V201, csms.opened.join());
    assertTrue(link.station().isOpen());
  }

  @Test
  void framesTravelInBothDirections() {
    connectBoth();

    assertTrue(link.station().send("to-csms"));
    assertTrue(link.csms().send("to-station"));

    assertEquals("to-csms", csms.messages.poll());
    assertEquals("to-station", station.messages.poll());
  }

  @Test
  void nothingIsSentBeforeTheLinkOpens() {
    link.station().connect(station);

    assertFalse(link.station().send("lost"));
  }

  @Test
  void aCloseEndsTheLinkForBothEnds() {
    connectBoth();

    link.station().close();

    assertEquals(CloseReason.Kind.CLOSED_LOCALLY, station.closed.join().kind());
    assertFalse(station.closedRemotely);
    assertEquals(CloseReason.Kind.CLOSED_BY_PEER, csms.closed.join().kind());
    assertTrue(csms.closedRemotely);
    assertFalse(link.isOpen());
  }

  @Test
  void aDropLooksLikeALostConnectionOnBothEnds() {
    connectBoth();

    link.drop();

    assertEquals(CloseReason.Kind.CONNECTION_LOST, station.closed.join().kind());
    assertEquals(CloseReason.Kind.CONNECTION_LOST, csms.closed.join().kind());
  }

  @Test
  void anUnreachableCsmsFailsTheStationsAttemptAtOnce() {
    link.setReachable(false);

    link.station().connect(station);

    assertEquals(CloseReason.Kind.UNREACHABLE, station.closed.join().kind());
    assertFalse(station.opened.isDone());
  }

  @Test
  void bothEndsConnectAgainAfterAClose() {
    connectBoth();
    link.csms().close();
    RecordingListener station2 = new RecordingListener();
    RecordingListener csms2 = new RecordingListener();

    link.station().connect(station2);
    link.csms().connect(csms2);

    assertTrue(station2.opened.isDone() && csms2.opened.isDone());
  }

  @Test
  void connectingAnEndTwiceIsRefused() {
    link.station().connect(station);

    assertThrows(
        IllegalStateException.class, () -> link.station().connect(new RecordingListener()));
  }

  @Test
  void aDeliveryExecutorDecidesWhenCallbacksRun() {
    List<Runnable> pending = new ArrayList<>();
    InMemoryTransport.Link queued = InMemoryTransport.pair(OcppVersion.V16, pending::add);
    queued.station().connect(station);
    queued.csms().connect(csms);

    assertFalse(station.opened.isDone());

    pending.forEach(Runnable::run);

    assertEquals(OcppVersion.V16, station.opened.join());
  }
}
