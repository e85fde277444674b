package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A transaction started offline for an unknown token (OfflineTxForUnknownIdEnabled) that the CSMS
 * judges Invalid once it hears of it: with StopTxOnInvalidId false it stays, without energy.
 */
class OfflineInvalidTokenScenarioTest {
  private static final StationParameters KEEP_ON_INVALID =
      new StationParameters.Fixed(
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofMinutes(15),
          3,
          Duration.ofSeconds(60),
          true,
          false,
          true,
          true,
          false);

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V201", "V21"})
  void anOfflineTransactionTheCsmsFindsInvalidLosesItsEnergy(OcppVersion version) {
    StationScenario sc = new StationScenario(version, 1, KEEP_ON_INVALID);
    sc.csms.invalidAtStart("UNKNOWN-1");
    sc.startOnline();
    sc.drop();

    sc.station().presentToken(1, "UNKNOWN-1", "ISO14443");
    sc.settle();
    sc.plugIn(1, 16);
    sc.station().evCharging(1, true);
    sc.settle();
    assertThat(sc.hardware.offered(1)).isTrue();

    sc.connect();
    sc.advance(Duration.ofSeconds(30));

    assertThat(sc.station().transaction(1)).isPresent();
    assertThat(sc.hardware.offered(1)).isFalse();
    assertThat(sc.hardware.read(1).currentA().l1()).isZero();
  }
}
