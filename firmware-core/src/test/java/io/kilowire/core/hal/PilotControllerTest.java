package io.kilowire.core.hal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PilotControllerTest {
  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  private final Recorder out = new Recorder(scheduler);

  private PilotController controller(PilotConfig config) {
    return new PilotController(config, scheduler, out);
  }

  private void at(double seconds) {
    scheduler.runUntil(out.start.plusMillis((long) (seconds * 1000)));
  }

  private MeterReading drawing(double amps) {
    return new MeterReading(
        scheduler.now(),
        0,
        amps * 230 * 3,
        new PerPhase(amps, amps, amps),
        new PerPhase(230, 230, 230),
        null);
  }

  @Nested
  class SignallingTheLimit {
    @Test
    void aLimitBecomesTheDutyOfTheTableAndEachChangeIsOneOutput() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.setLimit(16);
      c.setLimit(10);
      assertThat(out.log).containsExactly("0.0 pilot PWM 26.6 %", "0.0 pilot PWM 16.6 %");
      assertThat(c.signalledAmps()).isEqualTo(9.96);
    }

    @Test
    void perPhaseLimitsSignalTheMinimumOverThePhasesInUse() {
      PilotController three = controller(PilotConfig.defaults());
      three.setLimit(16, 10, 20);
      assertThat(three.signalledAmps()).isEqualTo(9.96);

      PilotController one = controller(PilotConfig.builder().phases(1).build());
      one.setLimit(16, 10, 20);
      assertThat(one.signalledAmps()).isEqualTo(15.96);
    }

    @Test
    void theContactorClosesWhenTheEvAsksWithPwmOnAndOpensWhenItLeavesC() {
      PilotController c = controller(PilotConfig.defaults());
      c.onCpState(CpState.B);
      c.setLimit(16);
      at(1);
      c.onCpState(CpState.C);
      at(2);
      c.onCpState(CpState.B);
      assertThat(out.log)
          .containsExactly("0.0 pilot PWM 26.6 %", "1.0 contactor closed", "2.0 contactor open");
    }
  }

  @Nested
  class PauseAndResume {
    @Test
    void belowSixAmpsThePilotPausesWithConstantHighByDefault() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.setLimit(5.9);
      assertThat(c.pilot()).isEqualTo(PilotSignal.CONSTANT_HIGH);
      assertThat(c.signalledAmps()).isZero();
    }

    @Test
    void thePauseCanBeAFullDutyPwmInstead() {
      PilotController c = controller(PilotConfig.builder().pauseMode(PauseMode.FULL_DUTY).build());
      c.setLimit(16);
      c.setLimit(3);
      assertThat(out.pilots).containsExactly(PilotSignal.pwm(266), PilotSignal.FULL_DUTY);
    }

    @Test
    void aLimitWobblingAroundSixAmpsDoesNotFlap() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      for (int s = 1; s < 50; s++) {
        at(s);
        c.setLimit(s % 2 == 0 ? 5.9 : 6.5);
      }
      // 16 A -> 6.5 A is a decrease, 5.9 A pauses; after that 6.5 A never resumes within 60 s.
      assertThat(out.pilots)
          .containsExactly(PilotSignal.pwm(266), PilotSignal.pwm(108), PilotSignal.CONSTANT_HIGH);
    }

    @Test
    void sixAmpsPlusTheHysteresisResumesAtOnce() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      at(10);
      c.setLimit(0);
      at(11);
      c.setLimit(6.9);
      assertThat(c.pilot()).isEqualTo(PilotSignal.CONSTANT_HIGH);
      c.setLimit(7);
      assertThat(out.log.get(out.log.size() - 1)).isEqualTo("11.0 pilot PWM 11.6 %");
    }

    @Test
    void sixAmpsResumesOnceTheMinimumPauseTimeHasPassed() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      at(10);
      c.setLimit(0);
      at(20);
      c.setLimit(6.5);
      at(69.9);
      assertThat(c.pilot()).isEqualTo(PilotSignal.CONSTANT_HIGH);
      at(70);
      assertThat(out.log).endsWith("70.0 pilot PWM 10.8 %");
    }

    @Test
    void anUnplugEndsThePauseHysteresisWithTheSession() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.setLimit(0);
      c.onCpState(CpState.A);
      at(5); // the raise interval still holds across sessions
      c.setLimit(6);
      assertThat(c.pilot()).isEqualTo(PilotSignal.pwm(100));
    }

    @Test
    void theFirstLimitOfASessionNeedsNoHysteresis() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(6);
      assertThat(c.pilot()).isEqualTo(PilotSignal.pwm(100));
    }

    @Test
    void aPauseWithTheEvInCOpensTheContactorAfterSixSecondsOrWhenTheEvGoesToB() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.onCpState(CpState.C);
      at(1);
      c.setLimit(0);
      at(6.9);
      assertThat(c.contactorClosed()).isTrue();
      at(7);
      assertThat(out.log).endsWith("1.0 pilot CONSTANT_HIGH", "7.0 contactor open");

      PilotController d = controller(PilotConfig.defaults());
      out.log.clear();
      d.setLimit(16);
      d.onCpState(CpState.C);
      at(8);
      d.setLimit(0);
      at(10);
      d.onCpState(CpState.B);
      at(30);
      assertThat(out.log)
          .containsExactly(
              "7.0 pilot PWM 26.6 %",
              "7.0 contactor closed", "8.0 pilot CONSTANT_HIGH", "10.0 contactor open");
    }
  }

  @Nested
  class RateLimiting {
    @Test
    void raisesComeAtMostOncePerIntervalAndGoToTheLatestLimit() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(10);
      at(1);
      c.setLimit(20);
      at(2);
      c.setLimit(25);
      at(4.9);
      assertThat(c.signalledAmps()).isEqualTo(9.96);
      at(5);
      assertThat(out.log).containsExactly("0.0 pilot PWM 16.6 %", "5.0 pilot PWM 41.6 %");
    }

    @Test
    void decreasesApplyAtOnceEvenRightAfterARaise() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(10);
      at(5);
      c.setLimit(32);
      at(5.5);
      c.setLimit(8);
      at(6);
      c.setLimit(30);
      at(9.9);
      c.setLimit(12);
      at(20);
      assertThat(out.log)
          .containsExactly(
              "0.0 pilot PWM 16.6 %",
              "5.0 pilot PWM 53.3 %", "5.5 pilot PWM 13.3 %", "10.0 pilot PWM 20.0 %");
    }

    @Test
    void aRaiseThatIsWithdrawnBeforeItsTurnNeverHappens() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(10);
      at(1);
      c.setLimit(20);
      at(2);
      c.setLimit(10);
      at(30);
      assertThat(out.pilots).containsExactly(PilotSignal.pwm(166));
    }
  }

  @Nested
  class HighLevelCommunication {
    @Test
    void whileIso15118IsActiveThePilotShowsFivePercentAndLimitsGoThroughTheLink() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.setHlcActive(true);
      c.onCpState(CpState.C);
      c.setLimit(3);
      c.setLimit(3);
      at(1);
      c.setLimit(32);
      assertThat(out.log)
          .containsExactly(
              "0.0 pilot PWM 26.6 %",
              "0.0 pilot PWM 5.0 %",
              "0.0 hlc 16.0 A",
              "0.0 contactor closed",
              "0.0 hlc 3.0 A",
              "1.0 hlc 32.0 A");
    }

    @Test
    void whenIso15118EndsThePwmTakesOverInOneStep() {
      PilotController c = controller(PilotConfig.defaults());
      c.setHlcActive(true);
      c.setLimit(16);
      at(1);
      c.setHlcActive(false);
      assertThat(out.pilots).containsExactly(PilotSignal.HLC, PilotSignal.pwm(266));
    }

    @Test
    void aStopDuringIso15118PausesThePilotAndSendsZeroThroughTheLink() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.setHlcActive(true);
      c.onCpState(CpState.C);
      c.onFaultInputs(false, true);
      c.setLimit(20);
      assertThat(out.log)
          .containsSubsequence("0.0 hlc 16.0 A", "0.0 pilot CONSTANT_HIGH", "0.0 hlc 0.0 A")
          .doesNotContain("0.0 hlc 20.0 A");
    }
  }

  @Nested
  class OverCurrent {
    private PilotController charging16() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.onCpState(CpState.C);
      return c;
    }

    @Test
    void anEvThatKeepsDrawingTooMuchIsStoppedAndReported() {
      PilotController c = charging16();
      at(1);
      c.onMeter(drawing(20));
      at(3);
      c.onMeter(drawing(20));
      at(5.9);
      assertThat(out.faults).isEmpty();
      at(6);
      assertThat(c.stopped()).isTrue();
      assertThat(out.faults)
          .singleElement()
          .extracting(PilotFault::kind)
          .isEqualTo(PilotFault.Kind.EV_OVERCURRENT);
      at(11.9);
      assertThat(c.contactorClosed()).isTrue();
      at(12);
      assertThat(out.log)
          .containsExactly(
              "0.0 pilot PWM 26.6 %",
              "0.0 contactor closed",
              "6.0 pilot CONSTANT_HIGH",
              "6.0 fault EV_OVERCURRENT",
              "12.0 contactor open");
    }

    @Test
    void theContactorOpensAtOnceWhenTheStoppedEvGoesToB() {
      PilotController c = charging16();
      c.onMeter(drawing(25));
      at(5);
      at(7);
      c.onCpState(CpState.B);
      assertThat(out.log)
          .endsWith("5.0 pilot CONSTANT_HIGH", "5.0 fault EV_OVERCURRENT", "7.0 contactor open");
    }

    @Test
    void anEvWithinToleranceOrThatFollowsInTimeIsLeftAlone() {
      PilotController c = charging16();
      c.onMeter(drawing(17.5)); // tolerance max(1 A, 10 % of 15.96 A) = 1.596 A
      at(2);
      c.onMeter(drawing(22));
      at(6);
      c.onMeter(drawing(15));
      at(60);
      assertThat(out.faults).isEmpty();
      assertThat(c.stopped()).isFalse();
    }

    @Test
    void aDecreaseGivesTheEvAFreshResponseWindow() {
      PilotController c = charging16();
      at(1);
      c.onMeter(drawing(25));
      at(4);
      c.setLimit(10);
      c.onMeter(drawing(20));
      at(8.9);
      assertThat(out.faults).isEmpty();
      at(9);
      assertThat(out.faults).hasSize(1);
    }

    @Test
    void theStopHoldsUntilTheEvIsUnplugged() {
      PilotController c = charging16();
      c.onMeter(drawing(25));
      at(10);
      c.setLimit(32);
      assertThat(c.pilot()).isEqualTo(PilotSignal.CONSTANT_HIGH);
      c.onCpState(CpState.A);
      c.setLimit(32);
      assertThat(c.pilot()).isEqualTo(PilotSignal.pwm(533));
    }
  }

  @Nested
  class FaultInputsStopCharging {
    @Test
    void anRcdTripPausesAndOpensTheContactorAtOnce() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.onCpState(CpState.C);
      at(3);
      c.onFaultInputs(true, false);
      c.onFaultInputs(true, false);
      at(30);
      assertThat(out.log)
          .containsExactly(
              "0.0 pilot PWM 26.6 %",
              "0.0 contactor closed",
              "3.0 pilot CONSTANT_HIGH",
              "3.0 fault RCD_TRIPPED",
              "3.0 contactor open");
    }

    @Test
    void overTemperaturePausesAndOpensLikeAnyPause() {
      PilotController c = controller(PilotConfig.defaults());
      c.setLimit(16);
      c.onCpState(CpState.C);
      at(3);
      c.onFaultInputs(false, true);
      at(30);
      assertThat(out.log)
          .containsExactly(
              "0.0 pilot PWM 26.6 %",
              "0.0 contactor closed",
              "3.0 pilot CONSTANT_HIGH",
              "3.0 fault OVER_TEMPERATURE",
              "9.0 contactor open");
      c.onFaultInputs(false, false);
      c.setLimit(20);
      assertThat(c.pilot()).isEqualTo(PilotSignal.CONSTANT_HIGH);
      c.clearFault();
      assertThat(c.pilot()).isEqualTo(PilotSignal.pwm(333));
    }
  }

  @Nested
  class PhaseSwitching {
    private final PilotConfig switchable =
        PilotConfig.builder().phaseSwitchingSupported(true).build();

    @Test
    void theSafeSequenceRunsInOrderWhenTheEvGoesToB() {
      PilotController c = controller(switchable);
      c.setLimit(16);
      c.onCpState(CpState.C);
      at(10);
      assertThat(c.requestPhases(1)).isTrue();
      at(12);
      c.onCpState(CpState.B);
      at(56.9);
      assertThat(c.phaseSwitchState()).isEqualTo(PhaseSwitch.State.CP_DISCONNECTED);
      c.setLimit(20); // held back until the CP is reconnected
      at(57);
      assertThat(out.log)
          .containsExactly(
              "0.0 pilot PWM 26.6 %",
              "0.0 contactor closed",
              "10.0 pilot PWM 100.0 %",
              "12.0 contactor open",
              "12.0 pilot OFF",
              "12.0 phases 1",
              "57.0 pilot PWM 33.3 %");
      assertThat(c.phases()).isEqualTo(1);
      assertThat(c.phaseSwitchState()).isEqualTo(PhaseSwitch.State.IDLE);
    }

    @Test
    void anEvThatStaysInCIsDisconnectedUnderLoadAfterSixSecondsAndWaitsLonger() {
      PilotController c = controller(switchable);
      c.setLimit(16);
      c.onCpState(CpState.C);
      c.requestPhases(1);
      at(200);
      assertThat(out.log)
          .containsExactly(
              "0.0 pilot PWM 26.6 %",
              "0.0 contactor closed",
              "0.0 pilot PWM 100.0 %",
              "6.0 contactor open",
              "6.0 pilot OFF",
              "6.0 phases 1",
              "66.0 pilot PWM 26.6 %",
              "66.0 contactor closed");
    }

    @Test
    void timingIsConfigurable() {
      PilotController c =
          controller(
              switchable.toBuilder().phaseSwitchReconnectDelay(Duration.ofSeconds(10)).build());
      c.setLimit(16);
      c.requestPhases(1); // no EV drawing: straight to the disconnect
      at(100);
      assertThat(out.log)
          .containsExactly(
              "0.0 pilot PWM 26.6 %",
              "0.0 pilot PWM 100.0 %", "0.0 pilot OFF", "0.0 phases 1", "10.0 pilot PWM 26.6 %");
    }

    @Test
    void requestsThatCannotBeServedAreRefused() {
      PilotController fixed = controller(PilotConfig.defaults());
      assertThat(fixed.requestPhases(1)).isFalse();
      PilotController c = controller(switchable);
      assertThat(c.requestPhases(3)).isFalse();
      assertThat(c.requestPhases(2)).isFalse();
      c.onCpState(CpState.C);
      c.setLimit(16);
      assertThat(c.requestPhases(1)).isTrue();
      assertThat(c.requestPhases(1)).isFalse();
    }

    @Test
    void everyStateEventPairOfTheTableIsDefined() {
      for (PhaseSwitch.State s : PhaseSwitch.State.values()) {
        for (PhaseSwitch.Event e : PhaseSwitch.Event.values()) {
          PhaseSwitch.Step step = PhaseSwitch.step(s, e);
          boolean moves = step.action() != PhaseSwitch.Action.NONE;
          assertThat(moves || step.next() == s).as("%s x %s", s, e).isTrue();
        }
      }
      assertThat(PhaseSwitch.step(PhaseSwitch.State.IDLE, PhaseSwitch.Event.REQUEST))
          .isEqualTo(
              new PhaseSwitch.Step(
                  PhaseSwitch.State.WAIT_FOR_B, PhaseSwitch.Action.PAUSE_AND_WAIT));
      assertThat(
              PhaseSwitch.step(PhaseSwitch.State.WAIT_FOR_B, PhaseSwitch.Event.B_TIMEOUT).action())
          .isEqualTo(PhaseSwitch.Action.OPEN_UNDER_LOAD_AND_DISCONNECT);
      assertThat(
              PhaseSwitch.step(PhaseSwitch.State.CP_DISCONNECTED, PhaseSwitch.Event.RECONNECT_DUE))
          .isEqualTo(new PhaseSwitch.Step(PhaseSwitch.State.IDLE, PhaseSwitch.Action.RECONNECT));
    }
  }
}
