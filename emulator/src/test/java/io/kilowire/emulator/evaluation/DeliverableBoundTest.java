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
    return site(building, arrivals, "");
  }

  /** {@code energy}: extra lines (pv, battery) at the top level of the site file. */
  private static SiteFile site(String building, String arrivals, String energy) {
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
        %s
        """
            .formatted(building, arrivals, energy),
        true,
        "bound");
  }

  private static final String NEARLY_FULL = "[34, 34, 34]";

  @Test
  void theSunLiftsTheHeadroomByWhatItProducesOnEachPhase() {
    // 4 A left per phase: 2.76 kWh in an hour from the grid; a 9 kWp array near its noon peak
    // gives ~8.9 kW more (it feeds all three phases)
    String ev =
        "  - {at: \"11:30\", station: 1, evse: 1, batteryKwh: 100, soc: 10, maxA: 32, phases: 3,"
            + " departure: \"12:30\"}";
    double dark =
        DeliverableBound.deliverableWh(site(NEARLY_FULL, ev), START, Duration.ofHours(24));
    double sunny =
        DeliverableBound.deliverableWh(
            site(NEARLY_FULL, ev, "pv: {peakKw: 9, sunrise: \"06:00\", sunset: \"18:00\"}"),
            START,
            Duration.ofHours(24));
    assertThat(dark).isCloseTo(4 * 3 * 230, within(1.0));
    assertThat(sunny).isCloseTo(4 * 3 * 230 + 8_900, within(150.0));
  }

  @Test
  void theBatteryLiftsItByItsDischargeWithinWhatItHolds() {
    // two night hours at 4 A per phase: 5.52 kWh; a battery at 50 % of 10 kWh above a 10 % reserve
    // gives at most its 4 kWh (5 kW for two hours would be more)
    String ev =
        "  - {at: \"01:00\", station: 1, evse: 1, batteryKwh: 100, soc: 10, maxA: 32, phases: 3,"
            + " departure: \"03:00\"}";
    String battery =
        "battery: {capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, minSoc: 10, maxSoc: 90,"
            + " roundTripEfficiency: 1, initialSoc: 50}";
    double wh =
        DeliverableBound.deliverableWh(site(NEARLY_FULL, ev, battery), START, Duration.ofHours(24));
    assertThat(wh).isCloseTo(2 * 4 * 3 * 230 + 4_000, within(1.0));
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
