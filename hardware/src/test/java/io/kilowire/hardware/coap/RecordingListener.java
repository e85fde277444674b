package io.kilowire.hardware.coap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** Keeps every call, in order, and when it was made on the monotonic clock. */
final class RecordingListener implements GridReadingListener {
  sealed interface Event permits Reading, Stale, Fault {}

  record Reading(GridReading reading, long nanos) implements Event {}

  record Stale(@Nullable Instant lastReadingAt, Duration silentFor, long nanos) implements Event {}

  record Fault(GridFault fault) implements Event {}

  final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void reading(GridReading reading) {
    events.add(new Reading(reading, System.nanoTime()));
  }

  @Override
  public void stale(@Nullable Instant lastReadingAt, Duration silentFor) {
    events.add(new Stale(lastReadingAt, silentFor, System.nanoTime()));
  }

  @Override
  public void fault(GridFault fault) {
    events.add(new Fault(fault));
  }

  List<GridReading> readings() {
    return events.stream()
        .filter(e -> e instanceof Reading)
        .map(e -> ((Reading) e).reading())
        .toList();
  }

  List<Stale> stales() {
    return events.stream().filter(e -> e instanceof Stale).map(e -> (Stale) e).toList();
  }

  List<GridFault> faults() {
    return events.stream().filter(e -> e instanceof Fault).map(e -> ((Fault) e).fault()).toList();
  }
}
