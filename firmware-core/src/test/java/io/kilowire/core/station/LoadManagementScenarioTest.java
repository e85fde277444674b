package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kilowire.core.fallback.FallbackCondition;
import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.SchemaConformance;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.v16.SecurityEventNotificationRequest;
import io.kilowire.core.ocpp.v16.adapter.V16Gateway;
import io.kilowire.core.ocpp.v201.ClearedChargingLimitRequest;
import io.kilowire.core.ocpp.v201.EventData;
import io.kilowire.core.ocpp.v201.NotifyChargingLimitRequest;
import io.kilowire.core.ocpp.v201.NotifyEventRequest;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ProfileQuery;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The limit applied to an EVSE is the least of the composite schedule, the local allocation, the
 * fallback cap and the external limit; profiles expire offline by their maxOfflineDuration; every
 * fallback entry and exit reaches the CSMS, also when it happened offline.
 */
class LoadManagementScenarioTest {
  private static final FallbackConfig OFFLINE_CAP_8A =
      new FallbackConfig(Duration.ofSeconds(15), Duration.ofSeconds(30), 8.0, 6);

  private static ChargingProfile txDefault(
      int id, int stackLevel, double amps, @Nullable Integer maxOfflineSeconds, boolean invalid) {
    return SmartChargingScenarioTest.txDefault(id, stackLevel, amps).toBuilder()
        .maxOfflineDuration(maxOfflineSeconds)
        .invalidAfterOfflineDuration(invalid)
        .build();
  }

  @Nested
  class TheLeastLimitHolds {
    @ParameterizedTest
    @EnumSource(
        value = OcppVersion.class,
        names = {"V16", "V201"})
    void aLocalLimitCapsTheCompositeAndIsLiftedWithNull(OcppVersion version) {
      StationScenario sc = new StationScenario(version);
      Station station = sc.startOnline();
      sc.startCharging(1, StationScenario.TOKEN, 16);
      station.setChargingProfile(txDefault(1, 0, 16, null, false));

      station.localLimit(1, 10.0);
      assertThat(station.currentLimit(1)).isEqualTo(10.0);
      assertThat(station.localLimit(1)).isEqualTo(10.0);
      assertThat(station.currentLimit(2)).isEqualTo(16.0);

      station.localLimit(1, 20.0);
      assertThat(station.currentLimit(1)).isEqualTo(16.0);

      station.localLimit(1, 0.0);
      assertThat(station.status(1)).isEqualTo(ConnectorStatus.SUSPENDED_EVSE);

      station.localLimit(1, null);
      assertThat(station.currentLimit(1)).isEqualTo(16.0);
      assertThat(station.status(1)).isEqualTo(ConnectorStatus.CHARGING);
    }

    @Test
    void whatABalancerReadsFromTheStationIsAvailable() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      assertThat(station.sessionActive(1)).isFalse();
      assertThat(station.sessionStart(1)).isNull();

      sc.startCharging(1, StationScenario.TOKEN, 16);
      sc.advance(Duration.ofSeconds(30));

