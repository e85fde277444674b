package io.kilowire.core.hal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.station.FaultCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BoardStationHardwareTest {
  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> events = new ArrayList<>();
  private final BoardStationHardware.Events sink =
      new BoardStationHardware.Events() {
        @Override
        public void plugIn(int evse) {
          events.add("plugIn " + evse);
        }

        @Override
        public void unplug(int evse) {
          events.add("unplug " + evse);
        }

        @Override
        public void evCharging(int evse, boolean charging) {
          events.add("charging " + evse + " " + charging);
        }

        @Override
        public void fault(int evse, FaultCode code) {
          events.add("fault " + evse + " " + code);
        }
      };

  /** A board whose every port the test sets by hand; commands are logged. */
  static class FakeBoard implements ControlPilot, Contactor, EnergyMeter, FaultInputs, Watchdog {
    final List<String> log = new ArrayList<>();
    CpState cp = CpState.A;
    boolean coil;
    boolean feedbackFollowsCoil = true;
    Boolean feedbackOverride;
    boolean welded;
    boolean rcd;
    boolean hot;
    boolean boardFault;
    int kicks;
    MeterReading reading = MeterReading.idle(Instant.EPOCH, 1000, 230);

    @Override
    public void setDuty(int dutyPermille) {
      log.add("duty " + dutyPermille);
    }

    @Override
    public void setConstantHigh() {
      log.add("+12V");
    }

    @Override
    public void setOff() {
      log.add("off");
    }

    @Override
    public CpState state() {
      return cp;
    }

    @Override
    public void close() {
      coil = true;
      log.add("close");
    }

    @Override
    public void open() {
      coil = false;
      log.add("open");
    }

    @Override
    public boolean feedbackClosed() {
      if (feedbackOverride != null) {
        return feedbackOverride;
      }
      return feedbackFollowsCoil && coil;
    }

    @Override
    public boolean welded() {
      return welded;
    }

    @Override
    public MeterReading read(int evse) {
      return reading;
    }

    @Override
    public boolean rcdTripped(int evse) {
      return rcd;
    }

    @Override
    public boolean overTemperature(int evse) {
      return hot;
    }

    @Override
    public boolean boardFault(int evse) {
      return boardFault;
    }

    @Override
    public void kick() {
      kicks++;
    }

    String last() {
      return log.get(log.size() - 1);
    }
  }

  /** A board that takes whole amps (like OpenEVSE over RAPI). */
  static final class AmpsBoard extends FakeBoard implements CurrentPilot {
    @Override
    public void setCurrent(int amps) {
      log.add("amps " + amps);
    }
  }

  private BoardStationHardware attach(FakeBoard board) {
    return attach(board, BoardStationHardware.Config.defaults());
  }

  private BoardStationHardware attach(FakeBoard board, BoardStationHardware.Config config) {
    BoardStationHardware hw =
        new BoardStationHardware(
            config, List.of(new BoardStationHardware.EvsePorts(board, board, board, board)));
    hw.attach(scheduler, sink);
    return hw;
  }

  private void tick() {
    scheduler.advance(Duration.ofMillis(250));
  }

  /** Plugs in, offers {@code amps} and lets the EV ask for energy: the contactor closes. */
  private void charge(BoardStationHardware hw, FakeBoard board, double amps) {
    board.cp = CpState.B;
    tick();
    hw.offerEnergy(1, true);
    hw.offerCurrent(1, amps);
    board.cp = CpState.C;
    tick();
  }

  @Nested
  class PhaseContactor {
    private final List<String> relay = new ArrayList<>();

    private BoardStationHardware attachSwitching(FakeBoard board) {
      BoardStationHardware hw =
          new BoardStationHardware(
              BoardStationHardware.Config.defaults(),
              List.of(
                  new BoardStationHardware.EvsePorts(
                      board,
                      board,
                      board,
                      board,
                      phases -> {
                        board.log.add("phases " + phases);
                        relay.add("phases " + phases);
                      })));
      hw.attach(scheduler, sink);
      return hw;
    }

    @Test
    void anEvseWithAPhaseContactorSwitchesInTheSafeSequence() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attachSwitching(board);
      charge(hw, board, 16);
      board.log.clear();

      assertThat(hw.controller(1).requestPhases(1)).isTrue();
      // pilot 100 %, the EV goes to B, contactor open, pilot off, phases switched
      board.cp = CpState.B;
      tick();
      assertThat(board.log).containsSubsequence("duty 1000", "open", "off", "phases 1");
      assertThat(hw.controller(1).phases()).isEqualTo(1);
      assertThat(board.log).doesNotContain("close");
      // back after the reconnect delay (45 s by default)
      scheduler.advance(Duration.ofSeconds(46));
      board.cp = CpState.C;
      tick();
      assertThat(board.log).endsWith("close");
      assertThat(relay).containsExactly("phases 1");
    }

    @Test
    void aBoardThatOpensItsRelayAtFullDutyIsNoContactorFailureWhileItSwitches() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attachSwitching(board);
      charge(hw, board, 16);
      hw.controller(1).requestPhases(1);
      // an OpenEVSE asleep (pilot +12 V) opens its relay itself; the EV stays in C
      board.feedbackOverride = false;
      for (int i = 0; i < 28; i++) {
        tick(); // 7 s: beyond the wait for B (6 s), the contactor opens and the phases switch
      }
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      assertThat(relay).containsExactly("phases 1");
      assertThat(board.log).containsSubsequence("duty 1000", "open", "off", "phases 1");
    }

    @Test
    void anEvseWithoutOneRefusesToSwitch() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      assertThat(hw.controller(1).requestPhases(1)).isFalse();
      assertThat(hw.controller(1).phases()).isEqualTo(3);
    }
  }

  @Nested
  class PlugAndCharge {
    @Test
    void cpStatesBecomePlugAndChargingEventsInOrder() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      board.cp = CpState.B;
      tick();
      board.cp = CpState.A;
      tick();
      assertThat(events)
          .containsExactly("plugIn 1", "charging 1 true", "charging 1 false", "unplug 1");
    }

    @Test
    void aDutyBoardGetsTheDutyCycleAndTheContactorClosesInStateC() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      assertThat(board.log).contains("duty 266").endsWith("close");
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
    }

    @Test
    void aCurrentBoardGetsTheLimitInWholeAmpsRoundedDown() {
      AmpsBoard board = new AmpsBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 10);
      assertThat(board.log).contains("amps 10").doesNotContain("duty 166");
      hw.offerCurrent(1, 9.97);
      assertThat(board.last()).isEqualTo("amps 9");
      hw.offerCurrent(1, 3);
      assertThat(board.last()).isEqualTo("+12V");
    }

    @Test
    void theHardwareMaximumCapsTheLimit() {
      AmpsBoard board = new AmpsBoard();
      BoardStationHardware hw =
          attach(board, BoardStationHardware.Config.defaults().withMaxCurrentA(20));
      charge(hw, board, 32);
      assertThat(board.log).contains("amps 20").doesNotContain("amps 32");
    }

    @Test
    void aLimitBeforeEnergyIsOfferedKeepsThePilotPaused() {
      AmpsBoard board = new AmpsBoard();
      BoardStationHardware hw = attach(board);
      board.cp = CpState.B;
      tick();
      hw.offerCurrent(1, 16);
      assertThat(board.log).noneMatch(l -> l.startsWith("amps"));

      // once energy is offered, the limit given before reaches the board
      hw.offerEnergy(1, true);
      tick();
      assertThat(board.log).contains("amps 16");
    }
  }

  @Nested
  class ContactorSupervision {
    @Test
    void aContactorThatDoesNotCloseWithinTheTimeoutIsAFault() {
      FakeBoard board = new FakeBoard();
      board.feedbackFollowsCoil = false;
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      scheduler.advance(Duration.ofMillis(500));
      assertThat(hw.fault(1)).isEqualTo(FaultCode.CONTACTOR_FAILURE);
      assertThat(events).endsWith("fault 1 CONTACTOR_FAILURE");
      assertThat(board.log).endsWith("+12V", "open");
    }

    @Test
    void aContactorThatClosesInTimeIsNoFault() {
      FakeBoard board = new FakeBoard();
      board.feedbackFollowsCoil = false;
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      board.feedbackFollowsCoil = true;
      scheduler.advance(Duration.ofSeconds(5));
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
    }

    @Test
    void theCloseTimeoutIsConfigurable() {
      FakeBoard board = new FakeBoard();
      board.feedbackFollowsCoil = false;
      BoardStationHardware hw =
          attach(
              board,
              BoardStationHardware.Config.defaults().withContactorTimeout(Duration.ofSeconds(2)));
      charge(hw, board, 16);
      scheduler.advance(Duration.ofMillis(1500));
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      scheduler.advance(Duration.ofMillis(500));
      assertThat(hw.fault(1)).isEqualTo(FaultCode.CONTACTOR_FAILURE);
    }

    @Test
    void aBoardThatOpensItsRelayWhenPausedIsNoContactorFailureWhileTheEvLeavesC() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      // the limit falls below 6 A: the pilot pauses; an OpenEVSE asleep opens its relay itself
      // while the EV still draws (in C), and the controller waits up to 6 s for it to leave C
      hw.offerCurrent(1, 3);
      board.feedbackOverride = false;
      for (int i = 0; i < 20; i++) {
        tick(); // 5 s: within the wait for B
      }
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      // current again: the relay closes on the board's own, within the close timeout
      board.feedbackOverride = null;
      hw.offerCurrent(1, 16);
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      assertThat(events).doesNotContain("fault 1 CONTACTOR_FAILURE");
    }

    @Test
    void aContactorThatStaysOpenOnceCurrentIsOfferedAgainIsAFault() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      hw.offerCurrent(1, 3);
      board.feedbackOverride = false;
      for (int i = 0; i < 8; i++) {
        tick();
      }
      hw.offerCurrent(1, 16);
      for (int i = 0; i < 280 && hw.fault(1) == FaultCode.NONE; i++) {
        tick(); // up to 70 s: past any raise delay and the close timeout
      }
      assertThat(hw.fault(1)).isEqualTo(FaultCode.CONTACTOR_FAILURE);
    }

    @Test
    void aFailedCloseClearsWhenTheEvUnplugs() {
      FakeBoard board = new FakeBoard();
      board.feedbackFollowsCoil = false;
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      scheduler.advance(Duration.ofSeconds(1));
      board.cp = CpState.A;
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      assertThat(events).contains("fault 1 CONTACTOR_FAILURE").endsWith("unplug 1", "fault 1 NONE");
    }

    @Test
    void aContactorStillClosedAfterTheOpenTimeoutIsWelded() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      board.feedbackOverride = true;
      board.cp = CpState.B; // the EV stops asking: the contactor opens
      tick();
      assertThat(board.log).contains("open");
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      scheduler.advance(Duration.ofMillis(500));
      assertThat(hw.fault(1)).isEqualTo(FaultCode.WELDED_CONTACTOR);
      assertThat(board.last()).isEqualTo("off");
    }

    @Test
    void aWeldedReportIsAFaultAtOnceAndClearsOnlyWhenTheContactsOpen() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      board.welded = true;
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.WELDED_CONTACTOR);
      assertThat(board.log).containsExactly("off", "open");
      scheduler.advance(Duration.ofSeconds(10));
      assertThat(board.log).containsExactly("off", "open");
      board.welded = false;
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      assertThat(board.last()).isEqualTo("+12V");
      assertThat(events).containsExactly("fault 1 WELDED_CONTACTOR", "fault 1 NONE");
    }
  }

  @Nested
  class FaultInputsAndBoardFaults {
    @Test
    void anRcdTripIsAGroundFailureAndOpensTheContactorAtOnce() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      board.rcd = true;
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.GROUND_FAILURE);
      assertThat(board.log).endsWith("+12V", "open");
    }

    @Test
    void overTemperatureIsHighTemperatureAndHoldsUntilClearedAndUnplugged() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      board.hot = true;
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.HIGH_TEMPERATURE);
      board.hot = false;
      scheduler.advance(Duration.ofSeconds(10));
      assertThat(hw.fault(1)).isEqualTo(FaultCode.HIGH_TEMPERATURE);
      board.cp = CpState.A;
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
    }

    @Test
    void aBoardFaultSwitchesThePilotOffUntilTheBoardClearsIt() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      board.boardFault = true;
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.OTHER);
      assertThat(board.log).endsWith("off", "open");
      board.boardFault = false;
      tick();
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
      assertThat(board.log).endsWith("duty 266", "close");
    }

    @Test
    void anEvDrawingTooMuchIsStoppedAsOverCurrent() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      for (int i = 0; i < 30; i++) {
        board.reading =
            new MeterReading(
                scheduler.now(), 1000, 20000, new PerPhase(25, 25, 25), PerPhase.ZERO, null);
        tick();
      }
      assertThat(hw.fault(1)).isEqualTo(FaultCode.OVER_CURRENT);
    }

    @Test
    void aMeterWithoutAReadingIsNotAnError() {
      FakeBoard board =
          new FakeBoard() {
            @Override
            public MeterReading read(int evse) {
              throw new IllegalStateException("no reading yet");
            }
          };
      BoardStationHardware hw = attach(board);
      charge(hw, board, 16);
      assertThat(hw.fault(1)).isEqualTo(FaultCode.NONE);
    }
  }

  @Nested
  class Watchdogs {
    @Test
    void everyTickKicksTheBoardOnceAndStopEndsTheKicks() {
      FakeBoard board = new FakeBoard();
      BoardStationHardware hw = attach(board);
      scheduler.advance(Duration.ofSeconds(1));
      assertThat(board.kicks).isEqualTo(4);
      hw.stop();
      scheduler.advance(Duration.ofSeconds(10));
      assertThat(board.kicks).isEqualTo(4);
    }
  }

  @Test
  void configRejectsNonsense() {
    assertThatThrownBy(() -> BoardStationHardware.Config.defaults().withMaxCurrentA(3))
        .hasMessageContaining("maxCurrentA");
    assertThatThrownBy(
            () -> BoardStationHardware.Config.defaults().withContactorTimeout(Duration.ZERO))
        .hasMessageContaining("contactorCloseTimeout");
  }
}
