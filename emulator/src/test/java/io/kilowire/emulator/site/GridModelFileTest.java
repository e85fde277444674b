package io.kilowire.emulator.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The {@code grid} section of a site file: a day of frequency and voltage, errors by field. */
class GridModelFileTest {
  private static final String BASE =
      """
      gridLimitA: 63
      evses:
        - {station: 1, evse: 1}
      """;

  private static SiteFile parse(String grid) {
    return SiteFileParser.parse(BASE + grid, true, "grid");
  }

  @Test
  void aSeriesHoldsFromEachPointToTheNextAndWrapsTheDay() {
    GridModel grid =
        parse(
                """
                grid:
                  frequencyHz:
                    - {t: "17:00", value: 49.8}
                    - {t: "18:00", value: 50.0}
                  voltagePct:
                    - {t: "12:00", value: 94}
                """)
            .grid();

    assertThat(grid).isNotNull();
    assertThat(grid.at(LocalTime.of(17, 30)).frequencyHz()).isEqualTo(49.8);
    assertThat(grid.at(LocalTime.of(18, 0)).frequencyHz()).isEqualTo(50.0);
    assertThat(grid.at(LocalTime.of(3, 0)).frequencyHz()).as("wraps").isEqualTo(50.0);
    assertThat(grid.at(LocalTime.of(3, 0)).voltagePct()).isEqualTo(94);
    assertThat(grid.at(LocalTime.of(3, 0)).nominalFrequencyHz()).isEqualTo(50);
  }

  @Test
  void withoutAGridSectionTheStationsHaveNoGridSensor() {
    assertThat(SiteFileParser.parse(BASE, true, "none").grid()).isNull();
    assertThat(parse("grid: {nominalFrequencyHz: 60}\n").grid().at(LocalTime.NOON).frequencyHz())
        .isEqualTo(60);
  }

  @Test
  void badValuesAreNamedByTheirField() {
    assertThatThrownBy(() -> parse("grid:\n  frequencyHz:\n    - {t: \"17:00\", value: 5}\n"))
        .hasMessageContaining("grid.frequencyHz[0].value")
        .hasMessageContaining("40");
    assertThatThrownBy(() -> parse("grid: {nominalFrequencyHz: 55}\n"))
        .hasMessageContaining("grid.nominalFrequencyHz")
        .hasMessageContaining("50 or 60");
    assertThatThrownBy(() -> parse("grid: {frequency: []}\n"))
        .hasMessageContaining("grid")
        .hasMessageContaining("frequency");
    assertThatThrownBy(() -> parse("grid:\n  voltagePct: []\n"))
        .hasMessageContaining("grid.voltagePct");
    assertThatThrownBy(() -> parse("grid:\n  voltagePct:\n    - {t: \"25:00\", value: 100}\n"))
        .hasMessageContaining("grid.voltagePct[0].t");
  }

  @Test
  void derCurvesAreReadForTheSandbox() {
    GridModel grid =
        parse(
                """
                grid:
                  der:
                    - {id: fw, type: FreqWatt, priority: 1, yUnit: PctMaxW,
                       curve: [{x: 49.8, y: 0}, {x: 50, y: -100}]}
                    - {id: lf, type: LFMustTrip, yUnit: Not_Applicable, curve: [{x: 0.2, y: 47.5}]}
                """)
            .grid();

    assertThat(grid.der())
        .extracting(SiteDerCurve::id, c -> c.type().value(), SiteDerCurve::priority)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("fw", "FreqWatt", 1),
            org.assertj.core.api.Assertions.tuple("lf", "LFMustTrip", 0));
    assertThat(grid.der().get(0).curve())
        .containsExactly(new SiteDerCurve.Point(49.8, 0), new SiteDerCurve.Point(50, -100));
    assertThat(parse("grid: {nominalFrequencyHz: 50}\n").grid().der()).isEmpty();
  }

  @Test
  void aDerCurveWithAWindowIsScheduled() {
    String curve = ", curve: [{x: 49.8, y: 0}]";
    GridModel grid =
        parse(
                "grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxW"
                    + curve
                    + ", from: \"17:10\", until: \"17:20\"}\n")
            .grid();
    assertThat(grid.der().get(0).scheduled()).isTrue();
    assertThat(grid.der().get(0).from()).isEqualTo(java.time.LocalTime.of(17, 10));
    assertThat(grid.der().get(0).until()).isEqualTo(java.time.LocalTime.of(17, 20));

    assertThatThrownBy(
            () ->
                parse(
                    "grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxW"
                        + curve
                        + ", from: \"17:10\"}\n"))
        .hasMessageContaining("grid.der[0].from")
        .hasMessageContaining("until");
    assertThatThrownBy(
            () ->
                parse(
                    "grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxW"
                        + curve
                        + ", until: \"17:10\"}\n"))
        .hasMessageContaining("grid.der[0].until")
        .hasMessageContaining("from");
    assertThatThrownBy(
            () ->
                parse(
                    "grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxW"
                        + curve
                        + ", from: \"17:10\", until: \"17:10\"}\n"))
        .hasMessageContaining("grid.der[0].until")
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                parse(
                    "grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxW"
                        + curve
                        + ", from: \"7pm\", until: \"17:10\"}\n"))
        .hasMessageContaining("grid.der[0].from");
  }

  @Test
  void badDerCurvesAreNamedByTheirField() {
    String curve = ", curve: [{x: 49.8, y: 0}]}\n";
    assertThatThrownBy(
            () -> parse("grid:\n  der:\n    - {id: fw, type: Watts, yUnit: PctMaxW" + curve))
        .hasMessageContaining("grid.der[0].type")
        .hasMessageContaining("FreqWatt");
    assertThatThrownBy(
            () -> parse("grid:\n  der:\n    - {id: fw, type: FixedVar, yUnit: PctMaxW" + curve))
        .hasMessageContaining("grid.der[0].type")
        .hasMessageContaining("not a curve");
    assertThatThrownBy(
            () -> parse("grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxVar" + curve))
        .hasMessageContaining("grid.der[0].yUnit")
        .hasMessageContaining("PctMaxVar");
    assertThatThrownBy(
            () ->
                parse(
                    "grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxW, priority: -1"
                        + curve))
        .hasMessageContaining("grid.der[0].priority");
    assertThatThrownBy(
            () ->
                parse(
                    "grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxW,"
                        + " curve: [{x: 50, y: 0}, {x: 49.8, y: -100}]}\n"))
        .hasMessageContaining("grid.der[0].curve[1].x")
        .hasMessageContaining("rise");
    assertThatThrownBy(
            () ->
                parse("grid:\n  der:\n    - {id: \"f w\", type: FreqWatt, yUnit: PctMaxW" + curve))
        .hasMessageContaining("grid.der[0].id");
    assertThatThrownBy(
            () ->
                parse(
                    "grid:\n  der:\n    - {id: fw, type: FreqWatt, yUnit: PctMaxW"
                        + curve
                        + "    - {id: fw, type: VoltWatt, yUnit: PctMaxW"
                        + curve))
        .hasMessageContaining("grid.der[1].id")
        .hasMessageContaining("already");
    assertThatThrownBy(() -> parse("grid:\n  der:\n    - {id: fw, type: FreqWatt" + curve))
        .hasMessageContaining("grid.der[0]")
        .hasMessageContaining("yUnit");
  }
}
