package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.SharedStationThreads;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.testing.TestCsms.Received;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EmulatedToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A storm as a CSMS restart makes it: 1,000 emulated stations (as the emulator runs them, on two
 * shared threads over the JDK WebSocket client; half OCPP 1.6, half 2.0.1) charge, lose their CSMS,
 * keep charging and queueing offline, and when it is back reconnect with their jittered back-off
 * and deliver every transaction message, in order, once.
 *
 * <p>Back-off and meter interval are small so the class runs in well under a minute: real sockets
 * on 127.0.0.1 leave no virtual clock to skip the waits.
 */
class ReconnectStormIT {
  private static final int STATIONS = 1_000;
  private static final Duration MIN = Duration.ofMillis(500);
  private static final Duration RANGE = Duration.ofSeconds(2);
  private static final int REPEAT = 2;
  private static final Duration METER_INTERVAL = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final Pattern RETRY =
      Pattern.compile("\\[(STORM-\\d{4})\\] reconnecting in (\\d+) ms");

  private final SharedStationThreads threads = new SharedStationThreads(2);
  private final List<EmulatedStation> stations = new ArrayList<>();
  private TestCsms csms;

  @AfterEach
  void tearDown() {
    stations.forEach(EmulatedStation::closeAsync);
    if (csms != null) {
      csms.close();
    }
    threads.close();
  }

