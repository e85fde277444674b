package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.SchemaConformance;
import io.kilowire.core.ocpp.v201.ChargingLimitSource;
import io.kilowire.core.ocpp.v201.ChargingProfileCriterion;
import io.kilowire.core.ocpp.v201.ChargingProfilePurpose;
import io.kilowire.core.ocpp.v201.ChargingRateUnit;
import io.kilowire.core.ocpp.v201.ClearChargingProfile;
import io.kilowire.core.ocpp.v201.ClearChargingProfileRequest;
import io.kilowire.core.ocpp.v201.ClearChargingProfileResponse;
import io.kilowire.core.ocpp.v201.ClearChargingProfileStatus;
import io.kilowire.core.ocpp.v201.GetChargingProfileStatus;
import io.kilowire.core.ocpp.v201.GetChargingProfilesRequest;
import io.kilowire.core.ocpp.v201.GetChargingProfilesResponse;
import io.kilowire.core.ocpp.v201.GetCompositeScheduleRequest;
import io.kilowire.core.ocpp.v201.GetCompositeScheduleResponse;
import io.kilowire.core.ocpp.v201.NotifyChargingLimitRequest;
import io.kilowire.core.ocpp.v201.ReportChargingProfilesRequest;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.ocpp.v201.TriggerReason;
import io.kilowire.core.smartcharging.ProfileQuery;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.testing.ParametersOverride;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An external limit (demand response) is a station-wide ChargingStationExternalConstraints profile:
 * composite schedules and GetChargingProfiles show it while it lasts, the CSMS cannot clear it, the
 * EVs' shares add up to at most its power whatever their phases, and on 2.0.1 a running transaction
 * hears of its limit changes with ChargingRateChanged.
 */
class ExternalLimitScenarioTest {
  private static final double VOLTS = 230;

  /** A 2.0.1 GetCompositeSchedule in W from now, answered by the station. */
  private static List<double[]> compositeV201(StationScenario sc, int evse, int seconds) {
    GetCompositeScheduleRequest request =
        new GetCompositeScheduleRequest(null, seconds, ChargingRateUnit.W, evse);
    GetCompositeScheduleResponse response = sc.command(request, GetCompositeScheduleResponse.class);
    SchemaConformance.assertConforms(OcppVersion.V201, request);
    SchemaConformance.assertConforms(OcppVersion.V201, response);
    List<double[]> periods = new ArrayList<>();
    response
        .schedule()
        .chargingSchedulePeriod()
        .forEach(p -> periods.add(new double[] {p.startPeriod(), p.limit().doubleValue()}));
    return periods;
  }

  /** A 1.6 GetCompositeSchedule in W from now, answered by the station. */
  private static List<double[]> compositeV16(StationScenario sc, int connector, int seconds) {
    io.kilowire.core.ocpp.v16.GetCompositeScheduleRequest request =
        new io.kilowire.core.ocpp.v16.GetCompositeScheduleRequest(
            connector, seconds, io.kilowire.core.ocpp.v16.ChargingRateUnit.W);
    io.kilowire.core.ocpp.v16.GetCompositeScheduleResponse response =
        sc.command(request, io.kilowire.core.ocpp.v16.GetCompositeScheduleResponse.class);
    SchemaConformance.assertConforms(OcppVersion.V16, response);
    List<double[]> periods = new ArrayList<>();
    response
        .chargingSchedule()
        .chargingSchedulePeriod()
        .forEach(p -> periods.add(new double[] {p.startPeriod(), p.limit().doubleValue()}));
    return periods;
  }

