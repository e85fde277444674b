package io.kilowire.core.testing;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A station-side and a CSMS-side {@link RpcSession} joined in virtual time: each frame arrives at
 * the other side {@code latency} later, when the {@link VirtualScheduler} gets there. The link can
 * go down and come back; frames in flight when it drops are lost, as on a real network. Every frame
 * is recorded with its direction for assertions.
 */
public final class VirtualLink {
  /** One frame as it crossed the link. */
  public record Crossing(java.time.Instant at, boolean fromStation, String frame) {}

  private final VirtualScheduler scheduler;
  private final OcppVersion version;
  private final Duration latency;
  private final JsonFrameCodec codec = new JsonFrameCodec();
  private final List<Crossing> log = new ArrayList<>();
  private RpcSession station;
  private RpcSession csms;
  private boolean up;
  private long generation;
  private Consumer<RpcSession> csmsHandlers = s -> {};
  private Predicate<String> unanswered = f -> false;

  public VirtualLink(VirtualScheduler scheduler, OcppVersion version, Duration latency) {
    this.scheduler = scheduler;
    this.version = version;
    this.latency = latency;
  }

  /** Handlers the CSMS side registers on every new connection. */
  public VirtualLink csmsHandlers(Consumer<RpcSession> handlers) {
    this.csmsHandlers = handlers;
    return this;
  }

  /**
   * Frames from the station that reach the CSMS's network stack (they are recorded) but are never
   * processed or answered, as with a CSMS that hangs on some messages: the station's call times
   * out.
   */
  public VirtualLink unanswered(Predicate<String> stationFrame) {
    this.unanswered = stationFrame;
    return this;
  }

  /**
   * Opens a new connection: fresh sessions on both sides (as after a real reconnect). Returns the
   * station-side session for the station's handlers and gateway.
   */
  public RpcSession connect() {
    generation++;
    long gen = generation;
    station =
        new RpcSession(
            RpcSession.Config.of("station", version, Role.STATION),
            codec,
            f -> deliver(gen, true, f),
            scheduler);
    csms =
        new RpcSession(
            RpcSession.Config.of("csms", version, Role.CSMS),
            codec,
            f -> deliver(gen, false, f),
            scheduler);
    csmsHandlers.accept(csms);
    up = true;
    station.connected();
    csms.connected();
    return station;
  }

  /** The connection drops: both sessions learn it, frames in flight are lost. */
  public void drop() {
    if (!up) {
      return;
    }
    up = false;
    generation++;
    station.disconnected();
    csms.disconnected();
  }

  public boolean isUp() {
    return up;
  }

  public RpcSession csmsSession() {
    return csms;
  }

  public RpcSession stationSession() {
    return station;
  }

  /** Every frame that arrived, in order. */
  public List<Crossing> frames() {
    return List.copyOf(log);
  }

  private void deliver(long gen, boolean fromStation, String frame) {
    scheduler.schedule(
        latency,
        () -> {
          if (gen != generation || !up) {
            return;
          }
          log.add(new Crossing(scheduler.now(), fromStation, frame));
          if (fromStation && unanswered.test(frame)) {
            return;
          }
          (fromStation ? csms : station).onFrame(frame);
        });
  }
}
