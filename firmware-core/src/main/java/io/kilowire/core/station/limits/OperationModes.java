package io.kilowire.core.station.limits;

import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.smartcharging.RejectionReason;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.V2xCurves;
import io.kilowire.core.smartcharging.ValidationResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The 2.1 operation modes this station can run only with what they need: LocalFrequency a grid
 * sensor (the grid's frequency is its input) and a frequency-watt curve in the period,
 * CentralFrequency a signal-watt curve (the CSMS's aFRR signal is its input). A profile asking for
 * one without it is Rejected with InvalidOperationMode, naming the mode and what is missing.
 * ExternalLimits, LocalLoadBalancing and ExternalSetpoint need nothing more; every mode that moves
 * energy both ways also needs an EVSE and EV that can discharge ({@link Discharging#refusal}).
 */
public final class OperationModes {
  private OperationModes() {}

  /**
   * The modes the station runs on an EVSE (2.1 V2XChargingCtrlr.SupportedOperationModes): those
   * that move energy both ways only where the EVSE's hardware can feed back, and LocalFrequency
   * only with a grid sensor.
   */
  public static List<OperationMode> runnable(boolean bidirectional, boolean gridSensor) {
    return java.util.Arrays.stream(OperationMode.values())
        .filter(m -> bidirectional || !m.actsBothWays())
        .filter(m -> gridSensor || m != OperationMode.LOCAL_FREQUENCY)
        .toList();
  }

  /**
   * The refusal of {@code profile}, or null if the station can run all its periods' modes.
   *
   * @param gridSensor whether the station reads the grid's frequency
   */
  static @Nullable ValidationResult refusal(ChargingProfile profile, boolean gridSensor) {
    for (ChargingSchedule s : profile.schedules()) {
      for (SchedulePeriod p : s.periods()) {
        String why = why(p, gridSensor);
        if (why != null) {
          return new ValidationResult(
              null, List.of(), RejectionReason.OPERATION_MODE_NOT_POSSIBLE, p.mode() + ": " + why);
        }
      }
    }
    return null;
  }

  private static @Nullable String why(SchedulePeriod p, boolean gridSensor) {
    V2xCurves curves = p.v2x();
    return switch (p.mode()) {
      case LOCAL_FREQUENCY -> {
        if (!gridSensor) {
          yield "this station has no grid sensor to read the frequency";
        }
        yield curves == null || curves.frequencyWatt().isEmpty()
            ? "the period gives no v2xFreqWattCurve"
            : null;
      }
      case CENTRAL_FREQUENCY ->
          curves == null || curves.signalWatt().isEmpty()
              ? "the period gives no v2xSignalWattCurve"
              : null;
      default -> null;
    };
  }
}
