package io.kilowire.core.station.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.station.network.NetworkProfiles.SetStatus;
import io.kilowire.core.store.MemorySnapshotStore;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network profiles in their slots, the order they are tried in and the fallback (B09, B10). */
class NetworkProfilesTest {
  private static final NetworkProfile INSTALLED =
      new NetworkProfile(URI.create("ws://old.example/ocpp"), 1, 30);
  private static final NetworkProfile NEW =
      new NetworkProfile(URI.create("wss://new.example/ocpp"), 2, 30);

  private final MemorySnapshotStore snapshots = new MemorySnapshotStore();
  private NetworkProfiles profiles = new NetworkProfiles(snapshots, INSTALLED);

  @Test
  void aProfileIsStoredInAKnownSlotAndBadOnesAreRejected() {
    assertThat(profiles.set(2, NEW, 1)).isEqualTo(SetStatus.ACCEPTED);
    assertThat(profiles.slot(2)).contains(NEW);
    assertThat(profiles.set(7, NEW, 1)).as("B09.FR.05: no such slot").isEqualTo(SetStatus.REJECTED);
    assertThat(profiles.set(3, INSTALLED, 2))
        .as("B09.FR.04: a lower security profile than in force")
        .isEqualTo(SetStatus.REJECTED);
    assertThat(profiles.set(3, new NetworkProfile(URI.create("ws://x.example"), 2, 30), 0))
        .as("B09.FR.02: profile 2 needs TLS")
        .isEqualTo(SetStatus.REJECTED);
    assertThat(profiles.set(3, new NetworkProfile(URI.create("http://x.example"), 0, 30), 0))
        .isEqualTo(SetStatus.REJECTED);
  }

  @Test
  void aRejectionNamesTheReasonCodeOfItsRequirement() {
    assertThat(profiles.rejection(7, NEW, 1)).as("B09.FR.05").isEqualTo("InvalidConfSlot");
    assertThat(profiles.rejection(3, INSTALLED, 2))
        .as("B09.FR.04")
        .isEqualTo("NoSecurityDowngrade");
    assertThat(profiles.rejection(3, new NetworkProfile(URI.create("ws://x.example"), 2, 30), 0))
        .as("B09.FR.02")
        .isEqualTo("InvalidNetworkConf");
    assertThat(profiles.rejection(3, NEW, 2)).as("the same profile is no downgrade").isNull();
  }

  @Test
  void afterARebootTheSlotsAreTriedInPriorityOrderThenTheLastGoodOne() {
    profiles.set(2, NEW, 1);
    profiles.reboot(List.of(2, 3, 1));
    assertThat(profiles.currentSlot()).as("B10.FR.04: the first usable entry").isEqualTo(2);
    profiles.attemptFailed(2);
    assertThat(profiles.currentSlot()).isEqualTo(2);
    profiles.attemptFailed(2);
    assertThat(profiles.currentSlot()).as("B10.FR.03: after its attempts, the next").isEqualTo(1);
    profiles.attemptFailed(2);
    profiles.attemptFailed(2);
    assertThat(profiles.currentSlot())
        .as("B10.FR.07: all failed, back to the one last connected with")
        .isEqualTo(1);
    profiles.attemptFailed(2);
    assertThat(profiles.current()).isEqualTo(INSTALLED);
  }

  @Test
  void theSlotConnectedWithIsTheFallbackAndSurvivesARestart() {
    profiles.set(2, NEW, 1);
    profiles.reboot(List.of(2));
    profiles.connected();
    assertThat(profiles.lastGood()).isEqualTo(2);

    profiles = new NetworkProfiles(snapshots, INSTALLED);
    assertThat(profiles.slot(2)).contains(NEW);
    assertThat(profiles.lastGood()).isEqualTo(2);
    assertThat(profiles.current()).as("a restart connects where it last did").isEqualTo(NEW);
    profiles.reboot(List.of(1));
    assertThat(profiles.current()).isEqualTo(INSTALLED);
  }
}
