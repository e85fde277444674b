package io.kilowire.hardware.rapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kilowire.hardware.testing.DevicePort;
import io.kilowire.hardware.testing.SocatPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RapiBoard over a real PTY pair, the test playing the OpenEVSE board. */
class RapiBoardTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;
  private SocatPair socat;
  private DevicePort device;
  private FakeOpenEvse evse;
  private RapiBoard board;
  private final List<RapiStateNotification> states = new CopyOnWriteArrayList<>();
  private final List<RapiBootNotification> boots = new CopyOnWriteArrayList<>();
  private final List<RapiFault> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger recoveries = new AtomicInteger();

  /** A well-behaved board. */
  private static @Nullable String healthy(RapiFrame cmd) {
    return switch (cmd.token()) {
      case "SC" -> "$OK " + cmd.args().get(0);
      case "GS" -> "$OK 03 125 03 0200";
      case "GG" -> "$OK 15980 239500";
      case "FE", "FS", "FD" -> "$OK";
      case "SY" -> cmd.args().isEmpty() ? "$OK" : "$OK " + cmd.args().get(0) + " 6 0";
      default -> "$NK";
    };
  }

  @BeforeEach
  void setUp() throws Exception {
    socat = SocatPair.start(dir);
    device = new DevicePort(socat.deviceEnd(), 115_200);
    evse = new FakeOpenEvse(device, RapiBoardTest::healthy);
    board =
        RapiBoard.open(
            RapiBoard.Config.defaults(socat.driverEnd())
                .withResponseTimeout(Duration.ofMillis(300))
                .withRetries(2),
            new RapiListener() {
              @Override
              public void onStateChanged(RapiStateNotification state) {
                states.add(state);
              }

              @Override
              public void onBoot(RapiBootNotification boot) {
                boots.add(boot);
              }

              @Override
              public void onFault(RapiFault fault) {
                faults.add(fault);
              }

              @Override
              public void onRecovered() {
                recoveries.incrementAndGet();
              }
            });
  }

  @AfterEach
  void tearDown() throws Exception {
    if (board != null) {
      board.close();
    }
    if (evse != null) {
      evse.close();
    }
    if (device != null) {
      device.close();
    }
    if (socat != null) {
      socat.close();
    }
  }

  @Test
  void happyPathCommands() throws Exception {
    assertThat(board.setCurrent(16)).isEqualTo(16);
    RapiStatus st = board.status();
    assertThat(st.evseState()).isEqualTo(EvseState.CHARGING);
    assertThat(st.elapsedSeconds()).isEqualTo(125);
    assertThat(board.measurement()).isEqualTo(new ChargingMeasurement(15980, 239500));
    board.enable();
    board.sleep();
    board.disable();
    assertThat(board.superviseHeartbeat(30, 6)).isEqualTo(new HeartbeatStatus(30, 6, 0));
    assertThat(board.heartbeatPulse()).isTrue();

    // What went over the wire: XOR checksums, sequence ids 01, 02, ... in order.
    assertThat(evse.received().get(0)).isEqualTo("$SC 16 V :01^" + hex(xor("$SC 16 V :01")));
    assertThat(evse.received()).hasSize(8);
    assertThat(evse.received().get(7)).startsWith("$SY :08^");
    assertThat(board.counters().commands()).isEqualTo(8);
    assertThat(board.health()).isEqualTo(RapiBoard.Health.OK);
    assertThat(faults).isEmpty();
  }

  @Test
  void clampedCurrentIsReportedNotHidden() throws Exception {
    evse.script(cmd -> cmd.token().equals("SC") ? "$NK 6" : healthy(cmd));
    assertThat(board.setCurrent(2)).isEqualTo(6);
    evse.script(cmd -> "$NK");
    assertThatThrownBy(() -> board.setCurrent(10))
        .isInstanceOfSatisfying(
            RapiException.class, e -> assertThat(e.kind()).isEqualTo(RapiException.Kind.REJECTED));
    assertThatThrownBy(board::status)
        .isInstanceOfSatisfying(
            RapiException.class, e -> assertThat(e.kind()).isEqualTo(RapiException.Kind.REJECTED));
  }

  @Test
  void missedHeartbeatIsVisibleAndCanBeAcknowledged() throws Exception {
    // The board has fallen back to its failsafe current: pulses get $NK until acknowledged.
    evse.script(
        cmd ->
            cmd.token().equals("SY") && cmd.args().isEmpty()
                ? "$NK"
                : cmd.token().equals("SY") ? "$OK" : healthy(cmd));
    assertThat(board.heartbeatPulse()).isFalse();
    board.acknowledgeMissedHeartbeat();
    assertThat(evse.received().get(1)).startsWith("$SY 165 :02^");
  }

  @Test
  void checksumErrorIsCountedAndTheCommandRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    evse.script(
        cmd -> {
          if (cmd.token().equals("GG") && calls.getAndIncrement() == 0) {
            // Right shape, one digit flipped in transit: the checksum no longer matches.
            String good = FakeOpenEvse.frame("$OK 15980 239500", cmd.sequenceId());
            return "RAW:" + good.replace("15980", "95980");
          }
          return healthy(cmd);
        });
    assertThat(board.measurement().milliamps()).isEqualTo(15980);
    assertThat(board.counters().checksumErrors()).isEqualTo(1);
    await()
        .atMost(WAIT)
        .until(() -> faults.stream().anyMatch(f -> f.kind() == RapiFault.Kind.CHECKSUM));
  }

  @Test
  void silenceTimesOutAsFaultThenRecovers() throws Exception {
    evse.script(cmd -> null);
    assertThatThrownBy(board::status)
        .isInstanceOfSatisfying(
            RapiException.class, e -> assertThat(e.kind()).isEqualTo(RapiException.Kind.TIMEOUT));
    assertThat(board.counters().timeouts()).isEqualTo(3);
    assertThat(board.health()).isEqualTo(RapiBoard.Health.FAULT);
    await()
        .atMost(WAIT)
        .until(() -> faults.stream().anyMatch(f -> f.kind() == RapiFault.Kind.TIMEOUT));

    evse.script(RapiBoardTest::healthy);
    assertThat(board.status().evseState()).isEqualTo(EvseState.CHARGING);
    assertThat(board.health()).isEqualTo(RapiBoard.Health.OK);
    await().atMost(WAIT).until(() -> recoveries.get() == 1);
  }

  @Test
  void garbageAndStaleRepliesNeverBecomeAnswers() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    evse.script(
        cmd -> {
          if (cmd.token().equals("GS") && calls.getAndIncrement() == 0) {
            // Line noise, then a reply to an older command (wrong sequence id), then nothing.
            return "RAW:\u0000\u00ff#%" + FakeOpenEvse.frame("$OK 01 0 01 0000", 0x55);
          }
          return healthy(cmd);
        });
    // The stale "not connected" reply must not be taken; the retry gets the real state.
    assertThat(board.status().evseState()).isEqualTo(EvseState.CHARGING);
    RapiCounters c = board.counters();
    assertThat(c.garbageBytes()).isEqualTo(4);
    assertThat(c.unexpectedReplies()).isEqualTo(1);
    assertThat(c.timeouts()).isEqualTo(1);
  }

  @Test
  void asyncStateNotificationsReachTheListener() throws Exception {
    evse.send("$AT 02 02 32 0200", 0);
    evse.send("$AT 03 03 16 0200", 0);
    await().atMost(WAIT).until(() -> states.size() == 2);
    assertThat(states.get(1).evseState()).isEqualTo(EvseState.CHARGING);
    assertThat(states.get(1).currentCapacityAmps()).isEqualTo(16);
    // A corrupt notification is counted, never delivered.
    evse.sendRaw("$AT 01 01 16 0200^00\r");
    await().atMost(WAIT).until(() -> board.counters().checksumErrors() == 1);
    assertThat(states).hasSize(2);
  }

  @Test
  void theReportedStateFollowsTheWireOrderOfRepliesAndNotifications() throws Exception {
    // The EV starts charging right after the board answered $GS: the reply (connected) is read
    // first, the notification (charging) second, and the newer one must win.
    evse.script(
        cmd ->
            cmd.token().equals("GS")
                ? "RAW:"
                    + FakeOpenEvse.frame("$OK 02 0 02 0000", cmd.sequenceId())
                    + FakeOpenEvse.frame("$AT 03 03 16 0000", 0)
                : healthy(cmd));
    assertThat(board.status().evseState()).isEqualTo(EvseState.CONNECTED);
    await().atMost(WAIT).until(() -> states.size() == 1);
    assertThat(board.reportedState())
        .isEqualTo(new RapiBoard.ReportedState(EvseState.CHARGING, EvseState.CHARGING));

    // The other way round: the EV stopped (notification), then the board answered $GS.
    evse.script(
        cmd -> {
          if (cmd.token().equals("GS")) {
            evse.send("$AT 03 03 16 0000", 0);
            return "$OK 02 0 02 0000";
          }
          return healthy(cmd);
        });
    board.status();
    await().atMost(WAIT).until(() -> states.size() == 2);
    assertThat(board.reportedState())
        .isEqualTo(new RapiBoard.ReportedState(EvseState.CONNECTED, EvseState.CONNECTED));
  }

  @Test
  void bootMidSessionIsReportedAndSettingsCanBeReapplied() throws Exception {
    assertThat(board.setCurrent(20)).isEqualTo(20);
    // The board resets: boot notification, then its state notification.
    evse.send("$AB 00 8.2.1", 0);
    evse.send("$AT 01 01 32 0000", 0);
    await().atMost(WAIT).until(() -> boots.size() == 1 && states.size() == 1);
    assertThat(boots.get(0)).isEqualTo(new RapiBootNotification(0, "8.2.1"));
    assertThat(board.counters().boots()).isEqualTo(1);
    // The volatile limit is gone on the board; the owner re-applies it and it works.
    assertThat(board.setCurrent(20)).isEqualTo(20);
    assertThat(board.health()).isEqualTo(RapiBoard.Health.OK);
  }

  @Test
  void listenerMayCallTheBoard() throws Exception {
    board.close();
    AtomicInteger reapplied = new AtomicInteger(-1);
    board =
        RapiBoard.open(
            RapiBoard.Config.defaults(socat.driverEnd())
                .withResponseTimeout(Duration.ofMillis(300)),
            new RapiListener() {
              @Override
              public void onBoot(RapiBootNotification boot) {
                try {
                  reapplied.set(RapiBoardHolder.board.setCurrent(12));
                } catch (RapiException e) {
                  reapplied.set(-2);
                }
              }
            });
    RapiBoardHolder.board = board;
    evse.send("$AB 00 8.2.1", 0);
    await().atMost(WAIT).until(() -> reapplied.get() == 12);
  }

  @Test
  void lostPortIsAFaultAndCommandsFailInsteadOfHanging() throws Exception {
    socat.close();
    await().atMost(WAIT).until(() -> board.health() == RapiBoard.Health.FAULT);
    assertThat(board.lastFault()).isNotNull();
    assertThat(board.lastFault().kind()).isEqualTo(RapiFault.Kind.PORT_LOST);
    assertThatThrownBy(board::status)
        .isInstanceOfSatisfying(
            RapiException.class,
            e -> assertThat(e.kind()).isEqualTo(RapiException.Kind.PORT_CLOSED));
  }

  /** Lets the anonymous listener above reach the board it belongs to. */
  private static final class RapiBoardHolder {
    static volatile RapiBoard board;
  }

  private static int xor(String s) {
    int x = 0;
    for (char c : s.toCharArray()) {
      x ^= c;
    }
    return x;
  }

  private static String hex(int v) {
    return String.format("%02X", v);
  }
}
