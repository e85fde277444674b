package io.kilowire.core.fallback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tracks the fallback conditions of one station. Pure: feed it events with their instants and call
 * {@link #evaluate} at {@link #nextDeadline()} (one timer, no polling). Not thread-safe.
 *
 * <p>TODO(lm): skeleton — the implementation lands on branch {@code lm}.
 */
public final class FallbackMonitor {
  private final FallbackConfig config;

  /**
   * Starts with every watched input unknown: meter and controller are judged from {@code start}.
   */
  public FallbackMonitor(FallbackConfig config, Instant start) {
    this.config = config;
  }

  public FallbackConfig config() {
    return config;
  }

  /** The CSMS connection went up (true) or down (false) at {@code at}. */
  public void csmsConnection(Instant at, boolean online) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** A site-meter reading measured at {@code measuredAt} arrived at {@code receivedAt}. */
  public void siteMeterReading(Instant measuredAt, Instant receivedAt) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The group's site controller was heard from at {@code at}. */
  public void controllerHeard(Instant at) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Whether a group controller is watched at all (a station alone has none). */
  public void watchController(boolean watched, Instant at) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The entries and exits since the last call, in time order. */
  public List<FallbackEvent> evaluate(Instant now) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public Set<FallbackCondition> active() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The next instant at which a condition could begin by time alone; null = none pending. */
  public @Nullable Instant nextDeadline() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** How long the CSMS has been unreachable at {@code now}; null while online. */
  public @Nullable Duration offlineFor(Instant now) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The cap per EVSE the fallback imposes now (offline cap, safe share); null = none. */
  public @Nullable Double capA() {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
