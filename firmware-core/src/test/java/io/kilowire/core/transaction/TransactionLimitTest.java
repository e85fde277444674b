package io.kilowire.core.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.transaction.TransactionLimit.Kind;
import io.kilowire.core.transaction.TransactionLimit.Progress;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When a transaction reaches its limits (OCPP 2.1 E16: cost, energy, time, state of charge). */
@DisplayName("transaction limits: which one is reached")
class TransactionLimitTest {
  private static final TransactionLimit NONE = new TransactionLimit(null, null, null, null);

  private static Progress at(double wh, long seconds) {
    return new Progress(wh, Duration.ofSeconds(seconds), null, null);
  }

  @Test
  @DisplayName("an energy limit is reached when the transaction delivered that much, not before")
  void energy() {
    TransactionLimit limit = new TransactionLimit(null, 500.0, null, null);

    assertThat(limit.reached(at(499.9, 100))).isEmpty();
    assertThat(limit.reached(at(500, 100))).contains(Kind.ENERGY);
    assertThat(limit.reached(at(650, 100))).contains(Kind.ENERGY);
  }

  @Test
  @DisplayName("a time limit counts from the transaction's start, and says how long is left")
  void time() {
    TransactionLimit limit = new TransactionLimit(null, null, Duration.ofMinutes(30), null);

    assertThat(limit.reached(at(0, 1799))).isEmpty();
    assertThat(limit.reached(at(0, 1800))).contains(Kind.TIME);
    assertThat(limit.timeLeft(Duration.ofMinutes(10))).contains(Duration.ofMinutes(20));
    assertThat(limit.timeLeft(Duration.ofMinutes(40))).contains(Duration.ZERO);
    assertThat(NONE.timeLeft(Duration.ofMinutes(10))).isEmpty();
  }

  @Test
  @DisplayName("a cost limit needs a known cost; a SoC limit needs the EV's state of charge")
  void costAndSoc() {
    TransactionLimit limit = new TransactionLimit(new BigDecimal("5.00"), null, null, 80);

    assertThat(limit.reached(at(10_000, 100))).isEmpty(); // neither is known: nothing is reached
    assertThat(limit.reached(new Progress(0, Duration.ZERO, new BigDecimal("4.99"), 79))).isEmpty();
    assertThat(limit.reached(new Progress(0, Duration.ZERO, new BigDecimal("5.00"), 79)))
        .contains(Kind.COST);
    assertThat(limit.reached(new Progress(0, Duration.ZERO, null, 80))).contains(Kind.SOC);
  }

  @Test
  @DisplayName("with several limits, the one reached is named; none set reaches nothing")
  void several() {
    TransactionLimit limit = new TransactionLimit(null, 1000.0, Duration.ofHours(1), null);

    assertThat(limit.reached(at(1000, 60))).contains(Kind.ENERGY);
    assertThat(limit.reached(at(10, 3600))).contains(Kind.TIME);
    assertThat(NONE.reached(at(1e9, 1_000_000))).isEmpty();
    assertThat(NONE.isEmpty()).isTrue();
    assertThat(limit.isEmpty()).isFalse();
  }

  @Test
  @DisplayName("the limits that need a meter to be watched: energy, cost and SoC, not time")
  void watched() {
    assertThat(new TransactionLimit(null, null, Duration.ofHours(1), null).needsMeter()).isFalse();
    assertThat(new TransactionLimit(null, 1.0, null, null).needsMeter()).isTrue();
    assertThat(new TransactionLimit(BigDecimal.ONE, null, null, null).needsMeter()).isTrue();
    assertThat(new TransactionLimit(null, null, null, 50).needsMeter()).isTrue();
  }

  @Test
  @DisplayName("a negative limit, or a SoC outside 0..100, is refused by name")
  void invalid() {
    assertThatThrownBy(() -> new TransactionLimit(null, -1.0, null, null))
        .hasMessageContaining("maxEnergy");
    assertThatThrownBy(() -> new TransactionLimit(null, null, Duration.ofSeconds(-1), null))
        .hasMessageContaining("maxTime");
    assertThatThrownBy(() -> new TransactionLimit(new BigDecimal("-0.01"), null, null, null))
        .hasMessageContaining("maxCost");
    assertThatThrownBy(() -> new TransactionLimit(null, null, null, 101))
        .hasMessageContaining("maxSoC");
    assertThat(Optional.of(new TransactionLimit(BigDecimal.ZERO, 0.0, Duration.ZERO, 0)))
        .isPresent();
  }
}