  private static List<double[]> composite(StationScenario sc, int evse, int seconds) {
    return sc.version == OcppVersion.V16
        ? compositeV16(sc, evse, seconds)
        : compositeV201(sc, evse, seconds);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void getCompositeScheduleShowsTheExternalCapWhileItLastsAndNotAfter(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    Station station = sc.startOnline();
    station.externalLimit(new DemandResponse(11.04, sc.clock.now().plusSeconds(600), "EMS"));
    sc.settle();

    // The station: capped at 11,040 W until the limit ends (at 599 s from the request), then the
    // two EVSEs' hardware maximum, 2 x 32 A x 3 x 230 V.
    List<double[]> station0 = composite(sc, 0, 3600);
    assertThat(station0).hasSize(2);
    assertThat(station0.get(0)).containsExactly(0, 11040);
    assertThat(station0.get(1)[1]).isEqualTo(44160);
    // An EVSE: capped by the whole limit (its share is the station's own rule, see below).
    assertThat(composite(sc, 1, 60).get(0)).containsExactly(0, 11040);

    sc.advance(Duration.ofMinutes(10));

    assertThat(station.externalLimit()).isNull();
    assertThat(composite(sc, 0, 3600)).hasSize(1);
    assertThat(composite(sc, 0, 3600).get(0)).containsExactly(0, 44160);
    assertThat(station.smartCharging().profiles()).isEmpty();
  }

  @Test
  void getChargingProfilesWithSourceEmsReportsTheLimitAsAnExternalConstraint() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    Instant until = sc.clock.now().plusSeconds(900);
    station.externalLimit(new DemandResponse(7.5, until, "EMS"));
    sc.settle();

    GetChargingProfilesRequest request =
        new GetChargingProfilesRequest(
            null,
            7,
            null,
            new ChargingProfileCriterion(null, null, null, null, List.of(ChargingLimitSource.EMS)));
    GetChargingProfilesResponse response = sc.command(request, GetChargingProfilesResponse.class);
    sc.settle();

    assertThat(response.status()).isEqualTo(GetChargingProfileStatus.ACCEPTED);
    SchemaConformance.assertConforms(OcppVersion.V201, request);
    SchemaConformance.assertConforms(OcppVersion.V201, response);
    List<ScriptedCsms.Call> reports = sc.csms.calls("ReportChargingProfiles");
    assertThat(reports).hasSize(1);
    ReportChargingProfilesRequest report = (ReportChargingProfilesRequest) reports.get(0).request();
    SchemaConformance.assertConforms(OcppVersion.V201, report);
    assertThat(report.requestId()).isEqualTo(7);
    assertThat(report.chargingLimitSource()).isEqualTo(ChargingLimitSource.EMS);
    assertThat(report.evseId()).isZero();
    assertThat(report.tbc()).isNull();
    io.kilowire.core.ocpp.v201.ChargingProfile profile = report.chargingProfile().get(0);
    assertThat(profile.id()).isEqualTo(-1).isNegative();
    assertThat(profile.chargingProfilePurpose())
        .isEqualTo(ChargingProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS);
    assertThat(profile.validTo()).isEqualTo(until);
    assertThat(profile.chargingSchedule().get(0).chargingRateUnit()).isEqualTo(ChargingRateUnit.W);
    assertThat(profile.chargingSchedule().get(0).chargingSchedulePeriod().get(0).limit())
        .isEqualByComparingTo("7500");

    // Another source finds nothing.
    GetChargingProfilesResponse none =
        sc.command(
            new GetChargingProfilesRequest(
                null,
                8,
                null,
                new ChargingProfileCriterion(
                    null, null, null, null, List.of(ChargingLimitSource.CSO))),
            GetChargingProfilesResponse.class);
    assertThat(none.status()).isEqualTo(GetChargingProfileStatus.NO_PROFILES);
  }

  @Test
  void aNewLimitOfTheSameSourceReplacesTheProfileAndAnotherSourcesLimitReplacesTheLimit() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    station.externalLimit(new DemandResponse(7.5, sc.clock.now().plusSeconds(900), "EMS"));
    station.externalLimit(new DemandResponse(5, sc.clock.now().plusSeconds(900), "EMS"));
    assertThat(station.smartCharging().profiles())
        .singleElement()
        .satisfies(
            p -> assertThat(p.schedule().periods().get(0).limit()).isEqualByComparingTo("5000"));

