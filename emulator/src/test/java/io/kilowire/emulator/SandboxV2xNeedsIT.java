package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The sandbox set up to have bidirectional EVs feed back on their needs (as the conformance lab
 * sets it up) and a Kilowire 2.1 station over a WebSocket on 127.0.0.1: a V2G EV's ISO 15118-20
 * needs get the TxProfile that asks it to feed back, the station takes it, and the EV feeds back no
 * more than its maximum (12 A per phase).
 */
class SandboxV2xNeedsIT {
  @Test
  void aV2gEvFeedsBackWithinItsMaximumWhenTheSandboxAnswersItsNeeds() throws Exception {
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    ExecutorTaskScheduler scheduler = ExecutorTaskScheduler.singleThread("sandbox-v2x", Map.of());
    SandboxCsms sandbox =
        new SandboxCsms(
                new Console(new PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)),
                scheduler,
                Clock.systemUTC(),
                0)
            .feedBackOnNeeds()
            .start();
    try (EmulatedStation station =
        InteropStations.realTime(
            sandbox.uri().getPort(),
            "KW-V2X-NEEDS",
            OcppVersion.V21,
            1,
            EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true))) {
      CopyOnWriteArrayList<Double> draws = new CopyOnWriteArrayList<>();
      station.hardware().addOutputListener((at, evse, offered, pilot, draw) -> draws.add(draw));
      station.noRandomEvs(); // the test brings the EV
      station.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> station.arriveEv(1, EvModel.of(60_000, 16, 3).withV2g(12, 30), 70));

      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> station.evseState(1).drawA() < 0);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(log + "\ndraws " + draws + "\n" + station.lastProblem(), e);
      }

      assertThat(draws).allMatch(a -> a >= -12, "never more than 12 A fed back per phase");
    } finally {
      sandbox.close();
      scheduler.close();
    }
  }
}
