package io.kilowire.emulator.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.observation.ObserverGuard;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's events (frames, status changes, limits, meter readings, connections) as JSON objects,
 * handed from the stations' threads to subscribers (the WebSocket stream, the dashboard, scenarios,
 * metrics) on one thread of its own, so no subscriber can slow a station. The queue is bounded:
 * when subscribers fall behind, new events are dropped and counted rather than held.
 */
public final class EventHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  static final int CAPACITY = 50_000;

  private final Clock clock;
  private final BlockingQueue<ObjectNode> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread dispatcher;
  private volatile boolean closed;

  private record Subscriber(Consumer<ObjectNode> consumer, ObserverGuard guard) {}

  private final boolean synchronous;

  public EventHub(Clock clock) {
    this(clock, false);
  }

  /**
   * @param synchronous hand each event to the subscribers inside {@link #publish}: for virtual
   *     time, where everything runs on the one thread that drives the clock
   */
  public EventHub(Clock clock, boolean synchronous) {
    this.clock = clock;
    this.synchronous = synchronous;
    this.dispatcher = new Thread(this::dispatch, "control-events");
    dispatcher.setDaemon(true);
    if (!synchronous) {
      dispatcher.start();
    }
  }

  /** A new event of {@code type} for {@code station}, stamped now; fill it and {@link #publish}. */
  public ObjectNode event(String type, String station) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("ts", clock.instant().toString());
    e.put("type", type);
    e.put("station", station);
    return e;
  }

  /** Queues {@code event} for the subscribers; never blocks. */
  public void publish(ObjectNode event) {
    if (synchronous) {
      deliver(event);
      return;
    }
    if (!subscribers.isEmpty() && !queue.offer(event)) {
      if (dropped.incrementAndGet() % 1000 == 1) {
        LOG.warn("event subscribers fall behind: {} event(s) dropped so far", dropped.get());
      }
    }
  }

  /** Sees every event published from now on, on the hub's thread; returns how to unsubscribe. */
  public Runnable subscribe(Consumer<ObjectNode> consumer, String name) {
    Subscriber s = new Subscriber(consumer, new ObserverGuard(LOG, name));
    subscribers.add(s);
    return () -> subscribers.remove(s);
  }

  /** Events dropped because the subscribers fell behind. */
  public long dropped() {
    return dropped.get();
  }

  private void dispatch() {
    while (!closed) {
      ObjectNode event;
      try {
        event = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event != null) {
        deliver(event);
      }
    }
  }

  private void deliver(ObjectNode event) {
    for (Subscriber s : subscribers) {
      s.guard().run(() -> s.consumer().accept(event));
    }
  }

  /** Hands over what is queued (up to a second), then stops the thread. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (!queue.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closed = true;
    dispatcher.interrupt();
  }
}
