package io.kilowire.core.loadmanagement.group;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A three-charger group: site 32 A, margin 2 A, safe shares 8 + 12 + 10 = 30 A. */
final class GroupFixtures {
  static final Instant T0 = Instant.parse("2026-11-23T06:00:00Z");

  private GroupFixtures() {}

  static GroupConfig group() {
    return GroupConfig.of(
            32,
            2,
            "m1",
            List.of(
                GroupMemberConfig.threePhase("m1", URI.create("coap://127.0.0.1:5701"), 32, 8),
                GroupMemberConfig.threePhase("m2", URI.create("coap://127.0.0.1:5702"), 32, 12),
                GroupMemberConfig.threePhase("m3", URI.create("coap://127.0.0.1:5703"), 32, 10)))
        .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2));
  }

  static GroupAllocation alloc(long epoch, long seq, String member, double amps) {
    return new GroupAllocation("m1", epoch, seq, member, amps, Duration.ofSeconds(3));
  }
}
