package io.kilowire.core.station;

import static io.kilowire.core.station.AvailabilityScenarioTest.lastStatus;
import static io.kilowire.core.testing.StationScenario.T0;
import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.v201.ReservationStatusUpdateRequest;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ReserveNow and CancelReservation (1.6 §5.1, §5.13; 2.0.1 H01–H04): an EVSE held for a token or
 * its group, Reserved until used, cancelled, expired or broken, over a restart.
 */
class ReservationScenarioTest {
  private static final String OTHER = "OTHER-1";

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aReservedEvseIsReservedRefusesOtherTokensAndStartsForItsTokenWithTheReservationId(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    assertThat(reserve(sc, 7, 1, TOKEN, null, Duration.ofHours(1))).isEqualTo("Accepted");
    assertThat(lastStatus(sc, 1)).isEqualTo("Reserved");
    assertThat(lastStatus(sc, 2)).isEqualTo("Available");

    sc.startCharging(1, OTHER, 16);
    assertThat(sc.csms.transactionMessages()).isEmpty();
    assertThat(sc.station().reservations()).hasSize(1);
    sc.station().unplug(1);
    sc.settle();
    assertThat(lastStatus(sc, 1)).isEqualTo("Reserved");

    sc.startCharging(1, TOKEN, 16);
    assertThat(sc.csms.transactions()).hasSize(1);
    assertThat(startReservationId(sc)).isEqualTo(7);
    assertThat(sc.station().reservations()).isEmpty();
    assertThat(lastStatus(sc, 1)).isNotEqualTo("Reserved");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aReservationEndsUnusedAtItsExpiryAndOnly201TellsTheCsms(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    reserve(sc, 8, 2, TOKEN, null, Duration.ofMinutes(10));
    assertThat(lastStatus(sc, 2)).isEqualTo("Reserved");

    sc.advance(Duration.ofMinutes(9));
    assertThat(lastStatus(sc, 2)).isEqualTo("Reserved");
    sc.advance(Duration.ofMinutes(1));
    sc.settle();

    assertThat(lastStatus(sc, 2)).isEqualTo("Available");
    assertThat(sc.station().reservations()).isEmpty();
    if (version == OcppVersion.V201) {
      assertThat(statusUpdates(sc)).containsExactly("8 Expired");
    } else {
      assertThat(sc.csms.actions()).doesNotContain("ReservationStatusUpdate");
    }
    sc.startCharging(2, OTHER, 16);
    assertThat(sc.csms.transactions()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aCancelledReservationFreesItsEvseWithoutAStatusUpdateAndAnUnknownOneIsRejected(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    reserve(sc, 9, 1, TOKEN, null, Duration.ofHours(1));

    assertThat(cancel(sc, 10)).isEqualTo("Rejected");
    assertThat(lastStatus(sc, 1)).isEqualTo("Reserved");
    assertThat(cancel(sc, 9)).isEqualTo("Accepted");
    sc.settle();

    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
    assertThat(sc.csms.actions()).doesNotContain("ReservationStatusUpdate");
    sc.advance(Duration.ofHours(2));
    assertThat(sc.csms.actions()).doesNotContain("ReservationStatusUpdate");
    assertThat(cancel(sc, 9)).isEqualTo("Rejected");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aReservationIsRefusedOnAnEvseThatIsBusyReservedFaultedUnavailableOrUnknown(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    assertThat(reserve(sc, 1, 1, OTHER, null, Duration.ofHours(1))).isEqualTo("Occupied");
    assertThat(reserve(sc, 2, 2, OTHER, null, Duration.ofHours(1))).isEqualTo("Accepted");
    assertThat(reserve(sc, 3, 2, TOKEN, null, Duration.ofHours(1))).isEqualTo("Occupied");
    assertThat(cancel(sc, 2)).isEqualTo("Accepted");

    sc.station().fault(2, true);
    assertThat(reserve(sc, 4, 2, OTHER, null, Duration.ofHours(1))).isEqualTo("Faulted");
    sc.station().fault(2, false);
    sc.station().changeAvailability(2, false);
    assertThat(reserve(sc, 5, 2, OTHER, null, Duration.ofHours(1))).isEqualTo("Unavailable");
    assertThat(reserve(sc, 6, 3, OTHER, null, Duration.ofHours(1))).isEqualTo("Rejected");
    assertThat(sc.station().reservations()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aReservationWhoseEvseFaultsIsRemovedAnd201SaysRemoved(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    reserve(sc, 11, 1, TOKEN, null, Duration.ofHours(1));

    sc.station().fault(1, true);
    sc.settle();

    assertThat(lastStatus(sc, 1)).isEqualTo("Faulted");
    assertThat(sc.station().reservations()).isEmpty();
    if (version == OcppVersion.V201) {
      assertThat(statusUpdates(sc)).containsExactly("11 Removed");
    }
    sc.station().fault(1, false);
    sc.settle();
    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aReservationForAnyEvseKeepsTheLastFreeOneForItsToken(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    assertThat(reserve(sc, 20, null, TOKEN, null, Duration.ofHours(1))).isEqualTo("Accepted");
    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
    assertThat(lastStatus(sc, 2)).isEqualTo("Available");

    sc.startCharging(1, OTHER, 16);
    assertThat(sc.csms.transactions()).hasSize(1);
    assertThat(lastStatus(sc, 2)).isEqualTo("Reserved");

    sc.startCharging(2, "THIRD-1", 16);
    assertThat(sc.csms.transactions()).hasSize(1);
    sc.station().unplug(2);
    sc.settle();

    sc.startCharging(2, TOKEN, 16);
    assertThat(sc.csms.transactions()).hasSize(2);
    assertThat(startReservationId(sc)).isEqualTo(20);
    assertThat(sc.station().reservations()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void asManyReservationsForAnyEvseAsFreeEvsesShowThemAllReservedAndOneMoreIsOccupied(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    reserve(sc, 21, null, TOKEN, null, Duration.ofHours(1));
    reserve(sc, 22, null, OTHER, null, Duration.ofHours(1));

    assertThat(lastStatus(sc, 1)).isEqualTo("Reserved");
    assertThat(lastStatus(sc, 2)).isEqualTo("Reserved");
    assertThat(reserve(sc, 23, null, "THIRD-1", null, Duration.ofHours(1))).isEqualTo("Occupied");
    assertThat(reserve(sc, 24, 1, "THIRD-1", null, Duration.ofHours(1))).isEqualTo("Occupied");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aTokenOfTheReservationsGroupUsesItOnceTheCsmsNamesTheGroup(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.csms.group(OTHER, "GROUP-1");
    sc.startOnline();
    reserve(sc, 30, 1, TOKEN, "GROUP-1", Duration.ofHours(1));

    sc.startCharging(1, "STRANGER", 16);
    assertThat(sc.csms.transactions()).isEmpty();
    sc.station().unplug(1);
    sc.settle();

    sc.startCharging(1, OTHER, 16);
    assertThat(sc.csms.transactions()).hasSize(1);
    assertThat(startReservationId(sc)).isEqualTo(30);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aReservationWithAKnownIdIsReplaced(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    reserve(sc, 40, 1, TOKEN, null, Duration.ofHours(1));

    assertThat(reserve(sc, 40, 2, TOKEN, null, Duration.ofHours(1))).isEqualTo("Accepted");

    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
    assertThat(lastStatus(sc, 2)).isEqualTo("Reserved");
    assertThat(sc.station().reservations()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aRemoteStartOnAnEvseReservedForAnotherIsRejectedAndForItsTokenUsesIt(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    reserve(sc, 50, 1, TOKEN, null, Duration.ofHours(1));

    assertThat(remoteStart(sc, OTHER, 1)).isEqualTo("Rejected");
    assertThat(remoteStart(sc, TOKEN, 1)).isEqualTo("Accepted");
    sc.settle();
    sc.plugIn(1, 16);
    sc.settle();

    assertThat(sc.csms.transactions()).hasSize(1);
    assertThat(startReservationId(sc)).isEqualTo(50);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void reservationsSurviveARestartAndOneThatExpiredMeanwhileEndsAtStart(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    reserve(sc, 60, 1, TOKEN, null, Duration.ofHours(1));
    reserve(sc, 61, 2, OTHER, null, Duration.ofMinutes(30));

    sc.powerLoss();
    sc.advance(Duration.ofMinutes(40));
    sc.startOnline();
    sc.settle();

    assertThat(sc.station().reservations()).extracting(r -> r.id()).containsExactly(60);
    assertThat(lastStatus(sc, 1)).isEqualTo("Reserved");
    assertThat(lastStatus(sc, 2)).isEqualTo("Available");
    if (version == OcppVersion.V201) {
      assertThat(statusUpdates(sc)).containsExactly("61 Expired");
    }
    sc.advance(Duration.ofMinutes(20));
    sc.settle();
    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
  }

  @Test
  void a201ReservationByConnectorTypeHoldsAnEvseOfThatTypeAndAnotherTypeIsRejected() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();

    assertThat(
            sc.command("ReserveNow", reserveNow201(70, null, "cType2", TOKEN, null, 3600))
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    assertThat(
            sc.command("ReserveNow", reserveNow201(71, null, "cCCS1", TOKEN, null, 3600))
                .path("status")
                .asText())
        .isEqualTo("Rejected");
  }

  @Test
  void a201StationWithReservationsDisabledRejectsThem() {
    StationScenario sc =
        new StationScenario(OcppVersion.V201, 2, new Disabled(StationParameters.Fixed.defaults()));
    sc.startOnline();

    assertThat(reserve(sc, 80, 1, TOKEN, null, Duration.ofHours(1))).isEqualTo("Rejected");
    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
  }

  /** Fixed parameters with reservations switched off (H01.FR.01). */
  private record Disabled(StationParameters.Fixed fixed) implements StationParameters {
    @Override
    public boolean reservationsEnabled() {
      return false;
    }

    @Override
    public Duration heartbeatInterval() {
      return fixed.heartbeatInterval();
    }

    @Override
    public Duration meterSampleInterval() {
      return fixed.meterSampleInterval();
    }

    @Override
    public Duration clockAlignedInterval() {
      return fixed.clockAlignedInterval();
    }

    @Override
    public int transactionMessageAttempts() {
      return fixed.transactionMessageAttempts();
    }

    @Override
    public Duration transactionMessageRetryInterval() {
      return fixed.transactionMessageRetryInterval();
    }

    @Override
    public boolean stopTransactionOnEvSideDisconnect() {
      return fixed.stopTransactionOnEvSideDisconnect();
    }

    @Override
    public boolean stopTransactionOnInvalidId() {
      return fixed.stopTransactionOnInvalidId();
    }

    @Override
    public boolean authorizeRemoteStart() {
      return fixed.authorizeRemoteStart();
    }

    @Override
    public boolean allowOfflineTxForUnknownId() {
      return fixed.allowOfflineTxForUnknownId();
    }

    @Override
    public boolean resumeTransactionsAfterPowerLoss() {
      return fixed.resumeTransactionsAfterPowerLoss();
    }
  }

  // ------------------------------------------------------------------------------ helpers

  /** ReserveNow in the scenario's version; {@code evse} null: any EVSE. */
  static String reserve(
      StationScenario sc,
      int id,
      @Nullable Integer evse,
      String token,
      @Nullable String group,
      Duration valid) {
    long seconds = valid.toSeconds();
    String json =
        sc.version == OcppVersion.V16
            ? "{\"connectorId\":"
                + (evse == null ? 0 : evse)
                + ",\"expiryDate\":\""
                + sc.clock.now().plusSeconds(seconds)
                + "\",\"idTag\":\""
                + token
                + "\""
                + (group == null ? "" : ",\"parentIdTag\":\"" + group + "\"")
                + ",\"reservationId\":"
                + id
                + "}"
            : reserveNow201(id, evse, null, token, group, seconds, sc.clock.now());
    JsonNode answer = sc.command("ReserveNow", json);
    sc.settle();
    return answer.path("status").asText();
  }

  private static String reserveNow201(
      int id,
      @Nullable Integer evse,
      @Nullable String type,
      String token,
      @Nullable String group,
      long seconds) {
    return reserveNow201(id, evse, type, token, group, seconds, T0);
  }

  private static String reserveNow201(
      int id,
      @Nullable Integer evse,
      @Nullable String type,
      String token,
      @Nullable String group,
      long seconds,
      Instant now) {
    return "{\"id\":"
        + id
        + ",\"expiryDateTime\":\""
        + now.plusSeconds(seconds)
        + "\",\"idToken\":{\"idToken\":\""
        + token
        + "\",\"type\":\"ISO14443\"}"
        + (evse == null ? "" : ",\"evseId\":" + evse)
        + (type == null ? "" : ",\"connectorType\":\"" + type + "\"")
        + (group == null
            ? ""
            : ",\"groupIdToken\":{\"idToken\":\"" + group + "\",\"type\":\"Central\"}")
        + "}";
  }

  static String cancel(StationScenario sc, int id) {
    String answer =
        sc.command(
                "CancelReservation",
                sc.version == OcppVersion.V16
                    ? "{\"reservationId\":" + id + "}"
                    : "{\"reservationId\":" + id + "}")
            .path("status")
            .asText();
    sc.settle();
    return answer;
  }

  private static String remoteStart(StationScenario sc, String token, int evse) {
    String json =
        sc.version == OcppVersion.V16
            ? "{\"connectorId\":" + evse + ",\"idTag\":\"" + token + "\"}"
            : "{\"idToken\":{\"idToken\":\""
                + token
                + "\",\"type\":\"ISO14443\"},\"evseId\":"
                + evse
                + ",\"remoteStartId\":5}";
    return sc.command(
            sc.version == OcppVersion.V16 ? "RemoteStartTransaction" : "RequestStartTransaction",
            json)
        .path("status")
        .asText();
  }

  /** The reservation id the last transaction start (or the event with its token) carried. */
  static @Nullable Integer startReservationId(StationScenario sc) {
    if (sc.version == OcppVersion.V16) {
      List<ScriptedCsms.Call> starts = sc.csms.calls("StartTransaction");
      OcppMessage last = starts.get(starts.size() - 1).request();
      return ((io.kilowire.core.ocpp.v16.StartTransactionRequest) last).reservationId();
    }
    Integer found = null;
    for (ScriptedCsms.Call c : sc.csms.calls("TransactionEvent")) {
      Integer id =
          ((io.kilowire.core.ocpp.v201.TransactionEventRequest) c.request()).reservationId();
      if (id != null) {
        found = id;
      }
    }
    return found;
  }

  private static List<String> statusUpdates(StationScenario sc) {
    return sc.csms.calls("ReservationStatusUpdate").stream()
        .map(c -> (ReservationStatusUpdateRequest) c.request())
        .map(r -> r.reservationId() + " " + r.reservationUpdateStatus().value())
        .toList();
  }
}
