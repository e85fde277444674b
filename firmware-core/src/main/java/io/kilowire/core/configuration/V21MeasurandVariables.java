package io.kilowire.core.configuration;

import io.kilowire.core.ocpp.v21.Measurand;
import java.util.Arrays;
import java.util.List;

/**
 * A 2.1 station's measurand lists (SampledDataCtrlr TxStarted/TxUpdated/TxEndedMeasurands,
 * AlignedDataCtrlr.Measurands) in place of 2.0.1's: they also take 2.1's measurands the station
 * sends ({@link SentMeasurands#ONLY_21}), which 2.0.1 cannot name; the defaults stay the import
 * register.
 */
public final class V21MeasurandVariables {
  private V21MeasurandVariables() {}

  private static final List<String> MEASURANDS_21 =
      Arrays.stream(Measurand.values()).map(Measurand::value).toList();

  private static DeviceVariable<List<String>> over21(DeviceVariable<List<String>> of201) {
    return DeviceVariable.of(
        of201.component(),
        of201.variable(),
        SentMeasurands.listType21(MEASURANDS_21, ValueType.DEFAULT_MAX_LIST_LENGTH),
        of201.actual().defaultValue(),
        k -> k.readWrite().mandatory());
  }

  /** The lists, each to replace the 2.0.1 one at its address. */
  public static final List<DeviceVariable<?>> ALL =
      List.of(
          over21(V201Variables.SampledDataCtrlr.TX_ENDED_MEASURANDS),
          over21(V201Variables.SampledDataCtrlr.TX_STARTED_MEASURANDS),
          over21(V201Variables.SampledDataCtrlr.TX_UPDATED_MEASURANDS),
          over21(V201Variables.AlignedDataCtrlr.MEASURANDS));
}
