package io.kilowire.core.loadmanagement.group;

import static io.kilowire.core.loadmanagement.group.GroupFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GroupControllerTest {
  private static final Map<String, Double> TARGETS = Map.of("m1", 0.0, "m2", 22.0, "m3", 8.0);
  private static final Map<String, Double> EVS = Map.of("m2", 32.0, "m3", 8.0);

  private final GroupConfig group = GroupFixtures.group();

  private GroupSim sim() {
    return new GroupSim(group, T0, EVS, GroupSim.fixed(TARGETS), 1);
  }

  private static DemandReport fallback(String id, double applied, long epoch) {
    return new DemandReport(
        id, epoch, -1, MemberState.FALLBACK, applied, applied, true, 32, applied);
  }

  @Test
  void gathersUntilEveryMemberReportedThenTakesATermAboveAllReported() {
    GroupController c = new GroupController(group, T0, 3, GroupSim.fixed(TARGETS));
    c.onReport(T0, fallback("m1", 8, 7));
    c.onReport(T0, fallback("m2", 12, 2));
    assertThat(c.tick(T0.plusSeconds(1))).isEmpty();
    assertThat(c.role()).isEqualTo(GroupController.Role.GATHERING);
    c.onReport(T0.plusSeconds(1), fallback("m3", 10, 0));
    List<GroupAllocation> out = c.tick(T0.plusSeconds(1));
    assertThat(c.role()).isEqualTo(GroupController.Role.LEADING);
    assertThat(c.epoch()).isEqualTo(8);
    assertThat(out).extracting(GroupAllocation::epoch).containsOnly(8L);
    // The first round only lowers: m1 8 -> 0, m3 10 -> 8; m2 stays at its safe share because the
    // freed amps still count until the EVs' response window has passed.
    assertThat(out)
        .extracting(GroupAllocation::memberId, GroupAllocation::limitA)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("m1", 0.0),
            org.assertj.core.groups.Tuple.tuple("m2", 12.0),
            org.assertj.core.groups.Tuple.tuple("m3", 8.0));
  }

  @Test
  void theEpochFloorWinsOverLowReportedTerms() {
    GroupController c = new GroupController(group, T0, 1000, GroupSim.fixed(TARGETS));
    for (String id : List.of("m1", "m2", "m3")) {
      c.onReport(T0, fallback(id, 0, 7));
    }
    c.tick(T0);
    assertThat(c.epoch()).isEqualTo(1000);
  }

  @Test
  void aSilentMemberEndsTheGatheringOnlyAfterControllerSilentAfter() {
    GroupController c = new GroupController(group, T0, 1, GroupSim.fixed(TARGETS));
    c.onReport(T0, fallback("m1", 8, 0));
    c.onReport(T0, fallback("m2", 12, 0));
    assertThat(c.tick(T0.plusMillis(2500))).isEmpty();
    c.onReport(T0.plusMillis(2500), fallback("m1", 8, 0));
    c.onReport(T0.plusMillis(2500), fallback("m2", 12, 0));
    assertThat(c.tick(T0.plusMillis(2999))).isEmpty();
    List<GroupAllocation> out = c.tick(T0.plusSeconds(3));
    assertThat(c.role()).isEqualTo(GroupController.Role.LEADING);
    // The silent member gets nothing and counts at its safe share.
    assertThat(out).extracting(GroupAllocation::memberId).containsExactly("m1", "m2");
    assertThat(c.heldA("m3", T0.plusSeconds(3))).isEqualTo(10);
  }

  @Test
  void aReturningControllerTakesOverWithoutASpike() {
    GroupSim sim = sim();
    sim.run(Duration.ofSeconds(12));
    assertThat(List.of(sim.applied("m1"), sim.applied("m2"), sim.applied("m3")))
        .containsExactly(8.0, 12.0, 10.0);
    GroupController c = sim.startController(1);
    Instant started = sim.now;
    Instant decreased = null;
    Instant rose = null;
    while (sim.now.isBefore(started.plusSeconds(15))) {
      sim.run(GroupSim.STEP);
      if (decreased == null && sim.applied("m3") == 8.0 && sim.applied("m1") == 0.0) {
        decreased = sim.now;
      }
      if (rose == null && sim.applied("m2") > 12.0) {
        rose = sim.now;
      }
    }
    assertThat(c.role()).isEqualTo(GroupController.Role.LEADING);
    assertThat(decreased).isNotNull();
    assertThat(rose).isNotNull();
    // Decreases within the first heartbeat after gathering, the increase one response window later.
    assertThat(Duration.between(started, decreased)).isLessThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(Duration.between(decreased, rose)).isGreaterThanOrEqualTo(group.responseWindow());
    assertThat(List.of(sim.applied("m1"), sim.applied("m2"), sim.applied("m3")))
        .containsExactly(0.0, 22.0, 8.0);
    assertThat(sim.members.values()).allMatch(m -> m.state() == MemberState.FOLLOWING);
    assertThat(sim.maxEnvelopeSum).isLessThanOrEqualTo(30);
  }

  @Test
  void theLoadBalancerSharesTheBudgetAmongTheMembersThatWantEnergy() {
    GroupSim sim = new GroupSim(group, T0, EVS, GroupController.balancer(group), 1);
    sim.startController(1);
    sim.run(Duration.ofSeconds(20));
    // m1 has no EV, m3's EV takes 8 A, m2 gets the rest of the 30 A budget.
    assertThat(List.of(sim.applied("m1"), sim.applied("m2"), sim.applied("m3")))
        .containsExactly(0.0, 22.0, 8.0);
    sim.evMaxA.put("m1", 16.0);
    sim.run(Duration.ofSeconds(20));
    assertThat(sim.applied("m1") + sim.applied("m2") + sim.applied("m3")).isEqualTo(30.0);
    assertThat(sim.applied("m1")).isEqualTo(11);
    assertThat(sim.applied("m2")).isEqualTo(11);
  }

  @Test
  void aKilledControllerLeavesEveryMemberAtItsSafeShareAndARestartedOneTakesOverAgain() {
    GroupSim sim = sim();
    GroupController first = sim.startController(1);
    sim.run(Duration.ofSeconds(20));
    assertThat(sim.applied("m2")).isEqualTo(22);
    long firstEpoch = first.epoch();
    sim.killControllers();
    // controllerSilentAfter (3 s) + rise delay (7 s) + a heartbeat
    sim.run(Duration.ofSeconds(11));
    assertThat(List.of(sim.applied("m1"), sim.applied("m2"), sim.applied("m3")))
        .containsExactly(8.0, 12.0, 10.0);
    assertThat(sim.members.values()).allMatch(m -> m.state() == MemberState.FALLBACK);
    GroupController second = sim.startController(0);
    sim.run(Duration.ofSeconds(15));
    assertThat(second.epoch()).isGreaterThan(firstEpoch);
    assertThat(List.of(sim.applied("m1"), sim.applied("m2"), sim.applied("m3")))
        .containsExactly(0.0, 22.0, 8.0);
  }

  @Test
  void aControllerBackWithinTheLeaseCountsTheOldAllocationsUntilTheyAreReplaced() {
    GroupSim sim = sim();
    sim.startController(1);
    sim.run(Duration.ofSeconds(20));
    sim.killControllers();
    sim.run(Duration.ofMillis(1500));
    assertThat(sim.applied("m2")).isEqualTo(22);
    GroupController second = sim.startController(0);
    sim.run(Duration.ofSeconds(15));
    assertThat(second.role()).isEqualTo(GroupController.Role.LEADING);
    assertThat(sim.applied("m2")).isEqualTo(22);
  }

  @Test
  void aCutOffMemberIsReservedAtItsSafeShareBeforeItCanRiseToIt() {
    GroupSim sim = sim();
    sim.startController(1);
    sim.run(Duration.ofSeconds(20));
    sim.cut.add("m3");
    sim.run(Duration.ofSeconds(15));
    // m3 went to its safe share (10 A); m2 was cut to make room: 30 - 10 - 0.
    assertThat(sim.state("m3")).isEqualTo(MemberState.FALLBACK);
    assertThat(sim.applied("m3")).isEqualTo(10);
    assertThat(sim.applied("m2")).isEqualTo(20);
    sim.cut.clear();
    sim.run(Duration.ofSeconds(15));
    assertThat(List.of(sim.applied("m1"), sim.applied("m2"), sim.applied("m3")))
        .containsExactly(0.0, 22.0, 8.0);
  }

  @Test
  void aStaleControllerIsIgnoredByTheMembersAndStepsDownWhenItHearsTheNewerTerm() {
    GroupSim sim = sim();
    GroupController old = sim.startController(1);
    sim.run(Duration.ofSeconds(20));
    GroupController newer = sim.startController(50);
    sim.run(Duration.ofSeconds(15));
    assertThat(newer.epoch()).isEqualTo(50);
    assertThat(old.role()).isEqualTo(GroupController.Role.DEPOSED);
    assertThat(old.tick(sim.now)).isEmpty();
    assertThat(sim.members.values()).allMatch(m -> m.epoch() == 50);
    assertThat(sim.applied("m2")).isEqualTo(22);
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("group.seeds", 16));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void lossyLinksAndControllerRestartsNeverOverloadTheSite(long seed) {
    GroupSim sim = new GroupSim(group, T0, EVS, GroupSim.fixed(TARGETS), seed);
    sim.lossRate = 0.3;
    java.util.Random r = new java.util.Random(seed * 31);
    long floor = 1;
    for (int round = 0; round < 6; round++) {
      sim.startController(floor++);
      sim.run(Duration.ofMillis(2000 + r.nextInt(15000)));
      if (r.nextBoolean()) {
        sim.cut.add(List.of("m1", "m2", "m3").get(r.nextInt(3)));
      }
      sim.run(Duration.ofMillis(r.nextInt(8000)));
      sim.cut.clear();
      sim.killControllers();
      sim.run(Duration.ofMillis(r.nextInt(8000)));
    }
    // GroupSim checks both sums after every step; reaching here means they held.
    assertThat(sim.maxAppliedSum).isLessThanOrEqualTo(30);
  }
}
