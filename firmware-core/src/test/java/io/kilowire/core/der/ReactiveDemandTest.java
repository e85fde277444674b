package io.kilowire.core.der;

import static io.kilowire.core.der.DerFixtures.curve;
import static io.kilowire.core.der.DerFixtures.defaultControl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reactive power the reactive DER controls ask of an output, in % of its maximum reactive power
 * (positive injecting), from the grid's voltage and the output's active power (% of its maximum,
 * positive feeding, negative drawing).
 */
class ReactiveDemandTest {

  private static ReactiveDemand demand(DerControl control, double voltPct) {
    ReactiveDemand d =
        DerEvaluator.evaluate(Map.of(control.type(), control), GridState.of(50, voltPct))
            .reactive();
    assertThat(d).isNotNull();
    return d;
  }

  private static DerControl fixedPf(DerControlType type, String pf, boolean absorbing) {
    return defaultControl(
        "pf", type, 0, new DerSetting.FixedPowerFactor(new BigDecimal(pf), absorbing));
  }

  @ParameterizedTest(name = "{0} % of nominal voltage: {1} % of the maximum var")
  @CsvSource({"90, 30", "95, 15", "100, 0", "105, -15", "110, -30"})
  void voltVarFollowsTheVoltageWhateverTheActivePower(double voltPct, double varPct) {
    DerControl vv =
        defaultControl(
            "vv",
            DerControlType.VOLT_VAR,
            0,
            curve(DerUnit.PCT_MAX_VAR, 92, 30, 98, 0, 102, 0, 108, -30));

    assertThat(demand(vv, voltPct).percentAt(-50)).isCloseTo(varPct, within(1e-9));
    assertThat(demand(vv, voltPct).percentAt(0)).isCloseTo(varPct, within(1e-9));
    assertThat(demand(vv, voltPct).followsActivePower()).isFalse();
  }

  @Test
  void aFixedPowerFactorScalesWithTheActivePowerAndItsExcitationGivesTheSign() {
    // cos φ 0.8: |Q| = |P| · tan(acos 0.8) = 0.75 |P|.
    ReactiveDemand absorb = demand(fixedPf(DerControlType.FIXED_PF_ABSORB, "0.8", true), 100);
    ReactiveDemand inject = demand(fixedPf(DerControlType.FIXED_PF_INJECT, "0.8", false), 100);

    assertThat(absorb.percentAt(-40)).isCloseTo(-30, within(1e-9));
    assertThat(absorb.percentAt(40)).isCloseTo(-30, within(1e-9));
    assertThat(inject.percentAt(-40)).isCloseTo(30, within(1e-9));
    assertThat(absorb.percentAt(0)).isZero();
    assertThat(absorb.followsActivePower()).isTrue();
  }

  @Test
  void unityPowerFactorAsksForNoReactivePower() {
    assertThat(demand(fixedPf(DerControlType.FIXED_PF_INJECT, "1", false), 100).percentAt(-80))
        .isCloseTo(0, within(1e-9));
  }

  @Test
  void fixedVarInPercentOfTheMaximumOrOfWhatIsAvailable() {
    DerControl ofMax =
        defaultControl(
            "fv",
            DerControlType.FIXED_VAR,
            0,
            new DerSetting.FixedReactive(new BigDecimal("-20"), DerUnit.PCT_MAX_VAR));
    DerControl ofAvailable =
        defaultControl(
            "fv",
            DerControlType.FIXED_VAR,
            0,
            new DerSetting.FixedReactive(new BigDecimal("50"), DerUnit.PCT_VAR_AVAIL));

    assertThat(demand(ofMax, 100).percentAt(-60)).isCloseTo(-20, within(1e-9));
    assertThat(demand(ofMax, 100).followsActivePower()).isFalse();
    // Drawing 60 % of the apparent power leaves 80 % for reactive power: half of it.
    assertThat(demand(ofAvailable, 100).percentAt(-60)).isCloseTo(40, within(1e-9));
    assertThat(demand(ofAvailable, 100).followsActivePower()).isTrue();
  }