      assertThat(station.sessionActive(1)).isTrue();
      assertThat(station.sessionStart(1)).isNotNull().isBefore(sc.clock.now());
      assertThat(station.meterReading(1).at()).isEqualTo(sc.clock.now());
    }
  }

  @Nested
  class Offline {
    @ParameterizedTest
    @EnumSource(
        value = OcppVersion.class,
        names = {"V16", "V201"})
    void aProfileExpiresAtItsMaxOfflineDurationAndFallsBackToALowerStackLevel(OcppVersion version) {
      StationScenario sc = new StationScenario(version);
      Station station = sc.startOnline();
      station.setChargingProfile(txDefault(1, 0, 20, null, false));
      station.setChargingProfile(txDefault(2, 1, 10, 60, false));
      assertThat(station.currentLimit(1)).isEqualTo(10.0);

      sc.drop();
      sc.advance(Duration.ofSeconds(59));
      assertThat(station.currentLimit(1)).isEqualTo(10.0);
      sc.advance(Duration.ofSeconds(1));
      assertThat(station.currentLimit(1)).isEqualTo(20.0);

      sc.connect();
      sc.settle();
      assertThat(station.currentLimit(1)).isEqualTo(10.0);
    }

    @Test
    void aRestartDuringTheOutageKeepsCountingTheOfflineDurationFromItsStart() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      station.setChargingProfile(txDefault(1, 0, 20, null, false));
      station.setChargingProfile(txDefault(2, 1, 10, 60, false));

      sc.drop();
      sc.advance(Duration.ofSeconds(40));
      sc.powerLoss();
      station = sc.start(); // back up, still without its CSMS
      sc.advance(Duration.ofSeconds(19));
      assertThat(station.currentLimit(1)).isEqualTo(10.0);
      sc.advance(Duration.ofSeconds(1)); // 60 s after the outage began, not after the restart
      assertThat(station.currentLimit(1)).isEqualTo(20.0);
    }

    @Test
    void aProfileInvalidAfterItsOfflineDurationIsRemovedOnReconnect() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      station.setChargingProfile(txDefault(1, 0, 20, null, false));
      station.setChargingProfile(txDefault(2, 1, 10, 60, true));
      station.setChargingProfile(txDefault(3, 2, 8, 600, true));
      assertThat(station.currentLimit(1)).isEqualTo(8.0);

      sc.drop();
      sc.advance(Duration.ofMinutes(5));
      assertThat(station.currentLimit(1)).isEqualTo(8.0);
      sc.connect();
      sc.settle();

      assertThat(station.chargingProfiles(ProfileQuery.any()))
          .extracting(ChargingProfile::id)
          .containsExactlyInAnyOrder(1, 3);
      assertThat(station.currentLimit(1)).isEqualTo(8.0);
    }

    @Test
    void anOfflineCapHoldsWhileTheCsmsIsUnreachable() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      station.configureFallback(OFFLINE_CAP_8A, false, false);
      assertThat(station.currentLimit(1)).isEqualTo(32.0);

      sc.drop();
      assertThat(station.fallbackConditions()).containsExactly(FallbackCondition.CSMS_OFFLINE);
      assertThat(station.currentLimit(1)).isEqualTo(8.0);

      sc.connect();
      sc.settle();
      assertThat(station.fallbackConditions()).isEmpty();
      assertThat(station.currentLimit(1)).isEqualTo(32.0);
    }

    @Test
    void anOfflineCapHoldsWhenTheStationBootsWithoutItsCsms() {
      StationScenario sc = new StationScenario(OcppVersion.V16);
      Station station = sc.start();
      station.configureFallback(OFFLINE_CAP_8A, false, false);
      sc.advance(Duration.ofMinutes(5));
      assertThat(station.currentLimit(1)).isEqualTo(8.0);

      sc.connect();
      sc.settle();
      assertThat(station.currentLimit(1)).isEqualTo(32.0);
    }

    @Test
    void reconfiguringDuringAnOutageKeepsItWithoutASecondEntry() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      sc.drop();
      sc.advance(Duration.ofSeconds(10));
      station.configureFallback(OFFLINE_CAP_8A, false, false);

      assertThat(station.fallbackConditions()).containsExactly(FallbackCondition.CSMS_OFFLINE);
      assertThat(station.currentLimit(1)).isEqualTo(8.0);
      assertThat(station.unreportedFallbackEvents())
          .extracting(e -> e.active())
          .containsExactly(true);
    }
  }

  @Nested
  class FallbackReports {
    @Test
    void onV201AnOutageIsReportedAsTwoNotifyEventsOnReconnectInOrder() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      sc.drop();
      sc.advance(Duration.ofMinutes(2));
      assertThat(station.unreportedFallbackEvents()).hasSize(1);
      Instant back = sc.clock.now();

      sc.connect();
      sc.settle();

      List<EventData> fallback =
          sc.csms.notifyEvents().stream()
              .filter(e -> e.component().name().equals("SmartChargingCtrlr"))
              .toList();
      assertThat(fallback)
          .extracting(
              EventData::techCode, EventData::actualValue, EventData::cleared, EventData::timestamp)
          .containsExactly(
              tuple("CsmsOffline", "true", null, back.minus(Duration.ofMinutes(2))),
              tuple("CsmsOffline", "false", true, back));
      assertThat(fallback).allSatisfy(e -> assertThat(e.variable().name()).isEqualTo("Problem"));
      for (EventData e : fallback) {
        SchemaConformance.assertConforms(
            OcppVersion.V201, NotifyEventRequest.of(e.timestamp(), 0, List.of(e)));
      }
      assertThat(station.unreportedFallbackEvents()).isEmpty();
    }

    @Test
    void onV16AnOutageIsReportedAsSecurityEventNotificationsOnReconnect() {
      StationScenario sc = new StationScenario(OcppVersion.V16).securityExtension(true);
      sc.startOnline();
      sc.drop();
      sc.advance(Duration.ofMinutes(2));

      sc.connect();
      sc.settle();

      List<SecurityEventNotificationRequest> sent =
          sc.csms.calls("SecurityEventNotification").stream()
              .map(c -> (SecurityEventNotificationRequest) c.request())
              .toList();
      assertThat(sent)
          .extracting(SecurityEventNotificationRequest::type, r -> r.techInfo())
          .containsExactly(
              tuple(V16Gateway.FALLBACK_EVENT_TYPE, "CsmsOffline began: CSMS lost"),
              tuple(V16Gateway.FALLBACK_EVENT_TYPE, "CsmsOffline ended: CSMS reachable"));
      sent.forEach(r -> SchemaConformance.assertConforms(OcppVersion.V16, r));
    }

    @ParameterizedTest
    @EnumSource(
        value = OcppVersion.class,
        names = {"V16", "V201"})
    void aSilentSiteMeterIsReportedAtItsDeadlineAndWhenItIsBack(OcppVersion version) {
      StationScenario sc = new StationScenario(version).securityExtension(true);
      Station station = sc.startOnline();
      station.configureFallback(FallbackConfig.defaults(), true, false);
      station.siteMeterReading(sc.clock.now());
      sc.advance(Duration.ofSeconds(14));
      assertThat(station.fallbackConditions()).isEmpty();

      sc.advance(Duration.ofSeconds(2));
      assertThat(station.fallbackConditions()).containsExactly(FallbackCondition.SITE_METER_STALE);
      station.siteMeterReading(sc.clock.now());
      sc.settle();

      assertThat(station.fallbackConditions()).isEmpty();
      assertThat(reported(sc))
          .containsExactly(
              "SiteMeterStale began: site meter silent",
              "SiteMeterStale ended: site meter heard again");
    }

    @Test
    void aLostControllerGivesTheSafeShareAndIsReported() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      station.configureFallback(
          new FallbackConfig(Duration.ofSeconds(15), Duration.ofSeconds(30), null, 10),
          false,
          true);
      sc.advance(Duration.ofSeconds(20));
      station.controllerHeard();
      sc.advance(Duration.ofSeconds(30));

      assertThat(station.fallbackCapA()).isEqualTo(10.0);
      sc.settle();
      assertThat(station.currentLimit(2)).isEqualTo(10.0);
      assertThat(reported(sc)).containsExactly("ControllerLost began: site controller silent");
    }

    private List<String> reported(StationScenario sc) {
      if (sc.version == OcppVersion.V16) {
        return sc.csms.calls("SecurityEventNotification").stream()
            .map(c -> ((SecurityEventNotificationRequest) c.request()).techInfo())
            .toList();
      }
      return sc.csms.notifyEvents().stream()
          .filter(e -> e.component().name().equals("SmartChargingCtrlr"))
          .map(EventData::techInfo)
          .toList();
    }
  }

  @Nested
  class ExternalLimits {
    @Test
    void onV201ADemandResponseIsEnforcedReportedAndClearedWhenItEnds() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      sc.startCharging(1, StationScenario.TOKEN, 16);
      sc.startCharging(2, StationScenario.TOKEN, 16);
      Instant until = sc.clock.now().plus(Duration.ofMinutes(10));

      station.externalLimit(new DemandResponse(16.56, until, "EMS"));
      sc.settle();

      // 16.56 kW over two EVs on three phases at 230 V: 12 A each
      assertThat(station.currentLimit(1))
          .isCloseTo(12.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(station.currentLimit(2))
          .isCloseTo(12.0, org.assertj.core.data.Offset.offset(1e-9));
      NotifyChargingLimitRequest notify =
          only(sc.csms, "NotifyChargingLimit", NotifyChargingLimitRequest.class);
      assertThat(notify.chargingLimit().chargingLimitSource().value()).isEqualTo("EMS");
      assertThat(notify.evseId()).isNull();
      SchemaConformance.assertConforms(OcppVersion.V201, notify);

      sc.advance(Duration.ofMinutes(10));

      assertThat(station.externalLimit()).isNull();
      assertThat(station.currentLimit(1)).isEqualTo(32.0);
      ClearedChargingLimitRequest cleared =
          only(sc.csms, "ClearedChargingLimit", ClearedChargingLimitRequest.class);
      assertThat(cleared.chargingLimitSource().value()).isEqualTo("EMS");
      SchemaConformance.assertConforms(OcppVersion.V201, cleared);
    }

    @Test
    void aLimitSetOfflineIsReportedOnReconnectAndItsEndTooIfItEndedMeanwhile() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      station.externalLimit(new DemandResponse(5, sc.clock.now().plusSeconds(600), "SO"));
      sc.settle();
      sc.drop();
      station.externalLimit(null);
      station.externalLimit(new DemandResponse(7, sc.clock.now().plusSeconds(600), "Grid"));

      sc.connect();
      sc.settle();

      assertThat(sc.csms.actions())
          .filteredOn(a -> a.contains("ChargingLimit"))
          .containsExactly("NotifyChargingLimit", "ClearedChargingLimit", "NotifyChargingLimit");
      NotifyChargingLimitRequest last =
          (NotifyChargingLimitRequest) sc.csms.calls("NotifyChargingLimit").get(1).request();
      assertThat(last.chargingLimit().chargingLimitSource().value()).isEqualTo("Other");
    }

    @Test
    void onV16ADemandResponseIsEnforcedOnly() {
      StationScenario sc = new StationScenario(OcppVersion.V16);
      Station station = sc.startOnline();
      sc.startCharging(1, StationScenario.TOKEN, 16);
      int before = sc.csms.calls().size();

      station.externalLimit(new DemandResponse(4.14, sc.clock.now().plusSeconds(60), "EMS"));
      sc.settle();

      assertThat(station.currentLimit(1)).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(sc.csms.calls().subList(before, sc.csms.calls().size()))
          .extracting(ScriptedCsms.Call::action)
          .doesNotContain("NotifyChargingLimit", "ClearedChargingLimit");
    }

    private <T extends OcppMessage> T only(ScriptedCsms csms, String action, Class<T> type) {
      List<ScriptedCsms.Call> calls = csms.calls(action);
      assertThat(calls).hasSize(1);
      return type.cast(calls.get(0).request());
    }
  }
}
