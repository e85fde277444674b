package io.kilowire.core.hal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeasedOutputTest {
  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Setpoint> sent = new ArrayList<>();
  private final Recorder rest = new Recorder(scheduler);
  private final LeasedOutput output =
      new LeasedOutput(scheduler, Duration.ofSeconds(10), sent::add, rest);

  @Test
  void everyChangeGoesOutAtOnceWithALeaseAndIsRenewedEveryHalfLease() {
    PilotController c = new PilotController(PilotConfig.defaults(), scheduler, output);
    c.setLimit(16);
    c.onCpState(CpState.C);
    assertThat(sent)
        .containsExactly(
            new Setpoint(PilotSignal.pwm(266), false, rest.start.plusSeconds(10)),
            new Setpoint(PilotSignal.pwm(266), true, rest.start.plusSeconds(10)));
    scheduler.advance(Duration.ofSeconds(12));
    assertThat(sent).hasSize(4);
    assertThat(sent.get(3).validUntil()).isEqualTo(rest.start.plusSeconds(20));
  }

  @Test
  void aControllerThatStopsRenewingLetsTheBoardFallToItsFailsafe() {
    List<String> board = new ArrayList<>();
    ControlPilot pilot =
        new ControlPilot() {
          @Override
          public void setDuty(int dutyPermille) {
            board.add("duty " + dutyPermille);
          }

          @Override
          public void setConstantHigh() {
            board.add("+12V");
          }

          @Override
          public void setOff() {
            board.add("off");
          }

          @Override
          public CpState state() {
            return CpState.B;
          }
        };
    Contactor contactor =
        new Contactor() {
          @Override
          public void close() {}

          @Override
          public void open() {}

          @Override
          public boolean feedbackClosed() {
            return false;
          }

          @Override
          public boolean welded() {
            return false;
          }
        };
    LeasedPilot leased = new LeasedPilot(pilot, contactor, scheduler, Failsafe.SIX_AMPS);
    LeasedOutput out = new LeasedOutput(scheduler, Duration.ofSeconds(10), leased::apply, rest);
    PilotController c = new PilotController(PilotConfig.defaults(), scheduler, out);
    c.setLimit(32);
    scheduler.advance(Duration.ofSeconds(60));
    assertThat(leased.inFailsafe()).isFalse();
    out.stop();
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(leased.inFailsafe()).isTrue();
    assertThat(board).endsWith("duty 533", "duty 100");
  }
}
