package io.kilowire.core.runtime;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.transport.CloseReason;
import java.time.Duration;
import java.util.Objects;

/**
 * What an {@link OcppClient} is doing. Java 17 has no pattern switch over sealed types, so {@link
 * #kind()} gives an enum to switch on; the records carry the details.
 */
public sealed interface ClientState
    permits ClientState.Connecting,
        ClientState.Connected,
        ClientState.Disconnected,
        ClientState.RetryScheduled,
        ClientState.Stopped {

  Kind kind();

  /** The state names, for {@code switch}. */
  enum Kind {
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    RETRY_SCHEDULED,
    STOPPED
  }

  /** Attempt number {@code attempt} (1-based since start) is under way. */
  record Connecting(int attempt) implements ClientState {
    @Override
    public Kind kind() {
      return Kind.CONNECTING;
    }
  }

  /** Connected; the RPC session speaks {@code version}. */
  record Connected(OcppVersion version) implements ClientState {
    public Connected {
      Objects.requireNonNull(version, "version");
    }

    @Override
    public Kind kind() {
      return Kind.CONNECTED;
    }
  }

  /** A connection ended or an attempt failed. */
  record Disconnected(CloseReason reason) implements ClientState {
    public Disconnected {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Kind kind() {
      return Kind.DISCONNECTED;
    }
  }

  /** The next attempt starts after {@code delay}. */
  record RetryScheduled(Duration delay) implements ClientState {
    public RetryScheduled {
      Objects.requireNonNull(delay, "delay");
    }

    @Override
    public Kind kind() {
      return Kind.RETRY_SCHEDULED;
    }
  }

  /** {@link OcppClient#stop()} finished; no further attempts. */
  record Stopped() implements ClientState {
    @Override
    public Kind kind() {
      return Kind.STOPPED;
    }
  }
}
