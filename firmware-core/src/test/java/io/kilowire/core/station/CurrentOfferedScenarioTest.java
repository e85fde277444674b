package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.ReceivedSamples;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Current.Offered is what the station offers the EV: the limit in force on the EVSE, or 0 while it
 * is below the 6 A a pilot can signal. It goes out in periodic and clock-aligned values of a
 * transaction, in idle clock-aligned values, and in 2.0.1's Started and Ended events.
 */
class CurrentOfferedScenarioTest {

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void followsTheLimitInForceInEveryKindOfMeterValue(OcppVersion version) {
    StationScenario sc =
        new StationScenario(
            version,
            1,
            StationParameters.Fixed.defaults()
                .withMeterSampleInterval(Duration.ofSeconds(60))
                .withClockAlignedInterval(Duration.ofMinutes(15)));
    sc.startOnline();
    sc.advance(Duration.ofMinutes(15)); // an idle clock-aligned value: the EVSE's maximum
    assertThat(lastOffered(sc)).isEqualTo(32.0);

    sc.startCharging(1, TOKEN, 16);
    sc.station().localLimit(1, 10.0);
    sc.advance(Duration.ofSeconds(60));
    assertThat(lastOffered(sc)).as("periodic, with a local limit of 10 A").isEqualTo(10.0);

    sc.station().localLimit(1, 4.0);
    sc.advance(Duration.ofMinutes(15));
    assertThat(offered(sc)).as("below 6 A nothing is offered").contains(0.0);
    assertThat(lastOffered(sc)).isEqualTo(0.0);

    sc.station().localLimit(1, 16.0);
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    if (version == OcppVersion.V201) {
      assertThat(lastOffered(sc)).as("the Ended event").isEqualTo(16.0);
      assertThat(offered(sc)).as("the Started event").startsWith(32.0, 32.0);
    }
  }

  private static double lastOffered(StationScenario sc) {
    List<Double> all = offered(sc);
    assertThat(all).as("Current.Offered samples").isNotEmpty();
    return all.get(all.size() - 1);
  }

  /** Every Current.Offered sample the CSMS received, in order. */
  private static List<Double> offered(StationScenario sc) {
    List<ReceivedSamples.Sample> samples = ReceivedSamples.of(sc.csms.calls(), "Current.Offered");
    assertThat(samples)
        .allSatisfy(
            s -> {
              assertThat(s.unit()).isEqualTo("A");
              assertThat(s.phase()).isNull();
            });
    return samples.stream().map(ReceivedSamples.Sample::value).toList();
  }
}
