package io.kilowire.core.configuration;

import java.util.List;

/**
 * The measurands a Kilowire station's meter values carry: what its meter reads (the import
 * register, power, current and voltage per phase; the export register, export power and export
 * current per phase where the meter counts energy fed back from the EV; reactive power, absorbed
 * and injected, where the meter reads it), the EV's state of charge when it reports one over ISO
 * 15118, and the current the station offers (the limit in force). The measurand keys (1.6
 * MeterValuesSampledData, MeterValuesAlignedData; 2.0.1 SampledDataCtrlr and AlignedDataCtrlr) take
 * these and refuse any other, so a CSMS is never told a measurand will come that never does.
 */
public final class SentMeasurands {
  private SentMeasurands() {}

  /** In the order the gateways write them. */
  public static final List<String> ALL =
      List.of(
          "Energy.Active.Import.Register",
          "Energy.Active.Export.Register",
          "Power.Active.Import",
          "Power.Active.Export",
          "Power.Reactive.Import",
          "Power.Reactive.Export",
          "Current.Import",
          "Current.Export",
          "Voltage",
          "SoC",
          "Current.Offered");

  /**
   * What a 2.1 station also sends where its lists name them (never by default): what it offers the
   * EV to feed back, its setpoint, and the energy the EV asks for over ISO 15118 (a BPT EV's V2X
   * range too).
   */
  public static final List<String> ONLY_21 =
      List.of(
          "Current.Export.Offered",
          "Power.Active.Setpoint",
          "EnergyRequest.Target",
          "EnergyRequest.Minimum",
          "EnergyRequest.Maximum",
          "EnergyRequest.Minimum.V2X",
          "EnergyRequest.Maximum.V2X");

  /**
   * A 2.1 station's measurand list: {@link #ALL} and {@link #ONLY_21}; another of 2.1's {@code
   * measurands} is refused with the reason.
   */
  static ValueType<List<String>> listType21(List<String> measurands, int maxLength) {
    List<String> sent = new java.util.ArrayList<>(ALL);
    sent.addAll(ONLY_21);
    return ValueType.memberList(
        List.copyOf(sent),
        measurands,
        ": the station does not send this measurand; it sends " + sent,
        maxLength);
  }

  /**
   * A measurand list of {@link #ALL}; another of the version's {@code measurands} is refused with
   * the reason that the station does not send it.
   */
  static ValueType<List<String>> listType(List<String> measurands, int maxLength) {
    return ValueType.memberList(
        ALL, measurands, ": the station does not send this measurand; it sends " + ALL, maxLength);
  }
}
