package io.kilowire.core.hal.iso15118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.hal.CpState;
import io.kilowire.core.hal.Iso15118Link;
import io.kilowire.core.hal.Iso15118Link.EvChargingNeeds;
import io.kilowire.core.hal.Iso15118Link.HlcLimits;
import io.kilowire.core.hal.PilotConfig;
import io.kilowire.core.hal.PilotController;
import io.kilowire.core.hal.PilotOutput;
import io.kilowire.core.hal.PilotSignal;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.ChargingNeeds;
import io.kilowire.core.station.EnergyOffer;
import io.kilowire.core.station.EvControlMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ISO 15118 glue in virtual time: an EVSE with a real pilot controller and a fake link. */
class HlcCoordinatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The link's side: every offer with the instant it was made. */
  private static final class FakeLink implements Iso15118Link {
    record Offer(Instant at, int evse, HlcLimits limits) {}

    final VirtualScheduler clock;
    final List<Offer> offers = new ArrayList<>();
    @Nullable Listener listener;

    FakeLink(VirtualScheduler clock) {
      this.clock = clock;
    }

    @Override
    public void setListener(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void offerLimits(int evse, HlcLimits limits) {
      offers.add(new Offer(clock.now(), evse, limits));
    }

    Offer last() {
      return offers.get(offers.size() - 1);
    }
  }

  /** One EVSE: board pilot signals, the controller, the coordinator, the needs it passed on. */
  private static final class Rig {
    final VirtualScheduler clock = new VirtualScheduler(T0);
    final FakeLink link = new FakeLink(clock);
    final List<PilotSignal> pilots = new ArrayList<>();
    final List<ChargingNeeds> needs = new ArrayList<>();
    final PilotController controller;
    final HlcCoordinator hlc;

    Rig() {
      this(HlcCoordinator.Config.defaults());
    }

    Rig(HlcCoordinator.Config config) {
      PilotController[] holder = new PilotController[1];
      hlc =
          new HlcCoordinator(link, clock, config, evse -> holder[0], (evse, n) -> needs.add(n))
              .attach();
      PilotOutput board =
          new PilotOutput() {
            @Override
            public void pilot(PilotSignal signal) {
              pilots.add(signal);
            }

            @Override
            public void contactor(boolean closed) {}
          };
      controller = new PilotController(PilotConfig.defaults(), clock, hlc.output(1, board));
      holder[0] = controller;
    }

    /** The limit is {@code amps} and the EV has started high-level communication. */
    static Rig inHlcSession(double amps) {
      Rig r = new Rig();
      r.controller.setLimit(amps);
      r.ev().sessionActive(1, true);
      return r;
    }

    Iso15118Link.Listener ev() {
      return java.util.Objects.requireNonNull(link.listener);
    }

    PilotSignal pilot() {
      return pilots.get(pilots.size() - 1);
    }
  }

  @Nested
  class BothWays {
    /** A bidirectional EVSE or not, offering 16 A, with an EV in session that said its needs. */
    private Rig rig(boolean bidirectional, EvChargingNeeds ev) {
      Rig r = new Rig(HlcCoordinator.Config.defaults().bidirectional(bidirectional));
      r.controller.setLimit(16);
      r.ev().sessionActive(1, true);
      r.ev().chargingNeeds(1, ev);
      return r;
    }

    private EvChargingNeeds bpt(double maxDischargeA) {
      return new EvChargingNeeds(null, 32, 6, null, maxDischargeA);
    }

    @Test
    void aBptEvsEnergyRequestsTargetSocAndDischargeFiguresReachTheStation() {
      EvChargingNeeds ev =
          bpt(16).withEnergyRequests(-5_000.0, 40_000.0, 80).withDischarge(9_000.0, -12_000.0);

      Rig r = rig(true, ev);

      ChargingNeeds told = r.needs.get(r.needs.size() - 1);
      assertThat(told.minEnergyWh()).isEqualTo(-5_000.0);
      assertThat(told.maxEnergyWh()).isEqualTo(40_000.0);
      assertThat(told.targetSocPercent()).isEqualTo(80);
      assertThat(told.maxDischargePowerW()).isEqualTo(9_000.0);
      assertThat(told.minV2xEnergyWh()).isEqualTo(-12_000.0);
      assertThat(told.bidirectional()).isTrue();
    }

    @Test
    void aBptEvThatGaveNoDischargePowerIsReportedWithItsCurrentInWatts() {
      Rig r = rig(true, bpt(16));

      // 16 A per phase, 230 V, three phases.
      assertThat(r.needs.get(r.needs.size() - 1).maxDischargePowerW()).isEqualTo(11_040.0);
    }

    @Test
    void onAnEvseThatCannotFeedBackABptEvIsReportedAsChargingOnly() {
      Rig r =
          rig(false, bpt(16).withEnergyRequests(0.0, 40_000.0, 80).withDischarge(9_000.0, null));

      ChargingNeeds told = r.needs.get(r.needs.size() - 1);
      assertThat(told.bidirectional()).isFalse();
      assertThat(told.minV2xEnergyWh()).isNull();
      assertThat(told.targetSocPercent()).isEqualTo(80);
    }

    @Test
    void aScheduledBptEvsControlModeAndEnergyOfferReachTheStationWhereItCanFeedBack() {
      EnergyOffer offer =
          new EnergyOffer(T0, List.of(new EnergyOffer.Entry(Duration.ofHours(2), -7_000.0)));
      EvChargingNeeds ev = bpt(16).withControl(EvControlMode.SCHEDULED, 12_000.0, offer);

      ChargingNeeds there = rig(true, ev).needs.get(0);
      ChargingNeeds notThere = rig(false, ev).needs.get(0);

      assertThat(there.controlMode()).isEqualTo(EvControlMode.SCHEDULED);
      assertThat(there.energyOffer()).isEqualTo(offer);
      assertThat(there.maxV2xEnergyWh()).isEqualTo(12_000.0);
      // Where the EVSE cannot feed back, the EV's mode stays but it has nothing to offer.
      assertThat(notThere.controlMode()).isEqualTo(EvControlMode.SCHEDULED);
      assertThat(notThere.energyOffer()).isNull();
      assertThat(notThere.maxV2xEnergyWh()).isNull();
    }

    @Test
    void anEnergyOfferNeedsBptAndScheduledControl() {
      EnergyOffer offer =
          new EnergyOffer(T0, List.of(new EnergyOffer.Entry(Duration.ofHours(2), -7_000.0)));
      assertThatThrownBy(
              () ->
                  new EvChargingNeeds(null, 32, 6, null)
                      .withControl(EvControlMode.SCHEDULED, null, offer))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("need BPT");
      assertThatThrownBy(() -> bpt(16).withControl(EvControlMode.DYNAMIC, null, offer))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SCHEDULED");
      assertThatThrownBy(() -> new EnergyOffer(T0, List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("entries");
    }

    @Test
    void needsThatContradictThemselvesAreRefusedByName() {
      EvChargingNeeds ev = bpt(16);
      assertThatThrownBy(() -> ev.withEnergyRequests(10_000.0, 5_000.0, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("minEnergyRequestWh");
      assertThatThrownBy(() -> ev.withEnergyRequests(null, null, 101))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("targetSocPercent");
      assertThatThrownBy(() -> ev.withDischarge(-1.0, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxDischargePowerW");
      assertThatThrownBy(() -> new EvChargingNeeds(null, 32, 6, null).withDischarge(9_000.0, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("need BPT");
    }

    @Test
    void aBptEvOnABidirectionalEvseIsOfferedTheDischargeLimitAndTheSetpoint() {
      Rig r = rig(true, bpt(16));
      assertThat(r.hlc.canDischarge(1)).isTrue();

      r.hlc.dischargeLimit(1, 10, -8.0);

      HlcLimits offer = r.link.last().limits();
      assertThat(offer.maxCurrentA()).isEqualTo(16.0);
      assertThat(offer.maxDischargeCurrentA()).isEqualTo(10.0);
      assertThat(offer.maxDischargePowerW()).isEqualTo(10 * 230 * 3.0);
      assertThat(offer.targetPowerW()).isEqualTo(-8 * 230 * 3.0);
    }

    @Test
    void theEvsOwnDischargeMaximumCapsTheOfferAndTheSetpointStaysInside() {
      Rig r = rig(true, bpt(6));

      r.hlc.dischargeLimit(1, 10, -8.0);

      HlcLimits offer = r.link.last().limits();
      assertThat(offer.maxDischargeCurrentA()).isEqualTo(6.0);
      assertThat(offer.targetPowerW()).isEqualTo(-6 * 230 * 3.0);
    }

    @Test
    void anEvWithoutBptNeverDischargesAndANegativeSetpointBecomesZero() {
      Rig r = rig(true, new EvChargingNeeds(null, 32, 6, null));
      assertThat(r.hlc.canDischarge(1)).isFalse();

      r.hlc.dischargeLimit(1, 10, -8.0);

      HlcLimits offer = r.link.last().limits();
      assertThat(offer.maxDischargeCurrentA()).isZero();
      assertThat(offer.maxDischargePowerW()).isZero();
      assertThat(offer.targetPowerW()).isEqualTo(0.0);
    }

    @Test
    void anEvseThatCannotFeedBackNeverDischargesEvenWithABptEv() {
      Rig r = rig(false, bpt(16));
      assertThat(r.hlc.canDischarge(1)).isFalse();

      r.hlc.dischargeLimit(1, 10, -8.0);

      assertThat(r.link.last().limits().maxDischargeCurrentA()).isZero();
    }

    @Test
    void aDischargeLimitSetBeforeTheEvSaidItsNeedsGoesOutOnceItChoseBpt() {
      Rig r = new Rig(HlcCoordinator.Config.defaults().bidirectional(true));
      r.controller.setLimit(16);
      r.hlc.dischargeLimit(1, 10, null);
      r.ev().sessionActive(1, true);
      assertThat(r.link.last().limits().maxDischargeCurrentA()).isZero();

      r.ev().chargingNeeds(1, bpt(16));

      assertThat(r.link.last().limits().maxDischargeCurrentA()).isEqualTo(10.0);
      assertThat(r.link.last().limits().targetPowerW()).isNull();
    }

    @Test
    void withV2xSwitchedOffTheSessionIsNegotiatedWithoutBpt() {
      Rig r = new Rig(HlcCoordinator.Config.defaults().bidirectional(true));
      boolean[] v2xOn = {false};
      r.hlc.bptOffered(evse -> v2xOn[0]);
      r.controller.setLimit(16);
      r.ev().sessionActive(1, true);

      r.ev().chargingNeeds(1, bpt(16).withEnergyRequests(0.0, 40_000.0, 80));
      r.hlc.dischargeLimit(1, 10, -8.0);

      // The EV is told no BPT: the station reports a charging EV and offers nothing to feed back.
      ChargingNeeds told = r.needs.get(r.needs.size() - 1);
      assertThat(told.bidirectional()).isFalse();
      assertThat(told.minV2xEnergyWh()).isNull();
      assertThat(r.hlc.canDischarge(1)).isFalse();
      assertThat(r.link.last().limits().maxDischargeCurrentA()).isZero();
      assertThat(r.link.last().limits().targetPowerW()).isEqualTo(0.0);

      // Switched on mid-session: the service was chosen without BPT (no service renegotiation).
      v2xOn[0] = true;
      r.ev().chargingNeeds(1, bpt(16));
      r.hlc.dischargeLimit(1, 9, -7.0);
      assertThat(r.hlc.canDischarge(1)).isFalse();
      assertThat(r.needs.get(r.needs.size() - 1).bidirectional()).isFalse();
      assertThat(r.link.last().limits().maxDischargeCurrentA()).isZero();

      // The next session negotiates with V2X on: BPT again.
      r.ev().sessionActive(1, false);
      r.ev().sessionActive(1, true);
      r.ev().chargingNeeds(1, bpt(16));
      assertThat(r.hlc.canDischarge(1)).isTrue();
      assertThat(r.needs.get(r.needs.size() - 1).bidirectional()).isTrue();
      assertThat(r.link.last().limits().maxDischargeCurrentA()).isEqualTo(9.0);
    }

    @Test
    void theReactiveTargetGoesToABptEvOverTheLinkAndNowhereElse() {
      Rig r = rig(true, bpt(16));

      r.hlc.reactiveTarget(1, -4.0);

      // 4 A injected per phase on three phases at 230 V: EVSETargetReactivePower -2760 var.
      assertThat(r.link.last().limits().targetReactivePowerVar()).isEqualTo(-2760.0);
      r.hlc.reactiveTarget(1, null);
      assertThat(r.link.last().limits().targetReactivePowerVar()).isNull();

      // An EV that charges only is offered no reactive target.
      Rig plain = rig(true, new EvChargingNeeds(null, 32, 6, null));
      plain.hlc.reactiveTarget(1, -4.0);
      assertThat(plain.link.last().limits().targetReactivePowerVar()).isNull();
    }

    @Test
    void theSessionsEndEndsTheDischarging() {
      Rig r = rig(true, bpt(16));
      r.hlc.dischargeLimit(1, 10, -8.0);

      r.ev().sessionActive(1, false);

      assertThat(r.hlc.canDischarge(1)).isFalse();
    }
  }

  @Nested
  class SessionStart {
    @Test
    void theLinkListensToTheCoordinator() {
      Rig r = new Rig();
      assertThat(r.link.listener).isSameAs(r.hlc);
    }

    @Test
    void hlcShowsFivePercentOnThePilotAndOffersTheLimitWithALease() {
      Rig r = new Rig();
      r.controller.setLimit(16);
      r.controller.onCpState(CpState.C);

      r.ev().sessionActive(1, true);

      assertThat(r.pilot()).isEqualTo(PilotSignal.HLC);
      assertThat(r.pilot().dutyPermille()).isEqualTo(50);
      FakeLink.Offer offer = r.link.last();
      assertThat(offer.evse()).isEqualTo(1);
      assertThat(offer.limits().maxCurrentA()).isEqualTo(16.0);
      assertThat(offer.limits().maxPowerW()).isEqualTo(16 * 230 * 3.0);
      assertThat(offer.limits().validUntil()).isEqualTo(T0.plusSeconds(10));
      assertThat(r.controller.contactorClosed()).isTrue();
    }

    @Test
    void withoutHlcThePilotSignalsTheLimitByDutyCycleAndNothingIsOffered() {
      Rig r = new Rig();
      r.controller.setLimit(16);

      assertThat(r.pilot()).isEqualTo(PilotSignal.pwm(266));
      assertThat(r.link.offers).isEmpty();
    }

    @Test
    void theEvsChargingNeedsReachTheStationWithTheSupply() {
      Rig r = new Rig();
      r.ev().sessionActive(1, true);
      Instant departure = T0.plusSeconds(3600);

      r.ev().chargingNeeds(1, new EvChargingNeeds(20_000.0, 32, 6, departure));

      assertThat(r.needs).containsExactly(new ChargingNeeds(20_000.0, 6, 32, 230, 3, departure));
    }
  }

  @Nested
  class Changes {
    @Test
    void aLowerLimitIsOfferedAtOnce() {
      Rig r = Rig.inHlcSession(16);
      r.clock.advance(Duration.ofMillis(3_200));

      r.controller.setLimit(10);

      FakeLink.Offer offer = r.link.last();
      assertThat(offer.at()).isEqualTo(T0.plusMillis(3_200));
      assertThat(offer.limits().maxCurrentA()).isEqualTo(10.0);
      assertThat(offer.limits().validUntil()).isEqualTo(T0.plusMillis(13_200));
    }

    @Test
    void aHigherLimitIsAlsoOfferedAtOnceWithoutThePwmRaiseInterval() {
      Rig r = Rig.inHlcSession(10);
      r.clock.advance(Duration.ofSeconds(1));

      r.controller.setLimit(20);

      assertThat(r.link.last().at()).isEqualTo(T0.plusSeconds(1));
      assertThat(r.link.last().limits().maxCurrentA()).isEqualTo(20.0);
    }

    @Test
    void anOfferBelowTheEvsMinimumCurrentIsZero() {
      Rig r = Rig.inHlcSession(16);
      r.ev().chargingNeeds(1, new EvChargingNeeds(null, 32, 8, null));

      r.controller.setLimit(7.5);

      assertThat(r.link.last().limits().maxCurrentA()).isZero();
      assertThat(r.link.last().limits().maxPowerW()).isZero();
    }

    @Test
    void aStoppedEvseOffersNothing() {
      Rig r = new Rig();
      r.controller.setLimit(16);
      r.controller.onCpState(CpState.C);
      r.ev().sessionActive(1, true);

      r.controller.onFaultInputs(true, false);

      assertThat(r.link.last().limits().maxCurrentA()).isZero();
      assertThat(r.controller.contactorClosed()).isFalse();
    }
  }

  @Nested
  class Lease {
    @Test
    void theOfferIsRenewedEveryHalfLeaseSoItNeverLapses() {
      Rig r = Rig.inHlcSession(16);

      r.clock.advance(Duration.ofSeconds(60));

      List<FakeLink.Offer> offers = r.link.offers;
      assertThat(offers).hasSize(13); // t = 0, 5, ..., 60
      for (int i = 1; i < offers.size(); i++) {
        assertThat(offers.get(i).at()).isBefore(offers.get(i - 1).limits().validUntil());
        assertThat(offers.get(i).limits().maxCurrentA()).isEqualTo(16.0);
      }
    }

    @Test
    void aChangeRestartsTheRenewalFromTheNewOffer() {
      Rig r = Rig.inHlcSession(16);
      r.clock.advance(Duration.ofSeconds(4));
      r.controller.setLimit(12);

      r.clock.advance(Duration.ofMillis(8_999));

      assertThat(r.link.offers)
          .extracting(FakeLink.Offer::at)
          .containsExactly(T0, T0.plusSeconds(4), T0.plusSeconds(9));
    }

    @Test
    void theSessionsEndStopsOffersAndThePilotReturnsToTheDutyCycle() {
      Rig r = Rig.inHlcSession(16);
      r.clock.advance(Duration.ofSeconds(1));

      r.ev().sessionActive(1, false);
      int offers = r.link.offers.size();
      r.clock.advance(Duration.ofMinutes(1));

      assertThat(r.link.offers).hasSize(offers);
      assertThat(r.pilot()).isEqualTo(PilotSignal.pwm(266));
      assertThat(r.hlc.offered(1)).isNull();
    }
  }

  /** Seeded: random limit changes and times; every offer is at most the limit then in force. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void noOfferIsEverAboveTheLimitInForce(long seed) {
    Rig r = new Rig();
    Random random = new Random(seed);
    r.ev().sessionActive(1, true);
    double limit = 0;
    for (int step = 0; step < 200; step++) {
      limit = random.nextInt(4) == 0 ? random.nextDouble() * 6 : random.nextDouble() * 80;
      r.controller.setLimit(limit);
      FakeLink.Offer offer = r.link.last();
      assertThat(offer.limits().maxCurrentA())
          .as("seed %d step %d", seed, step)
          .isLessThanOrEqualTo(limit);
      assertThat(offer.limits().maxPowerW())
          .as("seed %d step %d", seed, step)
          .isLessThanOrEqualTo(limit * 230 * 3);
      r.clock.advance(Duration.ofMillis(random.nextInt(12_000)));
      // Renewals in between carry the same limit.
      assertThat(r.link.last().limits().maxCurrentA()).isLessThanOrEqualTo(limit);
      assertThat(r.link.last().limits().validUntil()).isAfter(r.clock.now());
    }
  }
}
