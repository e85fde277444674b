package io.kilowire.emulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an event must be to match: a CALL of an action (from the CSMS or the station, with a payload
 * holding given fields), a connector status, a transaction starting or ending, a registration, a
 * connection state; optionally on one EVSE. Matched against the control plane's events (see
 * docs/CONTROL.md, "Event stream").
 */
public sealed interface EventMatch {
  boolean matches(JsonNode event);

  /** Shown in reports. */
  String describe();

  /**
   * A CALL of {@code action} sent by {@code from} ("csms" or "station") whose payload holds every
   * field of {@code payload} (a subset match).
   */
  record Call(String action, String from, @Nullable ObjectNode payload) implements EventMatch {
    @Override
    public boolean matches(JsonNode e) {
      return e.path("type").asText().equals("frame")
          && e.path("messageType").asInt() == 2
          && e.path("action").asText().equals(action)
          && e.path("dir").asText().equals(from.equals("csms") ? "rx" : "tx")
          && (payload == null || contains(e.path("frame").path(3), payload));
    }

    @Override
    public String describe() {
      return action + " from the " + (from.equals("csms") ? "CSMS" : "station");
    }
  }

  /** The connector status {@code status} (1.6 names: Available, Preparing, Charging, ...). */
  record Status(String status, @Nullable Integer evse) implements EventMatch {
    @Override
    public boolean matches(JsonNode e) {
      return e.path("type").asText().equals("status")
          && e.path("status").asText().equals(status)
          && (evse == null || e.path("evse").asInt() == evse);
    }

    @Override
    public String describe() {
      return "status " + status + (evse == null ? "" : " on EVSE " + evse);
    }
  }

  /** A transaction {@code started} or {@code ended}. */
  record Transaction(String event, @Nullable Integer evse) implements EventMatch {
    @Override
    public boolean matches(JsonNode e) {
      return e.path("type").asText().equals("transaction")
          && e.path("event").asText().equals(event)
          && (evse == null || e.path("evse").asInt() == evse);
    }

    @Override
    public String describe() {
      return "a transaction " + event + (evse == null ? "" : " on EVSE " + evse);
    }
  }

  /** The CSMS answered the BootNotification with {@code status}. */
  record Registration(String status) implements EventMatch {
    @Override
    public boolean matches(JsonNode e) {
      return e.path("type").asText().equals("registration")
          && e.path("status").asText().equals(status);
    }

    @Override
    public String describe() {
      return "registration " + status;
    }
  }

  /** The connection went to {@code state} (connected, disconnected). */
  record Connection(String state) implements EventMatch {
    @Override
    public boolean matches(JsonNode e) {
      return e.path("type").asText().equals("connection") && e.path("state").asText().equals(state);
    }

    @Override
    public String describe() {
      return "connection " + state;
    }
  }

  /** Whether {@code actual} holds every field of {@code expected}, recursively. */
  static boolean contains(JsonNode actual, JsonNode expected) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> f : expected.properties()) {
        if (!contains(actual.path(f.getKey()), f.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    // A scalar matches its text too: a YAML 1 matches a JSON "1" and the other way round.
    return expected.equals(actual)
        || (expected.isValueNode()
            && actual.isValueNode()
            && expected.asText().equals(actual.asText()));
  }
}
