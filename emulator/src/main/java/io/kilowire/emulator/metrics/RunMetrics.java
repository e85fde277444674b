package io.kilowire.emulator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.emulator.control.EventHub;
import io.kilowire.emulator.control.Fleet;
import io.kilowire.emulator.station.EmulatedStation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's metrics in Prometheus form: stations by state, OCPP calls by action and direction,
 * CALLERRORs by code, the round trip of the stations' calls, queue depths, energy delivered.
 * Counters follow the event stream (on the hub's thread); gauges read the fleet when scraped.
 *
 * <p>Names: {@code kilowire_stations{state}} (connected, offline, stopped), {@code
 * kilowire_stations_accepted}, {@code kilowire_ocpp_calls_total{action,direction}} (direction tx =
 * station to CSMS), {@code kilowire_ocpp_call_errors_total{code,direction}}, {@code
 * kilowire_ocpp_call_round_trip_seconds{action}} (a histogram of the station's CALLs until their
 * answer), {@code kilowire_transaction_queue_depth} (transaction messages waiting, all stations),
 * {@code kilowire_rpc_queue_depth} (CALLs waiting behind the one in flight), {@code
 * kilowire_transactions_active}, {@code kilowire_energy_delivered_wh_total} (of ended
 * transactions), {@code kilowire_events_dropped_total}.
 */
public final class RunMetrics implements AutoCloseable {
  /** CALLs awaiting their answer are forgotten beyond this many (a CSMS that never answers). */
  static final int PENDING_LIMIT = 100_000;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Fleet fleet;
  private final Runnable unsubscribe;
  private final Map<String, Instant> pendingCalls = new ConcurrentHashMap<>();
  private final Map<String, Boolean> accepted = new ConcurrentHashMap<>();
  private final Counter energy;

  public RunMetrics(EventHub hub, Fleet fleet) {
    this.fleet = fleet;
    for (String state : List.of("connected", "offline", "stopped")) {
      Gauge.builder("kilowire_stations", this, m -> m.stations(state))
          .description("stations by state")
          .tag("state", state)
          .register(registry);
    }
    Gauge.builder(
            "kilowire_stations_accepted",
            this,
            m -> m.accepted.values().stream().filter(a -> a).count())
        .description("stations whose BootNotification the CSMS accepted")
        .register(registry);
    Gauge.builder("kilowire_transaction_queue_depth", this, RunMetrics::transactionQueue)
        .description("transaction messages waiting for the CSMS, all stations")
        .register(registry);
    Gauge.builder("kilowire_rpc_queue_depth", this, RunMetrics::rpcQueue)
        .description("CALLs waiting behind the one in flight, all stations")
        .register(registry);
    Gauge.builder("kilowire_transactions_active", this, RunMetrics::activeTransactions)
        .description("transactions running now")
        .register(registry);
    energy =
        Counter.builder("kilowire_energy_delivered_wh")
            .description("energy delivered in ended transactions")
            .baseUnit("wh")
            .register(registry);
    FunctionCounter.builder("kilowire_events_dropped", hub, EventHub::dropped)
        .description("events dropped because subscribers fell behind")
        .register(registry);
    unsubscribe = hub.subscribe(this::onEvent, "metrics");
  }

  /** The metrics in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  private void onEvent(JsonNode e) {
    String station = e.path("station").asText();
    switch (e.path("type").asText()) {
      case "frame" -> frame(station, e);
      case "registration" -> accepted.put(station, e.path("status").asText().equals("Accepted"));
      case "transaction" -> {
        if (e.path("event").asText().equals("ended")) {
          energy.increment(Math.max(0, e.path("energyWh").asDouble()));
        }
      }
      default -> {}
    }
  }

  private void frame(String station, JsonNode e) {
    String dir = e.path("dir").asText();
    int type = e.path("messageType").asInt();
    String id = station + " " + e.path("id").asText();
    if (type == 2) {
      Counter.builder("kilowire_ocpp_calls")
          .description("OCPP CALLs by action and direction (tx: station to CSMS)")
          .tags("action", e.path("action").asText(), "direction", dir)
          .register(registry)
          .increment();
      if (dir.equals("tx")) {
        if (pendingCalls.size() >= PENDING_LIMIT) {
          pendingCalls.clear();
        }
        pendingCalls.put(id, instant(e));
      }
      return;
    }
    if (type == 4) {
      Counter.builder("kilowire_ocpp_call_errors")
          .description("CALLERRORs by code and direction")
          .tags("code", e.path("errorCode").asText(), "direction", dir)
          .register(registry)
          .increment();
    }
    if ((type == 3 || type == 4) && dir.equals("rx")) {
      Instant sent = pendingCalls.remove(id);
      if (sent != null && e.has("action")) {
        Timer.builder("kilowire_ocpp_call_round_trip")
            .description("a station's CALL until the CSMS's answer")
            .tag("action", e.path("action").asText())
            .publishPercentileHistogram()
            .register(registry)
            .record(Duration.between(sent, instant(e)));
      }
    }
  }

  private static Instant instant(JsonNode e) {
    try {
      return Instant.parse(e.path("ts").asText());
    } catch (DateTimeParseException bad) {
      return Instant.now();
    }
  }

  private double stations(String state) {
    int n = 0;
    for (String id : fleet.ids()) {
      EmulatedStation s = fleet.running(id).orElse(null);
      String now =
          s == null ? "stopped" : s.runtime().client().isConnected() ? "connected" : "offline";
      if (now.equals(state)) {
        n++;
      }
    }
    return n;
  }

  private double transactionQueue() {
    return sum(s -> s.read(() -> s.station().queuedTransactionMessages()));
  }

  private double activeTransactions() {
    return sum(s -> s.read(() -> s.station().openTransactions().size()));
  }

  private double rpcQueue() {
    return sum(s -> s.runtime().client().session().map(r -> r.queued()).orElse(0));
  }

  private double sum(java.util.function.ToIntFunction<EmulatedStation> value) {
    double total = 0;
    for (String id : fleet.ids()) {
      EmulatedStation s = fleet.running(id).orElse(null);
      if (s != null) {
        try {
          total += value.applyAsInt(s);
        } catch (RuntimeException stopping) {
          // the station is closing: it holds nothing any more
        }
      }
    }
    return total;
  }

  @Override
  public void close() {
    unsubscribe.run();
    registry.close();
  }
}
