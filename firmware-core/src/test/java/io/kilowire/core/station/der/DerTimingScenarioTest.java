package io.kilowire.core.station.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.der.GridState;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The timing of 2.1's DER controls, judged at the outputs in virtual time: a curve's response time
 * paces the fall and the rise of the offer, the Gradients control ramps every rise, and after a
 * trip the station comes back after EnterService's delay plus its random part, ramping at its
 * rampRate. The EVSE's maximum is 32 A.
 */
@DisplayName("2.1 DER control timing at the outputs")
class DerTimingScenarioTest {
  private static StationScenario charging() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    sc.hardware.grid(GridState.of(50.0, 100));
    sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);
    return sc;
  }

  private static void set(StationScenario sc, String body) {
    JsonNode answer = sc.command("SetDERControl", body);
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
  }

  /** FreqWatt: all at 50 Hz, nothing at 49.8 Hz, linear between. */
  private static void freqWatt(StationScenario sc, String responseTime) {
    set(
        sc,
        "{\"isDefault\":true,\"controlId\":\"fw\",\"controlType\":\"FreqWatt\",\"curve\":"
            + "{\"priority\":0,\"yUnit\":\"PctMaxW\",\"curveData\":[{\"x\":49.8,\"y\":0},"
            + "{\"x\":50.0,\"y\":-100}]"
            + responseTime
            + "}}");
  }

  private static void grid(StationScenario sc, double hz) {
    sc.hardware.grid(GridState.of(hz, 100));
    sc.advance(DerControlRoom.GRID_READ);
  }

  private static void seconds(StationScenario sc, long s) {
    sc.advance(Duration.ofSeconds(s));
  }

  @Test
  @DisplayName("a curve's responseTime: the offer reaches 90 % of its fall within it")
  void responseTimePacesTheOffer() {
    StationScenario sc = charging();
    freqWatt(sc, ",\"responseTime\":10");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);

    grid(sc, 49.85); // the curve allows 25 % = 8 A
    assertThat(sc.hardware.offeredCurrent(1))
        .as("a second in: 90 %^(1/10) of the way still to go")
        .isCloseTo(8 + 24 * Math.pow(10, -0.1), within(1e-6));
    seconds(sc, 9);
    assertThat(sc.hardware.offeredCurrent(1))
        .as("at the response time: 90 % of the way")
        .isCloseTo(8 + 2.4, within(1e-6));
    seconds(sc, 30);
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(8, within(0.01));
  }

  @Test
  @DisplayName("a curve's hysteresis: the offer stays down until the grid is back, then ramps")
  void hysteresisHoldsTheOfferAfterAGridEvent() {
    StationScenario sc = charging();
    freqWatt(
        sc,
        ",\"hysteresis\":{\"hysteresisLow\":49.95,\"hysteresisHigh\":50.05,"
            + "\"hysteresisDelay\":5,\"hysteresisGradient\":25}");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);

    grid(sc, 49.85);
    assertThat(sc.hardware.offeredCurrent(1)).as("down at once").isCloseTo(8, within(1e-9));
    grid(sc, 49.9); // the curve allows 16 A, but the grid is not back in the band
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(8, within(1e-9));
    grid(sc, 50.0);
    seconds(sc, 4);
    assertThat(sc.hardware.offeredCurrent(1)).as("held for the delay").isCloseTo(8, within(1e-9));
    seconds(sc, 2);
    assertThat(sc.hardware.offeredCurrent(1))
        .as("then 25 %/s: 8 A a second")
        .isCloseTo(16, within(1e-9));
    seconds(sc, 5);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
  }

  @Test
  @DisplayName("Gradients: the offer falls at once and rises at the gradient's pace")
  void gradientRampsTheRise() {
    StationScenario sc = charging();
    freqWatt(sc, "");
    set(
        sc,
        "{\"isDefault\":true,\"controlId\":\"gr\",\"controlType\":\"Gradients\","
            + "\"gradient\":{\"priority\":0,\"gradient\":32,\"softGradient\":0}}");

    grid(sc, 49.85);
    assertThat(sc.hardware.offeredCurrent(1)).as("at once").isCloseTo(8, within(1e-9));
    grid(sc, 50.0);
    assertThat(sc.hardware.offeredCurrent(1)).as("1 A a second").isCloseTo(9, within(1e-9));
    seconds(sc, 10);
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(19, within(1e-9));
    seconds(sc, 13);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
    seconds(sc, 60);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
  }

  @Test
  @DisplayName("after a trip: back after delay + randomDelay's draw, ramping at rampRate")
  void enterServiceDelayRandomDelayAndRamp() {
    StationScenario sc = charging();
    sc.station().der().randomDelays(half());
    set(
        sc,
        "{\"isDefault\":true,\"controlId\":\"hf\",\"controlType\":\"HFMustTrip\",\"curve\":"
            + "{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
            + "[{\"x\":0,\"y\":50.5}]}}");
    set(
        sc,
        "{\"isDefault\":true,\"controlId\":\"es\",\"controlType\":\"EnterService\","
            + "\"enterService\":{\"priority\":0,\"highVoltage\":110,\"lowVoltage\":90,"
            + "\"highFreq\":50.1,\"lowFreq\":49.9,\"delay\":30,\"randomDelay\":20,"
            + "\"rampRate\":64}}");

    grid(sc, 50.6);
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    grid(sc, 50.0); // inside the window from here: 30 s + half of 20 s
    seconds(sc, 39);
    assertThat(sc.hardware.offeredCurrent(1)).as("39 s in: within delay + random").isZero();
    seconds(sc, 1);
    double back = sc.hardware.offeredCurrent(1);
    assertThat(back).as("40 s: back in service, ramping from 0").isLessThan(6);
    seconds(sc, 20);
    assertThat(sc.hardware.offeredCurrent(1)).as("0.5 A a second").isCloseTo(10, within(0.51));
    seconds(sc, 44);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
  }

  /** A random source whose every draw is one half. */
  private static RandomGenerator half() {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return Long.MIN_VALUE / 2;
      }

      @Override
      public double nextDouble() {
        return 0.5;
      }
    };
  }
}
