package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.emulator.evaluation.SiteEvaluation.Mode;
import io.kilowire.emulator.evaluation.SiteEvaluation.Result;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The home-evening site evaluated with and without V2G: the same 2.1 stations and ISO 15118 EVs,
 * the V2G run with the sandbox asking the V2G EV to feed back in the evening peak.
 */
class V2gEvaluationTest {
  @Test
  void inTheEveningPeakTheEvFeedsTheHomeKeepsItsFloorAndStillLeavesWithWhatItWanted() {
    SiteFile site = SiteFileParser.read(Path.of("scenarios/home-evening.yaml"));
    assertThat(Mode.forSite(site)).containsExactly(Mode.STATIC, Mode.DYNAMIC, Mode.V2G);

    Result without = SiteEvaluation.run(site, Mode.DYNAMIC, Duration.ofHours(20), null);
    Result v2g = SiteEvaluation.run(site, Mode.V2G, Duration.ofHours(20), null);

    assertThat(without.evFedBackKwh()).isZero();
    // Four hours at 6.9 kW would be 27.6 kWh; the EV stops at its 40 % floor (21 kWh from 75 %).
    assertThat(v2g.evFedBackKwh()).isBetween(18.0, 21.5);
    assertThat(v2g.socAboveFloor()).isBetween(-0.01, 1.0);
    assertThat(V2gSummary.windowPeakAvoidedKw(v2g, without)).isGreaterThan(5);
    assertThat(v2g.peak15minKw()).isLessThan(without.peak15minKw());
    // What it fed back it takes again at night: every EV leaves with what it wanted.
    assertThat(v2g.unmetKwh()).isLessThan(0.05);
    assertThat(without.unmetKwh()).isLessThan(0.05);
    assertThat(v2g.deliveredKwh()).isGreaterThan(without.deliveredKwh() + 18);
    assertThat(List.of(v2g.violations(), without.violations())).containsOnly(0);
    assertThat(V2gSummary.table(List.of(without, v2g)))
        .contains("| home-evening | v2g |")
        .contains("points");
  }
}
