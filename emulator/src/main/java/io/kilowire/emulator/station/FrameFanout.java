package io.kilowire.emulator.station;

import io.kilowire.core.observation.ObserverGuard;
import io.kilowire.core.transport.FrameObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every frame to several observers (a trace file, the control API's event stream, the
 * console), each isolated from the others' failures.
 */
final class FrameFanout implements FrameObserver {
  private static final Logger LOG = LoggerFactory.getLogger(FrameFanout.class);

  private record Guarded(FrameObserver observer, ObserverGuard guard) {}

  private final List<Guarded> observers = new CopyOnWriteArrayList<>();

  void add(FrameObserver observer, String name) {
    observers.add(new Guarded(observer, new ObserverGuard(LOG, name)));
  }

  @Override
  public void sending(String frame) {
    for (Guarded g : observers) {
      g.guard().run(() -> g.observer().sending(frame));
    }
  }

  @Override
  public void notSent(String frame) {
    for (Guarded g : observers) {
      g.guard().run(() -> g.observer().notSent(frame));
    }
  }

  @Override
  public void received(String frame) {
    for (Guarded g : observers) {
      g.guard().run(() -> g.observer().received(frame));
    }
  }
}
