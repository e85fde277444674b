package io.kilowire.core.station.limits;

import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.smartcharging.RejectionReason;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.ValidationResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The 2.1 operation modes this station cannot run at all, whatever the EVSE and EV: it runs no
 * frequency control (CentralFrequency, LocalFrequency). A profile asking for one is Rejected with
 * InvalidOperationMode, naming the mode. ExternalLimits and LocalLoadBalancing it runs: the
 * schedule's limit under the EMS limit and the station's own balancer, which apply in every mode;
 * ExternalSetpoint too, the EV following the local system's setpoint ({@code
 * Station.externalSetpoint}) where it can discharge.
 */
public final class OperationModes {
  private OperationModes() {}

  /**
   * The modes the station runs on an EVSE (2.1 V2XChargingCtrlr.SupportedOperationModes): every
   * mode it does not refuse outright, and of those that move energy both ways only where the EVSE's
   * hardware can feed back.
   */
  public static List<OperationMode> runnable(boolean bidirectional) {
    return java.util.Arrays.stream(OperationMode.values())
        .filter(m -> why(m) == null && (bidirectional || !m.actsBothWays()))
        .toList();
  }

  /** The refusal of {@code profile}, or null if the station can run all its periods' modes. */
  static @Nullable ValidationResult refusal(ChargingProfile profile) {
    for (ChargingSchedule s : profile.schedules()) {
      for (SchedulePeriod p : s.periods()) {
        String why = why(p.mode());
        if (why != null) {
          return new ValidationResult(
              null, List.of(), RejectionReason.OPERATION_MODE_NOT_POSSIBLE, p.mode() + ": " + why);
        }
      }
    }
    return null;
  }

  private static @Nullable String why(OperationMode mode) {
    return switch (mode) {
      case CENTRAL_FREQUENCY, LOCAL_FREQUENCY -> "this station runs no frequency control";
      default -> null;
    };
  }
}
