package io.kilowire.core.station.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.loadmanagement.SharedLimit;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.StationScenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard at the outputs: whatever it is asked, the offers never add up past a station limit. */
class StationLimitGuardTest {
  private final FakeHardware hardware = new FakeHardware(new VirtualScheduler(StationScenario.T0));
  private final StationLimitGuard guard = new StationLimitGuard(hardware, 3, 230);

  @Test
  void anIncreaseThatWouldBreakTheLimitIsCutToWhatIsLeftAndLoggedAsAnError() {
    guard.limits(List.of(SharedLimit.amps("station maximum", 10)), evse -> 3);
    guard.offerCurrent(1, 6);

    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      guard.offerCurrent(2, 6);
    } finally {
      System.setErr(err);
    }

    assertThat(hardware.offeredCurrent(2)).isEqualTo(4.0);
    assertThat(guard.cuts()).isEqualTo(1);
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("ERROR")
        .contains("station limit guard: EVSE 2 was to be offered 6.0 A")
        .contains("station maximum (10.0 A per phase) leaves it 4.0 A");
  }

  @Test
  void decreasesAlwaysPassEvenAboveALimitThatWasJustLowered() {
    guard.limits(List.of(), evse -> 3);
    guard.offerCurrent(1, 32);
    guard.offerCurrent(2, 32);
    guard.limits(List.of(SharedLimit.amps("station maximum", 10)), evse -> 3);

    guard.offerCurrent(1, 20); // still above the limit with EVSE 2: a step on the way down
    guard.offerCurrent(2, 0);
    guard.offerCurrent(1, 10);

    assertThat(hardware.offeredCurrent(1)).isEqualTo(10.0);
    assertThat(hardware.offeredCurrent(2)).isZero();
    assertThat(guard.cuts()).isZero();
  }

  @Test
  void aLimitInWattsCountsEachEvseOnItsPhases() {
    // 6,900 W: one-phase EVSE 1 at 10 A is 2,300 W, which leaves 4,600 W = 6.6 A on three phases
    guard.limits(List.of(SharedLimit.watts("external", 6_900)), evse -> evse == 1 ? 1 : 3);
    guard.offerCurrent(1, 10);
    guard.offerCurrent(2, 16);

    assertThat(hardware.offeredCurrent(1)).isEqualTo(10.0);
    assertThat(hardware.offeredCurrent(2)).isEqualTo(6.6);
    assertThat(10 * 230 + 6.6 * 690).isLessThanOrEqualTo(6_900);
  }

  @Test
  void withoutAStationLimitEveryOfferPasses() {
    guard.limits(List.of(), evse -> 3);
    guard.offerCurrent(1, 32);
    guard.offerCurrent(2, 32);
    guard.offerCurrent(3, 32);

    assertThat(hardware.offeredCurrent(3)).isEqualTo(32.0);
    assertThat(guard.cuts()).isZero();
  }
}
