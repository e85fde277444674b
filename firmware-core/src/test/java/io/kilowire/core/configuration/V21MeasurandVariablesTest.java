package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 2.1 station's measurand lists take 2.1's measurands it sends, and still refuse the ones it does
 * not; a 2.0.1 station's lists, which cannot name them, refuse them.
 */
class V21MeasurandVariablesTest {
  private static final List<String> ASKED =
      List.of("Energy.Active.Import.Register", "EnergyRequest.Target", "Current.Export.Offered");

  @Test
  void a21StationsListsTakeThe21MeasurandsItSends() {
    DeviceModel.Builder b = DeviceModel.builder(Layouts.WALLBOX);
    V21MeasurandVariables.ALL.forEach(b::replace);
    DeviceModel model = b.build();

    model.set(V201Variables.SampledDataCtrlr.TX_UPDATED_MEASURANDS, ASKED);
    model.set(V201Variables.AlignedDataCtrlr.MEASURANDS, List.of("Power.Active.Setpoint"));

    assertThat(StationSettings.of(model).sampledMeasurands()).isEqualTo(ASKED);
    assertThatThrownBy(
            () ->
                model.set(
                    V201Variables.SampledDataCtrlr.TX_ENDED_MEASURANDS,
                    List.of("Display.PresentSOC")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("does not send");
  }

  @Test
  void a201StationsListsRefuseThem() {
    DeviceModel model = DeviceModel.builder(Layouts.WALLBOX).build();

    assertThatThrownBy(() -> model.set(V201Variables.SampledDataCtrlr.TX_UPDATED_MEASURANDS, ASKED))
        .isInstanceOf(InvalidValueException.class);
  }
}
