package io.kilowire.emulator.scenario;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.emulator.description.FileNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario from YAML or JSON; every problem is a {@link ScenarioException} naming the field
 * ({@code steps[2].do: unknown operation 'plugg'; one of ...}). The format is in docs/SCENARIOS.md.
 */
public final class ScenarioParser {
  /** How long {@code on} and {@code expect} wait unless the step says {@code within}. */
  static final Duration DEFAULT_WITHIN = Duration.ofSeconds(60);

  /** The operations a step may do, and whether each acts on an EVSE. */
  static final Map<String, Boolean> OPERATIONS =
      Map.ofEntries(
          Map.entry("plug", true),
          Map.entry("unplug", true),
          Map.entry("token", true),
          Map.entry("ev", true),
          Map.entry("fault", true),
          Map.entry("clearFault", true),
          Map.entry("disconnect", false),
          Map.entry("connect", false),
          Map.entry("stop", false),
          Map.entry("start", false),
          Map.entry("csms", false),
          Map.entry("configure", false),
          Map.entry("send", false),
          Map.entry("raw", false),
          Map.entry("add", false),
          Map.entry("remove", false));

  private static final Map<String, EventMatch> SHORTHANDS =
      Map.of(
          "BootAccepted", new EventMatch.Registration("Accepted"),
          "Connected", new EventMatch.Connection("connected"),
          "Disconnected", new EventMatch.Connection("disconnected"),
          "TransactionStarted", new EventMatch.Transaction("started", null),
          "TransactionEnded", new EventMatch.Transaction("ended", null));

  private ScenarioParser() {}

