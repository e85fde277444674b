package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.emulator.evaluation.SiteEvaluation.Mode;
import io.kilowire.emulator.evaluation.SiteEvaluation.Result;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The home with 10 kWp for a simulated day in each mode: what the sun changes. */
class SolarEvaluationTest {
  @Test
  void theSunsModesBuyLessAndUseMoreOfThePvWithoutOverloadingTheFuse() {
    SiteFile home = SiteFileParser.read(Path.of("scenarios/home-solar.yaml"));
    assertThat(Mode.forSite(home))
        .containsExactly(Mode.STATIC, Mode.DYNAMIC, Mode.SOLAR_FIRST, Mode.SOLAR_ONLY);
    Map<Mode, Result> r = new EnumMap<>(Mode.class);
    // 00:00-20:00: both EVs come and go, and the sun rises and sets
    for (Mode m : List.of(Mode.DYNAMIC, Mode.SOLAR_FIRST, Mode.SOLAR_ONLY)) {
      r.put(m, SiteEvaluation.run(home, m, Duration.ofHours(20), null));
    }
    Result dynamic = r.get(Mode.DYNAMIC);
    Result solarOnly = r.get(Mode.SOLAR_ONLY);
    Result solarFirst = r.get(Mode.SOLAR_FIRST);
    for (Result x : r.values()) {
      assertThat(x.beyondWindowS()).as(x.mode() + " seconds beyond the window").isZero();
      assertThat(x.pvKwh()).as(x.mode() + " PV").isBetween(80.0, 105.0);
    }
    assertThat(dynamic.unmetKwh()).isLessThan(0.5);
    assertThat(solarOnly.boughtKwh()).isLessThan(solarFirst.boughtKwh());
    assertThat(solarFirst.boughtKwh()).isLessThan(dynamic.boughtKwh());
    assertThat(solarOnly.selfConsumption()).isGreaterThan(dynamic.selfConsumption());
    assertThat(solarOnly.cost()).isLessThan(dynamic.cost());
    // the night-shift EV still leaves at 07:30 with its 12 kWh: once the sun could not make it in
    // time, its departure got grid power; and the home-office EV got its 30 kWh from the sun
    assertThat(solarOnly.unmetKwh()).isLessThan(0.5);
    assertThat(solarOnly.deliveredKwh()).isGreaterThan(41.5);
  }
}