  /** Asking 1,000 stations on their threads is work for them: not more often than every 0.5 s. */
  private static ConditionFactory poll() {
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(500));
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "STORM-%04d", i);
  }

  private static OcppVersion version(int i) {
    return i % 2 == 0 ? OcppVersion.V16 : OcppVersion.V201;
  }

  @Test
  void afterACsmsRestartEveryStationReconnectsSpreadOutAndDeliversEveryTransactionMessageOnce()
      throws Exception {
    csms = TestCsms.start(OcppVersion.V16, OcppVersion.V201);
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    Console console = new Console(new PrintStream(lines, true, StandardCharsets.UTF_8));
    // Sessions of about 10 s with 2 s gaps: an outage of a few seconds cuts through sessions, and
    // others start or end while the CSMS is away.
    EmulatedStation.EvBehaviour evs =
        new EmulatedStation.EvBehaviour(
            Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(2), 16, 3, 60_000);
    for (int i = 0; i < STATIONS; i++) {
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(csms.uri())
              .stationId(id(i))
              .ocppVersions(version(i))
              .retryBackOff(MIN, RANGE, REPEAT)
              .build();
      EmulatedStation station =
          new EmulatedStation(
              config,
              1,
              console,
              null,
              null,
              null,
              METER_INTERVAL,
              evs,
              false,
              i,
              EmulatedStation.Timebase.realTime(threads.thread(id(i))),
              EmulatedToken.Type.ISO14443);
      stations.add(station);
      station.start();
    }
    poll().until(() -> stations.stream().allMatch(s -> s.transactionsStarted() > 0));

    int beforeStop = lines.size();
    csms.stop();
    // Offline the stations go on: meter values, starts and ends wait in their queues.
    poll()
        .until(
            () ->
                stations.stream().filter(s -> s.queuedTransactionMessages() >= 3).count()
                    > STATIONS / 2);
    Instant restarted = Instant.now();
    csms.restart();

    poll()
        .until(() -> stations.stream().allMatch(s -> reconnectedAfter(s.id(), restarted) != null));
    poll().until(() -> stations.stream().allMatch(s -> s.queuedTransactionMessages() == 0));
    // Every session ends and is confirmed before the stations close, so the close itself (which
    // waits for confirmations a few seconds at most) leaves nothing to count.
    for (EmulatedStation s : stations) {
      s.noRandomEvs();
      s.departEv(1);
    }
    poll()
        .until(
            () ->
                stations.stream()
                    .allMatch(
                        s ->
                            s.transactionsEnded() == s.transactionsStarted()
                                && s.queuedTransactionMessages() == 0));
    CompletableFuture.allOf(
            stations.stream().map(EmulatedStation::closeAsync).toArray(CompletableFuture[]::new))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertEachStationDrewItsOwnWait(lines.toString(StandardCharsets.UTF_8).substring(beforeStop));

    Map<String, List<Received>> byStation =
        csms.calls().stream().collect(Collectors.groupingBy(Received::stationId));
    int spanningTheOutage = 0;
    for (int i = 0; i < STATIONS; i++) {
      EmulatedStation s = stations.get(i);
      List<Received> calls = byStation.getOrDefault(s.id(), List.of());
      spanningTheOutage +=
          version(i) == OcppVersion.V16
              ? assertV16Delivered(s, calls)
              : assertV201Delivered(s, calls);
    }
    // The storm did what it is for: many sessions ran across the outage.
    assertThat(spanningTheOutage).isGreaterThan(STATIONS / 4);
  }

  private Instant reconnectedAfter(String stationId, Instant restarted) {
    for (Instant at : csms.connectedAt(stationId)) {
      if (!at.isBefore(restarted)) {
        return at;
      }
    }
    return null;
  }

  /**
   * RetryBackOff: each wait is the minimum doubled per failed attempt (at most RepeatTimes times)
   * plus a random part of at most the range that every station draws anew; lost together, the
   * stations' first attempts spread over the whole range.
   */
  private static void assertEachStationDrewItsOwnWait(String afterStop) {
    Map<String, List<Long>> waits = new HashMap<>();
    Matcher retry = RETRY.matcher(afterStop);
    while (retry.find()) {
      waits
          .computeIfAbsent(retry.group(1), k -> new ArrayList<>())
          .add(Long.parseLong(retry.group(2)));
    }
    assertThat(waits).hasSize(STATIONS);
    waits.forEach(
        (station, ms) -> {
          for (int n = 0; n < ms.size(); n++) {
            long base = MIN.toMillis() << Math.min(n, REPEAT);
            assertThat(ms.get(n))
                .as("%s: wait before attempt %d", station, n + 1)
                .isBetween(base, base + RANGE.toMillis());
          }
        });
    assertThat(waits.values().stream().map(ms -> ms.get(0) / 100).distinct().count())
        .as("100 ms slots of the first attempts")
        .isGreaterThanOrEqualTo(RANGE.toMillis() / 100 - 1);
  }

  /**
   * 1.6: per transaction one StartTransaction, its MeterValues in time order with no sample missing
   * (one every interval, from the start to the stop), one StopTransaction after them; the CSMS
   * assigned exactly the transactions the station started and ended. Returns 1 if a session ran
   * across the outage.
   */
  private static int assertV16Delivered(EmulatedStation s, List<Received> calls) {
    Map<String, Integer> starts = new HashMap<>();
    Map<String, Integer> meterValues = new HashMap<>();
    Map<Integer, Integer> startedAt = new LinkedHashMap<>();
    Map<Integer, List<Instant>> samples = new HashMap<>();
    Map<Integer, Integer> stoppedAt = new HashMap<>();
    for (int n = 0; n < calls.size(); n++) {
      Received call = calls.get(n);
      switch (call.action()) {
        case "StartTransaction" -> {
          assertThat(starts.merge(call.payload().toString(), 1, Integer::sum))
              .as("%s: a StartTransaction arrived twice: %s", s.id(), call.payload())
              .isEqualTo(1);
          int tx = call.reply().at("/transactionId").asInt();
          startedAt.put(tx, n);
          samples.put(tx, new ArrayList<>(List.of(Instant.parse(call.at("/timestamp").asText()))));
        }
        case "MeterValues" -> {
          if (!call.at("/transactionId").isInt()) {
            continue;
          }
          // A message sent again arrives on a later connection; the same sample twice on one
          // connection is two messages (the EV starting to draw adds one at that instant).
          Integer firstOn = meterValues.putIfAbsent(call.payload().toString(), call.connection());
          assertThat(firstOn == null || firstOn == call.connection())
              .as("%s: MeterValues arrived again on a later connection: %s", s.id(), call.payload())
              .isTrue();
          int tx = call.at("/transactionId").asInt();
          assertThat(startedAt).as("%s: meter values before their start", s.id()).containsKey(tx);
          assertThat(stoppedAt)
              .as("%s: meter values after their stop", s.id())
              .doesNotContainKey(tx);
          for (JsonNode value : call.at("/meterValue")) {
            samples.get(tx).add(Instant.parse(value.path("timestamp").asText()));
          }
        }
        case "StopTransaction" -> {
          int tx = call.at("/transactionId").asInt();
          assertThat(startedAt).as("%s: a stop before its start", s.id()).containsKey(tx);
          assertThat(stoppedAt.put(tx, n))
              .as("%s: transaction %d stopped twice", s.id(), tx)
              .isNull();
          samples.get(tx).add(Instant.parse(call.at("/timestamp").asText()));
        }
        default -> {}
      }
    }
    assertThat(startedAt).as("%s transactions", s.id()).hasSize(s.transactionsStarted());
    assertThat(stoppedAt.keySet())
        .as("%s ends", s.id())
        .hasSize(s.transactionsEnded())
        .isEqualTo(startedAt.keySet());
    int spanning = 0;
    for (Map.Entry<Integer, List<Instant>> tx : samples.entrySet()) {
      assertSampledEveryInterval(s.id() + " transaction " + tx.getKey(), tx.getValue());
      if (calls.get(startedAt.get(tx.getKey())).connection() == 1
          && calls.get(stoppedAt.get(tx.getKey())).connection() > 1) {
        spanning = 1;
      }
    }
    return spanning;
  }

  /**
   * A transaction's start, sampled values and end in time order, none missing: no gap reaches two
   * intervals (the EV starting or stopping to draw adds a sample in between, at any time).
   */
  private static void assertSampledEveryInterval(String what, List<Instant> at) {
    for (int k = 1; k < at.size(); k++) {
      Duration gap = Duration.between(at.get(k - 1), at.get(k));
      assertThat(gap.isNegative()).as("%s: sample %d before %s", what, k, at.get(k - 1)).isFalse();
      assertThat(gap)
          .as("%s: sample %d (a lost one in between?)", what, k)
          .isLessThan(METER_INTERVAL.multipliedBy(2));
    }
  }

  /**
   * 2.0.1: per transaction the TransactionEvents arrive with seqNo 0, 1, 2, … in that order, each
   * once, Started first and Ended last, no sample missing in between; as many transactions as the
   * station started and ended. Returns 1 if a session ran across the outage.
   */
  private static int assertV201Delivered(EmulatedStation s, List<Received> calls) {
    Map<String, List<Received>> byTransaction = new LinkedHashMap<>();
    for (Received call : calls) {
      if (call.action().equals("TransactionEvent")) {
        byTransaction
            .computeIfAbsent(
                call.at("/transactionInfo/transactionId").asText(), k -> new ArrayList<>())
            .add(call);
      }
    }
    int ended = 0;
    int spanning = 0;
    for (Map.Entry<String, List<Received>> tx : byTransaction.entrySet()) {
      List<Received> events = tx.getValue();
      List<Integer> seqNos = events.stream().map(e -> e.at("/seqNo").asInt()).toList();
      List<Integer> expected = new ArrayList<>();
      for (int k = 0; k < events.size(); k++) {
        expected.add(k);
      }
      assertThat(seqNos)
          .as("%s transaction %s: seqNo in arrival order", s.id(), tx.getKey())
          .isEqualTo(expected);
      assertThat(events.get(0).at("/eventType").asText()).isEqualTo("Started");
      List<Instant> samples = new ArrayList<>();
      samples.add(Instant.parse(events.get(0).at("/timestamp").asText()));
      for (int k = 1; k < events.size() - 1; k++) {
        assertThat(events.get(k).at("/eventType").asText()).isEqualTo("Updated");
        for (JsonNode value : events.get(k).at("/meterValue")) {
          samples.add(Instant.parse(value.path("timestamp").asText()));
        }
      }
      samples.add(Instant.parse(events.get(events.size() - 1).at("/timestamp").asText()));
      // Thinning a long queue keeps the seqNo gap-free, not the samples.
      assertSampledEveryInterval(s.id() + " transaction " + tx.getKey(), samples);
      if (events.size() > 1
          && events.get(events.size() - 1).at("/eventType").asText().equals("Ended")) {
        ended++;
      }
      if (events.get(0).connection() == 1 && events.get(events.size() - 1).connection() > 1) {
        spanning = 1;
      }
    }
    assertThat(byTransaction).as("%s transactions", s.id()).hasSize(s.transactionsStarted());
    assertThat(ended)
        .as("%s ends", s.id())
        .isEqualTo(s.transactionsEnded())
        .isEqualTo(byTransaction.size());
    return spanning;
  }
}
