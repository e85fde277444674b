package io.kilowire.core.station.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.station.transactions.Resumption.Outcome;
import io.kilowire.core.transaction.StopReason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The 2.1 resumption rules (B13, E17) as a pure table: settings and interruption in, outcome out.
 */
class ResumptionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Resumption with(int timeoutSeconds, boolean energy) {
    Resumption r = new Resumption();
    r.configure(() -> Duration.ofSeconds(timeoutSeconds), () -> energy);
    return r;
  }

  @Test
  void aStationWithoutResumptionTimeoutResumesNothing() {
    Resumption unset = new Resumption();
    assertThat(unset.enabled()).isFalse();
    assertThat(with(0, true).enabled()).isFalse();
    assertThat(with(0, true).outcome(T0, T0)).isEqualTo(Outcome.END);
  }

  @Test
  void withinTheTimeoutTheTransactionGoesOnWithEnergyOnlyIfThatIsAllowed() {
    assertThat(with(60, true).outcome(T0, T0.plusSeconds(60)))
        .isEqualTo(Outcome.RESUME_WITH_ENERGY);
    assertThat(with(60, false).outcome(T0, T0.plusSeconds(1))).isEqualTo(Outcome.RESUME_SUSPENDED);
  }

  @Test
  void anInterruptionLongerThanTheTimeoutEndsTheTransaction() {
    assertThat(with(60, true).outcome(T0, T0.plusSeconds(61))).isEqualTo(Outcome.END);
  }

  @Test
  void theSettingsAreReadWhenNeeded() {
    int[] timeout = {0};
    Resumption r = new Resumption();
    r.configure(() -> Duration.ofSeconds(timeout[0]), () -> false);
    assertThat(r.enabled()).isFalse();
    timeout[0] = 30;
    assertThat(r.enabled()).isTrue();
  }

  @Test
  void interruptedTransactionsAreTakenUpOnce() {
    Resumption r = with(60, false);
    r.interrupt(2, "tx-2", T0, StopReason.REBOOT);
    r.interrupt(1, "tx-1", T0, StopReason.POWER_LOSS);
    assertThat(r.takeInterrupted())
        .containsExactly(
            new Resumption.Interrupted(2, "tx-2", T0, StopReason.REBOOT),
            new Resumption.Interrupted(1, "tx-1", T0, StopReason.POWER_LOSS));
    assertThat(r.takeInterrupted()).isEmpty();
  }
}
