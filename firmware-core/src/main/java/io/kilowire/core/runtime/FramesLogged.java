package io.kilowire.core.runtime;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.logs.StationLog;
import io.kilowire.core.transport.FrameObserver;
import org.jspecify.annotations.Nullable;

/**
 * Writes each frame into the station's diagnostics log (shortened to {@link #KEPT_CHARS}), then
 * hands it to the observer behind it. Until a log is attached (the station is built after its
 * connection) frames only go on.
 */
final class FramesLogged implements FrameObserver {
  /** What a log line keeps of a frame: enough to see the action and the start of its payload. */
  static final int KEPT_CHARS = 512;

  private final @Nullable FrameObserver next;
  private volatile @Nullable StationLog log;
  private volatile @Nullable TaskScheduler clock;

  FramesLogged(@Nullable FrameObserver next) {
    this.next = next;
  }

  void attach(StationLog stationLog, TaskScheduler scheduler) {
    this.clock = scheduler;
    this.log = stationLog;
  }

  @Override
  public void sending(String frame) {
    note("sent ", frame);
    if (next != null) {
      next.sending(frame);
    }
  }

  @Override
  public void notSent(String frame) {
    if (next != null) {
      next.notSent(frame);
    }
  }

  @Override
  public void received(String frame) {
    note("received ", frame);
    if (next != null) {
      next.received(frame);
    }
  }

  private void note(String direction, String frame) {
    StationLog l = log;
    TaskScheduler c = clock;
    if (l != null && c != null) {
      String kept = frame.length() > KEPT_CHARS ? frame.substring(0, KEPT_CHARS) + "…" : frame;
      l.diagnostic(c.now(), direction + kept);
    }
  }
}
