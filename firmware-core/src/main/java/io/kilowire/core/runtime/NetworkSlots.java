package io.kilowire.core.runtime;

import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.V201Variables.OcppCommCtrlr;
import io.kilowire.core.station.network.NetworkProfile;
import io.kilowire.core.station.network.NetworkProfiles;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.transport.TransportConfig;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 2.0.1 station's network profiles in its connection (B09, B10): which profile each connection
 * attempt uses, counted against NetworkProfileConnectionAttempts, and the plan started afresh at
 * each reboot in NetworkConfigurationPriority's order (the value set, which a reboot puts in
 * force). State changes come on the station's thread; the transport reads {@link #apply}.
 */
final class NetworkSlots {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkSlots.class);

  private final NetworkProfiles profiles;
  private final DeviceModel model;
  private final String stationId;
  private volatile NetworkProfile current;
  private volatile int currentSlot;
  private boolean connectedSinceAttempt;

  NetworkSlots(SnapshotStore snapshots, DeviceModel model, TransportConfig installed) {
    this.model = model;
    this.stationId = installed.stationId();
    this.profiles =
        new NetworkProfiles(
            snapshots,
            new NetworkProfile(
                installed.csmsUrl(),
                installed.securityProfile(),
                model.getOrDefault(OcppCommCtrlr.MESSAGE_TIMEOUT)));
    reboot();
  }

  /**
   * {@code model} with NetworkConfigurationPriority refusing a slot that holds no profile
   * (B10.FR.02), checked against {@code slots} once they exist (they need the built model).
   */
  static DeviceModel.Builder refusingEmptySlots(
      DeviceModel.Builder model, java.util.function.Supplier<@Nullable NetworkSlots> slots) {
    if (model.has(OcppCommCtrlr.NETWORK_CONFIGURATION_PRIORITY)) {
      model.replace(
          OcppCommCtrlr.NETWORK_CONFIGURATION_PRIORITY.withActual(
              k ->
                  k.rule(
                      (proposed, current, configuration) -> {
                        NetworkSlots s = slots.get();
                        return s == null ? null : s.profiles.emptySlotIn(proposed);
                      })));
    }
    return model;
  }

  NetworkProfiles profiles() {
    return profiles;
  }

  /** After a reboot: the first slot of the priority list (B10.FR.04). */
  void reboot() {
    List<Integer> priority = new ArrayList<>();
    for (String slot :
        model.configuration().configured(OcppCommCtrlr.NETWORK_CONFIGURATION_PRIORITY.actual())) {
      priority.add(Integer.parseInt(slot));
    }
    profiles.reboot(priority);
    follow();
  }

  void connecting() {
    connectedSinceAttempt = false;
  }

  void connected() {
    connectedSinceAttempt = true;
    profiles.connected();
  }

  /** A connection ended: an attempt that never connected counts against its slot. */
  void disconnected() {
    if (!connectedSinceAttempt) {
      profiles.attemptFailed(model.getOrDefault(OcppCommCtrlr.NETWORK_PROFILE_CONNECTION_ATTEMPTS));
      follow();
    }
  }

  /**
   * How long a CALL waits on the connection through the slot in use: the messageTimeout of a
   * profile the CSMS set there (SetNetworkProfile), else {@code installed} (MessageTimeout).
   */
  java.time.Duration messageTimeout(java.time.Duration installed) {
    return profiles.setByCsms(currentSlot)
        ? java.time.Duration.ofSeconds(current.messageTimeoutSeconds())
        : installed;
  }

  /** {@code base} with the URL and security profile of the slot in use. */
  TransportConfig apply(TransportConfig base) {
    NetworkProfile p = current;
    if (p.csmsUrl().equals(base.csmsUrl()) && p.securityProfile() == base.securityProfile()) {
      return base;
    }
    return base.toBuilder().csmsUrl(p.csmsUrl()).securityProfile(p.securityProfile()).build();
  }

  private void follow() {
    int slot = profiles.currentSlot();
    if (slot != currentSlot && (currentSlot != 0 || slot != 1)) {
      // Only a change of slot is news: thousands of emulated stations start on slot 1.
      LOG.info("[{}] connecting with network profile slot {}", stationId, slot);
    }
    currentSlot = slot;
    current = profiles.current();
  }
}
