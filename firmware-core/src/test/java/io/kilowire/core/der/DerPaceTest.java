package io.kilowire.core.der;

import static io.kilowire.core.der.DerFixtures.T0;
import static io.kilowire.core.der.DerFixtures.defaultControl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pace at which what the station applies follows what the controls allow, in virtual time: a
 * curve's open-loop response time (90 % of a step within it), the Gradients control's ramp on every
 * rise, and the soft start after entering service (EnterService rampRate, else softGradient).
 */
class DerPaceTest {
  private final DerPace pace = new DerPace();
  private final Map<DerControlType, DerControl> inForce = new EnumMap<>(DerControlType.class);

  /** Full charging at 50 Hz, none at 49.8 Hz (linear between), with a response time. */
  private static DerControl freqWatt(@Nullable String responseSeconds) {
    DerSetting.Curve plain = DerFixtures.curve(DerUnit.PCT_MAX_W, 49.8, 0, 50.0, -100);
    return defaultControl(
        "fw",
        DerControlType.FREQ_WATT,
        0,
        new DerSetting.Curve(
            plain.points(),
            plain.yUnit(),
            responseSeconds == null ? null : new BigDecimal(responseSeconds),
            null));
  }

  private static DerControl gradients(String gradient, String soft) {
    return defaultControl(
        "gr",
        DerControlType.GRADIENTS,
        0,
        new DerSetting.Gradients(new BigDecimal(gradient), new BigDecimal(soft)));
  }

  private static DerControl enterService(@Nullable String rampSeconds) {
    return defaultControl(
        "es",
        DerControlType.ENTER_SERVICE,
        0,
        new DerSetting.EnterService(
            new BigDecimal("110"),
            new BigDecimal("90"),
            new BigDecimal("50.1"),
            new BigDecimal("49.9"),
            null,
            null,
            rampSeconds == null ? null : new BigDecimal(rampSeconds)));
  }

  private void add(DerControl c) {
    inForce.put(c.type(), c);
  }

  /** One step of the room at {@code second} after T0 with the grid at {@code hz}. */
  private DerResponse at(long second, double hz) {
    return at(second, hz, false);
  }

  private DerResponse at(long second, double hz, boolean stopped) {
    GridState grid = GridState.of(hz, 100);
    DerResponse target = DerEvaluator.evaluate(inForce, grid);
    if (stopped) {
      target = new DerResponse(0, 0, target.reactive(), target.trips());
    }
    Instant now = T0.plusSeconds(second);
    return pace.follow(inForce, grid, target, stopped ? DerPace.Halt.TRIP : DerPace.Halt.NONE, now);
  }

  @Test
  @DisplayName("without a response time the station follows the curve at once")
  void noResponseTimeFollowsAtOnce() {
    add(freqWatt(null));
    assertThat(at(0, 50.0).chargePct()).isEqualTo(100);
    assertThat(at(1, 49.8).chargePct()).isZero();
    assertThat(pace.settled()).isTrue();
  }

  @Test
  @DisplayName("a curve's response time: 90 % of a step within it, the rest after, both ways")
  void responseTimeLagsTheStep() {
    add(freqWatt("10"));
    assertThat(at(0, 50.0).chargePct()).isEqualTo(100);

    double first = at(1, 49.8).chargePct();
    assertThat(first).as("a second after the step, still high").isBetween(70.0, 90.0);
    double previous = first;
    for (int s = 2; s < 10; s++) {
      double now = at(s, 49.8).chargePct();
      assertThat(now).as("falling steadily").isLessThan(previous);
      previous = now;
    }
    assertThat(at(10, 49.8).chargePct())
        .as("90 % of the way at the response time")
        .isCloseTo(10, within(1e-6));
    assertThat(at(30, 49.8).chargePct()).isCloseTo(0, within(0.2));

    assertThat(at(40, 50.0).chargePct())
        .as("back up, paced the same way")
        .isCloseTo(90, within(0.05));
  }

  @Test
  @DisplayName("a response time of 0 means no limit")
  void zeroResponseTimeIsNoLimit() {
    add(freqWatt("0"));
    at(0, 50.0);
    assertThat(at(1, 49.8).chargePct()).isZero();
  }

  @Test
  @DisplayName(
      "Gradients: a rise takes the gradient's seconds for the full range, a fall is at once")
  void gradientPacesRisesOnly() {
    add(freqWatt(null));
    add(gradients("50", "0"));
    assertThat(at(0, 50.0).chargePct()).isEqualTo(100);
    assertThat(at(1, 49.8).chargePct()).as("falls at once").isZero();

    assertThat(at(2, 50.0).chargePct()).as("2 %/s").isCloseTo(2, within(1e-9));
    assertThat(pace.settled()).isFalse();
    assertThat(at(12, 50.0).chargePct()).isCloseTo(22, within(1e-9));
    assertThat(at(51, 50.0).chargePct()).isCloseTo(100, within(1e-9));
    assertThat(pace.settled()).isTrue();
  }

  @Test
  @DisplayName("after a stop, EnterService's rampRate paces the way back to full power")
  void softStartAfterEnteringService() {
    add(gradients("10", "40"));
    add(enterService("100"));
    assertThat(at(0, 50.0).chargePct()).isEqualTo(100);
    assertThat(at(1, 50.0, true).chargePct()).as("stopped").isZero();
    assertThat(at(5, 50.0, true).dischargePct()).isZero();

    assertThat(at(6, 50.0).chargePct()).as("back in service: 1 %/s").isCloseTo(1, within(1e-9));
    assertThat(at(56, 50.0).chargePct()).isCloseTo(51, within(1e-9));
    assertThat(at(56, 50.0).dischargePct()).isCloseTo(51, within(1e-9));
    assertThat(at(105, 50.0).chargePct()).isCloseTo(100, within(1e-9));
    assertThat(pace.settled()).isTrue();

    // Once at full power, the ordinary gradient again (10 s for the full range).
    add(freqWatt(null));
    at(106, 49.8);
    assertThat(at(107, 50.0).chargePct()).isCloseTo(10, within(1e-9));
  }

  @Test
  @DisplayName("without an EnterService rampRate, the soft start takes softGradient")
  void softGradientWhenNoRampRate() {
    add(gradients("10", "40"));
    add(enterService(null));
    at(0, 50.0);
    at(1, 50.0, true);
    assertThat(at(2, 50.0).chargePct()).isCloseTo(2.5, within(1e-9));
    assertThat(at(22, 50.0).chargePct()).isCloseTo(52.5, within(1e-9));
  }

  @Test
  @DisplayName("after a momentary cessation no soft start: the ordinary gradient, if any")
  void noSoftStartAfterCessation() {
    add(gradients("10", "40"));
    add(enterService("100"));
    at(0, 50.0);
    GridState grid = GridState.of(50.0, 100);
    DerResponse zero = new DerResponse(0, 0, null, Map.of());
    assertThat(pace.follow(inForce, grid, zero, DerPace.Halt.CEASE, T0.plusSeconds(1)).chargePct())
        .isZero();
    assertThat(at(2, 50.0).chargePct())
        .as("10 %/s, not the soft start's 1 %/s")
        .isCloseTo(10, within(1e-9));
  }

  @Test
  @DisplayName("without any ramp the station is back at full power at once")
  void noRampBackAtOnce() {
    at(0, 50.0);
    at(1, 50.0, true);
    assertThat(at(2, 50.0).chargePct()).isEqualTo(100);
    assertThat(pace.settled()).isTrue();
  }
}
