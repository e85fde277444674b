package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.ChargingNeeds;
import io.kilowire.core.station.EnergyOffer;
import io.kilowire.core.station.EvControlMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The emulated EV's side of ISO 15118-20 bidirectional power transfer: on a bidirectional EVSE a
 * V2G EV feeds back what the station's setpoint asks, within the discharge limit and its own, and
 * stops at its minimum state of charge; an EV that charges only never feeds back.
 */
@DisplayName("The emulated V2G EV")
class V2gEvTest {
  private static final Instant T0 = Instant.parse("2026-12-07T17:00:00Z");

  private final VirtualScheduler clock = new VirtualScheduler(T0);
  private final List<ChargingNeeds> needs = new ArrayList<>();

  private SimulatedHardware hardware(boolean bidirectional) {
    SimulatedHardware hw = new SimulatedHardware(clock.clock(), 1, 32).bidirectional(bidirectional);
    hw.attach(clock, null, (evse, code) -> {}, (evse, n) -> needs.add(n));
    hw.offerEnergy(1, true);
    hw.offerCurrent(1, 16);
    return hw;
  }

  private static EvModel v2g() {
    return EvModel.of(60_000, 32, 3).withV2g(16, 30);
  }

  @Test
  void aV2gEvOnABidirectionalEvseFollowsANegativeSetpoint() {
    SimulatedHardware hw = hardware(true);
    hw.connectEv(1, v2g(), 60, true);
    assertThat(hw.canDischarge(1)).isTrue();

    hw.offerDischarge(1, 10, -8.0);
    clock.advance(Duration.ofSeconds(3)); // past the EV's response delay

    assertThat(hw.drawA(1)).isCloseTo(-8, within(0.01));
    assertThat(hw.read(1).powerW()).isCloseTo(-8 * 230 * 3, within(1.0));
    double soc = hw.socPercent(1);
    clock.advance(Duration.ofMinutes(30));
    assertThat(hw.socPercent(1)).isLessThan(soc);
    assertThat(hw.exportedWh(1)).isCloseTo(8 * 230 * 3 * 0.5, within(30.0));
    assertThat(hw.read(1).energyWh()).as("the import register never runs backwards").isZero();
  }

  @Test
  void aV2gEvStatesItsEnergyRequestsTargetSocAndDischargeFigures() {
    SimulatedHardware hw = hardware(true);

    hw.connectEv(1, v2g().withTargetSoc(80), 60, true);

    ChargingNeeds told = needs.get(needs.size() - 1);
    // 60 kWh battery at 60 %: 12 kWh to its 80 % target, 24 kWh to full, 18 kWh above its 30 %.
    assertThat(told.energyWh()).isCloseTo(12_000, within(1e-6));
    assertThat(told.maxEnergyWh()).isCloseTo(24_000, within(1e-6));
    assertThat(told.minEnergyWh()).isCloseTo(-18_000, within(1e-6));
    assertThat(told.minV2xEnergyWh()).isCloseTo(-18_000, within(1e-6));
    assertThat(told.targetSocPercent()).isEqualTo(80);
    assertThat(told.maxDischargePowerW()).isEqualTo(16 * 230 * 3.0);
  }

  @Test
  void aV2gEvFollowsSetpointsInDynamicControlAndSaysItsCyclingRange() {
    SimulatedHardware hw = hardware(true);

    hw.connectEv(1, v2g().withTargetSoc(80), 60, true);

    ChargingNeeds told = needs.get(needs.size() - 1);
    assertThat(told.controlMode()).isEqualTo(EvControlMode.DYNAMIC);
    // It lets the grid cycle it between its 30 % floor and its 80 % target: 12 kWh up to the top.
    assertThat(told.maxV2xEnergyWh()).isCloseTo(12_000, within(1e-6));
    assertThat(told.energyOffer()).isNull();
  }

