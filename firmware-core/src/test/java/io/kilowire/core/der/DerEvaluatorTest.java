package io.kilowire.core.der;

import static io.kilowire.core.der.DerFixtures.defaultControl;
import static io.kilowire.core.der.DerFixtures.frequencyWatt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerEvaluatorTest {

  private static DerResponse at(DerControl control, double hz, double voltPct) {
    return DerEvaluator.evaluate(Map.of(control.type(), control), GridState.of(hz, voltPct));
  }

  @ParameterizedTest(name = "{0} Hz: charge {1} %, discharge {2} %")
  @CsvSource({
    "50.00, 100, 0", // nominal: draw up to the maximum, feed nothing
    "50.10, 100, 0", // beyond the last point the curve holds
    "49.90, 50, 0", // halfway down to 49.8 Hz
    "49.80, 0, 0",
    "49.65, 0, 25", // below 49.8 Hz the curve asks the station to feed
    "49.00, 0, 50"
  })
  void frequencyWattBoundsBothDirectionsTowardTheCurve(double hz, double charge, double discharge) {
    DerResponse r = at(defaultControl("fw", DerControlType.FREQ_WATT, 0, frequencyWatt()), hz, 100);

    assertThat(r.chargePct()).isCloseTo(charge, within(1e-9));
    assertThat(r.dischargePct()).isCloseTo(discharge, within(1e-9));
    assertThat(r.tripped()).isFalse();
  }

  @Test
  void voltWattReadsTheVoltage() {
    DerControl vw =
        defaultControl(
            "vw",
            DerControlType.VOLT_WATT,
            0,
            DerFixtures.curve(DerUnit.PCT_MAX_W, 90, 0, 95, -100));

    assertThat(at(vw, 50, 100).chargePct()).isEqualTo(100);
    assertThat(at(vw, 50, 92.5).chargePct()).isCloseTo(50, within(1e-9));
    assertThat(at(vw, 50, 85).chargePct()).isZero();
  }

  @Test
  void frequencyDroopCutsChargingBelowAndDischargingAboveItsBand() {
    DerControl droop =
        defaultControl(
            "fd",
            DerControlType.FREQ_DROOP,
            0,
            new DerSetting.FrequencyDroop(
                new BigDecimal("50.2"),
                new BigDecimal("49.8"),
                new BigDecimal("0.05"),
                new BigDecimal("0.05"),
                BigDecimal.ONE));

    // 0.05 per unit of 50 Hz: 100 % over 2.5 Hz, so 40 % per Hz.
    assertThat(at(droop, 50.0, 100)).isEqualTo(DerResponse.FREE);
    assertThat(at(droop, 49.3, 100).chargePct()).isCloseTo(80, within(1e-9));
    assertThat(at(droop, 49.3, 100).dischargePct()).isEqualTo(100);
    assertThat(at(droop, 50.7, 100).dischargePct()).isCloseTo(80, within(1e-9));
    assertThat(at(droop, 47.0, 100).chargePct()).isZero();
  }

  @Test
  void limitMaxDischargeCapsFeedingOnly() {
    DerResponse r =
        at(
            defaultControl(
                "lm",
                DerControlType.LIMIT_MAX_DISCHARGE,
                0,
                new DerSetting.DischargeLimit(BigDecimal.valueOf(30), null)),
            50,
            100);

    assertThat(r.chargePct()).isEqualTo(100);
    assertThat(r.dischargePct()).isEqualTo(30);
  }

  @Test
  void voltVarGivesTheReactivePowerAtTheVoltage() {
    DerControl vv =
        defaultControl(
            "vv",
            DerControlType.VOLT_VAR,
            0,
            DerFixtures.curve(DerUnit.PCT_MAX_VAR, 92, 30, 98, 0, 102, 0, 108, -30));

    assertThat(at(vv, 50, 95).reactive().percentAt(0)).isCloseTo(15, within(1e-9));
    assertThat(at(vv, 50, 100).reactive().percentAt(0)).isZero();
    assertThat(at(vv, 50, 110).reactive().percentAt(0)).isEqualTo(-30);
    assertThat(at(vv, 50, 110).chargePct()).isEqualTo(100);
  }

  @Test
  void aMustTripCurveStopsBothDirectionsAndNamesTheFault() {
    // x seconds, y Hz: must trip after 10 s above 50.5 Hz, after 0.2 s above 51.5 Hz.
    DerControl hf =
        defaultControl(
            "hf",
            DerControlType.HF_MUST_TRIP,
            0,
            DerFixtures.curve(DerUnit.NOT_APPLICABLE, 0.2, 51.5, 10, 50.5));
    DerControl lv =
        defaultControl(
            "lv",
            DerControlType.LV_MUST_TRIP,
            0,
            DerFixtures.curve(DerUnit.NOT_APPLICABLE, 0.2, 50, 10, 88));

    assertThat(at(hf, 50.4, 100).tripped()).isFalse();
    DerResponse tripped = at(hf, 50.6, 100);
    assertThat(tripped.trips())
        .containsEntry(DerControlType.HF_MUST_TRIP, GridFault.OVER_FREQUENCY);
    assertThat(tripped.chargePct()).isZero();
    assertThat(tripped.dischargePct()).isZero();
    assertThat(at(lv, 50, 87).trips())
        .containsEntry(DerControlType.LV_MUST_TRIP, GridFault.UNDER_VOLTAGE);
    assertThat(at(lv, 50, 95).tripped()).isFalse();
  }

  @Test
  void severalControlsTakeTheTightestBound() {
    DerControl fw = defaultControl("fw", DerControlType.FREQ_WATT, 0, frequencyWatt());
    DerControl lm =
        defaultControl(
            "lm",
            DerControlType.LIMIT_MAX_DISCHARGE,
            0,
            new DerSetting.DischargeLimit(BigDecimal.valueOf(10), null));

    DerResponse r =
        DerEvaluator.evaluate(Map.of(fw.type(), fw, lm.type(), lm), GridState.of(49.0, 100));

    assertThat(r.chargePct()).isZero();
    assertThat(r.dischargePct()).isEqualTo(10);
  }
}
