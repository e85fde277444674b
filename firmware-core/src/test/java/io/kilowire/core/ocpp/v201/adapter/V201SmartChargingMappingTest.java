package io.kilowire.core.ocpp.v201.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.SchemaConformance;
import io.kilowire.core.ocpp.v201.ChargingLimitSource;
import io.kilowire.core.ocpp.v201.ChargingProfile;
import io.kilowire.core.ocpp.v201.ChargingProfileCriterion;
import io.kilowire.core.ocpp.v201.ChargingProfileKind;
import io.kilowire.core.ocpp.v201.ChargingProfilePurpose;
import io.kilowire.core.ocpp.v201.ChargingProfileStatus;
import io.kilowire.core.ocpp.v201.ChargingRateUnit;
import io.kilowire.core.ocpp.v201.ChargingSchedule;
import io.kilowire.core.ocpp.v201.ChargingSchedulePeriod;
import io.kilowire.core.ocpp.v201.ClearChargingProfile;
import io.kilowire.core.ocpp.v201.ClearChargingProfileRequest;
import io.kilowire.core.ocpp.v201.ClearChargingProfileStatus;
import io.kilowire.core.ocpp.v201.GenericStatus;
import io.kilowire.core.ocpp.v201.GetChargingProfileStatus;
import io.kilowire.core.ocpp.v201.GetChargingProfilesRequest;
import io.kilowire.core.ocpp.v201.SetChargingProfileRequest;
import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.CompositeScheduler;
import io.kilowire.core.smartcharging.LimitSource;
import io.kilowire.core.smartcharging.ProfileStore;
import io.kilowire.core.smartcharging.ProfileValidator;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SmartChargingLimits;
import io.kilowire.core.smartcharging.ValidationResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class V201SmartChargingMappingTest {
  private static final SmartChargingLimits LIMITS =
      SmartChargingLimits.defaults(2, BigDecimal.valueOf(32));
  private static final Instant NOW = Instant.parse("2024-03-04T12:00:00Z");
  private static final Map<Integer, ActiveTransaction> TX =
      Map.of(1, new ActiveTransaction("tx-1", NOW.minusSeconds(600)));

  private final ProfileStore store = new ProfileStore();

  private static ChargingProfile wire(
      int id,
      ChargingProfilePurpose purpose,
      ChargingProfileKind kind,
      @Nullable Instant start,
      @Nullable String tx,
      ChargingRateUnit unit,
      long... startAndLimit) {
    var periods = new java.util.ArrayList<ChargingSchedulePeriod>();
    for (int i = 0; i < startAndLimit.length; i += 2) {
      periods.add(
          ChargingSchedulePeriod.of(
              (int) startAndLimit[i], BigDecimal.valueOf(startAndLimit[i + 1])));
    }
    return new ChargingProfile(
        null,
        id,
        0,
        purpose,
        kind,
        null,
        null,
        null,
        List.of(new ChargingSchedule(null, 1, start, null, unit, periods, null, null)),
        tx);
  }

  private ValidationResult set(int evseId, ChargingProfile wire) {
    var profile = V201SmartChargingMapping.profile(SetChargingProfileRequest.of(evseId, wire));
    var result =
        new ProfileValidator(LIMITS)
            .validate(profile, V201SmartChargingMapping.PROFILE_RULES, store, TX);
    if (result.isAccepted()) {
      store.install(result.acceptedProfile(), V201SmartChargingMapping.PROFILE_RULES);
    }
    SchemaConformance.assertConforms(OcppVersion.V201, V201SmartChargingMapping.response(result));
    return result;
  }

  @Test
  void mergesStationMaximumTxDefaultAndTxProfileAsInK02() {
    // Reconstructed K02/K08 merge (SPEC-FACTS B.4): the TxProfile overrides the TxDefault, the
    // station maximum caps both.
    set(
        0,
        wire(
            1,
            ChargingProfilePurpose.CHARGING_STATION_MAX_PROFILE,
            ChargingProfileKind.ABSOLUTE,
            NOW.minusSeconds(3600),
            null,
            ChargingRateUnit.W,
            0,
            11000));
    set(
        0,
        wire(
            2,
            ChargingProfilePurpose.TX_DEFAULT_PROFILE,
            ChargingProfileKind.ABSOLUTE,
            NOW.minusSeconds(3600),
            null,
            ChargingRateUnit.A,
            0,
            16));
    set(
        1,
        wire(
            3,
            ChargingProfilePurpose.TX_PROFILE,
            ChargingProfileKind.RELATIVE,
            null,
            "tx-1",
            ChargingRateUnit.A,
            0,
            10,
            4200,
            32));
    var composite =
        new CompositeScheduler(LIMITS).composite(store.profiles(), TX, 1, NOW, 7200, RateUnit.A);
    var response = V201SmartChargingMapping.compositeResponse(composite);
    SchemaConformance.assertConforms(OcppVersion.V201, response);
    var schedule = response.schedule();
    assertThat(schedule.evseId()).isEqualTo(1);
    assertThat(schedule.scheduleStart()).isEqualTo(NOW);
    assertThat(schedule.chargingSchedulePeriod())
        .extracting(ChargingSchedulePeriod::startPeriod)
        .containsExactly(0, 3600);
    assertThat(schedule.chargingSchedulePeriod().get(0).limit()).isEqualByComparingTo("10");
    assertThat(schedule.chargingSchedulePeriod().get(1).limit()).isEqualByComparingTo("15.9");
  }

  @Test
  void aRejectionCarriesTheReasonCodeAndTheRule() {
    var result =
        set(
            1,
            wire(
                3,
                ChargingProfilePurpose.TX_PROFILE,
                ChargingProfileKind.RELATIVE,
                null,
                "other",
                ChargingRateUnit.A,
                0,
                10));
    var response = V201SmartChargingMapping.response(result);
    assertThat(response.status()).isEqualTo(ChargingProfileStatus.REJECTED);
    assertThat(response.statusInfo().reasonCode()).isEqualTo("TxNotFound");
    assertThat(response.statusInfo().additionalInfo()).contains("other");
  }

  @Test
  void externalConstraintsFromTheCsmsAreRejected() {
    var result =
        set(
            0,
            wire(
                4,
                ChargingProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS,
                ChargingProfileKind.ABSOLUTE,
                NOW,
                null,
                ChargingRateUnit.A,
                0,
                10));
    assertThat(V201SmartChargingMapping.response(result).statusInfo().reasonCode())
        .isEqualTo("InvalidProfileType");
  }

  @Test
  void clearingExternalConstraintsAnswersUnknownWithInvalidValue() {
    store.install(
        V201SmartChargingMapping.profile(
            0,
            wire(
                -1,
                ChargingProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS,
                ChargingProfileKind.ABSOLUTE,
                NOW,
                null,
                ChargingRateUnit.A,
                0,
                10),
            LimitSource.EMS),
        V201SmartChargingMapping.PROFILE_RULES);
    var request =
        new ClearChargingProfileRequest(
            null,
            null,
            new ClearChargingProfile(
                null, null, ChargingProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, null));
    var removed = store.clear(V201SmartChargingMapping.criteria(request));
    var response = V201SmartChargingMapping.clearResponse(request, removed);
    SchemaConformance.assertConforms(OcppVersion.V201, response);
    assertThat(response.status()).isEqualTo(ClearChargingProfileStatus.UNKNOWN);
    assertThat(response.statusInfo().reasonCode()).isEqualTo("InvalidValue");
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void clearingByEvseAndPurposeRemovesTheMatchingProfiles() {
    set(
        0,
        wire(
            2,
            ChargingProfilePurpose.TX_DEFAULT_PROFILE,
            ChargingProfileKind.ABSOLUTE,
            NOW,
            null,
            ChargingRateUnit.A,
            0,
            16));
    var request =
        new ClearChargingProfileRequest(
            null,
            null,
            new ClearChargingProfile(null, 0, ChargingProfilePurpose.TX_DEFAULT_PROFILE, null));
    var response =
        V201SmartChargingMapping.clearResponse(
            request, store.clear(V201SmartChargingMapping.criteria(request)));
    assertThat(response.status()).isEqualTo(ClearChargingProfileStatus.ACCEPTED);
  }

  @Test
  void getChargingProfilesReportsPerEvseAndSourceWithTbcOnAllButTheLast() {
    set(
        0,
        wire(
            1,
            ChargingProfilePurpose.CHARGING_STATION_MAX_PROFILE,
            ChargingProfileKind.ABSOLUTE,
            NOW,
            null,
            ChargingRateUnit.W,
            0,
            11000));
    set(
        0,
        wire(
            2,
            ChargingProfilePurpose.TX_DEFAULT_PROFILE,
            ChargingProfileKind.ABSOLUTE,
            NOW,
            null,
            ChargingRateUnit.A,
            0,
            16));
    set(
        1,
        wire(
            3,
            ChargingProfilePurpose.TX_PROFILE,
            ChargingProfileKind.RELATIVE,
            null,
            "tx-1",
            ChargingRateUnit.A,
            0,
            10));
    var request = GetChargingProfilesRequest.of(9, ChargingProfileCriterion.of());
    var found = store.find(V201SmartChargingMapping.query(request));
    var response = V201SmartChargingMapping.getChargingProfilesResponse(found);
    assertThat(response.status()).isEqualTo(GetChargingProfileStatus.ACCEPTED);
    var reports = V201SmartChargingMapping.reports(9, found);
    assertThat(reports).hasSize(2);
    assertThat(reports.get(0).evseId()).isEqualTo(0);
    assertThat(reports.get(0).chargingProfile()).hasSize(2);
    assertThat(reports.get(0).tbc()).isTrue();
    assertThat(reports.get(1).tbc()).isNull();
    assertThat(reports.get(1).chargingLimitSource()).isEqualTo(ChargingLimitSource.CSO);
    reports.forEach(r -> SchemaConformance.assertConforms(OcppVersion.V201, r));
  }

  @Test
  void getChargingProfilesWithNothingMatchingAnswersNoProfiles() {
    var request =
        new GetChargingProfilesRequest(
            null, 1, 2, new ChargingProfileCriterion(null, null, null, List.of(77), null));
    var found = store.find(V201SmartChargingMapping.query(request));
    assertThat(V201SmartChargingMapping.getChargingProfilesResponse(found).status())
        .isEqualTo(GetChargingProfileStatus.NO_PROFILES);
  }

  @Test
  void aProfileSurvivesTheRoundTripThroughTheWire() {
    var wire =
        wire(
            3,
            ChargingProfilePurpose.TX_PROFILE,
            ChargingProfileKind.RELATIVE,
            null,
            "tx-1",
            ChargingRateUnit.A,
            0,
            10);
    var profile = V201SmartChargingMapping.profile(1, wire, LimitSource.CSO);
    assertThat(V201SmartChargingMapping.wire(profile)).isEqualTo(wire);
  }

  @Test
  void aRejectedCompositeCarriesStatusInfo() {
    var response =
        V201SmartChargingMapping.compositeRejected("InvalidEVSE", "EVSE 9 does not exist");
    assertThat(response.status()).isEqualTo(GenericStatus.REJECTED);
    SchemaConformance.assertConforms(OcppVersion.V201, response);
  }
}
