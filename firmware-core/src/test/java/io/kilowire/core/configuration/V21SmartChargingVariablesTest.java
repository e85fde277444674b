package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.smartcharging.LimitSource;
import io.kilowire.core.smartcharging.SmartChargingService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SmartChargingCtrlr variables a 2.1 station adds say what its smart charging does. */
class V21SmartChargingVariablesTest {
  @Test
  @DisplayName("MaxExternalConstraintsId: every external limit's id is at or below it, read-only")
  void maxExternalConstraintsIdCoversTheStationsOwnIds() {
    DeviceVariable<Integer> max = V21SmartChargingVariables.MAX_EXTERNAL_CONSTRAINTS_ID;
    int value = max.actual().defaultValue();
    for (LimitSource source : LimitSource.values()) {
      int id = SmartChargingService.externalLimitId(source);
      assertThat(id).as(source.toString()).isLessThanOrEqualTo(value);
      assertThat(SmartChargingService.isExternalLimitId(id)).isTrue();
    }
    // The ids above it are the CSMS's: none of them is reserved for an external limit.
    assertThat(SmartChargingService.isExternalLimitId(value + 1)).isFalse();
    assertThat(max.actual().mutability()).isEqualTo(Mutability.READ_ONLY);
    assertThat(max.actual().type().dataType()).isEqualTo(DataType.INTEGER);
    assertThat(V21SmartChargingVariables.ALL).contains(max);
  }
}
