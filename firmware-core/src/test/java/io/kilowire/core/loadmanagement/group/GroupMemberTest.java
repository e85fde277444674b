package io.kilowire.core.loadmanagement.group;

import static io.kilowire.core.loadmanagement.group.GroupFixtures.T0;
import static io.kilowire.core.loadmanagement.group.GroupFixtures.alloc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GroupMemberTest {
  private final GroupConfig group = GroupFixtures.group();

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  @Test
  void bootsAtZeroAndRisesToItsSafeShareAfterTheRiseDelay() {
    GroupMember m = new GroupMember(group, "m2", T0);
    assertThat(m.state()).isEqualTo(MemberState.LAPSING);
    assertThat(m.appliedA()).isZero();
    assertThat(m.nextDeadline()).isEqualTo(at(7));
    m.evaluate(at(6.999));
    assertThat(m.appliedA()).isZero();
    m.evaluate(at(7));
    assertThat(m.state()).isEqualTo(MemberState.FALLBACK);
    assertThat(m.appliedA()).isEqualTo(12);
    assertThat(m.nextDeadline()).isNull();
  }

  @Test
  void followsAnAllocationAndFallsBackWhenTheControllerFallsSilent() {
    GroupMember m = new GroupMember(group, "m2", T0);
    assertThat(m.onAllocation(at(1), alloc(5, 1, "m2", 20))).isTrue();
    assertThat(m.state()).isEqualTo(MemberState.FOLLOWING);
    assertThat(m.appliedA()).isEqualTo(20);
    assertThat(m.nextDeadline()).isEqualTo(at(4));
    m.evaluate(at(3.999));
    assertThat(m.appliedA()).isEqualTo(20);
    // Silent for controllerSilentAfter: down to the safe share at once ...
    m.evaluate(at(4));
    assertThat(m.state()).isEqualTo(MemberState.LAPSING);
    assertThat(m.appliedA()).isEqualTo(12);
    // ... and it stays there (it was above its safe share).
    m.evaluate(at(11));
    assertThat(m.state()).isEqualTo(MemberState.FALLBACK);
    assertThat(m.appliedA()).isEqualTo(12);
  }

  @Test
  void aMemberBelowItsSafeShareRisesOnlyAfterTheRiseDelay() {
    GroupMember m = new GroupMember(group, "m3", T0);
    m.onAllocation(at(1), alloc(5, 1, "m3", 4));
    m.evaluate(at(4));
    assertThat(m.state()).isEqualTo(MemberState.LAPSING);
    assertThat(m.appliedA()).isEqualTo(4);
    assertThat(m.nextDeadline()).isEqualTo(at(11));
    m.evaluate(at(10.999));
    assertThat(m.appliedA()).isEqualTo(4);
    m.evaluate(at(11));
    assertThat(m.appliedA()).isEqualTo(10);
  }

  @Test
  void aLeaseShorterThanTheSilenceBoundLapsesByItself() {
    GroupMember m = new GroupMember(group, "m2", T0);
    m.onAllocation(at(1), new GroupAllocation("m1", 5, 1, "m2", 20, Duration.ofMillis(500)));
    assertThat(m.validUntil()).isEqualTo(at(1.5));
    m.evaluate(at(1.5));
    assertThat(m.state()).isEqualTo(MemberState.LAPSING);
    assertThat(m.appliedA()).isEqualTo(12);
  }

  @Test
  void aLeaseLongerThanTheSilenceBoundIsCutToIt() {
    GroupMember m = new GroupMember(group, "m2", T0);
    m.onAllocation(at(1), new GroupAllocation("m1", 5, 1, "m2", 20, Duration.ofHours(1)));
    assertThat(m.validUntil()).isEqualTo(at(4));
  }

  @Test
  void aRenewedAllocationKeepsItFollowingAndANewLimitAppliesAtOnce() {
    GroupMember m = new GroupMember(group, "m2", T0);
    m.onAllocation(at(1), alloc(5, 1, "m2", 20));
    m.onAllocation(at(2), alloc(5, 2, "m2", 6));
    assertThat(m.appliedA()).isEqualTo(6);
    // The EV may take the response window (2 s) to follow: the report says so.
    assertThat(m.recentA(at(3.9))).isEqualTo(20);
    assertThat(m.recentA(at(4))).isEqualTo(6);
    m.onAllocation(at(4.5), alloc(5, 3, "m2", 25));
    m.evaluate(at(7));
    assertThat(m.state()).isEqualTo(MemberState.FOLLOWING);
    assertThat(m.appliedA()).isEqualTo(25);
  }

  @Test
  void allocationsFromAStaleTermAnotherSenderOrOutOfOrderAreIgnored() {
    GroupMember m = new GroupMember(group, "m2", T0);
    assertThat(m.onAllocation(at(1), alloc(6, 10, "m2", 20))).isTrue();
    // An older term: a stale controller instance, or a datagram from before its restart.
    assertThat(m.onAllocation(at(1.1), alloc(5, 99, "m2", 30))).isFalse();
    // The same term, not newer.
    assertThat(m.onAllocation(at(1.2), alloc(6, 10, "m2", 30))).isFalse();
    assertThat(m.onAllocation(at(1.2), alloc(6, 9, "m2", 30))).isFalse();
    // Not the configured controller, not for this member.
    assertThat(
            m.onAllocation(
                at(1.3), new GroupAllocation("m3", 7, 1, "m2", 30, Duration.ofSeconds(3))))
        .isFalse();
    assertThat(m.onAllocation(at(1.3), alloc(7, 1, "m3", 30))).isFalse();
    assertThat(m.appliedA()).isEqualTo(20);
    assertThat(m.epoch()).isEqualTo(6);
    // A newer term wins, whatever its sequence number.
    assertThat(m.onAllocation(at(1.4), alloc(7, 1, "m2", 16))).isTrue();
    assertThat(m.appliedA()).isEqualTo(16);
    assertThat(m.report(at(1.4), true, 32, 15).epoch()).isEqualTo(7);
    assertThat(m.report(at(1.4), true, 32, 15).seq()).isEqualTo(1);
  }

  @Test
  void anAllocationAboveTheEvseRatingIsCapped() {
    GroupMember m = new GroupMember(group, "m2", T0);
    m.onAllocation(at(1), alloc(5, 1, "m2", 50));
    assertThat(m.appliedA()).isEqualTo(32);
  }
}
