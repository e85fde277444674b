package io.kilowire.emulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliverableBoundTest {
  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  private static SiteFile site(String building, String arrivals) {
    return SiteFileParser.parse(
        """
        start: "2026-03-02T00:00:00Z"
        gridLimitA: 40
        marginA: 2
        building: {series: [{t: "00:00", a: %s}]}
        evses:
          - {station: 1, evse: 1, wiring: L1L2L3}
          - {station: 1, evse: 2, wiring: L2}
        arrivals:
        %s
        """
            .formatted(building, arrivals),
        true,
        "bound");
  }

  /** One three-phase EV from 01:00 to {@code departure}, wanting 20 kWh, at most 16 A. */
  private static double oneEvUntil(String departure) {
    SiteFile s =
        site(
            "[0, 0, 0]",
            "  - {at: \"01:00\", station: 1, evse: 1, batteryKwh: 100, soc: 10, energyKwh: 20,"
                + " maxA: 16, phases: 3, departure: \""
                + departure
                + "\"}");
    return DeliverableBound.deliverableWh(s, START, Duration.ofHours(24));
  }

  @Test
  void anEvAloneGetsWhatItWantsOrWhatItsMaximumDeliversWhilePresent() {
    // 16 A x 3 x 230 V = 11.04 kW for 1 h, well below the taper: 11.04 kWh of the 20 it wants.
    assertThat(oneEvUntil("02:00")).isCloseTo(11_040, within(1.0));
    // Given 3 h it stops at the 20 kWh it wanted.
    assertThat(oneEvUntil("04:00")).isCloseTo(20_000, within(1.0));
  }

  @Test
  void theGridHeadroomCapsTheEvsTogetherPerPhase() {
    // L2 has 40 - 2 - 28 = 10 A: the three-phase EV and the single-phase one on L2 share it.
    SiteFile s =
        site(
            "[0, 28, 0]",
            """
              - {at: "01:00", station: 1, evse: 1, batteryKwh: 100, soc: 10, maxA: 32, phases: 3, departure: "02:00"}
              - {at: "01:00", station: 1, evse: 2, batteryKwh: 100, soc: 10, maxA: 32, phases: 1, departure: "02:00"}
            """);
    double wh = DeliverableBound.deliverableWh(s, START, Duration.ofHours(24));
    // At most 10 A on L2 in total; the three-phase EV's share counts three times: <= 3 x 10 A.
    assertThat(wh).isLessThanOrEqualTo(3 * 10 * 230 + 1).isGreaterThan(10 * 230);
  }

  @Test
  void theTaperLimitsWhatAFullishEvTakes() {
    // From 90 % the EV accepts 32 A falling to 2 A at 100 %: far less than 32 A for an hour.
    SiteFile s =
        site(
            "[0, 0, 0]",
            "  - {at: \"01:00\", station: 1, evse: 1, batteryKwh: 100, soc: 90, maxA: 32,"
                + " phases: 3, departure: \"02:00\"}");
    double wh = DeliverableBound.deliverableWh(s, START, Duration.ofHours(24));
    assertThat(wh).isLessThan(10_000).isGreaterThan(5_000);
  }
}
