package io.kilowire.emulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSummaryTest {
  @TempDir Path dir;

  private static FleetSummary shard(String part, int stations, double boot, long... micros) {
    Histogram trips = new Histogram(3);
    for (long m : micros) {
      trips.recordValue(m);
    }
    return new FleetSummary(
        part,
        stations,
        stations,
        stations * 2L,
        boot,
        600.0,
        stations * 60L,
        stations / 10.0,
        1L,
        0.25,
        200_000_000L,
        20,
        2.0,
        FleetSummary.encode(trips));
  }

  @Test
  void shardsAddUpAndTheirRoundTripsMergeIntoOneHistogram() throws Exception {
    FleetSummary one = shard("1/2", 1000, 40.0, 500, 600, 700);
    FleetSummary two = shard("2/2", 3000, 55.5, 800, 90_000);
    one.write(dir.resolve("one.json"));
    two.write(dir.resolve("two.json"));

    FleetSummary merged =
        FleetSummary.merge(
            List.of(
                FleetSummary.read(dir.resolve("one.json")),
                FleetSummary.read(dir.resolve("two.json"))));

    assertThat(merged.stations()).isEqualTo(4000);
    assertThat(merged.accepted()).isEqualTo(4000);
    assertThat(merged.calls()).isEqualTo(240_000);
    assertThat(merged.callsPerSecond()).isEqualTo(400.0);
    assertThat(merged.bootAllSeconds()).isEqualTo(55.5);
    assertThat(merged.disconnections()).isEqualTo(2);
    assertThat(merged.cpuCores()).isEqualTo(0.5);
    Histogram trips = merged.roundTripHistogram();
    assertThat(trips.getTotalCount()).isEqualTo(5);
    assertThat(trips.getMaxValue()).isBetween(89_900L, 90_100L);
    assertThat(trips.getValueAtPercentile(50)).isBetween(695L, 705L);
  }

  @Test
  void aPlainRunsSummaryHasNoBenchmarkFigures() throws Exception {
    FleetSummary run = FleetSummary.of("1/1", 3, 3, 7);
    run.write(dir.resolve("run.json"));

    FleetSummary back = FleetSummary.read(dir.resolve("run.json"));

    assertThat(back).isEqualTo(run);
    assertThat(back.roundTripHistogram().getTotalCount()).isZero();
    assertThat(FleetReport.lines(back)).hasSize(1).first().asString().contains("3 of 3");
  }
}
