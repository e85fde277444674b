package io.kilowire.hardware.station;

import io.kilowire.core.loadmanagement.group.GroupConfig;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.hardware.group.GroupCharger;
import io.kilowire.hardware.group.GroupCodec;
import io.kilowire.hardware.group.GroupNode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A board station as a member of a charger group: its config's {@code group} section names the
 * group file and its member; the group's controller runs in the test (a {@link GroupNode} with a
 * built-in EV) on 127.0.0.1. The member's allocation reaches the fake OpenEVSE as {@code $SC}; when
 * the controller is gone the station falls to its safe share and reports ControllerLost: on 1.6 as
 * a security event, on 2.1 against ocpp-rpc strict as NotifyEvent SmartChargingCtrlr.Problem.
 */
class BoardStationGroupIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String ID = "KW-GROUP-IT";

  @TempDir Path dir;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

  @AfterEach
  void tearDown() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
  }

  private static int[] freePorts(int n) throws Exception {
    int[] ports = new int[n];
    DatagramSocket[] open = new DatagramSocket[n];
    for (int i = 0; i < n; i++) {
      open[i] = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ports[i] = open[i].getLocalPort();
    }
    for (DatagramSocket s : open) {
      s.close();
    }
    return ports;
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V21"})
  void theMembersAllocationReachesTheBoardAndALostControllerGivesTheSafeShare(OcppVersion version)
      throws Exception {
    int[] ports = freePorts(2);
    String group =
        """
        {"siteLimitA": 32, "controller": "m1",
         "heartbeatMs": 300, "controllerSilentAfterMs": 1500, "responseWindowMs": 1000,
         "members": [
           {"id": "m1", "endpoint": "coap://127.0.0.1:%d", "maxA": 32, "safeShareA": 8},
           {"id": "m2", "endpoint": "coap://127.0.0.1:%d", "maxA": 32, "safeShareA": 12}]}
        """
            .formatted(ports[0], ports[1]);
    Files.writeString(dir.resolve("group.json"), group);
    GroupConfig config = GroupCodec.readConfig(group).config();
    GroupNode controller =
        new GroupNode(
            config, "m1", GroupCharger.simulated(10), System.currentTimeMillis() / 1000, l -> {});
    cleanup.push(controller);
    controller.start();

    BoardRig rig = BoardRig.start(dir);
    cleanup.push(rig);
    BoardCsms csms = BoardCsms.start(version);
    cleanup.push(csms);
    if (version == OcppVersion.V16) {
      rig.useSecurityExtension();
    }
    rig.station(
        """
        {"contactorTimeoutMs": 1000, "meterPollMs": 200, "evses": [%s],
         "group": {"file": "group.json", "member": "m2"}}
        """
            .formatted(rig.evse()),
        csms.uri(),
        ID,
        version);
    csms.charge(rig, ID);
    // The controller's own EV takes 10 A of the 32: the station gets the other 22.
    rig.awaitCurrent(22, WAIT);

    // The controller is gone: the member lapses to its safe share at once, and the station's own
    // watchdog reports it.
    controller.close();
    rig.awaitCurrent(12, WAIT);
    csms.awaitFallback(ID, "ControllerLost", true);
    csms.assertNoComplaints();
  }
}
