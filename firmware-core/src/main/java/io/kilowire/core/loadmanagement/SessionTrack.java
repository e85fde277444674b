package io.kilowire.core.loadmanagement;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the {@link LoadBalancer} remembers about one session between steps. */
final class SessionTrack {
  final @Nullable Instant sessionStart;
  final Instant firstSeen;
  double lastLimit;
  Instant lastChangeAt;
  @Nullable Instant lastRaiseAt;
  boolean tapered;
  boolean drew;
  boolean running;
  Instant turnStart;
  Instant runningSince;
  Instant waitingSince;

  // solar modes (SolarGate)
  boolean solarOn;
  boolean urgent;
  int solarPhases;
  @Nullable Instant aboveSince;
  @Nullable Instant belowSince;
  @Nullable Instant threeSince;
  @Nullable Instant oneSince;

  SessionTrack(@Nullable Instant sessionStart, Instant now) {
    this.sessionStart = sessionStart;
    this.firstSeen = now;
    this.lastChangeAt = now;
    this.turnStart = now;
    this.runningSince = now;
    this.waitingSince = now;
  }
}
