package io.kilowire.emulator.bench;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppTransport;
import org.jspecify.annotations.Nullable;

/**
 * A station's link with a stopwatch: each CALL the station sends is timed until its CALLRESULT or
 * CALLERROR arrives, on the transport's side of the station (the station's own queueing is not in
 * it). OCPP-J allows a station one CALL in flight, so one slot suffices. Frames pass unchanged.
 */
public final class CallTimer implements OcppTransport {
  private final OcppTransport link;
  private final FleetMetrics metrics;
  private volatile @Nullable String pendingId;
  private volatile long sentAt;
  private volatile String pendingAction = "?";

  public CallTimer(OcppTransport link, FleetMetrics metrics) {
    this.link = link;
    this.metrics = metrics;
  }

  @Override
  public void connect(Listener listener) {
    link.connect(
        new Listener() {
          @Override
          public void onOpen(OcppVersion negotiated) {
            metrics.connected();
            listener.onOpen(negotiated);
          }

          @Override
          public void onMessage(String frame) {
            answered(frame);
            listener.onMessage(frame);
          }

          @Override
          public void onClose(CloseReason reason, boolean remote) {
            if (reason.kind() != CloseReason.Kind.CLOSED_LOCALLY) {
              metrics.lost();
            }
            pendingId = null;
            listener.onClose(reason, remote);
          }
        });
  }

  @Override
  public boolean send(String frame) {
    String id = idOf(frame, '2');
    if (id != null) {
      long now = System.nanoTime();
      if (pendingId != null) {
        // The station gave up on the CALL in flight (its timeout): it counts, as waited so far.
        metrics.unanswered(pendingAction, now - sentAt);
      }
      sentAt = now;
      pendingAction = actionOf(frame, id);
      pendingId = id;
      metrics.call(pendingAction);
    }
    boolean sent = link.send(frame);
    if (!sent && id != null) {
      pendingId = null;
    }
    return sent;
  }

  private void answered(String frame) {
    String pending = pendingId;
    if (pending == null) {
      return;
    }
    String id = idOf(frame, '3');
    if (id == null) {
      id = idOf(frame, '4');
    }
    if (pending.equals(id)) {
      pendingId = null;
      metrics.roundTrip(pendingAction, System.nanoTime() - sentAt);
    }
  }

  @Override
  public void close() {
    link.close();
  }

  @Override
  public boolean isOpen() {
    return link.isOpen();
  }

  /**
   * The message id of a frame of {@code type} ('2' CALL, '3' CALLRESULT, '4' CALLERROR) as our
   * codec and the sink write them ({@code [2,"id",...}), or null for another frame.
   */
  static @Nullable String idOf(String frame, char type) {
    if (frame.length() < 5
        || frame.charAt(0) != '['
        || frame.charAt(1) != type
        || frame.charAt(2) != ','
        || frame.charAt(3) != '"') {
      return null;
    }
    int end = frame.indexOf('"', 4);
    return end < 0 ? null : frame.substring(4, end);
  }

  /** The action of a CALL frame whose id is {@code id}, "?" if it cannot be read. */
  static String actionOf(String frame, String id) {
    int start = 4 + id.length() + 3; // "id","Action"
    int end = frame.indexOf('"', start);
    return start < frame.length() && end > start ? frame.substring(start, end) : "?";
  }
}
