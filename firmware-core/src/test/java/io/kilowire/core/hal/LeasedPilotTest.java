package io.kilowire.core.hal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeasedPilotTest {
  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  private final Instant start = scheduler.now();
  private final Board board = new Board();

  /** A simulated board recording what the pilot and contactor ports were told. */
  private final class Board implements ControlPilot, Contactor {
    final List<String> log = new ArrayList<>();
    CpState state = CpState.C;
    boolean closed;

    private void add(String what) {
      log.add(Duration.between(start, scheduler.now()).toSeconds() + " " + what);
    }

    @Override
    public void setDuty(int dutyPermille) {
      add("duty " + dutyPermille);
    }

    @Override
    public void setConstantHigh() {
      add("+12V");
    }

    @Override
    public void setOff() {
      add("off");
    }

    @Override
    public CpState state() {
      return state;
    }

    @Override
    public void close() {
      closed = true;
      add("close");
    }

    @Override
    public void open() {
      closed = false;
      add("open");
    }

    @Override
    public boolean feedbackClosed() {
      return closed;
    }

    @Override
    public boolean welded() {
      return false;
    }
  }

  private Setpoint charging(int permille, long leaseSeconds) {
    return new Setpoint(PilotSignal.pwm(permille), true, scheduler.now().plusSeconds(leaseSeconds));
  }

  @Test
  void aLapsedLeaseFallsToSixAmps() {
    LeasedPilot p = new LeasedPilot(board, board, scheduler, Failsafe.SIX_AMPS);
    p.apply(charging(533, 10));
    scheduler.advance(Duration.ofSeconds(9));
    assertThat(p.inFailsafe()).isFalse();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(p.inFailsafe()).isTrue();
    assertThat(board.log).containsExactly("0 duty 533", "0 close", "10 duty 100");
  }

  @Test
  void aLapsedLeaseWithPauseOpensTheContactorSixSecondsLaterIfTheEvStaysInC() {
    LeasedPilot p = new LeasedPilot(board, board, scheduler, Failsafe.PAUSE);
    p.apply(charging(533, 10));
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(board.log).containsExactly("0 duty 533", "0 close", "10 +12V", "16 open");
  }

  @Test
  void aLapsedLeaseWithPauseOpensWhenTheEvGoesToB() {
    LeasedPilot p = new LeasedPilot(board, board, scheduler, Failsafe.PAUSE);
    p.apply(charging(533, 10));
    scheduler.advance(Duration.ofSeconds(12));
    board.state = CpState.B;
    p.onCpState(CpState.B);
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(board.log).containsExactly("0 duty 533", "0 close", "10 +12V", "12 open");
  }

  @Test
  void renewingTheLeaseInTimeKeepsTheSetpoint() {
    LeasedPilot p = new LeasedPilot(board, board, scheduler, Failsafe.PAUSE);
    for (int i = 0; i < 10; i++) {
      p.apply(charging(533, 10));
      scheduler.advance(Duration.ofSeconds(5));
    }
    assertThat(p.inFailsafe()).isFalse();
    assertThat(board.log).doesNotContain("+12V", "open");
  }

  @Test
  void aSetpointWhoseLeaseHasAlreadyLapsedIsNotApplied() {
    LeasedPilot p = new LeasedPilot(board, board, scheduler, Failsafe.SIX_AMPS);
    p.apply(charging(533, 0));
    assertThat(p.inFailsafe()).isTrue();
    assertThat(board.log).containsExactly("0 duty 100");
  }

  @Test
  void aValidSetpointAfterTheFailsafeTakesOverAgain() {
    LeasedPilot p = new LeasedPilot(board, board, scheduler, Failsafe.SIX_AMPS);
    p.apply(charging(533, 1));
    scheduler.advance(Duration.ofSeconds(2));
    p.apply(charging(300, 10));
    assertThat(p.inFailsafe()).isFalse();
    assertThat(board.log).endsWith("1 duty 100", "2 duty 300", "2 close");
  }
}
