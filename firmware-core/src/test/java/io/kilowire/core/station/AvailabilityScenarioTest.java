package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v16.AvailabilityType;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityRequest;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityResponse;
import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.ocpp.v201.OperationalStatus;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.ScriptedCsms.Kind;
import io.kilowire.core.testing.StationScenario;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ChangeAvailability: at once while idle, scheduled behind a running transaction. */
class AvailabilityScenarioTest {

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void anIdleEvseMadeInoperativeIsUnavailableAndTakesNoTokensUntilOperativeAgain(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    assertThat(changeAvailability(sc, 1, false)).isEqualTo("Accepted");
    sc.settle();
    assertThat(lastStatus(sc, 1)).isEqualTo("Unavailable");
    assertThat(sc.station().isOperative(1)).isFalse();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.plugIn(1, 16);
    sc.settle();
    assertThat(sc.csms.actions()).doesNotContain("Authorize");
    assertThat(sc.csms.transactionMessages()).isEmpty();

    sc.station().unplug(1);
    assertThat(changeAvailability(sc, 1, true)).isEqualTo("Accepted");
    sc.settle();
    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
    assertThat(lastStatus(sc, 2)).isEqualTo("Available");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void anEvseMadeInoperativeDuringATransactionIsScheduledAndBecomesUnavailableWhenItEnds(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    int statusesBefore = sc.csms.statuses().size();

    assertThat(changeAvailability(sc, 1, false)).isEqualTo("Scheduled");
    sc.settle();
    assertThat(sc.csms.statuses().subList(statusesBefore, sc.csms.statuses().size()))
        .extracting(ScriptedCsms.Status::status)
        .doesNotContain("Unavailable");
    assertThat(sc.station().transaction(1)).isPresent();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    assertThat(TransactionScenarioTest.last(sc.csms.accepted()).kind()).isEqualTo(Kind.ENDED);
    assertThat(lastStatus(sc, 1)).isEqualTo("Unavailable");

    sc.station().unplug(1);
    assertThat(changeAvailability(sc, 1, true)).isEqualTo("Accepted");
    sc.settle();
    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void theWholeStationMadeInoperativeTakesIdleEvsesDownAtOnceAndBusyOnesAfterTheirTransaction(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    assertThat(changeAvailability(sc, null, false)).isEqualTo("Scheduled");
    sc.settle();
    assertThat(lastStatus(sc, 2)).isEqualTo("Unavailable");
    assertThat(sc.station().transaction(1)).isPresent();

    sc.station().unplug(1);
    sc.settle();
    assertThat(lastStatus(sc, 1)).isEqualTo("Unavailable");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void anInoperativeEvseStaysUnavailableAfterARestart(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    assertThat(changeAvailability(sc, 2, false)).isEqualTo("Accepted");
    sc.settle();
    int before = sc.csms.statuses().size();

    sc.restartOnline();

    // Connector 0 (1.6 only) stays Available while any EVSE is operative.
    assertThat(sc.csms.statuses().subList(before, sc.csms.statuses().size()))
        .extracting(ScriptedCsms.Status::evse, ScriptedCsms.Status::status)
        .filteredOn(t -> !t.toList().get(0).equals(0))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "Available"),
            org.assertj.core.groups.Tuple.tuple(2, "Unavailable"));
    assertThat(sc.station().isOperative(2)).isFalse();
  }

  // ------------------------------------------------------------------------------ helpers

  /** ChangeAvailability for an EVSE (null: the whole station); the status answered. */
  static String changeAvailability(StationScenario sc, @Nullable Integer evse, boolean operative) {
    if (sc.version == OcppVersion.V16) {
      return sc.command(
              new ChangeAvailabilityRequest(
                  evse == null ? 0 : evse,
                  operative ? AvailabilityType.OPERATIVE : AvailabilityType.INOPERATIVE),
              ChangeAvailabilityResponse.class)
          .status()
          .value();
    }
    return sc.command(
            new io.kilowire.core.ocpp.v201.ChangeAvailabilityRequest(
                null,
                evse == null ? null : new EVSE(null, evse, null),
                operative ? OperationalStatus.OPERATIVE : OperationalStatus.INOPERATIVE),
            io.kilowire.core.ocpp.v201.ChangeAvailabilityResponse.class)
        .status()
        .value();
  }

  static String lastStatus(StationScenario sc, int evse) {
    List<ScriptedCsms.Status> of =
        sc.csms.statuses().stream().filter(s -> s.evse() == evse).toList();
    assertThat(of).as("status reports of EVSE %d", evse).isNotEmpty();
    return of.get(of.size() - 1).status();
  }
}
