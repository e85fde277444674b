package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvModelTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void drawsWhatThePilotOffersUpToItsMaximum() {
    EvModel ev = EvModel.of(60_000, 16, 3);

    assertThat(ev.drawA(10, 50)).isEqualTo(10);
    assertThat(ev.drawA(32, 50)).isEqualTo(16);
    assertThat(ev.drawA(0, 50)).isZero();
  }

  @Test
  void tapersLinearlyAboveEightyPercentToASmallCurrentAtFull() {
    EvModel ev = EvModel.of(60_000, 32, 3);

    assertThat(ev.acceptA(80)).isEqualTo(32);
    assertThat(ev.acceptA(90)).isCloseTo(17, within(1e-9)); // halfway from 32 A to 2 A
    assertThat(ev.acceptA(99.9)).isCloseTo(2.15, within(0.01));
    assertThat(ev.acceptA(100)).isZero();
  }

  @Test
  void stopsAtItsTargetAndKnowsTheEnergyStillWanted() {
    EvModel ev = EvModel.of(50_000, 16, 1).withTargetSoc(60);

    assertThat(ev.energyNeededWh(40)).isCloseTo(10_000, within(1e-6));
    assertThat(ev.done(60)).isTrue();
    assertThat(ev.drawA(16, 60)).isZero();
    assertThat(ev.drawA(16, 59)).isEqualTo(16);
  }

  @Test
  void aResponseDelayAboveFiveSecondsIsRefused() {
    assertThatThrownBy(() -> EvModel.of(60_000, 16, 3).withResponseDelay(Duration.ofSeconds(6)))
        .hasMessageContaining("responseDelay");
  }

  @Test
  void theEvFollowsAPilotChangeOnlyAfterItsResponseDelay() {
    VirtualScheduler clock = new VirtualScheduler(T0);
    SimulatedHardware hw = new SimulatedHardware(clock.clock(), 1, 32);
    hw.attach(clock, null, (evse, code) -> {});
    hw.offerEnergy(1, true);
    hw.offerCurrent(1, 16);
    hw.connectEv(1, EvModel.of(60_000, 32, 3), 50);

    clock.advance(Duration.ofMillis(1500));
    double sixteen = hw.pilotOfferA(1); // as read from the duty cycle
    assertThat(sixteen).isCloseTo(16, within(0.1));
    assertThat(hw.drawA(1)).as("still within the 2 s response delay").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(hw.drawA(1)).isEqualTo(sixteen);

    hw.offerCurrent(1, 10);
    clock.advance(Duration.ofMillis(100));
    double ten = hw.pilotOfferA(1);
    assertThat(ten).isCloseTo(10, within(0.1));
    clock.advance(Duration.ofMillis(1800));
    assertThat(hw.drawA(1)).as("the decrease is not followed yet").isEqualTo(sixteen);
    clock.advance(Duration.ofMillis(200));
    assertThat(hw.drawA(1)).isEqualTo(ten);
  }

  @Test
  void socIntegratesTheEnergyAndTheEvStopsWhenFull() {
    VirtualScheduler clock = new VirtualScheduler(T0);
    SimulatedHardware hw = new SimulatedHardware(clock.clock(), 1, 32);
    hw.attach(clock, null, (evse, code) -> {});
    hw.offerEnergy(1, true);
    hw.offerCurrent(1, 16);
    // 10 kWh battery at 95 %: 500 Wh to go, tapering from 16 A towards 2 A.
    hw.connectEv(1, EvModel.of(10_000, 16, 3).withResponseDelay(Duration.ZERO), 95);
    clock.advance(Duration.ofSeconds(1));
    double start = hw.drawA(1);
    assertThat(start).isLessThan(16).isGreaterThan(2);

    for (int i = 0; i < 4 * 3600 && hw.drawA(1) > 0; i++) {
      clock.advance(Duration.ofSeconds(1));
      hw.read(1);
    }

    assertThat(hw.socPercent(1)).isEqualTo(100.0);
    assertThat(hw.drawA(1)).isZero();
    assertThat(hw.read(1).energyWh()).isCloseTo(500, within(5.0));
  }
}
