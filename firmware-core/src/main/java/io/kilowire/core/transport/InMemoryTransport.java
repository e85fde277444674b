package io.kilowire.core.transport;

import io.kilowire.core.ocpp.OcppVersion;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One end of an in-memory link between a station and a CSMS, for tests and the emulator: no
 * sockets, no threads. Create a connected pair with {@link #pair}. The link opens when both ends
 * have called {@link #connect} (the station dials, the CSMS side accepts) and closes for both when
 * either end closes or {@link Link#drop()} cuts it; to open again both ends connect again.
 *
 * <p>Every callback runs through the pair's {@link Executor}: {@code Runnable::run} delivers at
 * once on the caller's thread, a single-thread executor or a virtual-time scheduler makes delivery
 * asynchronous and ordered.
 */
public final class InMemoryTransport implements OcppTransport {
  private final Link link;
  private final String name;
  private @Nullable Listener listener;
  private @Nullable InMemoryTransport peer;

  private InMemoryTransport(Link link, String name) {
    this.link = link;
    this.name = name;
  }

  /** A link speaking {@code version} that delivers callbacks directly on the calling thread. */
  public static Link pair(OcppVersion version) {
    return new Link(version, Runnable::run);
  }

  /** A link speaking {@code version} that delivers every callback through {@code delivery}. */
  public static Link pair(OcppVersion version, Executor delivery) {
    return new Link(version, delivery);
  }

  @Override
  public void connect(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    link.connect(this, listener);
  }

  @Override
  public boolean send(String frame) {
    return link.send(this, frame);
  }

  @Override
  public void close() {
    link.close(this, CloseReason.Kind.CLOSED_LOCALLY);
  }

  @Override
  public boolean isOpen() {
    return link.isOpen();
  }

  @Override
  public String toString() {
    return "InMemoryTransport[" + name + "]";
  }

  /** The two ends and the state of the link between them. Thread-safe. */
  public static final class Link {
    private final OcppVersion version;
    private final Executor delivery;
    private final InMemoryTransport station;
    private final InMemoryTransport csms;
    private boolean open;
    private boolean reachable = true;

    private Link(OcppVersion version, Executor delivery) {
      this.version = Objects.requireNonNull(version, "version");
      this.delivery = Objects.requireNonNull(delivery, "delivery");
      this.station = new InMemoryTransport(this, "station");
      this.csms = new InMemoryTransport(this, "csms");
      station.peer = csms;
      csms.peer = station;
    }

    /** The station's end. */
    public InMemoryTransport station() {
      return station;
    }

    /** The CSMS's end. */
    public InMemoryTransport csms() {
      return csms;
    }

    public OcppVersion version() {
      return version;
    }

    public synchronized boolean isOpen() {
      return open;
    }

    /**
     * Makes the CSMS unreachable (or reachable again): an open link drops, and while unreachable a
     * station's {@code connect} fails at once with {@link CloseReason.Kind#UNREACHABLE}.
     */
    public void setReachable(boolean reachable) {
      synchronized (this) {
        this.reachable = reachable;
      }
      if (!reachable) {
        drop();
      }
    }

    /** Cuts an open link as a network failure would: both ends see CONNECTION_LOST. */
    public void drop() {
      Listener a;
      Listener b;
      synchronized (this) {
        if (!open) {
          return;
        }
        open = false;
        a = station.listener;
        b = csms.listener;
        station.listener = null;
        csms.listener = null;
      }
      CloseReason reason =
          new CloseReason(CloseReason.Kind.CONNECTION_LOST, 1006, "in-memory link dropped");
      deliver(a, l -> l.onClose(reason, true));
      deliver(b, l -> l.onClose(reason, true));
    }

    private void connect(InMemoryTransport end, Listener listener) {
      @Nullable Listener a;
      @Nullable Listener b;
      boolean refused;
      synchronized (this) {
        if (end.listener != null) {
          throw new IllegalStateException(end + " is already connecting or open");
        }
        refused = end == station && !reachable;
        if (refused) {
          a = listener;
          b = null;
        } else {
          end.listener = listener;
          InMemoryTransport other = Objects.requireNonNull(end.peer);
          if (other.listener == null) {
            return; // waits for the other end
          }
          open = true;
          a = station.listener;
          b = csms.listener;
        }
      }
      if (refused) {
        CloseReason reason = CloseReason.of(CloseReason.Kind.UNREACHABLE, "CSMS unreachable");
        deliver(a, l -> l.onClose(reason, true));
        return;
      }
      deliver(a, l -> l.onOpen(version));
      deliver(b, l -> l.onOpen(version));
    }

    private boolean send(InMemoryTransport from, String frame) {
      Listener target;
      synchronized (this) {
        if (!open) {
          return false;
        }
        target = Objects.requireNonNull(from.peer).listener;
      }
      deliver(target, l -> l.onMessage(frame));
      return true;
    }

    private void close(InMemoryTransport from, CloseReason.Kind kind) {
      Listener self;
      Listener other;
      boolean wasOpen;
      synchronized (this) {
        self = from.listener;
        if (self == null) {
          return;
        }
        InMemoryTransport peer = Objects.requireNonNull(from.peer);
        wasOpen = open;
        other = wasOpen ? peer.listener : null;
        open = false;
        from.listener = null;
        if (wasOpen) {
          peer.listener = null;
        }
      }
      deliver(
          self,
          l ->
              l.onClose(
                  new CloseReason(kind, wasOpen ? 1000 : -1, "closed by " + from.name), false));
      deliver(
          other,
          l ->
              l.onClose(
                  new CloseReason(CloseReason.Kind.CLOSED_BY_PEER, 1000, "closed by " + from.name),
                  true));
    }

    private void deliver(@Nullable Listener listener, Consumer<Listener> call) {
      if (listener != null) {
        delivery.execute(() -> call.accept(listener));
      }
    }
  }
}
