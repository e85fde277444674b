package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.configuration.DeviceVariable;
import io.kilowire.core.configuration.Mutability;
import io.kilowire.core.configuration.V21SmartChargingVariables;
import io.kilowire.core.configuration.V21TxVariables;
import io.kilowire.core.ocpp.json.MessageCodec;
import io.kilowire.core.ocpp.v21.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v21.TransactionLimit;
import io.kilowire.core.smartcharging.RejectionReason;
import io.kilowire.core.smartcharging.ValidationResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a 2.1 station's device model says it supports is what its 2.1 adapter does: each
 * SmartChargingCtrlr feature flag read false names a schedule field the station refuses, the one
 * read true a kind it takes, and TxCtrlr.SupportedLimits names exactly the transactionLimit fields
 * the station keeps.
 */
class V21AdvertisedFeaturesTest {
  private static final MessageCodec CODEC = new MessageCodec();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each flag read false, and a schedule (2.1 wire JSON) asking for its feature. */
  private static final Map<DeviceVariable<Boolean>, String> REFUSED_FEATURES =
      Map.of(
          V21SmartChargingVariables.SUPPORTS_USE_LOCAL_TIME,
          "\"useLocalTime\":true,\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16}]",
          V21SmartChargingVariables.SUPPORTS_RANDOMIZED_DELAY,
          "\"randomizedDelay\":60,\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16}]",
          V21SmartChargingVariables.SUPPORTS_LIMIT_AT_SOC,
          "\"limitAtSoC\":{\"soc\":80,\"limit\":6},"
              + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16}]",
          V21SmartChargingVariables.SUPPORTS_EVSE_SLEEP,
          "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"operationMode\":\"Idle\","
              + "\"evseSleep\":true}]");

  @Test
  @DisplayName("a feature flag read false is a schedule field SetChargingProfile refuses by name")
  void falseFlagsAreRefusedFeatures() throws Exception {
    for (var e : REFUSED_FEATURES.entrySet()) {
      DeviceVariable<Boolean> flag = e.getKey();
      assertThat(flag.actual().defaultValue()).as(flag.toString()).isFalse();
      assertThat(flag.actual().mutability()).as(flag.toString()).isEqualTo(Mutability.READ_ONLY);
      assertThat(V21SmartChargingVariables.ALL).as(flag.toString()).contains(flag);
      ValidationResult refused =
          V21SmartChargingMapping.unsupported(request("Absolute", e.getValue()));
      assertThat(refused).as(flag.toString()).isNotNull();
      assertThat(refused.reason()).isEqualTo(RejectionReason.UNSUPPORTED_SCHEDULE_FEATURE);
      String feature = flag.variable().name().substring("Supports".length());
      assertThat(refused.detail().toLowerCase()).contains(feature.toLowerCase());
    }
  }

  @Test
  @DisplayName("SupportsDynamicProfiles true: a Dynamic profile is not refused as unsupported")
  void dynamicProfilesAreTaken() throws Exception {
    assertThat(V21SmartChargingVariables.SUPPORTS_DYNAMIC_PROFILES.actual().defaultValue())
        .isTrue();
    assertThat(
            V21SmartChargingMapping.unsupported(
                request(
                    "Dynamic", "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16}]")))
        .isNull();
  }

  @Test
  @DisplayName("TxCtrlr.SupportedLimits lists each transactionLimit field the station keeps")
  void supportedLimitsAreTheLimitsKept() {
    DeviceVariable<List<String>> supported = V21TxVariables.SUPPORTED_LIMITS;
    assertThat(supported.actual().mutability()).isEqualTo(Mutability.READ_ONLY);
    assertThat(V21TxVariables.ALL).contains(supported);
    assertThat(supported.actual().defaultValue())
        .containsExactlyInAnyOrder("maxCost", "maxEnergy", "maxTime", "maxSoC");
    // Each one, alone on the wire, becomes that limit and no other in the domain.
    var cost =
        V21TransactionLimits.domain(new TransactionLimit(BigDecimal.ONE, null, null, null, null));
    assertThat(cost.maxCost()).isEqualByComparingTo("1");
    assertThat(cost.maxEnergyWh()).isNull();
    var energy =
        V21TransactionLimits.domain(new TransactionLimit(null, BigDecimal.TEN, null, null, null));
    assertThat(energy.maxEnergyWh()).isEqualTo(10.0);
    var time = V21TransactionLimits.domain(new TransactionLimit(null, null, 60, null, null));
    assertThat(time.maxTime()).hasSeconds(60);
    var soc = V21TransactionLimits.domain(new TransactionLimit(null, null, null, 80, null));
    assertThat(soc.maxSocPercent()).isEqualTo(80);
  }

  private static SetChargingProfileRequest request(String kind, String schedule) throws Exception {
    String json =
        "{\"evseId\":1,\"chargingProfile\":{\"id\":7,\"stackLevel\":0,"
            + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\""
            + kind
            + "\",\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"A\","
            + (kind.equals("Dynamic") ? "" : "\"startSchedule\":\"2026-01-01T00:00:00Z\",")
            + schedule
            + "}]}}";
    return CODEC.decode(JSON.readTree(json), SetChargingProfileRequest.class);
  }
}
