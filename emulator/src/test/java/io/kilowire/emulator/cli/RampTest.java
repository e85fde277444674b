package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RampTest {
  @Test
  void stationsStartEvenlySpreadAtTheRate() {
    Ramp ramp = Ramp.parse("200/s");

    assertThat(ramp.offsetNanos(0)).isZero();
    assertThat(ramp.offsetNanos(1)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
    assertThat(ramp.offsetNanos(9_999)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(49_995));
    assertThat(ramp).hasToString("200/s");
  }

  @Test
  void aPlainNumberAndAFractionAreRatesToo() {
    assertThat(Ramp.parse("50").offsetNanos(2)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
    assertThat(Ramp.parse("0.5/s").offsetNanos(1)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
    assertThat(Ramp.parse("0.5/s")).hasToString("0.500/s");
  }

  @Test
  void theDefaultConnectsTenThousandStationsWithinAHundredSeconds() {
    assertThat(Ramp.parse(Ramp.DEFAULT).offsetNanos(9_999))
        .isLessThanOrEqualTo(TimeUnit.SECONDS.toNanos(100));
  }
}
