package io.kilowire.core.loadmanagement.group;

import io.kilowire.core.loadmanagement.Phase;
import java.net.URI;
import java.util.List;

/**
 * One charger of a group (one EVSE each).
 *
 * @param id unique within the group
 * @param endpoint its CoAP base address, e.g. {@code coap://192.168.1.21:5683}
 * @param wiring the grid phase each EVSE phase is wired to (1 or 3 entries)
 * @param maxA the EVSE's rating per phase (hardware and cable)
 * @param safeShareA what it may offer per phase while it has no valid allocation; the sum over the
 *     group stays within the site limit minus the margin on every phase
 */
public record GroupMemberConfig(
    String id, URI endpoint, List<Phase> wiring, double maxA, double safeShareA) {
  public GroupMemberConfig {
    wiring = List.copyOf(wiring);
  }

  public static GroupMemberConfig threePhase(
      String id, URI endpoint, double maxA, double safeShareA) {
    return new GroupMemberConfig(
        id, endpoint, List.of(Phase.L1, Phase.L2, Phase.L3), maxA, safeShareA);
  }
}
