package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The stop's line tells a fleet that stops slowly from a few stations that hold it up. */
class StopSpreadTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void halfNinetyAndNinetyNinePercentOfTheStationsDone() {
    // 100 stations: 1..100 tenths of a second, one unfinished (-1) left out.
    long[] done = LongStream.rangeClosed(1, 100).map(i -> i * SECOND / 10).toArray();
    long[] withOpen = LongStream.concat(LongStream.of(-1), LongStream.of(done)).toArray();

    assertThat(RunCommand.stopSpread(withOpen))
        .isEqualTo(" (half of them within 5.0 s, 90 % within 9.0 s, 99 % within 9.9 s)");
  }

  @Test
  void aFewStationsGetNoSpread() {
    assertThat(RunCommand.stopSpread(new long[] {SECOND, 2 * SECOND})).isEmpty();
  }
}
