package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reports a CSMS may not know: 1.6 SecurityEventNotification belongs to the security extension and
 * is sent only when the station uses it; a report the CSMS answers with NotImplemented or
 * NotSupported is dropped and holds nothing up.
 */
class UnsupportedReportScenarioTest {

  /** A CSMS outage of two minutes: a fallback entry and exit wait for the reconnect. */
  private static void outage(StationScenario sc) {
    sc.drop();
    sc.advance(Duration.ofMinutes(2));
    sc.connect();
    sc.settle();
  }

  @Test
  void onV16WithoutTheSecurityExtensionFallbackEventsAreNeitherSentNorKept() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    sc.startOnline();

    outage(sc);

    assertThat(sc.csms.calls("SecurityEventNotification")).isEmpty();
    assertThat(sc.station().unreportedFallbackEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aReportTheCsmsDoesNotImplementIsDroppedWithTheRestOfItsKindOnThatConnection(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version).securityExtension(true);
    sc.csms.notImplemented("SecurityEventNotification", "NotifyEvent");
    sc.startOnline();

    outage(sc);

    assertThat(fallbackReports(sc)).as("the entry is refused, the exit not sent").isEqualTo(1);
    assertThat(sc.station().unreportedFallbackEvents()).isEmpty();

    outage(sc);

    assertThat(fallbackReports(sc)).as("a new connection tries once more").isEqualTo(2);
    assertThat(sc.station().unreportedFallbackEvents()).isEmpty();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    assertThat(sc.station().transaction(1)).isPresent();
    assertThat(sc.csms.accepted()).isNotEmpty();
  }

  private static long fallbackReports(StationScenario sc) {
    if (sc.version == OcppVersion.V16) {
      return sc.csms.calls("SecurityEventNotification").size();
    }
    return sc.csms.notifyEvents().stream()
        .filter(e -> e.component().name().equals("SmartChargingCtrlr"))
        .count();
  }
}
