package io.kilowire.hardware.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.hal.CpState;
import io.kilowire.hardware.rapi.FakeOpenEvse;
import io.kilowire.hardware.rapi.RapiBoard;
import io.kilowire.hardware.rapi.RapiFrame;
import io.kilowire.hardware.testing.DevicePort;
import io.kilowire.hardware.testing.SocatPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RapiEvse against a fake OpenEVSE board on a real PTY pair. */
class RapiEvseTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;
  private SocatPair socat;
  private DevicePort device;
  private FakeOpenEvse board;
  private RapiEvse evse;
  private final AtomicBoolean missedHeartbeat = new AtomicBoolean();

  private @Nullable String script(RapiFrame cmd) {
    return switch (cmd.token()) {
      case "SC" -> "$OK " + cmd.args().get(0);
      case "GS" -> "$OK 01 0 01 0000";
      case "FE", "FS", "FD" -> "$OK";
      case "SY" ->
          cmd.args().isEmpty()
              ? (missedHeartbeat.getAndSet(false) ? "$NK" : "$OK")
              : "$OK "
                  + cmd.args().get(0)
                  + " "
                  + (cmd.args().size() > 1 ? cmd.args().get(1) : "0")
                  + " 0";
      default -> "$NK";
    };
  }

  @BeforeEach
  void setUp() throws Exception {
    socat = SocatPair.start(dir);
    device = new DevicePort(socat.deviceEnd(), 115_200);
    board = new FakeOpenEvse(device, this::script);
    evse =
        RapiEvse.open(
            RapiBoard.Config.defaults(socat.driverEnd())
                .withResponseTimeout(Duration.ofMillis(300)),
            new RapiEvse.Lease(Duration.ofSeconds(3), 6));
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable c : new AutoCloseable[] {evse, board, device, socat}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort
        }
      }
    }
  }

  /** The commands the board received, without sequence ids and checksums. */
  private List<String> commands() {
    return board.received().stream()
        .map(l -> l.replaceAll(" ?:[0-9A-F]{2}\\^.*|\\^.*", ""))
        .toList();
  }

  private void awaitCommands(String... tail) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(commands()).endsWith(tail));
  }

  @Test
  void openingArmsTheHeartbeatReadsTheStateAndSleepsUntilCurrentIsOffered() {
    assertThat(commands()).containsExactly("$SY 3 6", "$GS", "$FS");
    assertThat(evse.state()).isEqualTo(CpState.A);
  }

  @Test
  void currentIsSetInWholeAmpsAndWakesTheBoard() {
    evse.setCurrent(10);
    awaitCommands("$SC 10 V", "$FE");
    evse.setCurrent(16);
    awaitCommands("$SC 10 V", "$FE", "$SC 16 V");
    evse.setConstantHigh();
    awaitCommands("$FS");
    evse.setOff();
    awaitCommands("$FD");
  }

  @Test
  void aDutyCycleBecomesTheAmpsItSignalsRoundedDown() {
    evse.setDuty(266); // 26.6 % = 15.96 A
    awaitCommands("$SC 15 V", "$FE");
  }

  @Test
  void stateNotificationsDriveTheCpStateContactorFeedbackAndFaultInputs() {
    board.send("$AT 02 02 32 0000", 0);
    await().atMost(WAIT).until(() -> evse.state() == CpState.B);
    board.send("$AT 03 03 32 0000", 0);
    await().atMost(WAIT).until(() -> evse.state() == CpState.C);
    assertThat(evse.contactor().feedbackClosed()).isTrue();

    board.send("$AT 08 02 32 0000", 0);
    await().atMost(WAIT).until(() -> evse.contactor().welded());
    assertThat(evse.contactor().feedbackClosed()).isFalse();

    board.send("$AT 06 02 32 0000", 0);
    await().atMost(WAIT).until(() -> evse.rcdTripped(1));
    board.send("$AT 0A 02 32 0000", 0);
    await().atMost(WAIT).until(() -> evse.overTemperature(1));
    board.send("$AT 07 02 32 0000", 0);
    await().atMost(WAIT).until(() -> evse.boardFault(1));
    board.send("$AT 02 02 32 0000", 0);
    await().atMost(WAIT).until(() -> !evse.boardFault(1));
  }

  @Test
  void kicksSendHeartbeatPulsesAtMostEveryThirdOfTheLease() throws Exception {
    for (int i = 0; i < 20; i++) {
      evse.kick();
      Thread.sleep(100);
    }
    long pulses = commands().stream().filter(c -> c.equals("$SY")).count();
    assertThat(pulses).isBetween(1L, 3L);
  }

  @Test
  void aMissedHeartbeatIsAcknowledgedAndTheCurrentRestored() {
    evse.setCurrent(16);
    awaitCommands("$SC 16 V", "$FE");
    missedHeartbeat.set(true);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              evse.kick();
              assertThat(commands()).contains("$SY 165");
            });
    awaitCommands("$SY 165", "$SC 16 V", "$FE", "$GS");
  }

  @Test
  void aRebootedBoardGetsItsHeartbeatAndCurrentAgain() {
    evse.setCurrent(20);
    awaitCommands("$SC 20 V", "$FE");
    board.send("$AB 00 8.2.1", 0);
    awaitCommands("$SY 3 6", "$SC 20 V", "$FE", "$GS");
  }
}
