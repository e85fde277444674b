package io.kilowire.emulator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.v21.DERControl;
import io.kilowire.core.ocpp.v21.DERUnit;
import io.kilowire.emulator.site.SiteDerCurve;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which measurands the sandbox asks a 2.1 station for along with the site's DER curves. */
class DerCurveProgrammeTest {
  private static final SiteDerCurve FREQ_WATT =
      new SiteDerCurve(
          "fw",
          DERControl.FREQ_WATT,
          1,
          DERUnit.PCT_MAX_W,
          List.of(new SiteDerCurve.Point(49.8, 0), new SiteDerCurve.Point(50, -100)));
  private static final SiteDerCurve VOLT_VAR =
      new SiteDerCurve(
          "vv",
          DERControl.VOLT_VAR,
          0,
          DERUnit.PCT_MAX_VAR,
          List.of(new SiteDerCurve.Point(92, 30), new SiteDerCurve.Point(108, -30)));

  @Test
  void aReactiveCurveAsksForReactivePowerInTheTransactionsMeterValues() {
    assertThat(DerCurveProgramme.measurandsRequest(List.of(FREQ_WATT, VOLT_VAR)))
        .hasValueSatisfying(
            request ->
                assertThat(request)
                    .contains("\"name\":\"SampledDataCtrlr\"")
                    .contains("\"name\":\"TxUpdatedMeasurands\"")
                    .contains(
                        "\"attributeValue\":\"Energy.Active.Import.Register,"
                            + "Power.Reactive.Import,Power.Reactive.Export\""));
  }

  @Test
  void curvesOfActivePowerOnlyLeaveTheMeasurandsAsTheyAre() {
    assertThat(DerCurveProgramme.measurandsRequest(List.of(FREQ_WATT))).isEmpty();
  }
}
