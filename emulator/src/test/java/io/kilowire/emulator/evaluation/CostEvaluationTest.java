package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.emulator.evaluation.SiteEvaluation.Mode;
import io.kilowire.emulator.evaluation.SiteEvaluation.Result;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The home on a day/night tariff for a simulated day: what the cost mode changes. */
class CostEvaluationTest {
  @Test
  void theCostModeBuysAtNightAndStillMeetsBothDepartures() {
    SiteFile home = SiteFileParser.read(Path.of("scenarios/home-night.yaml"));
    assertThat(Mode.forSite(home)).containsExactly(Mode.STATIC, Mode.DYNAMIC, Mode.COST);
    assertThat(Mode.forSite(SiteFileParser.read(Path.of("scenarios/home-solar.yaml"))))
        .as("one price all day: nothing to choose")
        .doesNotContain(Mode.COST);
    // noon to 08:00: both EVs come, charge and leave
    Result dynamic = SiteEvaluation.run(home, Mode.DYNAMIC, Duration.ofHours(20), null);
    Result cost = SiteEvaluation.run(home, Mode.COST, Duration.ofHours(20), null);
    for (Result x : new Result[] {dynamic, cost}) {
      assertThat(x.beyondWindowS()).as(x.mode() + " seconds beyond the window").isZero();
      assertThat(x.unmetKwh()).as(x.mode() + " unmet").isLessThan(0.5);
      assertThat(x.deliveredKwh()).as(x.mode() + " delivered").isGreaterThan(34.5);
    }
    // the EVs' 35 kWh at night instead of the evening: at least 90 % of the 0.22 per kWh it saves
    // (the building's own energy costs the same in both)
    assertThat(dynamic.cost() - cost.cost()).isGreaterThan(0.9 * 35 * (0.34 - 0.12));
  }
}