  @Test
  void wattVarReadsTheActivePowerOnItsXAxis() {
    // Drawing hard (−100 %) absorbs 40 %, drawing little asks for nothing.
    DerControl wv =
        defaultControl(
            "wv", DerControlType.WATT_VAR, 0, curve(DerUnit.PCT_MAX_VAR, -100, -40, -50, 0));

    assertThat(demand(wv, 100).percentAt(-100)).isCloseTo(-40, within(1e-9));
    assertThat(demand(wv, 100).percentAt(-75)).isCloseTo(-20, within(1e-9));
    assertThat(demand(wv, 100).percentAt(-10)).isZero();
    assertThat(demand(wv, 100).followsActivePower()).isTrue();
  }

  @Test
  void wattPfReadsThePowerFactorOffTheCurvePositiveAbsorbing() {
    // Feeding: cos φ 0.8 absorbing at full power; drawing: 0.8 injecting.
    DerControl wpf =
        defaultControl(
            "wpf",
            DerControlType.WATT_PF,
            0,
            curve(DerUnit.NOT_APPLICABLE, -100, -0.8, -50, -1, 50, 1, 100, 0.8));

    assertThat(demand(wpf, 100).percentAt(100)).isCloseTo(-75, within(1e-9));
    assertThat(demand(wpf, 100).percentAt(-100)).isCloseTo(75, within(1e-9));
    assertThat(demand(wpf, 100).percentAt(0)).isCloseTo(0, within(1e-9));
  }

  @Test
  void theReactiveControlOfTheHighestPriorityActsAlone() {
    Map<DerControlType, DerControl> inForce = new EnumMap<>(DerControlType.class);
    inForce.put(
        DerControlType.FIXED_VAR,
        defaultControl(
            "fv",
            DerControlType.FIXED_VAR,
            3,
            new DerSetting.FixedReactive(new BigDecimal("-20"), DerUnit.PCT_MAX_VAR)));
    inForce.put(
        DerControlType.VOLT_VAR,
        defaultControl("vv", DerControlType.VOLT_VAR, 1, curve(DerUnit.PCT_MAX_VAR, 95, 10)));

    ReactiveDemand d = DerEvaluator.evaluate(inForce, GridState.of(50, 100)).reactive();

    assertThat(d).isNotNull();
    assertThat(d.control().id()).isEqualTo("vv");
    assertThat(d.percentAt(0)).isEqualTo(10);
  }

  @Test
  void controlsThatDoNotHoldTogetherAreRefused() {
    assertThatThrownBy(() -> fixedPf(DerControlType.FIXED_PF_ABSORB, "0.9", false))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("excitation");
    assertThatThrownBy(() -> fixedPf(DerControlType.FIXED_PF_INJECT, "0", false))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("displacement");
    assertThatThrownBy(() -> fixedPf(DerControlType.FIXED_PF_INJECT, "1.2", false))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("displacement");
    assertThatThrownBy(
            () ->
                defaultControl(
                    "fv",
                    DerControlType.FIXED_VAR,
                    0,
                    new DerSetting.FixedReactive(BigDecimal.TEN, DerUnit.PCT_MAX_W)))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("PCT_MAX_W");
    assertThatThrownBy(
            () ->
                defaultControl(
                    "fv",
                    DerControlType.FIXED_VAR,
                    0,
                    new DerSetting.FixedReactive(new BigDecimal("120"), DerUnit.PCT_MAX_VAR)))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("setpoint");
    assertThatThrownBy(
            () ->
                defaultControl(
                    "wpf",
                    DerControlType.WATT_PF,
                    0,
                    curve(DerUnit.NOT_APPLICABLE, -100, -0.8, 100, 0)))
        .isInstanceOf(InvalidDerControl.class)
        .hasMessageContaining("power factor");
    assertThatThrownBy(
            () ->
                defaultControl(
                    "wpf", DerControlType.WATT_PF, 0, curve(DerUnit.PCT_MAX_VAR, -100, -0.8)))
        .isInstanceOf(InvalidDerControl.class);
  }
}
