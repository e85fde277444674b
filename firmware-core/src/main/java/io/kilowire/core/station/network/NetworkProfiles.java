package io.kilowire.core.station.network;

import io.kilowire.core.store.SnapshotStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's network connection profiles (2.0.1 B09, B10) and which one it connects with.
 * SetNetworkProfile stores a profile in a configuration slot; after a reboot the station tries the
 * slots of NetworkConfigurationPriority in order, each NetworkProfileConnectionAttempts times, and
 * when all fail it goes back to the profile it last connected with (B10.FR.07). Slot 1 starts with
 * the profile the station was installed with. Profiles and the last good slot persist.
 */
public final class NetworkProfiles {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkProfiles.class);
  static final String SNAPSHOT = "network-profiles";
  private static final String HEADER = "kilowire-network-profiles 1";

  /** The configuration slots (NetworkConfigurationPriority's values list). */
  public static final List<Integer> SLOTS = List.of(1, 2, 3);

  /** SetNetworkProfile's statuses. */
  public enum SetStatus {
    ACCEPTED,
    REJECTED,
    FAILED
  }

  private final SnapshotStore snapshots;
  private final Map<Integer, NetworkProfile> slots = new TreeMap<>();
  // What the CSMS set: persisted; the installed profile comes from the installation each start.
  private final Map<Integer, NetworkProfile> set = new TreeMap<>();
  private int lastGood = 1;
  // The connection plan since the last reboot: the slots in order, where it stands.
  private List<Integer> order = List.of(1);
  private int position;
  private int failures;
  private boolean fellBack;

  /**
   * @param installed the profile the station was installed with: slot 1 until replaced
   */
  public NetworkProfiles(SnapshotStore snapshots, NetworkProfile installed) {
    this.snapshots = snapshots;
    slots.put(1, installed);
    snapshots
        .read(SNAPSHOT)
        .ifPresent(
            data -> {
              try {
                read(new String(data, StandardCharsets.UTF_8));
              } catch (RuntimeException e) {
                LOG.error("the network profiles are damaged; keeping the installed one", e);
              }
            });
  }

  /**
   * Why SetNetworkProfile must reject {@code profile} for {@code slot}, as the reasonCode its
   * requirement names: a slot not in {@link #SLOTS} (B09.FR.05), invalid content (B09.FR.02) or a
   * lower security profile than in force (B09.FR.04, no AllowSecurityProfileDowngrade here); null
   * when it may be stored.
   */
  public @Nullable String rejection(int slot, NetworkProfile profile, int securityProfileInForce) {
    if (!SLOTS.contains(slot)) {
      return "InvalidConfSlot";
    }
    if (profile.problem() != null) {
      return "InvalidNetworkConf";
    }
    if (profile.securityProfile() < securityProfileInForce) {
      return "NoSecurityDowngrade";
    }
    return null;
  }

  /** SetNetworkProfile (B09): Rejected for a {@link #rejection}; else stored. */
  public SetStatus set(int slot, NetworkProfile profile, int securityProfileInForce) {
    if (rejection(slot, profile, securityProfileInForce) != null) {
      return SetStatus.REJECTED;
    }
    slots.put(slot, profile);
    set.put(slot, profile);
    try {
      persist();
    } catch (RuntimeException e) {
      LOG.error("network profile for slot {} not stored", slot, e);
      return SetStatus.FAILED; // B09.FR.03
    }
    return SetStatus.ACCEPTED;
  }

  /**
   * Why {@code priority} (NetworkConfigurationPriority's members) may not be set: a slot that holds
   * no profile (B10.FR.02); null when every slot holds one.
   */
  public @Nullable String emptySlotIn(List<String> priority) {
    for (String member : priority) {
      int slot;
      try {
        slot = Integer.parseInt(member.trim());
      } catch (NumberFormatException e) {
        return "slot " + member + " is not a configuration slot";
      }
      if (!slots.containsKey(slot)) {
        return "slot " + slot + " holds no network connection profile";
      }
    }
    return null;
  }

  /** Whether the CSMS set {@code slot}'s profile (rather than the installation). */
  public boolean setByCsms(int slot) {
    return set.containsKey(slot);
  }

  public Optional<NetworkProfile> slot(int slot) {
    return Optional.ofNullable(slots.get(slot));
  }

  /**
   * After a reboot: connect in {@code priority}'s order (B10.FR.04), slots without a profile
   * skipped; nothing usable: the last good profile.
   */
  public void reboot(List<Integer> priority) {
    List<Integer> usable = new ArrayList<>();
    for (int s : priority) {
      if (slots.containsKey(s) && !usable.contains(s)) {
        usable.add(s);
      }
    }
    order = usable.isEmpty() ? List.of(lastGood) : List.copyOf(usable);
    position = 0;
    failures = 0;
    fellBack = false;
  }

  /** The profile to connect with now. */
  public NetworkProfile current() {
    return slots.getOrDefault(currentSlot(), slots.get(1));
  }

  /** The slot of {@link #current()}. */
  public int currentSlot() {
    return fellBack ? lastGood : order.get(position);
  }

  /**
   * A connection attempt failed: after {@code attemptsPerSlot} on one slot the next (B10.FR.03),
   * after the last the profile last connected with (B10.FR.07), which then stays.
   */
  public void attemptFailed(int attemptsPerSlot) {
    if (fellBack) {
      return;
    }
    failures++;
    if (failures < Math.max(1, attemptsPerSlot)) {
      return;
    }
    failures = 0;
    if (position + 1 < order.size()) {
      position++;
    } else {
      fellBack = true;
      LOG.warn("no network profile of the priority list connects; back to slot {}", lastGood);
    }
  }

  /** Connected with {@link #current()}: it is the one to fall back to from now on. */
  public void connected() {
    failures = 0;
    int slot = currentSlot();
    if (slot != lastGood) {
      lastGood = slot;
      persist();
    }
  }

  /** The slot the station last connected with. */
  public int lastGood() {
    return lastGood;
  }

  private void persist() {
    StringBuilder out = new StringBuilder(HEADER).append('\n').append(lastGood);
    for (Map.Entry<Integer, NetworkProfile> e : set.entrySet()) {
      NetworkProfile p = e.getValue();
      out.append('\n')
          .append(e.getKey())
          .append('\t')
          .append(p.csmsUrl())
          .append('\t')
          .append(p.securityProfile())
          .append('\t')
          .append(p.messageTimeoutSeconds());
    }
    snapshots.write(SNAPSHOT, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void read(String text) {
    String[] lines = text.split("\n");
    if (!lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not a network-profile snapshot");
    }
    lastGood = Integer.parseInt(lines[1].trim());
    for (int i = 2; i < lines.length; i++) {
      String[] f = lines[i].split("\t");
      NetworkProfile p =
          new NetworkProfile(URI.create(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
      slots.put(Integer.parseInt(f[0]), p);
      set.put(Integer.parseInt(f[0]), p);
    }
    order = List.of(lastGood);
  }
}
