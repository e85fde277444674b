package io.kilowire.core.hal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PilotDutyTest {

  @Nested
  class AmpsToDuty {
    @ParameterizedTest(name = "{0} A -> {1} permille")
    @CsvSource({
      "0, -1",
      "5.9, -1",
      "5.999, -1",
      "6, 100",
      "6.05, 100",
      "6.06, 101",
      "10, 166",
      "16, 266",
      "32, 533",
      "50.9, 848",
      "51, 850",
      "51.2, 850",
      "52.4, 850",
      "52.5, 850",
      "52.6, 850",
      "52.75, 851",
      "60, 880",
      "79.9, 959",
      "80, 960",
      "80.1, 960",
      "200, 960",
    })
    void followsTheIecTableRoundingDown(double amps, int permille) {
      if (permille < 0) {
        assertThat(PilotDuty.dutyPermilleFor(amps)).isEmpty();
      } else {
        assertThat(PilotDuty.dutyPermilleFor(amps)).hasValue(permille);
        assertThat(PilotDuty.milliampsRead(permille)).isLessThanOrEqualTo((int) (amps * 1000));
      }
    }

    @Test
    void theCurrentTheEvReadsNeverExceedsTheLimitAtAnyMilliamp() {
      int previous = 0;
      for (int ma = 0; ma <= 100_000; ma++) {
        var duty = PilotDuty.dutyPermilleFor(ma / 1000.0);
        if (ma < 6000) {
          assertThat(duty).as("%d mA", ma).isEmpty();
          continue;
        }
        int p = duty.orElseThrow();
        assertThat(PilotDuty.milliampsRead(p)).as("%d mA", ma).isLessThanOrEqualTo(ma);
        assertThat(p).as("monotonic at %d mA", ma).isGreaterThanOrEqualTo(previous);
        previous = p;
      }
    }

    @Test
    void nothingIsLeftOnTheTableTheNextStepUpWouldExceedTheLimit() {
      for (int ma = 6000; ma <= 80_000; ma += 7) {
        int p = PilotDuty.dutyPermilleFor(ma / 1000.0).orElseThrow();
        if (p < 960) {
          assertThat(PilotDuty.milliampsRead(p + 1)).as("%d mA", ma).isGreaterThan(ma);
        }
      }
    }
  }

  @Nested
  class DutyToAmpsAsTheEvReadsIt {
    @ParameterizedTest(name = "{0} permille -> {1} A")
    @CsvSource({
      "0, 0",
      "29, 0",
      "50, 0",
      "75, 0",
      "79, 0",
      "80, 6",
      "99, 6",
      "100, 6",
      "533, 31.98",
      "850, 51",
      "851, 52.75",
      "860, 55",
      "960, 80",
      "965, 80",
      "970, 80",
      "971, 0",
      "1000, 0",
    })
    void followsTheEvSideOfTheTable(int permille, double amps) {
      assertThat(PilotDuty.ampsRead(permille)).isEqualTo(amps);
    }

    @Test
    void everySignallableDutyRoundTrips() {
      for (int p = 100; p <= 960; p++) {
        int ma = PilotDuty.milliampsRead(p);
        assertThat(PilotDuty.dutyPermilleFor(ma / 1000.0)).as("%d permille", p).hasValue(p);
      }
    }
  }
}