  @Test
  void aScheduledV2gEvOffersItsMaximumForAsLongAsItsEnergyAboveTheFloorLasts() {
    SimulatedHardware hw = hardware(true);

    hw.connectEv(1, v2g().withControlMode(EvControlMode.SCHEDULED), 60, true);

    ChargingNeeds told = needs.get(needs.size() - 1);
    assertThat(told.controlMode()).isEqualTo(EvControlMode.SCHEDULED);
    // The V2X energy requests belong to dynamic control.
    assertThat(told.minV2xEnergyWh()).isNull();
    assertThat(told.maxV2xEnergyWh()).isNull();
    EnergyOffer offer = java.util.Objects.requireNonNull(told.energyOffer());
    assertThat(offer.from()).isEqualTo(T0);
    // 18 kWh above its 30 % floor at 16 A x 230 V x 3 = 11.04 kW: 5869 s, then nothing.
    assertThat(offer.entries())
        .containsExactly(new EnergyOffer.Entry(Duration.ofSeconds(5_869), -11_040.0));
  }

  @Test
  void aScheduledV2gEvAtItsFloorOffersNothing() {
    SimulatedHardware hw = hardware(true);

    hw.connectEv(1, v2g().withControlMode(EvControlMode.SCHEDULED), 30, true);

    EnergyOffer offer = java.util.Objects.requireNonNull(needs.get(needs.size() - 1).energyOffer());
    assertThat(offer.entries()).hasSize(1);
    assertThat(offer.entries().get(0).powerW()).isZero();
  }

  @Test
  void anEvThatChargesOnlyStatesNoIso15118Dash20Figures() {
    SimulatedHardware hw = hardware(true);

    hw.connectEv(1, EvModel.of(60_000, 32, 3), 60, true);

    assertThat(needs.get(needs.size() - 1).iso15118Dash20()).isFalse();
  }

  @Test
  void theDischargeLimitAndTheEvsOwnMaximumCapTheFlow() {
    SimulatedHardware hw = hardware(true);
    hw.connectEv(1, EvModel.of(60_000, 32, 3).withV2g(6, 30), 60, true);

    hw.offerDischarge(1, 10, -10.0);
    clock.advance(Duration.ofSeconds(3));

    assertThat(hw.drawA(1)).isCloseTo(-6, within(0.01));
  }

  @Test
  void theEvStopsFeedingBackAtItsMinimumStateOfCharge() {
    SimulatedHardware hw = hardware(true);
    hw.connectEv(1, v2g(), 31, true);
    hw.offerDischarge(1, 16, -16.0);
    clock.advance(Duration.ofSeconds(3));
    assertThat(hw.drawA(1)).isNegative();

    clock.advance(Duration.ofHours(1)); // 60 kWh at 11 kW: 1 % in about 3 minutes

    assertThat(hw.drawA(1)).isZero();
    assertThat(hw.socPercent(1)).isCloseTo(30, within(0.2));
  }

  @Test
  void anEvThatChargesOnlyNeverFeedsBack() {
    SimulatedHardware hw = hardware(true);
    hw.connectEv(1, EvModel.of(60_000, 32, 3), 60, true);
    assertThat(hw.canDischarge(1)).isFalse();

    hw.offerDischarge(1, 10, -8.0);
    clock.advance(Duration.ofSeconds(3));

    assertThat(hw.drawA(1)).isGreaterThanOrEqualTo(0);
    assertThat(hw.exportedWh(1)).isZero();
  }

  @Test
  void aChargeOnlyEvseNeverDischargesAV2gEv() {
    SimulatedHardware hw = hardware(false);
    hw.connectEv(1, v2g(), 60, true);
    assertThat(hw.bidirectional(1)).isFalse();
    assertThat(hw.canDischarge(1)).isFalse();

    hw.offerDischarge(1, 10, -8.0);
    clock.advance(Duration.ofSeconds(3));

    assertThat(hw.drawA(1)).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aPositiveSetpointIsFollowedAsACharge() {
    SimulatedHardware hw = hardware(true);
    hw.connectEv(1, v2g(), 60, true);

    hw.offerDischarge(1, 10, 5.0);
    clock.advance(Duration.ofSeconds(3));

    assertThat(hw.drawA(1)).isCloseTo(5, within(0.01));
  }
}
