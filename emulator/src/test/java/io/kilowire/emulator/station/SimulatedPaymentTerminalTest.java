package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.hal.PaymentTerminal.Hold;
import io.kilowire.core.hal.PaymentTerminal.Outcome;
import io.kilowire.core.hal.PaymentTerminal.Status;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The emulated payment terminal answers the same way on every run, and as it was told to. */
class SimulatedPaymentTerminalTest {
  private static final BigDecimal HOLD = new BigDecimal("50.00");

  @Test
  void approvesEveryCardForTheAmountAskedWithReferencesCountingUp() {
    SimulatedPaymentTerminal terminal = new SimulatedPaymentTerminal("KW-1");

    Hold first = terminal.authorize(1, HOLD).join();
    Hold second = terminal.authorize(2, HOLD).join();

    assertThat(first).isEqualTo(Hold.approved("SIM-KW-1-1", HOLD));
    assertThat(second.pspRef()).isEqualTo("SIM-KW-1-2");
  }

  @Test
  void declinesCardsWhileToldToAndApprovesAgainAfterwards() {
    SimulatedPaymentTerminal terminal = new SimulatedPaymentTerminal("KW-1");
    terminal.decline("insufficient funds");

    Hold declined = terminal.authorize(1, HOLD).join();
    terminal.decline(null);

    assertThat(declined.approved()).isFalse();
    assertThat(declined.amount()).isZero();
    assertThat(declined.detail()).isEqualTo("insufficient funds");
    assertThat(terminal.authorize(1, HOLD).join().approved()).isTrue();
  }

  @Test
  void capturesSettleTheAmountUnlessToldToRejectOrFail() {
    SimulatedPaymentTerminal terminal = new SimulatedPaymentTerminal("KW-1");
    BigDecimal amount = new BigDecimal("7.35");

    Outcome settled = terminal.capture("SIM-KW-1-1", amount).join();
    terminal.captures(SimulatedPaymentTerminal.CaptureMode.REJECT);
    Outcome rejected = terminal.capture("SIM-KW-1-1", amount).join();
    terminal.captures(SimulatedPaymentTerminal.CaptureMode.FAIL);
    Outcome failed = terminal.capture("SIM-KW-1-1", amount).join();

    assertThat(settled).isEqualTo(new Outcome(Status.SETTLED, amount, null, null));
    assertThat(rejected.status()).isEqualTo(Status.REJECTED);
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.amount()).isEqualByComparingTo(amount);
  }

  @Test
  void aCancellationReleasesTheHoldAndTakesNothing() {
    Outcome canceled = new SimulatedPaymentTerminal("KW-1").cancel("SIM-KW-1-1").join();

    assertThat(canceled.status()).isEqualTo(Status.CANCELED);
    assertThat(canceled.amount()).isZero();
  }
}
