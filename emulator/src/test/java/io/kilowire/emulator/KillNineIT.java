package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.testing.TestCsms.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kill -9} of the emulator in the middle of a transaction, as a power cut: the shaded jar
 * runs as a process with a state directory against a CSMS in this JVM that records every CALL; it
 * is killed (SIGKILL) once a transaction started and sent a meter value, then started again on the
 * same state directory. The transaction must end with reason PowerLoss, and nothing the station had
 * queued may be missing at the CSMS.
 */
class KillNineIT {
  private static final String STATION = "KW-EMU-001";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201", "V21"})
  void aStationKilledMidTransactionEndsItWithPowerLossAfterARestartAndLosesNothing(
      OcppVersion version) throws Exception {
    Path state = dir.resolve("state");
    String updateAction = version == OcppVersion.V16 ? "MeterValues" : "TransactionEvent";
    try (TestCsms csms = TestCsms.start(version)) {
      // The first run's meter values are refused: they stay in the station's queue (the retry
      // waits TransactionMessageRetryInterval), so the kill hits messages queued but unconfirmed.
      csms.reply(
          updateAction,
          p -> {
            if (version == OcppVersion.V16 || p.at("/eventType").asText().equals("Updated")) {
              throw new OcppCallException(ErrorCode.INTERNAL_ERROR, "not now");
            }
            return "{}";
          });
      String tx;
      List<Received> beforeKill;
      Process first = start(csms, version, state, dir.resolve("first.txt"));
      try {
        tx = awaitStarted(csms, version);
        await().atMost(WAIT).until(() -> !updates(csms, version, tx).isEmpty() || !first.isAlive());
        assertThat(first.isAlive()).as(output(dir.resolve("first.txt"))).isTrue();
      } finally {
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean end of the transaction
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      beforeKill = transactionMessages(csms, version, tx);
      assertThat(ended(csms, version, tx))
          .as("the transaction did not end before the kill")
          .isNull();

      List<Received> refused =
          updates(csms, version, tx).stream()
              .filter(u -> u.reply().has(TestCsms.CALL_ERROR))
              .toList();
      assertThat(refused).as("meter values refused before the kill").isNotEmpty();
      csms.defaultReply(updateAction);

      Process second = start(csms, version, state, dir.resolve("second.txt"));
      JsonNode end;
      try {
        await()
            .alias(
                "the end of transaction " + tx + "; output: " + output(dir.resolve("second.txt")))
            .atMost(WAIT)
            .until(() -> ended(csms, version, tx) != null || !second.isAlive());
        end = ended(csms, version, tx);
        assertThat(end).as(output(dir.resolve("second.txt"))).isNotNull();
        // The next EV's transaction starts where the meter register stood: it never runs back.
        await().atMost(WAIT).until(() -> startsAfter(csms, version, tx) > 0 || !second.isAlive());
      } finally {
        second.destroyForcibly();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      List<Received> messages = transactionMessages(csms, version, tx);
      List<Received> accepted =
          messages.stream().filter(m -> !m.reply().has(TestCsms.CALL_ERROR)).toList();
      for (Received r : refused) {
        assertThat(accepted)
            .as("the queued %s refused before the kill, delivered after the restart", r.action())
            .anyMatch(m -> m.payload().equals(r.payload()) && m.at().isAfter(r.at()));
      }
      assertThat(accepted.get(accepted.size() - 1).payload())
          .as("the transaction's end comes last")
          .isEqualTo(end);
      List<Double> energy = new ArrayList<>();
      for (Received update : updates(csms, version, tx)) {
        energy.add(energyOf(update.at("/meterValue")));
      }
      assertThat(energy).isNotEmpty();
      double highest = energy.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      if (version == OcppVersion.V16) {
        assertThat(end.at("/reason").asText()).isEqualTo("PowerLoss");
        assertThat(end.at("/meterStop").asDouble()).isGreaterThanOrEqualTo(Math.floor(highest));
        Received start = csms.calls(STATION, "StartTransaction").get(0);
        assertThat(Instant.parse(end.at("/timestamp").asText()))
            .isAfterOrEqualTo(Instant.parse(start.at("/timestamp").asText()));
        assertThat(messages.get(messages.size() - 1).action()).isEqualTo("StopTransaction");
        assertThat(csms.calls(STATION, "StopTransaction"))
            .filteredOn(m -> m.at("/transactionId").asText().equals(tx))
            .as("one StopTransaction for the transaction")
            .hasSize(1);
        Received next = nextStart(csms, version, tx);
        assertThat(next.at("/meterStart").asDouble())
            .as("the meter register after the restart")
            .isGreaterThanOrEqualTo(end.at("/meterStop").asDouble());
      } else {
        TreeSet<Integer> seqNos = new TreeSet<>();
        messages.forEach(m -> seqNos.add(m.at("/seqNo").asInt()));
        assertThat(seqNos.first()).isZero();
        assertThat(seqNos.last())
            .as("seqNos %s: gap-free from 0 (a message re-sent after the kill may repeat)", seqNos)
            .isEqualTo(seqNos.size() - 1);
        assertThat(end.at("/seqNo").asInt()).isEqualTo(seqNos.last());
        assertThat(end.at("/transactionInfo/stoppedReason").asText()).isEqualTo("PowerLoss");
        // It happened while the station was down, so not while it was connected.
        assertThat(end.at("/offline").asBoolean()).isTrue();
        assertThat(beforeKill).allMatch(m -> !m.at("/offline").asBoolean());
        assertThat(energyOf(end.at("/meterValue"))).isGreaterThanOrEqualTo(highest);
        Received next = nextStart(csms, version, tx);
        assertThat(energyOf(next.at("/meterValue")))
            .as("the meter register after the restart")
            .isGreaterThanOrEqualTo(energyOf(end.at("/meterValue")));
      }
    }
  }

  private Process start(TestCsms csms, OcppVersion version, Path state, Path out)
      throws IOException {
    Path jar = Path.of("target", "kilowire-emulator.jar");
    assertThat(jar).exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(
        List.of(
            "run",
            "--csms",
            csms.uri().toString(),
            "--protocol",
            version.subprotocol(),
            "--stations",
            "1",
            "--connectors",
            "1",
            "--state-dir",
            state.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }

  private static String output(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The id of the first transaction as the CSMS knows it (1.6: the id it assigned). */
  private static String awaitStarted(TestCsms csms, OcppVersion version) {
    Duration wait = WAIT;
    if (version == OcppVersion.V16) {
      return csms.awaitCall(STATION, "StartTransaction", wait)
          .reply()
          .at("/transactionId")
          .asText();
    }
    return csms.awaitCall(
            STATION, "TransactionEvent", p -> p.at("/eventType").asText().equals("Started"), wait)
        .at("/transactionInfo/transactionId")
        .asText();
  }

  private static List<Received> transactionMessages(TestCsms csms, OcppVersion version, String tx) {
    List<Received> messages = new ArrayList<>();
    for (Received r : csms.calls()) {
      boolean belongs =
          switch (r.action()) {
            case "StartTransaction" -> r.reply().at("/transactionId").asText().equals(tx);
            case "MeterValues", "StopTransaction" -> r.at("/transactionId").asText().equals(tx);
            case "TransactionEvent" -> r.at("/transactionInfo/transactionId").asText().equals(tx);
            default -> false;
          };
      if (belongs && (version == OcppVersion.V16) != r.action().equals("TransactionEvent")) {
        messages.add(r);
      }
    }
    return messages;
  }

  private static List<Received> updates(TestCsms csms, OcppVersion version, String tx) {
    return transactionMessages(csms, version, tx).stream()
        .filter(
            m ->
                m.action().equals("MeterValues")
                    || (m.at("/eventType").asText().equals("Updated")
                        && m.payload().has("meterValue")))
        .toList();
  }

  private static JsonNode ended(TestCsms csms, OcppVersion version, String tx) {
    for (Received m : transactionMessages(csms, version, tx)) {
      if (m.action().equals("StopTransaction") || m.at("/eventType").asText().equals("Ended")) {
        return m.payload();
      }
    }
    return null;
  }

  /** How many transactions started after {@code tx}. */
  private static long startsAfter(TestCsms csms, OcppVersion version, String tx) {
    return starts(csms, version).stream().filter(s -> !s.equals(tx)).count();
  }

  private static Received nextStart(TestCsms csms, OcppVersion version, String tx) {
    for (Received r : csms.calls()) {
      if (r.action().equals("StartTransaction")
          && !r.reply().at("/transactionId").asText().equals(tx)) {
        return r;
      }
      if (r.action().equals("TransactionEvent")
          && r.at("/eventType").asText().equals("Started")
          && !r.at("/transactionInfo/transactionId").asText().equals(tx)) {
        return r;
      }
    }
    throw new AssertionError("no transaction after " + tx + " (" + version + ")");
  }

  private static List<String> starts(TestCsms csms, OcppVersion version) {
    List<String> ids = new ArrayList<>();
    for (Received r : csms.calls()) {
      if (version == OcppVersion.V16 && r.action().equals("StartTransaction")) {
        ids.add(r.reply().at("/transactionId").asText());
      } else if (r.action().equals("TransactionEvent")
          && r.at("/eventType").asText().equals("Started")) {
        ids.add(r.at("/transactionInfo/transactionId").asText());
      }
    }
    return ids;
  }

  /** The import register in a meterValue array; there must be one. */
  private static double energyOf(JsonNode meterValues) {
    double energy = TestCsms.energyOf(meterValues);
    assertThat(energy).as("an energy register in %s", meterValues).isNotNaN();
    return energy;
  }
}
