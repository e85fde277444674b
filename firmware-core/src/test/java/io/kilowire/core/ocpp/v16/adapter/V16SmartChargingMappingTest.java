package io.kilowire.core.ocpp.v16.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.SchemaConformance;
import io.kilowire.core.ocpp.v16.ChargingProfile;
import io.kilowire.core.ocpp.v16.ChargingProfileKind;
import io.kilowire.core.ocpp.v16.ChargingProfilePurpose;
import io.kilowire.core.ocpp.v16.ChargingProfileStatus;
import io.kilowire.core.ocpp.v16.ChargingRateUnit;
import io.kilowire.core.ocpp.v16.ChargingSchedule;
import io.kilowire.core.ocpp.v16.ChargingSchedulePeriod;
import io.kilowire.core.ocpp.v16.ClearChargingProfileRequest;
import io.kilowire.core.ocpp.v16.ClearChargingProfileStatus;
import io.kilowire.core.ocpp.v16.GetCompositeScheduleStatus;
import io.kilowire.core.ocpp.v16.RecurrencyKind;
import io.kilowire.core.ocpp.v16.SetChargingProfileRequest;
import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.CompositeScheduler;
import io.kilowire.core.smartcharging.ProfileStore;
import io.kilowire.core.smartcharging.ProfileValidator;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SmartChargingLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class V16SmartChargingMappingTest {
  private static final SmartChargingLimits LIMITS =
      SmartChargingLimits.defaults(2, BigDecimal.valueOf(32));
  private static final Instant NOW = Instant.parse("2013-01-05T06:00:00Z");

  /** OCPP 1.6 §3.13.7 (SPEC-FACTS A.10). */
  private static SetChargingProfileRequest dailyExample(int connectorId) {
    return new SetChargingProfileRequest(
        connectorId,
        new ChargingProfile(
            100,
            null,
            0,
            ChargingProfilePurpose.TX_DEFAULT_PROFILE,
            ChargingProfileKind.RECURRING,
            RecurrencyKind.DAILY,
            null,
            null,
            new ChargingSchedule(
                86400,
                Instant.parse("2013-01-01T00:00:00Z"),
                ChargingRateUnit.W,
                List.of(
                    new ChargingSchedulePeriod(0, new BigDecimal("11000.0"), 3),
                    new ChargingSchedulePeriod(28800, new BigDecimal("6000.0"), 3),
                    new ChargingSchedulePeriod(72000, new BigDecimal("11000.0"), 3)),
                null)));
  }

  @Test
  void theDailyExampleIsAcceptedAndReportedAsACompositeWithoutStartSchedule() {
    ProfileStore store = new ProfileStore();
    var profile = V16SmartChargingMapping.profile(dailyExample(0));
    var result =
        new ProfileValidator(LIMITS)
            .validate(profile, V16SmartChargingMapping.PROFILE_RULES, store, Map.of());
    var response = V16SmartChargingMapping.response(result);
    assertThat(response.status()).isEqualTo(ChargingProfileStatus.ACCEPTED);
    SchemaConformance.assertConforms(OcppVersion.V16, response);
    store.install(result.acceptedProfile(), V16SmartChargingMapping.PROFILE_RULES);

    var composite =
        new CompositeScheduler(LIMITS)
            .composite(store.profiles(), Map.of(), 1, NOW, 86400, RateUnit.W);
    var conf = V16SmartChargingMapping.compositeResponse(composite);
    SchemaConformance.assertConforms(OcppVersion.V16, conf);
    assertThat(conf.status()).isEqualTo(GetCompositeScheduleStatus.ACCEPTED);
    assertThat(conf.connectorId()).isEqualTo(1);
    assertThat(conf.scheduleStart()).isEqualTo(NOW);
    assertThat(conf.chargingSchedule().startSchedule()).as("ERR16 3.57").isNull();
    assertThat(conf.chargingSchedule().chargingSchedulePeriod())
        .extracting(ChargingSchedulePeriod::startPeriod)
        .containsExactly(0, 7200, 50400);
    assertThat(conf.chargingSchedule().chargingSchedulePeriod())
        .extracting(p -> p.limit().intValue())
        .containsExactly(11000, 6000, 11000);
  }

  @Test
  void aProfileSurvivesTheRoundTripThroughTheWire() {
    var profile = V16SmartChargingMapping.profile(dailyExample(0));
    assertThat(V16SmartChargingMapping.profile(0, V16SmartChargingMapping.wire(profile)))
        .isEqualTo(profile);
  }

  @Test
  void anUnknownConnectorIsRejected() {
    var result =
        new ProfileValidator(LIMITS)
            .validate(
                V16SmartChargingMapping.profile(dailyExample(5)),
                V16SmartChargingMapping.PROFILE_RULES,
                new ProfileStore(),
                Map.of());
    assertThat(V16SmartChargingMapping.response(result).status())
        .isEqualTo(ChargingProfileStatus.REJECTED);
  }

  @Test
  void aDisallowedUnitIsNotSupported() {
    var limits = LIMITS.withAllowedUnits(EnumSet.of(RateUnit.A));
    var result =
        new ProfileValidator(limits)
            .validate(
                V16SmartChargingMapping.profile(dailyExample(0)),
                V16SmartChargingMapping.PROFILE_RULES,
                new ProfileStore(),
                Map.of());
    assertThat(V16SmartChargingMapping.response(result).status())
        .isEqualTo(ChargingProfileStatus.NOT_SUPPORTED);
  }

  @Test
  void aTxProfileCarriesItsIntegerTransactionIdAsText() {
    var wire =
        new ChargingProfile(
            7,
            42,
            1,
            ChargingProfilePurpose.TX_PROFILE,
            ChargingProfileKind.RELATIVE,
            null,
            null,
            null,
            ChargingSchedule.of(
                ChargingRateUnit.A, List.of(ChargingSchedulePeriod.of(0, BigDecimal.TEN))));
    var profile = V16SmartChargingMapping.profile(new SetChargingProfileRequest(1, wire));
    assertThat(profile.transactionId()).isEqualTo("42");
    var result =
        new ProfileValidator(LIMITS)
            .validate(
                profile,
                V16SmartChargingMapping.PROFILE_RULES,
                new ProfileStore(),
                Map.of(1, new ActiveTransaction("42", NOW)));
    assertThat(result.isAccepted()).isTrue();
    assertThat(V16SmartChargingMapping.wire(profile).transactionId()).isEqualTo(42);
  }

  @Test
  void clearingWithNoFieldsClearsAllAndNothingLeftGivesUnknown() {
    ProfileStore store = new ProfileStore();
    store.install(
        V16SmartChargingMapping.profile(dailyExample(0)), V16SmartChargingMapping.PROFILE_RULES);
    var criteria = V16SmartChargingMapping.criteria(ClearChargingProfileRequest.of());
    var first = V16SmartChargingMapping.clearResponse(store.clear(criteria));
    var second = V16SmartChargingMapping.clearResponse(store.clear(criteria));
    assertThat(first.status()).isEqualTo(ClearChargingProfileStatus.ACCEPTED);
    assertThat(second.status()).isEqualTo(ClearChargingProfileStatus.UNKNOWN);
    SchemaConformance.assertConforms(OcppVersion.V16, first);
  }

  @Test
  void clearingByIdIgnoresTheOtherFields() {
    var criteria =
        V16SmartChargingMapping.criteria(
            new ClearChargingProfileRequest(100, 2, ChargingProfilePurpose.TX_PROFILE, 5));
    ProfileStore store = new ProfileStore();
    store.install(
        V16SmartChargingMapping.profile(dailyExample(0)), V16SmartChargingMapping.PROFILE_RULES);
    assertThat(store.clear(criteria)).hasSize(1);
  }

  @Test
  void aRejectedCompositeConformsToTheSchema() {
    SchemaConformance.assertConforms(OcppVersion.V16, V16SmartChargingMapping.compositeRejected());
  }
}
