package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A storm as a CSMS restart makes it: 1,000 emulated stations (as the emulator runs them, on two
 * shared threads over the JDK WebSocket client) charge, lose their CSMS, keep charging and queueing
 * offline, and when it is back reconnect with their jittered back-off and deliver every transaction
 * message: each transaction the stations started reaches the CSMS, and so does each end.
 */
class ReconnectStormIT {
  private static final int STATIONS = 1_000;
  private static final Duration MIN = Duration.ofMillis(500);
  private static final Duration RANGE = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(90);

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

  private static String id(int i) {
    return String.format(Locale.ROOT, "STORM-%04d", i);
  }

  @Test
  void afterACsmsRestartEveryStationReconnectsSpreadOutAndNoTransactionMessageIsLost()
      throws Exception {
    csms = TestCsms.start(OcppVersion.V16);
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    Console console = new Console(new PrintStream(lines, true, StandardCharsets.UTF_8));
    EmulatedStation.EvBehaviour evs =
        new EmulatedStation.EvBehaviour(
            Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(2), 16, 3, 60_000);
    for (int i = 0; i < STATIONS; i++) {
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(csms.uri())
              .stationId(id(i))
              .ocppVersions(OcppVersion.V16)
              .retryBackOff(MIN, RANGE, 2)
              .build();
      EmulatedStation station =
          new EmulatedStation(
              config,
              1,
              console,
              null,
              null,
              null,
              Duration.ofSeconds(3),
              evs,
              false,
              i,
              EmulatedStation.Timebase.realTime(threads.thread(id(i))),
              EmulatedToken.Type.ISO14443);
      stations.add(station);
      station.start();
    }
    await()
        .atMost(WAIT)
        .until(() -> csms.calls().stream().map(Received::stationId).distinct().count() == STATIONS);
    await().atMost(WAIT).until(() -> stations.stream().allMatch(s -> s.transactionsStarted() > 0));

    int beforeStop = lines.size();
    csms.stop();
    // Offline the stations go on: meter values and transaction ends wait in their queues.
    await()
        .atMost(WAIT)
        .until(
            () -> stations.stream().filter(s -> s.queuedTransactionMessages() > 0).count() > 300);
    Instant restarted = Instant.now();
    csms.restart();

    await()
        .atMost(WAIT)
        .until(() -> stations.stream().allMatch(s -> csms.connectedAt(s.id()).size() >= 2));
    await()
        .atMost(WAIT)
        .until(() -> stations.stream().allMatch(s -> s.queuedTransactionMessages() == 0));
    CompletableFuture.allOf(
            stations.stream().map(EmulatedStation::closeAsync).toArray(CompletableFuture[]::new))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    // Lost together, the stations retried apart: each drew its own random part (RetryBackOff:
    // the minimum plus up to the random range), so their first attempts spread over the range.
    Map<String, Long> firstRetry = new HashMap<>();
    String afterStop = lines.toString(StandardCharsets.UTF_8).substring(beforeStop);
    Matcher retry = RETRY.matcher(afterStop);
    while (retry.find()) {
      firstRetry.putIfAbsent(retry.group(1), Long.parseLong(retry.group(2)));
    }
    assertThat(firstRetry).hasSize(STATIONS);
    LongSummaryStatistics delays =
        firstRetry.values().stream().mapToLong(Long::longValue).summaryStatistics();
    assertThat(delays.getMin()).isGreaterThanOrEqualTo(MIN.toMillis());
    assertThat(delays.getMax()).isLessThanOrEqualTo(MIN.plus(RANGE).toMillis());
    assertThat(delays.getMax() - delays.getMin()).isGreaterThan(RANGE.toMillis() * 3 / 4);
    assertThat(firstRetry.values().stream().map(ms -> ms / 100).distinct().count())
        .as("100 ms slots of first retries")
        .isGreaterThanOrEqualTo(RANGE.toMillis() / 100 - 1);
    // And every one came back once the CSMS did.
    assertThat(stations).allMatch(s -> csms.connectedAt(s.id()).get(1).isAfter(restarted));

    // Every transaction the stations started and ended reached the CSMS.
    for (EmulatedStation s : stations) {
      Set<Integer> assigned = new HashSet<>();
      for (Received start : csms.calls(s.id(), "StartTransaction")) {
        assigned.add(start.reply().at("/transactionId").asInt());
      }
      List<Received> stops = csms.calls(s.id(), "StopTransaction");
      Set<Integer> stopped = new HashSet<>();
      for (Received stop : stops) {
        stopped.add(stop.at("/transactionId").asInt());
      }
      assertThat(assigned).as("%s transactions", s.id()).hasSize(s.transactionsStarted());
      assertThat(stopped).as("%s ends", s.id()).hasSize(s.transactionsEnded()).isEqualTo(assigned);
    }
  }
}
