package io.kilowire.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Running cost of a transaction under a tariff (2.1 I12)")
class RunningCostTest {
  private static final Instant T0 = Instant.parse("2026-03-02T17:30:00Z"); // a Monday
  private static final RunningCost.Site UTC = new RunningCost.Site(ZoneOffset.UTC, null);

  private static BigDecimal d(String v) {
    return new BigDecimal(v);
  }

  private static TariffComponent flat(String price, TaxRate... taxes) {
    return new TariffComponent(
        List.of(new PriceElement(d(price), Conditions.ALWAYS)), List.of(taxes));
  }

  private static Tariff tariff(
      String id,
      TariffComponent energy,
      TariffComponent chargingTime,
      TariffComponent idleTime,
      TariffComponent fixed,
      Price min,
      Price max) {
    return new Tariff(id, "EUR", null, List.of(), energy, chargingTime, idleTime, fixed, min, max);
  }

  private static Conditions timeOfDay(String from, String to) {
    return new Conditions(
        LocalTime.parse(from),
        LocalTime.parse(to),
        Set.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Conditions belowEnergy(String wh) {
    return new Conditions(
        null, null, Set.of(), null, null, null, null, d(wh), null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  private static Conditions fromPower(String w) {
    return new Conditions(
        null, null, Set.of(), null, null, null, null, null, null, null, d(w), null, null, null,
        null, null, null, null, null, null);
  }

  private static void assertAmount(BigDecimal actual, String expected) {
    assertThat(actual).isEqualByComparingTo(expected);
  }

  @Test
  @DisplayName("energy, charging time, idle time and a fixed fee, energy taxed")
  void everyDimension() {
    Tariff t =
        tariff(
            "T1",
            flat("0.30", new TaxRate("VAT", d("20"), 0)),
            flat("0.02"),
            flat("0.10"),
            flat("1.00"),
            null,
            null);
    RunningCost cost = new RunningCost(t, UTC, T0, 1000);
    cost.observe(T0, 1000, true, 11000.0, 48.0);
    cost.observe(T0.plus(Duration.ofMinutes(60)), 12000, false, 0.0, 0.0);
    cost.observe(T0.plus(Duration.ofMinutes(90)), 12000, false, 0.0, 0.0);

    CostBreakdown b = cost.breakdown(true);

    // 11 kWh at 0.30 = 3.30, with 20 % VAT 3.96; 60 min charging at 0.02 = 1.20;
    // 30 min idle at 0.10 = 3.00; the fixed fee 1.00.
    assertAmount(b.energy().exclTax(), "3.30");
    assertAmount(b.energy().inclTax(), "3.96");
    assertAmount(b.chargingTime().exclTax(), "1.20");
    assertAmount(b.idleTime().exclTax(), "3.00");
    assertAmount(b.fixed().exclTax(), "1.00");
    assertAmount(b.total().exclTax(), String.valueOf(3.30 + 1.20 + 3.00 + 1.00));
    assertAmount(b.total().inclTax(), "9.16"); // 3.96 + 1.20 + 3.00 + 1.00
    assertThat(b.kind()).isEqualTo(CostBreakdown.Kind.NORMAL);
    assertAmount(b.usage().energyWh(), "11000");
    assertThat(b.usage().chargingTimeS()).isEqualTo(3600);
    assertThat(b.usage().idleTimeS()).isEqualTo(1800);
    assertThat(b.periods()).hasSize(1);
    assertThat(b.periods().get(0).tariffId()).isEqualTo("T1");
  }

  @Test
  @DisplayName("a time-of-day price takes over at its hour, in a period of its own")
  void timeOfDayPriceSplitsTheStretch() {
    TariffComponent energy =
        new TariffComponent(
            List.of(
                new PriceElement(d("0.40"), timeOfDay("18:00", "22:00")),
                new PriceElement(d("0.20"), Conditions.ALWAYS)),
            List.of());
    RunningCost cost =
        new RunningCost(tariff("T2", energy, null, null, null, null, null), UTC, T0, 0);
    cost.observe(T0, 0, true, 10000.0, null);
    // One reading an hour later: 10 kWh at an even 10 kW, half before 18:00, half after.
    cost.observe(T0.plus(Duration.ofMinutes(60)), 10000, true, 10000.0, null);

    CostBreakdown b = cost.breakdown(false);

    assertAmount(b.energy().exclTax(), String.valueOf(5 * 0.20 + 5 * 0.40));
    assertThat(b.periods()).hasSize(2);
    assertThat(b.periods().get(1).start()).isEqualTo(Instant.parse("2026-03-02T18:00:00Z"));
    assertAmount(b.periods().get(0).energyWh(), "5000");
    assertAmount(b.periods().get(1).energyWh(), "5000");
  }

  @Test
  @DisplayName("an energy threshold changes the price where the energy crosses it")
  void energyThreshold() {
    TariffComponent energy =
        new TariffComponent(
            List.of(
                new PriceElement(d("0.30"), belowEnergy("10000")),
                new PriceElement(d("0.20"), Conditions.ALWAYS)),
            List.of());
    RunningCost cost =
        new RunningCost(tariff("T3", energy, null, null, null, null, null), UTC, T0, 500);
    cost.observe(T0, 500, true, 15000.0, null);
    cost.observe(T0.plus(Duration.ofMinutes(60)), 15500, true, 15000.0, null);

    // 10 kWh at 0.30, then 5 kWh at 0.20.
    assertAmount(cost.breakdown(false).energy().exclTax(), String.valueOf(10 * 0.30 + 5 * 0.20));
  }

  @Test
  @DisplayName("a condition on power does not hold where power is not measured")
  void unmeasuredPower() {
    TariffComponent energy =
        new TariffComponent(
            List.of(
                new PriceElement(d("0.50"), fromPower("7000")),
                new PriceElement(d("0.25"), Conditions.ALWAYS)),
            List.of());
    RunningCost measured =
        new RunningCost(tariff("T4", energy, null, null, null, null, null), UTC, T0, 0);
    RunningCost unmeasured =
        new RunningCost(tariff("T4", energy, null, null, null, null, null), UTC, T0, 0);
    measured.observe(T0, 0, true, 11000.0, null);
    unmeasured.observe(T0, 0, true, null, null);
    measured.observe(T0.plusSeconds(3600), 4000, true, 11000.0, null);
    unmeasured.observe(T0.plusSeconds(3600), 4000, true, null, null);

    assertAmount(measured.breakdown(false).energy().exclTax(), String.valueOf(4 * 0.50));
    assertAmount(unmeasured.breakdown(false).energy().exclTax(), String.valueOf(4 * 0.25));
  }

  @Test
  @DisplayName("taxes stack: the same stack shares a base, the next one taxes the taxed price")
  void taxStacks() {
    List<TaxRate> rates =
        List.of(
            new TaxRate("federal", d("10"), 0),
            new TaxRate("state", d("5"), 0),
            new TaxRate("city", d("10"), 1));
    // 10.00 → (10 % + 5 %) = 11.50 → + 10 % = 12.65
    assertAmount(RunningCost.withTaxes(d("10.00"), rates), String.valueOf(10 * 1.15 * 1.10));
  }

  @Test
  @DisplayName("the maximum cost caps the total at once, the minimum applies only at the end")
  void minimumAndMaximum() {
    Tariff capped = tariff("T5", flat("0.50"), null, null, null, null, new Price(d("4.00"), null));
    RunningCost cost = new RunningCost(capped, UTC, T0, 0);
    cost.observe(T0, 0, true, 10000.0, null);
    cost.observe(T0.plusSeconds(3600), 10000, true, 10000.0, null); // 5.00 uncapped

    CostBreakdown running = cost.breakdown(false);
    assertThat(running.kind()).isEqualTo(CostBreakdown.Kind.MAX_COST);
    assertAmount(running.total().exclTax(), "4.00");

    Tariff floored =
        tariff("T6", flat("0.50"), null, null, null, new Price(d("2.00"), d("2.40")), null);
    RunningCost small = new RunningCost(floored, UTC, T0, 0);
    small.observe(T0, 0, true, 1000.0, null);
    small.observe(T0.plusSeconds(3600), 1000, true, 1000.0, null); // 0.50

    assertThat(small.breakdown(false).kind()).isEqualTo(CostBreakdown.Kind.NORMAL);
    assertAmount(small.breakdown(false).total().exclTax(), "0.50");
    CostBreakdown last = small.breakdown(true);
    assertThat(last.kind()).isEqualTo(CostBreakdown.Kind.MIN_COST);
    assertAmount(last.total().exclTax(), "2.00");
    assertAmount(last.total().inclTax(), "2.40");
  }

  @Test
  @DisplayName("a changed tariff prices what follows; what went before keeps its prices")
  void changedTariff() {
    RunningCost cost =
        new RunningCost(tariff("A", flat("0.20"), null, null, null, null, null), UTC, T0, 0);
    cost.observe(T0, 0, true, 6000.0, null);
    cost.changeTariff(
        T0.plusSeconds(1800), 3000, tariff("B", flat("0.50"), null, null, null, null, null));
    cost.observe(T0.plusSeconds(3600), 6000, true, 6000.0, null);

    CostBreakdown b = cost.breakdown(true);
    assertAmount(b.energy().exclTax(), String.valueOf(3 * 0.20 + 3 * 0.50));
    assertThat(b.periods()).extracting(CostBreakdown.Period::tariffId).containsExactly("A", "B");
    assertThat(b.periods().get(1).start()).isEqualTo(T0.plusSeconds(1800));
    assertThatThrownBy(
            () ->
                cost.changeTariff(
                    T0.plusSeconds(3700),
                    6000,
                    new Tariff(
                        "C", "USD", null, List.of(), flat("0.1"), null, null, null, null, null)))
        .hasMessageContaining("currency");
  }

  @Test
  @DisplayName("a running cost written and read back goes on as if never stopped")
  void survivesARestart() throws Exception {
    Tariff t =
        tariff(
            "T7",
            new TariffComponent(
                List.of(
                    new PriceElement(d("0.40"), timeOfDay("18:00", "22:00")),
                    new PriceElement(d("0.20"), Conditions.ALWAYS)),
                List.of(new TaxRate("VAT", d("19"), 0))),
            flat("0.01"),
            null,
            flat("0.50"),
            new Price(d("1"), null),
            null);
    RunningCost kept = new RunningCost(t, UTC, T0, 0);
    RunningCost restarted = new RunningCost(t, UTC, T0, 0);
    kept.observe(T0, 0, true, 7000.0, 30.0);
    restarted.observe(T0, 0, true, 7000.0, 30.0);
    kept.observe(T0.plusSeconds(1200), 2333, true, 7000.0, 30.0);
    restarted.observe(T0.plusSeconds(1200), 2333, true, 7000.0, 30.0);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    restarted.write(new DataOutputStream(bytes));
    RunningCost read =
        RunningCost.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    kept.observe(T0.plusSeconds(3600), 7000, false, 0.0, 0.0);
    read.observe(T0.plusSeconds(3600), 7000, false, 0.0, 0.0);

    assertThat(read.breakdown(true)).isEqualTo(kept.breakdown(true));
    assertThat(read.breakdown(true).periods()).hasSize(2);
  }

  // ------------------------------------------------------------------ local time (a time zone)

  private static final RunningCost.Site BERLIN =
      new RunningCost.Site(java.time.ZoneId.of("Europe/Berlin"), null);

  /** 0.20 a kWh from {@code from} to {@code to} local time, 0.40 otherwise. */
  private static Tariff nightTariff(String from, String to) {
    return tariff(
        "NIGHT",
        new TariffComponent(
            List.of(
                new PriceElement(d("0.20"), timeOfDay(from, to)),
                new PriceElement(d("0.40"), Conditions.ALWAYS)),
            List.of()),
        null,
        null,
        null,
        null,
        null);
  }

  /** 10 kW steadily from {@code start} for {@code hours}, observed every 10 minutes. */
  private static CostBreakdown steady10kW(
      Tariff t, RunningCost.Site site, Instant start, int hours) {
    RunningCost cost = new RunningCost(t, site, start, 0);
    for (int m = 0; m <= hours * 60; m += 10) {
      cost.observe(start.plus(Duration.ofMinutes(m)), m * 10_000.0 / 60, true, 10_000.0, 43.5);
    }
    return cost.breakdown(true);
  }

  @Test
  @DisplayName("times of day are the station's local time: 22:00 in Berlin is 21:00 UTC in winter")
  void timeOfDayInTheStationsZone() {
    Instant start = Instant.parse("2026-01-15T20:30:00Z"); // 21:30 in Berlin (UTC+1)

    CostBreakdown berlin = steady10kW(nightTariff("22:00", "06:00"), BERLIN, start, 1);
    CostBreakdown utc = steady10kW(nightTariff("22:00", "06:00"), UTC, start, 1);

    // Berlin: 30 min (5 kWh) at 0.40 before 22:00, 30 min at 0.20 after: 2.00 + 1.00.
    assertAmount(berlin.energy().exclTax(), "3.00");
    assertThat(berlin.periods()).hasSize(2);
    assertThat(berlin.periods().get(1).start()).isEqualTo(Instant.parse("2026-01-15T21:00:00Z"));
    // Read in UTC the same hour is all before 22:00.
    assertAmount(utc.energy().exclTax(), "4.00");
  }

  @Test
  @DisplayName("when the clocks go back, a local window that happens twice is priced twice")
  void theRepeatedHourAtTheEndOfSummerTime() {
    // 2026-10-25: in Berlin 03:00 CEST becomes 02:00 CET, so 02:30-03:00 local happens twice.
    Instant start = Instant.parse("2026-10-24T23:00:00Z"); // 01:00 CEST

    CostBreakdown b = steady10kW(nightTariff("02:30", "03:00"), BERLIN, start, 4);

    // Four hours, 40 kWh: two half hours (10 kWh) at 0.20, the rest at 0.40: 2.00 + 12.00.
    // (Energy read as doubles every 10 min: a few millionths either way.)
    assertThat(b.energy().exclTax().doubleValue()).isCloseTo(14.00, within(1e-5));
    assertThat(b.periods())
        .extracting(CostBreakdown.Period::start)
        .contains(
            Instant.parse("2026-10-25T00:30:00Z"), // 02:30 CEST
            Instant.parse("2026-10-25T01:00:00Z"), // 03:00 CEST = 02:00 CET
            Instant.parse("2026-10-25T01:30:00Z"), // 02:30 CET
            Instant.parse("2026-10-25T02:00:00Z")); // 03:00 CET
  }

  @Test
  @DisplayName("when the clocks go forward, a local window that does not happen is never priced")
  void theMissingHourAtTheStartOfSummerTime() {
    // 2026-03-29: in Berlin 02:00 CET becomes 03:00 CEST; 02:00-02:30 local never happens.
    Instant start = Instant.parse("2026-03-28T23:00:00Z"); // 00:00 CET

    CostBreakdown b = steady10kW(nightTariff("02:00", "02:30"), BERLIN, start, 3);

    // 30 kWh, all at 0.40.
    assertThat(b.energy().exclTax().doubleValue()).isCloseTo(12.00, within(1e-5));
  }
}
