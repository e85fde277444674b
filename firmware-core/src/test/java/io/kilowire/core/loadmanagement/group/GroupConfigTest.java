package io.kilowire.core.loadmanagement.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.loadmanagement.Phase;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupConfigTest {
  private static GroupMemberConfig member(String id, double safe) {
    return GroupMemberConfig.threePhase(id, URI.create("coap://127.0.0.1:5683"), 32, safe);
  }

  @Test
  void derivedTimingsFollowTheConfiguredOnes() {
    GroupConfig g = GroupFixtures.group();
    assertThat(g.budgetA()).isEqualTo(30);
    assertThat(g.lease()).isEqualTo(Duration.ofSeconds(3));
    assertThat(g.memberSilentAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(g.riseDelay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void safeSharesAboveTheSiteLimitMinusMarginAreRefusedNamingTheField() {
    List<GroupMemberConfig> members = List.of(member("a", 12), member("b", 12), member("c", 7));
    assertThatThrownBy(() -> GroupConfig.of(32, 2, "a", members))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("members[*].safeShareA")
        .hasMessageContaining("31.0 A on L1")
        .hasMessageContaining("30.0 A");
    // The same shares fit without the margin.
    assertThat(GroupConfig.of(32, 1, "a", members).budgetA()).isEqualTo(31);
  }

  @Test
  void singlePhaseMembersCountOnlyOnTheirPhase() {
    URI u = URI.create("coap://127.0.0.1:5683");
    List<GroupMemberConfig> members =
        List.of(
            new GroupMemberConfig("a", u, List.of(Phase.L1), 32, 16),
            new GroupMemberConfig("b", u, List.of(Phase.L2), 32, 16),
            new GroupMemberConfig("c", u, List.of(Phase.L1), 32, 16));
    assertThatThrownBy(() -> GroupConfig.of(31, 0, "a", members))
        .hasMessageContaining("32.0 A on L1")
        .isInstanceOf(IllegalArgumentException.class);
    List<GroupMemberConfig> spread =
        List.of(
            members.get(0),
            members.get(1),
            new GroupMemberConfig("c", u, List.of(Phase.L3), 32, 16));
    assertThat(GroupConfig.of(16, 0, "a", spread).members()).hasSize(3);
  }

  @Test
  void otherMistakesNameTheirField() {
    assertThatThrownBy(() -> GroupConfig.of(32, 0, "x", List.of(member("a", 8))))
        .hasMessageContaining("controllerId");
    assertThatThrownBy(() -> GroupConfig.of(32, 0, "a", List.of(member("a", 8), member("a", 8))))
        .hasMessageContaining("members[1].id");
    assertThatThrownBy(() -> GroupConfig.of(32, 0, "a", List.of(member("a", 40))))
        .hasMessageContaining("members[0].safeShareA");
    assertThatThrownBy(
            () ->
                GroupConfig.of(
                    32,
                    0,
                    "a",
                    List.of(GroupMemberConfig.threePhase("a", URI.create("http://h:1"), 32, 8))))
        .hasMessageContaining("members[0].endpoint");
    assertThatThrownBy(() -> GroupConfig.of(32, 40, "a", List.of(member("a", 8))))
        .hasMessageContaining("marginA");
    GroupConfig ok = GroupConfig.of(32, 0, "a", List.of(member("a", 8)));
    assertThatThrownBy(
            () ->
                ok.withTimings(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)))
        .hasMessageContaining("controllerSilentAfter");
    assertThatThrownBy(
            () ->
                ok.withTimings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1)))
        .hasMessageContaining("responseWindow");
  }
}
