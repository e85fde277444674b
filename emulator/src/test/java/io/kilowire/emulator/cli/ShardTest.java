package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void theShardsOfAFleetAreDisjointAndTogetherTheWholeFleet() {
    int fleet = 100_003;
    int next = 1;
    for (int k = 1; k <= 10; k++) {
      Shard s = Shard.parse(k + "/10");
      assertThat(s.first(fleet)).isEqualTo(next);
      assertThat(s.size(fleet)).isBetween(10_000, 10_001);
      next = s.last(fleet) + 1;
    }
    assertThat(next).isEqualTo(fleet + 1);
  }

  @Test
  void theThirdOfTenOfAHundredThousandIsTwentyThousandAndOneToThirtyThousand() {
    Shard s = Shard.parse("3/10");

    assertThat(s.first(100_000)).isEqualTo(20_001);
    assertThat(s.last(100_000)).isEqualTo(30_000);
    assertThat(Shard.WHOLE.first(7)).isEqualTo(1);
    assertThat(Shard.WHOLE.last(7)).isEqualTo(7);
  }
}
