package io.kilowire.core.der;

import static io.kilowire.core.der.DerFixtures.T0;
import static io.kilowire.core.der.DerFixtures.curve;
import static io.kilowire.core.der.DerFixtures.defaultControl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Trip timing on the curves' time axis and momentary cessation: a must-trip curve's point (x
 * seconds, y level) trips once the grid has stayed beyond y for x seconds, counted from the last
 * reading that saw it inside; a shorter excursion is ridden through; a momentary-cessation curve
 * stops the exchange at once while the grid lies beyond it; a may-trip curve never trips.
 */
class RideThroughTest {
  private final RideThrough rideThrough = new RideThrough();

  /** Over-voltage: beyond 120 % within 0.2 s, beyond 110 % within 2 s. */
  private static final DerControl HV =
      defaultControl(
          "hv", DerControlType.HV_MUST_TRIP, 0, curve(DerUnit.NOT_APPLICABLE, 0.2, 120, 2, 110));

  /** Under-frequency: below 47.5 Hz within 0.2 s, below 49 Hz within 10 s. */
  private static final DerControl LF =
      defaultControl(
          "lf", DerControlType.LF_MUST_TRIP, 0, curve(DerUnit.NOT_APPLICABLE, 0.2, 47.5, 10, 49.0));

  private Map<DerControlType, GridFault> at(
      double seconds, double hz, double voltPct, DerControl... controls) {
    Instant now = T0.plus(Duration.ofMillis(Math.round(seconds * 1000)));
    return rideThrough.trips(List.of(controls), GridState.of(hz, voltPct), now);
  }

  @Test
  @DisplayName("beyond a level for its time: tripped; not before")
  void tripsAfterTheCurvesTime() {
    assertThat(at(0, 50, 100, HV)).isEmpty();
    assertThat(at(1, 50, 112, HV)).as("beyond 110 % since the reading at 0 s").isEmpty();
    assertThat(rideThrough.nextDeadline()).isEqualTo(T0.plusSeconds(2));
    assertThat(at(1.9, 50, 112, HV)).isEmpty();
    assertThat(at(2, 50, 112, HV))
        .containsEntry(DerControlType.HV_MUST_TRIP, GridFault.OVER_VOLTAGE);
  }

  @Test
  @DisplayName(
      "an excursion shorter than the curve's time is ridden through, and the count restarts")
  void shortExcursionRiddenThrough() {
    at(0, 50, 100, HV);
    assertThat(at(1, 50, 112, HV)).isEmpty();
    assertThat(at(1.5, 50, 100, HV)).isEmpty();
    assertThat(rideThrough.nextDeadline()).isNull();
    assertThat(at(2.5, 50, 112, HV)).isEmpty();
    assertThat(at(3, 50, 112, HV)).as("counted from 1.5 s").isEmpty();
    assertThat(at(3.5, 50, 112, HV)).containsKey(DerControlType.HV_MUST_TRIP);
  }

  @Test
  @DisplayName("a more extreme level trips sooner")
  void moreExtremeLevelSooner() {
    at(0, 50, 100, HV);
    assertThat(at(0.1, 50, 125, HV)).isEmpty();
    assertThat(rideThrough.nextDeadline()).isEqualTo(T0.plusMillis(200));
    assertThat(at(0.2, 50, 125, HV)).containsKey(DerControlType.HV_MUST_TRIP);
  }

  @Test
  @DisplayName("under-frequency counts below the levels; the trip holds while the grid is beyond")
  void underFrequency() {
    at(0, 50, 100, LF);
    assertThat(at(1, 48.8, 100, LF)).isEmpty();
    assertThat(at(10, 48.8, 100, LF))
        .containsEntry(DerControlType.LF_MUST_TRIP, GridFault.UNDER_FREQUENCY);
    assertThat(at(11, 48.8, 100, LF)).containsKey(DerControlType.LF_MUST_TRIP);
    assertThat(at(12, 49.5, 100, LF)).isEmpty();
  }

  @Test
  @DisplayName("a point of 0 s trips at the first reading beyond it")
  void zeroSecondsAtOnce() {
    DerControl lv =
        defaultControl("lv", DerControlType.LV_MUST_TRIP, 0, curve(DerUnit.NOT_APPLICABLE, 0, 70));
    assertThat(at(0, 50, 65, lv))
        .containsEntry(DerControlType.LV_MUST_TRIP, GridFault.UNDER_VOLTAGE);
  }

  @Test
  @DisplayName(
      "momentary cessation: at once while beyond the curve, no longer once the grid is back")
  void momentaryCessation() {
    DerControl lv =
        defaultControl("lmc", DerControlType.LV_MOM_CESS, 0, curve(DerUnit.NOT_APPLICABLE, 1, 50));
    DerControl hv =
        defaultControl("hmc", DerControlType.HV_MOM_CESS, 0, curve(DerUnit.NOT_APPLICABLE, 1, 115));
    assertThat(RideThrough.ceasing(List.of(lv, hv), GridState.of(50, 100))).isEmpty();
    assertThat(RideThrough.ceasing(List.of(lv, hv), GridState.of(50, 45)))
        .containsExactly(Map.entry(DerControlType.LV_MOM_CESS, GridFault.UNDER_VOLTAGE));
    assertThat(RideThrough.ceasing(List.of(lv, hv), GridState.of(50, 120)))
        .containsExactly(Map.entry(DerControlType.HV_MOM_CESS, GridFault.OVER_VOLTAGE));
  }

  @Test
  @DisplayName("a may-trip curve never trips: the station rides through, which it permits")
  void mayTripNeverTrips() {
    DerControl may =
        defaultControl("hvm", DerControlType.HV_MAY_TRIP, 0, curve(DerUnit.NOT_APPLICABLE, 0, 105));
    assertThat(at(0, 50, 130, may)).isEmpty();
    assertThat(at(60, 50, 130, may)).isEmpty();
    assertThat(RideThrough.ceasing(List.of(may), GridState.of(50, 130))).isEmpty();
  }
}
