package io.kilowire.core.loadmanagement.group;

import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A charger group sharing one site limit, agreed by all members before they start (the same file on
 * every charger).
 *
 * @param siteLimitA the site's limit per phase (main fuse or the part of it given to the group)
 * @param marginA kept free on every phase; the safe shares and every allocation stay within {@code
 *     siteLimitA - marginA}
 * @param controllerId the member that acts as site controller (static choice, see the package
 *     documentation)
 * @param heartbeat how often members report and the controller re-sends allocations
 * @param controllerSilentAfter a member that has not heard the controller for this long leaves its
 *     allocation; it is also the lease of every allocation and the longest a returning controller
 *     gathers before it allocates
 * @param responseWindow the time an EV may take to follow a lower limit (IEC 61851-1: 5 s); a limit
 *     that was freed counts as taken until this has passed, and a lapsing member rises to its safe
 *     share only after it
 * @param members the chargers, controller included
 */
public record GroupConfig(
    double siteLimitA,
    double marginA,
    String controllerId,
    Duration heartbeat,
    Duration controllerSilentAfter,
    Duration responseWindow,
    List<GroupMemberConfig> members) {

  private static final double EPSILON = 1e-9;

  /**
   * @throws IllegalArgumentException naming the offending field, e.g. {@code members[*].safeShareA}
   *     when the safe shares add up to more than the site limit minus margin
   */
  public GroupConfig {
    members = List.copyOf(members);
    requireFinite("siteLimitA", siteLimitA);
    if (!(siteLimitA > 0)) {
      throw new IllegalArgumentException("siteLimitA must be > 0, was " + siteLimitA);
    }
    requireFinite("marginA", marginA);
    if (!(marginA >= 0) || marginA >= siteLimitA) {
      throw new IllegalArgumentException(
          "marginA must be >= 0 and below siteLimitA, was " + marginA);
    }
    positive("heartbeat", heartbeat);
    positive("controllerSilentAfter", controllerSilentAfter);
    positive("responseWindow", responseWindow);
    if (controllerSilentAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "controllerSilentAfter must be at least twice the heartbeat ("
              + heartbeat.multipliedBy(2)
              + "), was "
              + controllerSilentAfter);
    }
    if (responseWindow.compareTo(heartbeat) <= 0) {
      throw new IllegalArgumentException(
          "responseWindow must be longer than the heartbeat ("
              + heartbeat
              + "), was "
              + responseWindow);
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must not be empty");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      validateMember(i, members.get(i), ids);
    }
    if (!ids.contains(controllerId)) {
      throw new IllegalArgumentException(
          "controllerId \"" + controllerId + "\" is not one of the members " + ids);
    }
    PhaseCurrents safe = PhaseCurrents.ZERO;
    for (GroupMemberConfig m : members) {
      safe = safe.plus(load(m, m.safeShareA()));
    }
    double budget = siteLimitA - marginA;
    for (Phase p : Phase.values()) {
      if (safe.get(p) > budget + EPSILON) {
        throw new IllegalArgumentException(
            "members[*].safeShareA: the safe shares add up to "
                + safe.get(p)
                + " A on "
                + p
                + ", above siteLimitA - marginA = "
                + budget
                + " A; a split group could overload the site");
      }
    }
  }

  /** Default timings: heartbeat 1 s, controller silent after 3 s, EV response window 5 s. */
  public static GroupConfig of(
      double siteLimitA, double marginA, String controllerId, List<GroupMemberConfig> members) {
    return new GroupConfig(
        siteLimitA,
        marginA,
        controllerId,
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        Duration.ofSeconds(5),
        members);
  }

  public GroupConfig withTimings(
      Duration heartbeat, Duration controllerSilentAfter, Duration responseWindow) {
    return new GroupConfig(
        siteLimitA,
        marginA,
        controllerId,
        heartbeat,
        controllerSilentAfter,
        responseWindow,
        members);
  }

  /** What the group may draw per phase: site limit minus margin. */
  public double budgetA() {
    return siteLimitA - marginA;
  }

  /** The lease of every allocation. */
  public Duration lease() {
    return controllerSilentAfter;
  }

  /**
   * The controller counts a member as silent after this: one heartbeat less than the lease, so the
   * controller has reserved a silent member's safe share before that member can rise to it.
   */
  public Duration memberSilentAfter() {
    return controllerSilentAfter.minus(heartbeat);
  }

  /**
   * How long a lapsing (or booting) member waits before it rises to its safe share: {@code
   * memberSilentAfter + lease + responseWindow}. Within {@code memberSilentAfter} of the lapse the
   * controller (if alive) counts the member at its safe share; every allocation it sent before that
   * ends within a lease; the EVs then take the response window to follow. So when the member rises,
   * no other member is still using amps that assumed it below its safe share.
   */
  public Duration riseDelay() {
    return memberSilentAfter().plus(lease()).plus(responseWindow);
  }

  public GroupMemberConfig member(String id) {
    for (GroupMemberConfig m : members) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no member \"" + id + "\" in the group");
  }

  public boolean hasMember(String id) {
    return members.stream().anyMatch(m -> m.id().equals(id));
  }

  /** What a member offering {@code amps} per EVSE phase puts on each grid phase. */
  public static PhaseCurrents load(GroupMemberConfig member, double amps) {
    PhaseCurrents c = PhaseCurrents.ZERO;
    for (Phase p : member.wiring()) {
      c = c.with(p, c.get(p) + amps);
    }
    return c;
  }

  private static void validateMember(int i, GroupMemberConfig m, Set<String> ids) {
    String f = "members[" + i + "]";
    if (m.id().isBlank()) {
      throw new IllegalArgumentException(f + ".id must not be blank");
    }
    if (!ids.add(m.id())) {
      throw new IllegalArgumentException(f + ".id \"" + m.id() + "\" is used twice");
    }
    if (!"coap".equals(m.endpoint().getScheme())
        || m.endpoint().getHost() == null
        || m.endpoint().getPort() <= 0) {
      throw new IllegalArgumentException(
          f + ".endpoint must be coap://host:port, was " + m.endpoint());
    }
    if (m.wiring().size() != 1 && m.wiring().size() != 3
        || m.wiring().stream().distinct().count() != m.wiring().size()) {
      throw new IllegalArgumentException(f + ".wiring needs 1 or 3 distinct phases");
    }
    requireFinite(f + ".maxA", m.maxA());
    if (!(m.maxA() > 0)) {
      throw new IllegalArgumentException(f + ".maxA must be > 0");
    }
    requireFinite(f + ".safeShareA", m.safeShareA());
    if (!(m.safeShareA() >= 0) || m.safeShareA() > m.maxA()) {
      throw new IllegalArgumentException(
          f + ".safeShareA must be between 0 and maxA (" + m.maxA() + "), was " + m.safeShareA());
    }
  }

  private static void requireFinite(String field, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(field + " must be finite");
    }
  }

  private static void positive(String field, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + d);
    }
  }
}
