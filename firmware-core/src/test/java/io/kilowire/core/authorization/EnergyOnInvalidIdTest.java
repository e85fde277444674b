package io.kilowire.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TxCtrlr.MaxEnergyOnInvalidId as a pure rule: the energy a transaction may still take. */
class EnergyOnInvalidIdTest {

  @Test
  void withoutAnAllowanceTheEnergyStopsAtOnce() {
    assertThat(EnergyOnInvalidId.exhausted(1000, 1000, 0)).isTrue();
    assertThat(EnergyOnInvalidId.exhausted(1000, 1500, 0)).isTrue();
  }

  @Test
  void theTransactionTakesEnergyUntilItHasTheAllowanceSinceItsStart() {
    assertThat(EnergyOnInvalidId.exhausted(1000, 1000, 500)).isFalse();
    assertThat(EnergyOnInvalidId.exhausted(1000, 1499.9, 500)).isFalse();
    assertThat(EnergyOnInvalidId.exhausted(1000, 1500, 500)).isTrue();
    assertThat(EnergyOnInvalidId.exhausted(1000, 2200, 500)).isTrue();
  }
}
