package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An emulated 2.1 station against the sandbox in virtual time: the sandbox sets its price list as
 * the default tariff, the station prices its transaction itself (2.1 local cost), names the tariff
 * in its transaction and shows the running cost on the EVSE's display, which the control API's
 * state and {@code cost} events read.
 */
class EmulatedLocalCostTest {
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void theStationPricesItsTransactionWithTheSandboxsTariffAndShowsTheCost() {
    VirtualScheduler clock = new VirtualScheduler(START);
    Console console = new Console(new PrintStream(OutputStream.nullOutputStream()), clock.clock());
    SandboxCsms sandbox =
        SandboxCsms.inMemory(console, new VirtualStationThread(clock), clock.clock(), false)
            .defaultTariff();
    String id = "KW-COST-1";
    InMemoryTransport.Link link =
        InMemoryTransport.pair(
            OcppVersion.V21, task -> clock.schedule(Duration.ofMillis(20), task));
    sandbox.accept(link.csms(), id, OcppVersion.V21);
    EmulatedStation station = TestStations.inMemory(id, OcppVersion.V21, console, clock, link);
    List<String> costsShown = new CopyOnWriteArrayList<>();
    station.hardware().addCostListener((evse, cost) -> costsShown.add(evse + ":" + cost));
    try {
      station.start();
      clock.advance(Duration.ofSeconds(5));
      assertThat(station.isAccepted()).isTrue();
      assertThat(station.arriveEv(1, EvModel.of(40_000, 16, 3), 30)).isTrue();

      clock.advance(Duration.ofMinutes(10));

      String tx =
          station.station().openTransactions().stream()
              .map(io.kilowire.core.transaction.Transaction::id)
              .findFirst()
              .orElseThrow();
      assertThat(station.station().localCost().tariffId(tx)).contains("SANDBOX-0.30");
      BigDecimal energy = station.station().localCost().cost(tx).orElseThrow().energy().exclTax();
      double kwh =
          station.station().localCost().cost(tx).orElseThrow().usage().energyWh().doubleValue()
              / 1000;
      assertThat(energy.doubleValue()).isPositive().isCloseTo(kwh * 0.30, within(0.000002));
      assertThat(station.hardware().displayedCost(1)).startsWith("Cost so far:");
      assertThat(costsShown).anyMatch(c -> c.startsWith("1:Cost so far:"));
    } finally {
      station.close();
      clock.advance(Duration.ofSeconds(10));
      sandbox.close();
    }
  }
}
