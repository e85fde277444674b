package io.kilowire.core.loadmanagement.group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * One charger's side of the group: which limit it applies. Pure: feed it allocations and {@code
 * now}, call {@link #evaluate} at {@link #nextDeadline()}. Not thread-safe.
 *
 * <ul>
 *   <li>It boots {@link MemberState#LAPSING} at 0 A and rises to its safe share after {@link
 *       GroupConfig#riseDelay()}, unless an allocation arrives first.
 *   <li>An allocation is accepted only from the configured controller, for this member, from a term
 *       not older than the newest one accepted, and newer than the last of its term. It applies at
 *       once (the controller times increases) and holds until its lease ends.
 *   <li>When the lease ends or the controller is silent for {@code controllerSilentAfter}, the
 *       member goes to min(current limit, safe share) at once and to the safe share after {@link
 *       GroupConfig#riseDelay()}: its own rise waits until the others' decreases have taken effect.
 * </ul>
 */
public final class GroupMember {
  private final GroupConfig config;
  private final GroupMemberConfig self;
  private MemberState state = MemberState.LAPSING;
  private double appliedA;
  private long epoch;
  private long seq = -1;
  private @Nullable Instant lastHeard;
  private @Nullable Instant validUntil;
  private @Nullable Instant riseAt;

  /** Limits left within the last response window: (when, amps). */
  private final Deque<Left> left = new ArrayDeque<>();

  public GroupMember(GroupConfig config, String memberId, Instant start) {
    this.config = config;
    this.self = config.member(memberId);
    this.riseAt = start.plus(config.riseDelay());
  }

  public String id() {
    return self.id();
  }

  public MemberState state() {
    return state;
  }

  /** The limit per phase this member applies now. */
  public double appliedA() {
    return appliedA;
  }

  /** The newest controller term accepted; 0 = none yet. */
  public long epoch() {
    return epoch;
  }

  public @Nullable Instant validUntil() {
    return validUntil;
  }

  /**
   * Takes an allocation received at {@code now}; first catches up with time.
   *
   * @return whether it was accepted (false: another sender, another member, an older term, a
   *     repeated or reordered one)
   */
  public boolean onAllocation(Instant now, GroupAllocation a) {
    evaluate(now);
    if (!a.controllerId().equals(config.controllerId())
        || !a.memberId().equals(self.id())
        || a.epoch() < epoch
        || (a.epoch() == epoch && a.seq() <= seq)) {
      return false;
    }
    epoch = a.epoch();
    seq = a.seq();
    Duration lease = min(a.validFor(), config.lease());
    state = MemberState.FOLLOWING;
    apply(now, Math.min(a.limitA(), self.maxA()));
    lastHeard = now;
    validUntil = now.plus(lease);
    riseAt = null;
    return true;
  }

  /** Applies what time alone changes: the lease or the controller lapsing, the rise to safe. */
  public void evaluate(Instant now) {
    if (state == MemberState.FOLLOWING) {
      Instant until = validUntil;
      Instant heard = lastHeard;
      boolean lapsed =
          (until != null && !now.isBefore(until))
              || (heard != null && !now.isBefore(heard.plus(config.controllerSilentAfter())));
      if (lapsed) {
        state = MemberState.LAPSING;
        apply(now, Math.min(appliedA, self.safeShareA()));
        riseAt = now.plus(config.riseDelay());
        validUntil = null;
      }
    }
    Instant rise = riseAt;
    if (state == MemberState.LAPSING && rise != null && !now.isBefore(rise)) {
      state = MemberState.FALLBACK;
      apply(now, self.safeShareA());
      riseAt = null;
    }
  }

  /** When {@link #evaluate} must run next; null = nothing pending by time alone. */
  public @Nullable Instant nextDeadline() {
    return switch (state) {
      case FOLLOWING -> {
        Instant until = validUntil;
        Instant heard = lastHeard;
        Instant silent = heard == null ? null : heard.plus(config.controllerSilentAfter());
        if (until == null) {
          yield silent;
        }
        yield silent == null || until.isBefore(silent) ? until : silent;
      }
      case LAPSING -> riseAt;
      case FALLBACK -> null;
    };
  }

  /** The highest limit applied within the last response window: what the EV may still draw. */
  public double recentA(Instant now) {
    Instant window = now.minus(config.responseWindow());
    double max = appliedA;
    for (Left l : left) {
      if (l.at.isAfter(window)) {
        max = Math.max(max, l.amps);
      }
    }
    return max;
  }

  /** The report for the controller at {@code now}. */
  public DemandReport report(Instant now, boolean active, double evMaxA, double drawA) {
    return new DemandReport(
        self.id(),
        epoch,
        seq,
        state,
        appliedA,
        recentA(now),
        active,
        active ? evMaxA : 0,
        Math.max(0, drawA));
  }

  private void apply(Instant now, double amps) {
    if (amps < appliedA) {
      left.addLast(new Left(now, appliedA));
    }
    appliedA = amps;
    Instant window = now.minus(config.responseWindow());
    while (!left.isEmpty() && !left.peekFirst().at.isAfter(window)) {
      left.removeFirst();
    }
  }

  private record Left(Instant at, double amps) {}

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