    station.externalLimit(new DemandResponse(4, sc.clock.now().plusSeconds(900), "SO"));
    assertThat(station.smartCharging().profiles())
        .singleElement()
        .satisfies(p -> assertThat(p.id()).isEqualTo(-3));

    station.externalLimit(null);
    assertThat(station.smartCharging().profiles()).isEmpty();
  }

  @Test
  void theCsmsCannotClearTheExternalConstraintOnV201() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    station.externalLimit(new DemandResponse(4.14, sc.clock.now().plusSeconds(900), "SO"));
    sc.settle();

    ClearChargingProfileRequest byPurpose =
        new ClearChargingProfileRequest(
            null,
            null,
            new ClearChargingProfile(
                null, 0, ChargingProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, null));
    ClearChargingProfileResponse answer = sc.command(byPurpose, ClearChargingProfileResponse.class);
    SchemaConformance.assertConforms(OcppVersion.V201, byPurpose);
    SchemaConformance.assertConforms(OcppVersion.V201, answer);
    assertThat(answer.status()).isEqualTo(ClearChargingProfileStatus.UNKNOWN);
    int id = SmartChargingService.externalLimitId(io.kilowire.core.smartcharging.LimitSource.SO);
    assertThat(
            sc.command(
                    new ClearChargingProfileRequest(null, id, null),
                    ClearChargingProfileResponse.class)
                .status())
        .isEqualTo(ClearChargingProfileStatus.UNKNOWN);

    assertThat(station.chargingProfiles(ProfileQuery.any())).hasSize(1);
    assertThat(station.currentLimit(1)).isEqualTo(6.0);
  }

  @Test
  void theCsmsCannotClearTheExternalConstraintOnV16NorTakeItsId() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();
    station.externalLimit(new DemandResponse(4.14, sc.clock.now().plusSeconds(900), "EMS"));

    io.kilowire.core.ocpp.v16.ClearChargingProfileResponse answer =
        sc.command(
            new io.kilowire.core.ocpp.v16.ClearChargingProfileRequest(null, null, null, null),
            io.kilowire.core.ocpp.v16.ClearChargingProfileResponse.class);
    assertThat(answer.status())
        .isEqualTo(io.kilowire.core.ocpp.v16.ClearChargingProfileStatus.UNKNOWN);
    assertThat(station.chargingProfiles(ProfileQuery.any())).hasSize(1);

    assertThat(
            station.setChargingProfile(SmartChargingScenarioTest.txDefault(-2, 0, 10)).isAccepted())
        .isFalse();
  }

  /** A 2.0.1 station whose EVSE 1 charges an EV drawing 32 A on one phase. */
  private static Station oneEvOnOnePhase(StationScenario sc, @Nullable ChargingNeeds needs) {
    Station station = sc.startOnline();
    station.presentToken(1, StationScenario.TOKEN, "ISO14443");
    sc.settle();
    sc.hardware.draw(1, 32, 1);
    station.plugIn(1);
    if (needs != null) {
      station.evChargingNeeds(1, needs);
    }
    station.evCharging(1, true);
    sc.settle();
    return station;
  }

  @Test
  void aOnePhaseAndAThreePhaseEvShareTheLimitInEqualCurrentsWithinItsPower() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    // the EV said over ISO 15118 that it charges on one phase
    Station station = oneEvOnOnePhase(sc, new ChargingNeeds(null, 6, 32, 230, 1, null));
    sc.startCharging(2, StationScenario.TOKEN, 16);

    station.externalLimit(new DemandResponse(10, sc.clock.now().plusSeconds(900), "EMS"));

    // Equal currents, as the site balancer shares: a x 230 + a x 690 = 10,000 W -> 10.8 A each
    assertThat(station.currentLimit(1)).isEqualTo(10.8);
    assertThat(station.currentLimit(2)).isEqualTo(10.8);
    double totalW = station.currentLimit(1) * VOLTS + station.currentLimit(2) * VOLTS * 3;
    assertThat(totalW).isLessThanOrEqualTo(10_000).isGreaterThan(9_900);
    // Counting the one-phase EV as three-phase would have left it 7.2 A and the limit unused.
    assertThat(station.currentLimit(1)).isGreaterThan(10_000 / (3 * VOLTS * 2));

    // The one-phase EV leaves: the three-phase EV gets the whole limit.
    station.unplug(1);
    sc.settle();
    assertThat(station.transaction(1)).isEmpty();
    assertThat(station.currentLimit(2)).isEqualTo(14.4); // 10,000 / 690 = 14.49
  }

  @Test
  void anEvSeenOnOnePhaseWithoutChargingNeedsGetsTheThreePhaseShare() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    // it draws on one phase now, but nothing says it will not switch to three
    Station station = oneEvOnOnePhase(sc, null);

    station.externalLimit(new DemandResponse(10, sc.clock.now().plusSeconds(900), "EMS"));

    // 10,000 / 690 = 14.49: on three phases it stays within the limit
    assertThat(station.currentLimit(1)).isEqualTo(14.4);
    assertThat(station.currentLimit(1) * VOLTS * 3).isLessThanOrEqualTo(10_000);
  }

  @Test
  void onV201ALimitChangeOfARunningTransactionSendsChargingRateChanged() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    Instant until = sc.clock.now().plusSeconds(600);

    station.externalLimit(new DemandResponse(16.56, until, "EMS")); // 32 A -> 24 A
    sc.settle();
    station.externalLimit(new DemandResponse(8.28, until, "EMS")); // -> 12 A
    sc.settle();
    sc.startCharging(2, StationScenario.TOKEN, 16); // EVSE 1 -> 6 A; EVSE 2 starts at 6 A
    sc.advance(Duration.ofMinutes(10)); // ends: both -> 32 A

    List<TransactionEventRequest> changed = chargingRateChanged(sc);
    assertThat(changed)
        .extracting(e -> e.transactionInfo().transactionId())
        .containsExactly("tx-1", "tx-1", "tx-1", "tx-1", "tx-2");
    changed.forEach(e -> SchemaConformance.assertConforms(OcppVersion.V201, e));
    assertThat(changed.get(0).eventType().value()).isEqualTo("Updated");
    assertThat(sc.csms.transactionMessages())
        .filteredOn(m -> "ChargingRateChanged".equals(m.trigger()))
        .extracting(ScriptedCsms.TxMessage::seqNo)
        .doesNotHaveDuplicates();
  }

  @Test
  void aChangeWithinLimitChangeSignificanceIsNotReported() {
    StationScenario sc =
        new StationScenario(
            OcppVersion.V201, 2, new Significance(StationParameters.Fixed.defaults(), 30));
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    Instant until = sc.clock.now().plusSeconds(600);

    station.externalLimit(new DemandResponse(16.56, until, "EMS")); // 32 A -> 24 A: 25 %
    sc.settle();
    assertThat(station.currentLimit(1)).isEqualTo(24.0);
    assertThat(chargingRateChanged(sc)).isEmpty();

    station.externalLimit(new DemandResponse(8.28, until, "EMS")); // -> 12 A: 50 %
    sc.settle();
    assertThat(chargingRateChanged(sc)).hasSize(1);
  }

  @Test
  void onV16ALimitChangeSendsNoExtraMeterValues() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    int before = sc.csms.transactionMessages().size();

    station.externalLimit(new DemandResponse(4.14, sc.clock.now().plusSeconds(30), "EMS"));
    sc.advance(Duration.ofSeconds(40));

    assertThat(station.currentLimit(1)).isEqualTo(32.0);
    assertThat(sc.csms.transactionMessages()).hasSize(before);
  }

  @Test
  void theLimitSurvivesARestartUntilItsEndAndIsReportedAgain() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    Instant until = sc.clock.now().plusSeconds(600);
    station.externalLimit(new DemandResponse(8.28, until, "SO"));
    sc.settle();

    station = sc.restartOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);

    assertThat(station.externalLimit()).isEqualTo(new DemandResponse(8.28, until, "SO"));
    assertThat(station.currentLimit(1)).isEqualTo(12.0);
    assertThat(sc.csms.calls("NotifyChargingLimit")).hasSize(2);

    sc.advance(Duration.ofMinutes(10));
    assertThat(station.externalLimit()).isNull();
    assertThat(station.currentLimit(1)).isEqualTo(32.0);
    assertThat(station.smartCharging().profiles()).isEmpty();
  }

  @Test
  void aNotifyChargingLimitLostWithTheConnectionIsSentAfterTheReconnect() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();

    station.externalLimit(new DemandResponse(8.28, sc.clock.now().plusSeconds(600), "SO"));
    sc.drop(); // the call is on its way
    sc.settle();
    assertThat(sc.csms.calls("NotifyChargingLimit")).isEmpty();

    sc.connect();
    sc.settle();
    assertThat(sc.csms.calls("NotifyChargingLimit")).hasSize(1);
  }

  @Test
  void aClearedChargingLimitLostWithTheConnectionIsSentAfterTheReconnectInOrder() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    station.externalLimit(new DemandResponse(8.28, sc.clock.now().plusSeconds(600), "SO"));
    sc.settle();

    station.externalLimit(new DemandResponse(4.14, sc.clock.now().plusSeconds(600), "EMS"));
    sc.drop(); // the clear of SO and the report of EMS are on their way
    sc.settle();
    sc.connect();
    sc.settle();

    assertThat(sc.csms.actions().stream().filter(a -> a.endsWith("ChargingLimit")).toList())
        .containsExactly("NotifyChargingLimit", "ClearedChargingLimit", "NotifyChargingLimit");
    assertThat(sc.csms.calls("NotifyChargingLimit"))
        .extracting(c -> ((NotifyChargingLimitRequest) c.request()).chargingLimit())
        .extracting(l -> l.chargingLimitSource())
        .containsExactly(ChargingLimitSource.SO, ChargingLimitSource.EMS);
  }

  @Test
  void aLimitSetAndWithdrawnOfflineIsNeverReported() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    sc.drop();

    station.externalLimit(new DemandResponse(8.28, sc.clock.now().plusSeconds(600), "SO"));
    station.externalLimit(null);
    sc.connect();
    sc.settle();

    assertThat(sc.csms.actions()).noneMatch(a -> a.endsWith("ChargingLimit"));
    // the station is back and reports limits again: one set now is reported exactly once
    station.externalLimit(new DemandResponse(8.28, sc.clock.now().plusSeconds(600), "SO"));
    sc.settle();
    assertThat(sc.csms.actions())
        .filteredOn(a -> a.endsWith("ChargingLimit"))
        .containsExactly("NotifyChargingLimit");
  }

  @Test
  void aLimitThatRanOutWhileTheStationWasDownIsDroppedOnStart() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    Station station = sc.startOnline();
    station.externalLimit(new DemandResponse(8.28, sc.clock.now().plusSeconds(60), "EMS"));
    sc.powerLoss();
    sc.advance(Duration.ofMinutes(2));

    station = sc.startOnline();

    assertThat(station.externalLimit()).isNull();
    assertThat(station.smartCharging().profiles()).isEmpty();
  }

  private static List<TransactionEventRequest> chargingRateChanged(StationScenario sc) {
    return sc.csms.calls("TransactionEvent").stream()
        .map(c -> (TransactionEventRequest) c.request())
        .filter(e -> e.triggerReason() == TriggerReason.CHARGING_RATE_CHANGED)
        .toList();
  }

  /** The default parameters with another LimitChangeSignificance. */
  private static final class Significance extends ParametersOverride {
    private final double percent;

    Significance(StationParameters.Fixed base, double percent) {
      super(base);
      this.percent = percent;
    }

    @Override
    public double limitChangeSignificancePercent() {
      return percent;
    }
  }
}
