package io.kilowire.core.station.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.V2xCurves;
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
                List.of(
                    SchedulePeriod.of(0, BigDecimal.TEN)
                        .bidirectional(null, null, mode)
                        .withV2x(CURVES))))
        .build();
  }

  /** Both curves, so that each frequency mode has what it needs. */
  private static final V2xCurves CURVES =
      new V2xCurves(
          null,
          List.of(new V2xCurves.Point(BigDecimal.valueOf(50), BigDecimal.ZERO)),
          List.of(new V2xCurves.Point(BigDecimal.ZERO, BigDecimal.ZERO)));

  @Test
  @DisplayName("a mode is listed for a bidirectional EVSE if and only if a profile in it passes")
  void theListFollowsTheRefusals() {
    for (boolean gridSensor : new boolean[] {true, false}) {
      for (OperationMode mode : OperationMode.values()) {
        assertThat(OperationModes.runnable(true, gridSensor).contains(mode))
            .as(mode + (gridSensor ? " with" : " without") + " a grid sensor")
            .isEqualTo(OperationModes.refusal(inMode(mode), gridSensor) == null);
      }
    }
  }

  @Test
  @DisplayName("an EVSE that cannot feed back lists no mode that moves energy both ways")
  void withoutBidirectionalHardwareOnlyOneWay() {
    assertThat(OperationModes.runnable(false, true))
        .contains(OperationMode.CHARGING_ONLY, OperationMode.IDLE)
        .noneMatch(OperationMode::actsBothWays);
    assertThat(OperationModes.runnable(true, true))
        .contains(
            OperationMode.CENTRAL_SETPOINT,
            OperationMode.EXTERNAL_SETPOINT,
            OperationMode.LOCAL_FREQUENCY,
            OperationMode.CENTRAL_FREQUENCY);
    assertThat(OperationModes.runnable(true, false)).doesNotContain(OperationMode.LOCAL_FREQUENCY);
  }
}