  /** A scenario that cannot be run; the message names the field. */
  public static final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
      super(message);
    }
  }

  public static Scenario read(Path file) {
    FileNode.Source source = FileNode.Source.read(file, ScenarioException::new);
    return parse(source.text(), source.yaml(), source.name());
  }

  public static Scenario parse(String text, boolean yaml, String name) {
    FileNode root = FileNode.parse(text, yaml, "scenario", ScenarioException::new);
    root.only("name", "steps");
    List<Scenario.Step> steps = new ArrayList<>();
    List<FileNode> nodes = root.req("steps").nonEmptyArray();
    for (int i = 0; i < nodes.size(); i++) {
      steps.add(step(nodes.get(i), i + 1));
    }
    return new Scenario(root.optText("name", name), steps);
  }

  private static Scenario.Step step(FileNode n, int index) {
    n.only(
        "label",
        "at",
        "after",
        "on",
        "do",
        "expect",
        "station",
        "stations",
        "evse",
        "with",
        "within");
    int triggers = count(n, "at", "after", "on");
    if (triggers > 1) {
      throw n.error("one of at, after and on at most");
    }
    if (count(n, "do", "expect") > 1) {
      throw n.error("either do or expect, not both");
    }
    if (count(n, "do", "expect", "on") == 0) {
      throw n.error("a step does something (do), expects something (expect) or waits (on)");
    }
    Duration within = n.opt("within") == null ? DEFAULT_WITHIN : n.req("within").duration();
    Scenario.Trigger trigger = new Scenario.Trigger.Now();
    if (n.opt("at") != null) {
      trigger = new Scenario.Trigger.At(n.req("at").durationOrZero());
    } else if (n.opt("after") != null) {
      trigger = new Scenario.Trigger.After(n.req("after").duration());
    } else if (n.opt("on") != null) {
      trigger = new Scenario.Trigger.On(match(n.req("on")), within);
    }
    List<String> stations = new ArrayList<>();
    if (n.opt("station") != null && n.opt("stations") != null) {
      throw n.error("station or stations, not both");
    }
    if (n.opt("station") != null) {
      stations.add(n.req("station").text());
    } else if (n.opt("stations") != null) {
      FileNode s = n.req("stations");
      if (!(s.isText() && s.text().equals("all"))) {
        for (FileNode id : s.nonEmptyArray()) {
          stations.add(id.text());
        }
      }
    }
    ObjectNode arguments = JsonNodeFactory.instance.objectNode();
    FileNode with = n.opt("with");
    if (with != null) {
      if (!with.json().isObject()) {
        throw with.error("expected an object of the operation's arguments");
      }
      arguments = (ObjectNode) with.json().deepCopy();
    }
    String operation = null;
    FileNode op = n.opt("do");
    if (op != null) {
      operation = op.text();
      Boolean onEvse = OPERATIONS.get(operation);
      if (onEvse == null) {
        throw op.error(
            "unknown operation '"
                + operation
                + "'; one of "
                + String.join(", ", new java.util.TreeSet<>(OPERATIONS.keySet())));
      }
      if (onEvse) {
        arguments.put("evse", n.req("evse").integer(1, 64));
      } else if (n.opt("evse") != null) {
        throw n.req("evse").error(operation + " acts on a station, not an EVSE");
      }
      if (operation.equals("send") && !arguments.path("action").isTextual()) {
        throw n.error("with.action: required (the OCPP action to send)");
      }
      if (operation.equals("raw") && !arguments.path("frame").isTextual()) {
        throw n.error("with.frame: required (the frame to send, as text)");
      }
    }
    EventMatch expect = n.opt("expect") == null ? null : match(n.req("expect"));
    if (expect != null && n.opt("evse") != null) {
      throw n.req("evse").error("give the EVSE inside expect");
    }
    String label =
        n.opt("label") != null ? n.req("label").text() : describe(operation, expect, trigger);
    return new Scenario.Step(index, label, trigger, stations, operation, arguments, expect, within);
  }

  private static String describe(String operation, EventMatch expect, Scenario.Trigger trigger) {
    if (operation != null) {
      return "do " + operation;
    }
    if (expect != null) {
      return "expect " + expect.describe();
    }
    return "on " + ((Scenario.Trigger.On) trigger).match().describe();
  }

  private static EventMatch match(FileNode n) {
    if (n.isText()) {
      EventMatch m = SHORTHANDS.get(n.text());
      if (m == null) {
        throw n.error(
            "one of "
                + String.join(", ", new java.util.TreeSet<>(SHORTHANDS.keySet()))
                + ", or an object like {call: RemoteStartTransaction}");
      }
      return m;
    }
    n.only(
        "call", "from", "payload", "status", "transaction", "registration", "connection", "evse");
    if (count(n, "call", "status", "transaction", "registration", "connection") != 1) {
      throw n.error("exactly one of call, status, transaction, registration, connection");
    }
    Integer evse = n.opt("evse") == null ? null : n.req("evse").integer(0, 64);
    if (n.opt("call") != null) {
      String from = n.optText("from", "csms");
      if (!Set.of("csms", "station").contains(from)) {
        throw n.req("from").error("csms or station, not " + from);
      }
      FileNode payload = n.opt("payload");
      if (payload != null && !payload.json().isObject()) {
        throw payload.error("expected an object (fields the CALL's payload must hold)");
      }
      return new EventMatch.Call(
          n.req("call").text(), from, payload == null ? null : (ObjectNode) payload.json());
    }
    if (n.opt("status") != null) {
      return new EventMatch.Status(n.req("status").text(), evse);
    }
    if (n.opt("transaction") != null) {
      String t = n.req("transaction").text();
      if (!t.equals("started") && !t.equals("ended")) {
        throw n.req("transaction").error("started or ended, not " + t);
      }
      return new EventMatch.Transaction(t, evse);
    }
    if (n.opt("registration") != null) {
      return new EventMatch.Registration(n.req("registration").text());
    }
    return new EventMatch.Connection(n.req("connection").text());
  }

  private static int count(FileNode n, String... fields) {
    int c = 0;
    for (String f : fields) {
      if (n.opt(f) != null) {
        c++;
      }
    }
    return c;
  }
}
