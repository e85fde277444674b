package io.kilowire.core.station.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SchedulePeriod;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The modes the station lists as supported (2.1) are exactly those it does not refuse. */
class OperationModesTest {
  private static ChargingProfile inMode(OperationMode mode) {
    return ChargingProfile.builder(1, ProfilePurpose.TX_DEFAULT)
        .evseId(1)
        .schedule(
            ChargingSchedule.of(
                RateUnit.A,
                List.of(SchedulePeriod.of(0, BigDecimal.TEN).bidirectional(null, null, mode))))
        .build();
  }

  @Test
  @DisplayName("a mode is listed for a bidirectional EVSE if and only if a profile in it passes")
  void theListFollowsTheRefusals() {
    for (OperationMode mode : OperationMode.values()) {
      assertThat(OperationModes.runnable(true).contains(mode))
          .as(mode.toString())
          .isEqualTo(OperationModes.refusal(inMode(mode)) == null);
    }
  }

  @Test
  @DisplayName("an EVSE that cannot feed back lists no mode that moves energy both ways")
  void withoutBidirectionalHardwareOnlyOneWay() {
    assertThat(OperationModes.runnable(false))
        .contains(OperationMode.CHARGING_ONLY, OperationMode.IDLE)
        .noneMatch(OperationMode::actsBothWays);
    assertThat(OperationModes.runnable(true)).contains(OperationMode.CENTRAL_SETPOINT);
  }
}
