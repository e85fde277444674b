package io.kilowire.hardware.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.group.DemandReport;
import io.kilowire.core.loadmanagement.group.GroupAllocation;
import io.kilowire.core.loadmanagement.group.GroupConfig;
import io.kilowire.core.loadmanagement.group.GroupMemberConfig;
import io.kilowire.core.loadmanagement.group.MemberState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON for the group: the shared configuration file, the allocation (controller to member) and the
 * demand report (member to controller). A payload that does not parse is an {@link
 * IllegalArgumentException} naming the field; nothing is defaulted on the wire.
 */
public final class GroupCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GroupCodec() {}

  /** The group file plus each member's simulated EV (0 = none). */
  public record GroupFile(GroupConfig config, Map<String, Double> evMaxA) {
    public GroupFile {
      evMaxA = Map.copyOf(evMaxA);
    }
  }

  /**
   * Reads the group file:
   *
   * <pre>{@code
   * {"siteLimitA":32,"marginA":2,"controller":"m1",
   *  "heartbeatMs":1000,"controllerSilentAfterMs":3000,"responseWindowMs":5000,
   *  "members":[{"id":"m1","endpoint":"coap://192.168.1.21:5683","maxA":32,"safeShareA":8,
   *              "wiring":["L1","L2","L3"],"evMaxA":0}, ...]}
   * }</pre>
   *
   * Timings default to 1 s / 3 s / 5 s, wiring to L1, L2, L3, evMaxA (the built-in EV, for tests
   * and demos) to 0.
   */
  public static GroupFile readConfig(String json) {
    JsonNode root = tree(json);
    List<GroupMemberConfig> members = new ArrayList<>();
    Map<String, Double> evs = new LinkedHashMap<>();
    JsonNode list = root.get("members");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("members must be an array");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode m = list.get(i);
      String f = "members[" + i + "].";
      String id = text(m, f + "id", "id");
      List<Phase> wiring = new ArrayList<>();
      JsonNode w = m.get("wiring");
      if (w == null) {
        wiring = List.of(Phase.L1, Phase.L2, Phase.L3);
      } else {
        for (JsonNode p : w) {
          try {
            wiring.add(Phase.valueOf(p.asText().toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f + "wiring: unknown phase " + p, e);
          }
        }
      }
      URI endpoint;
      try {
        endpoint = new URI(text(m, f + "endpoint", "endpoint"));
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(f + "endpoint: " + e.getMessage(), e);
      }
      members.add(
          new GroupMemberConfig(
              id,
              endpoint,
              wiring,
              number(m, f + "maxA", "maxA"),
              number(m, f + "safeShareA", "safeShareA")));
      evs.put(id, m.has("evMaxA") ? number(m, f + "evMaxA", "evMaxA") : 0.0);
    }
    GroupConfig config =
        new GroupConfig(
            number(root, "siteLimitA", "siteLimitA"),
            root.has("marginA") ? number(root, "marginA", "marginA") : 0,
            text(root, "controller", "controller"),
            millis(root, "heartbeatMs", 1000),
            millis(root, "controllerSilentAfterMs", 3000),
            millis(root, "responseWindowMs", 5000),
            members);
    return new GroupFile(config, evs);
  }

  /**
   * {@code {"controller":"m1","epoch":7,"seq":42,"member":"m2","limitA":16.0,"validForMs":3000}}
   */
  public static byte[] allocation(GroupAllocation a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("controller", a.controllerId());
    n.put("epoch", a.epoch());
    n.put("seq", a.seq());
    n.put("member", a.memberId());
    n.put("limitA", a.limitA());
    n.put("validForMs", a.validFor().toMillis());
    return bytes(n);
  }

  public static GroupAllocation allocation(byte[] payload) {
    JsonNode n = tree(new String(payload, StandardCharsets.UTF_8));
    return new GroupAllocation(
        text(n, "controller", "controller"),
        integer(n, "epoch"),
        integer(n, "seq"),
        text(n, "member", "member"),
        number(n, "limitA", "limitA"),
        Duration.ofMillis(integer(n, "validForMs")));
  }

  /**
   * {@code {"member":"m2","epoch":7,"seq":42,"state":"FOLLOWING","appliedA":16.0,"recentA":20.0,
   * "active":true,"evMaxA":32.0,"drawA":16.0}}
   */
  public static byte[] report(DemandReport r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("member", r.memberId());
    n.put("epoch", r.epoch());
    n.put("seq", r.seq());
    n.put("state", r.state().name());
    n.put("appliedA", r.appliedA());
    n.put("recentA", r.recentA());
    n.put("active", r.active());
    n.put("evMaxA", r.evMaxA());
    n.put("drawA", r.drawA());
    return bytes(n);
  }

  public static DemandReport report(byte[] payload) {
    JsonNode n = tree(new String(payload, StandardCharsets.UTF_8));
    MemberState state;
    try {
      state = MemberState.valueOf(text(n, "state", "state"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("state: unknown value", e);
    }
    JsonNode active = n.get("active");
    if (active == null || !active.isBoolean()) {
      throw new IllegalArgumentException("active missing or not a boolean");
    }
    return new DemandReport(
        text(n, "member", "member"),
        integer(n, "epoch"),
        integer(n, "seq"),
        state,
        number(n, "appliedA", "appliedA"),
        number(n, "recentA", "recentA"),
        active.booleanValue(),
        number(n, "evMaxA", "evMaxA"),
        number(n, "drawA", "drawA"));
  }

  private static JsonNode tree(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return root;
  }

  private static byte[] bytes(ObjectNode n) {
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(JsonNode n, String field, String name) {
    JsonNode v = n.get(name);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(field + " missing or not a string");
    }
    return v.asText();
  }

  private static double number(JsonNode n, String field, String name) {
    JsonNode v = n.get(name);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new IllegalArgumentException(field + " missing or not a finite number");
    }
    return v.asDouble();
  }

  private static long integer(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(name + " missing or not an integer");
    }
    return v.asLong();
  }

  private static Duration millis(JsonNode root, String name, long fallback) {
    return Duration.ofMillis(root.has(name) ? integer(root, name) : fallback);
  }
}
