package io.kilowire.hardware.coap;

import io.kilowire.core.station.ConnectorStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread-safe {@link EvseStateSource} that the station side writes into: the station's thread
 * puts fresh states with {@link #update} (for example {@link EvseState#of} after each step), and
 * readers on network threads never touch the station itself. Listeners hear only of real changes.
 */
public final class EvseStateBoard implements EvseStateSource {
  private static final Logger LOG = LoggerFactory.getLogger(EvseStateBoard.class);

  private final AtomicReferenceArray<EvseState> states;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

  /** A board of {@code evseCount} EVSEs, all unavailable with no limit until first updated. */
  public EvseStateBoard(int evseCount) {
    if (evseCount < 1) {
      throw new IllegalArgumentException("evseCount " + evseCount);
    }
    states = new AtomicReferenceArray<>(evseCount);
    for (int i = 0; i < evseCount; i++) {
      states.set(i, new EvseState(ConnectorStatus.UNAVAILABLE, Double.NaN, false, 0, 0));
    }
  }

  @Override
  public int evseCount() {
    return states.length();
  }

  @Override
  public EvseState state(int evse) {
    return states.get(index(evse));
  }

  /**
   * Sets an EVSE's state; listeners are told when it differs from the previous one.
   *
   * @return whether it changed
   */
  public boolean update(int evse, EvseState state) {
    EvseState previous = states.getAndSet(index(evse), state);
    if (state.equals(previous)) {
      return false;
    }
    for (ChangeListener l : listeners) {
      try {
        l.changed(evse);
      } catch (RuntimeException e) {
        LOG.error("EVSE state listener failed", e);
      }
    }
    return true;
  }

  @Override
  public Subscription subscribe(ChangeListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private int index(int evse) {
    if (evse < 1 || evse > states.length()) {
      throw new IllegalArgumentException("no EVSE " + evse);
    }
    return evse - 1;
  }
}
