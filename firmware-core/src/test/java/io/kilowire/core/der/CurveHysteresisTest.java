package io.kilowire.core.der;

import static io.kilowire.core.der.DerFixtures.T0;
import static io.kilowire.core.der.DerFixtures.defaultControl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A FreqWatt / VoltWatt curve's hysteresis, in virtual time: after a grid event the bound the curve
 * set is held until the grid has been back inside [hysteresisLow, hysteresisHigh] for
 * hysteresisDelay seconds, then rises at hysteresisGradient % per second. Falls are never delayed.
 */
class CurveHysteresisTest {
  private final DerPace pace = new DerPace();
  private final Map<DerControlType, DerControl> inForce = new EnumMap<>(DerControlType.class);

  /** Full charging at 50 Hz, none at 49.8 Hz (linear between), with this hysteresis. */
  private static DerControl freqWatt(
      @Nullable String low, @Nullable String high, @Nullable String delay, @Nullable String grad) {
    DerSetting.Curve plain = DerFixtures.curve(DerUnit.PCT_MAX_W, 49.8, 0, 50.0, -100);
    return defaultControl(
        "fw",
        DerControlType.FREQ_WATT,
        0,
        new DerSetting.Curve(
            plain.points(),
            plain.yUnit(),
            null,
            new DerSetting.Hysteresis(dec(high), dec(low), dec(delay), dec(grad))));
  }

  private static @Nullable BigDecimal dec(@Nullable String s) {
    return s == null ? null : new BigDecimal(s);
  }

  /** What may be charged at {@code second} after T0 with the grid at {@code hz}. */
  private double chargeAt(long second, double hz) {
    GridState grid = GridState.of(hz, 100);
    return pace.follow(
            inForce,
            grid,
            DerEvaluator.evaluate(inForce, grid),
            DerPace.Halt.NONE,
            T0.plusSeconds(second))
        .chargePct();
  }

  @Test
  @DisplayName("held until the grid is back in the band for the delay, then up at the gradient")
  void heldThenRampedBack() {
    inForce.put(DerControlType.FREQ_WATT, freqWatt("49.95", "50.05", "10", "5"));

    assertThat(chargeAt(0, 50.0)).isEqualTo(100);
    assertThat(chargeAt(1, 49.8)).isZero(); // the event: down at once
    assertThat(chargeAt(2, 50.0)).isZero(); // back in the band: held for 10 s
    assertThat(chargeAt(11, 50.0)).isZero();
    assertThat(chargeAt(12, 50.0)).isCloseTo(0, within(1e-9)); // delay over, ramp starts
    assertThat(chargeAt(13, 50.0)).isCloseTo(5, within(1e-9)); // 5 %/s
    assertThat(chargeAt(23, 50.0)).isCloseTo(55, within(1e-9));
    assertThat(chargeAt(40, 50.0)).isEqualTo(100);
  }

  @Test
  @DisplayName("outside the band the bound is held even where the curve would allow more")
  void outsideTheBandNothingReturns() {
    inForce.put(DerControlType.FREQ_WATT, freqWatt("49.95", "50.05", "10", null));

    assertThat(chargeAt(0, 49.8)).isZero();
    // The curve allows 50 % at 49.9 Hz, but 49.9 Hz lies below the band: held.
    assertThat(chargeAt(1, 49.9)).isZero();
    assertThat(chargeAt(30, 49.9)).isZero();
    // A deeper fall still acts at once, and leaving the band again restarts the delay.
    assertThat(chargeAt(31, 49.96)).isZero();
    assertThat(chargeAt(35, 49.9)).isZero();
    assertThat(chargeAt(36, 50.0)).isZero();
    assertThat(chargeAt(45, 50.0)).isZero();
    // No gradient: back at once when the delay is over.
    assertThat(chargeAt(46, 50.0)).isEqualTo(100);
  }

  @Test
  @DisplayName("without a band the delay counts from when the curve asks for more")
  void withoutABandTheDelayCountsFromTheRecovery() {
    inForce.put(DerControlType.FREQ_WATT, freqWatt(null, null, "5", null));

    assertThat(chargeAt(0, 49.8)).isZero();
    assertThat(chargeAt(1, 49.9)).isZero(); // asks for 50 %: waits 5 s
    assertThat(chargeAt(5, 49.9)).isZero();
    assertThat(chargeAt(6, 49.9)).isCloseTo(50, within(1e-9));
  }

  @Test
  @DisplayName("no hysteresis: the curve is followed back at once")
  void noHysteresisNoHold() {
    inForce.put(
        DerControlType.FREQ_WATT,
        defaultControl(
            "fw",
            DerControlType.FREQ_WATT,
            0,
            DerFixtures.curve(DerUnit.PCT_MAX_W, 49.8, 0, 50.0, -100)));

    assertThat(chargeAt(0, 49.8)).isZero();
    assertThat(chargeAt(1, 50.0)).isEqualTo(100);
  }

  @Test
  @DisplayName("VoltWatt reads its band in % of nominal voltage, discharge held alike")
  void voltWattBandInVoltage() {
    // Feeding allowed up to 100 % at nominal, none above 110 %.
    DerSetting.Curve plain = DerFixtures.curve(DerUnit.PCT_MAX_W, 105, 100, 110, 0);
    inForce.put(
        DerControlType.VOLT_WATT,
        defaultControl(
            "vw",
            DerControlType.VOLT_WATT,
            0,
            new DerSetting.Curve(
                plain.points(),
                plain.yUnit(),
                null,
                new DerSetting.Hysteresis(
                    new BigDecimal("104"), new BigDecimal("96"), new BigDecimal("3"), null))));

    assertThat(dischargeAt(0, 100)).isEqualTo(100);
    assertThat(dischargeAt(1, 110)).isZero();
    assertThat(dischargeAt(2, 100)).isZero();
    assertThat(dischargeAt(4, 100)).isZero();
    assertThat(dischargeAt(5, 100)).isEqualTo(100);
  }

  private double dischargeAt(long second, double voltPct) {
    GridState grid = GridState.of(50, voltPct);
    return pace.follow(
            inForce,
            grid,
            DerEvaluator.evaluate(inForce, grid),
            DerPace.Halt.NONE,
            T0.plusSeconds(second))
        .dischargePct();
  }
}
