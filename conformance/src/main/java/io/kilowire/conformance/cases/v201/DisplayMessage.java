package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.atLeast;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.isVar;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Expect.that;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Block O, Display Message: the CSMS sets messages (O01, O02), replaces them (O06), reads them all
 * or by id, priority or state (O03, O04) and clears them (O05); the suite answers as a station
 * would, including the statuses a station refuses with.
 */
public final class DisplayMessage {
  private DisplayMessage() {}

  /** The id the CSMS sets its message with, kept for the steps after it. */
  static final String MESSAGE_ID = "displayMessageId";

  private static final String REQUEST_ID = "requestId";

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> all = new ArrayList<>();
    all.add(
        display("TC_O_01_CSMS", "Set a display message", "O01", "O01.FR.04")
            .main(
                set(
                    "Make the CSMS set a display message of priority NormalCycle, in UTF8, for"
                        + " the state Idle",
                    m -> m.put("priority", "NormalCycle").put("state", "Idle"),
                    "Accepted",
                    check("message.id", atLeast(0)),
                    check("message.priority", is("NormalCycle")),
                    check("message.message.format", is("UTF8")),
                    check("message.state", is("Idle")),
                    // not a transaction's message: no transactionId
                    check("message.transactionId", absent(), "O01.FR.04"))));
    all.add(
        display("TC_O_02_CSMS", "Get all display messages", "O03", "O03.FR.01")
            .before(configured("NormalCycle", null))
            .main(
                get(
                    Payload.empty(),
                    "Make the CSMS read all display messages of this station",
                    "Accepted",
                    check("id", absent()),
                    check("priority", absent()),
                    check("state", absent())),
                notify("NormalCycle", null)));
    all.add(
        display("TC_O_03_CSMS", "Get all display messages: none configured", "O03", "O03.FR.06")
            .main(
                get(
                    Payload.empty(),
                    "Make the CSMS read all display messages of this station",
                    "Unknown")));
    all.add(
        display("TC_O_04_CSMS", "Clear a display message", "O05", "O05.FR.01")
            .before(configured("NormalCycle", null))
            .main(
                trigger(
                    "ClearDisplayMessage",
                    ctx -> obj("id", ctx.var(MESSAGE_ID).asInt()),
                    "Make the CSMS clear the display message it set on this station"),
                expectCall("ClearDisplayMessage", check("id", isVar(MESSAGE_ID), "O05.FR.01")),
                respond(obj("status", "Accepted"))));
    all.add(
        display("TC_O_05_CSMS", "Clear a display message: unknown id", "O05", "O05.FR.02")
            .main(
                trigger(
                    "ClearDisplayMessage",
                    Payload.of(obj("id", 4711)),
                    "Make the CSMS clear a display message this station does not have"),
                expectCall("ClearDisplayMessage", check("id", atLeast(0))),
                respond(obj("status", "Unknown"))));
    all.add(
        display(
                "TC_O_06_CSMS",
                "Set a display message for a transaction",
                "O02",
                "O02.FR.01",
                "O02.FR.02")
            .before(States.energyTransferStarted())
            .main(
                set(
                    "Make the CSMS show a message during the running transaction",
                    m -> m.put("transactionId", "<the running transaction>"),
                    "Accepted",
                    check("message.transactionId", Messages.isTransactionId(), "O02.FR.01"),
                    check("message.priority", present())),
                States.evDisconnected()));
    all.add(
        display("TC_O_07_CSMS", "Get a display message by id", "O04", "O04.FR.01")
            .before(configured("NormalCycle", null))
            .main(
                get(
                    ctx -> obj("id", arr(ctx.var(MESSAGE_ID).asInt())),
                    "Make the CSMS read the display message it set, by its id",
                    "Accepted",
                    check("id[0]", isVar(MESSAGE_ID), "O04.FR.01"),
                    check("priority", absent()),
                    check("state", absent())),
                notify("NormalCycle", null)));
    all.add(
        display("TC_O_08_CSMS", "Get display messages by priority", "O04", "O04.FR.01")
            .before(configured("InFront", null))
            .main(
                get(
                    Payload.of(obj("priority", "InFront")),
                    "Make the CSMS read the display messages of priority InFront",
                    "Accepted",
                    check("priority", is("InFront"), "O04.FR.01"),
                    check("id", absent()),
                    check("state", absent())),
                notify("InFront", null)));
    all.add(
        display("TC_O_09_CSMS", "Get display messages by state", "O04", "O04.FR.01")
            .before(configured("NormalCycle", "Idle"))
            .main(
                get(
                    Payload.of(obj("state", "Idle")),
                    "Make the CSMS read the display messages for the state Idle",
                    "Accepted",
                    check("state", is("Idle"), "O04.FR.01"),
                    check("id", absent()),
                    check("priority", absent())),
                notify("NormalCycle", "Idle")));
    all.add(
        display(
                "TC_O_10_CSMS",
                "Set a display message for a transaction the station lacks",
                "O02",
                "O02.FR.03")
            .before(States.energyTransferStarted())
            .main(
                set(
                    "Make the CSMS show a message during a transaction this station does not"
                        + " know",
                    m -> m.put("transactionId", "unknown-transaction"),
                    "UnknownTransaction",
                    check("message.transactionId", present()),
                    check("message.priority", present()))));
    all.add(
        display("TC_O_11_CSMS", "Get a display message: unknown id", "O04", "O04.FR.02")
            .before(configured("NormalCycle", null))
            .main(
                get(
                    ctx -> obj("id", arr(ctx.var(MESSAGE_ID).asInt() + 1)),
                    "Make the CSMS read a display message by an id this station does not have",
                    "Unknown",
                    check(
                        "id",
                        that(
                            "ids without the configured message's",
                            (JsonNode v, CaseContext ctx) -> !holds(v, ctx.var(MESSAGE_ID)))))));
    all.add(
        display("TC_O_12_CSMS", "Replace a display message", "O06", "O06.FR.01")
            .before(configured("NormalCycle", null))
            .main(
                trigger(
                    "SetDisplayMessage",
                    ctx -> obj("message", message(ctx.var(MESSAGE_ID).asInt(), "InFront", null)),
                    "Make the CSMS set a new message with the id of the one it set before"),
                expectCall(
                    "SetDisplayMessage",
                    check("message.id", isVar(MESSAGE_ID), "O06.FR.01"),
                    check("message.priority", present())),
                respond(obj("status", "Accepted"))));
    all.add(
        windowed("TC_O_13_CSMS", "Set a display message shown from a start time", "startDateTime"));
    all.add(windowed("TC_O_14_CSMS", "Set a display message removed at its end", "endDateTime"));
    all.add(refused("TC_O_17_CSMS", "priority", "NotSupportedPriority", m -> m));
    all.add(
        refused("TC_O_18_CSMS", "state", "NotSupportedState", m -> m.put("state", "Unavailable")));
    all.add(
        refused(
            "TC_O_19_CSMS",
            "format",
            "NotSupportedMessageFormat",
            m -> {
              ((ObjectNode) m.get("message")).put("format", "URI");
              return m;
            }));
    all.add(
        display("TC_O_25_CSMS", "Set a display message for the state Charging", "O01")
            .main(
                set(
                    "Make the CSMS set a display message shown while this station charges (state"
                        + " Charging)",
                    m -> m.put("state", "Charging"),
                    "Accepted",
                    check("message.id", atLeast(0)),
                    check("message.state", is("Charging")))));
    all.add(
        display("TC_O_26_CSMS", "Set a display message: the station rejects it", "O01")
            .main(
                set(
                    "Make the CSMS set a display message of priority NormalCycle on this station",
                    m -> m.put("priority", "NormalCycle"),
                    "Rejected",
                    check("message.id", atLeast(0)),
                    check("message.priority", is("NormalCycle")))));
    all.add(
        display(
                "TC_O_27_CSMS",
                "Set a transaction's display message shown from a start time",
                "O02",
                "O02.FR.01")
            .before(States.energyTransferStarted())
            .main(
                set(
                    "Make the CSMS show a message during the running transaction, from a start"
                        + " time",
                    m ->
                        m.put("startDateTime", "<in a minute>")
                            .put("transactionId", "<the running transaction>"),
                    "Accepted",
                    check("message.startDateTime", present()),
                    check("message.transactionId", Messages.isTransactionId()))));
    all.add(
        display(
                "TC_O_28_CSMS",
                "Set a transaction's display message removed at its end",
                "O02",
                "O02.FR.01")
            .before(States.energyTransferStarted())
            .main(
                set(
                    "Make the CSMS show a message during the running transaction, in state"
                        + " Charging, until an end time",
                    m ->
                        m.put("endDateTime", "<in a minute>")
                            .put("state", "Charging")
                            .put("transactionId", "<the running transaction>"),
                    "Accepted",
                    check("message.endDateTime", present()),
                    check("message.state", present()),
                    check("message.priority", present()),
                    check("message.transactionId", Messages.isTransactionId()))));
    return all;
  }

  private static ConformanceCase.Builder display(
      String id, String title, String useCase, String... requirements) {
    return Start.of(id, title)
        .profile(Profile.ADVANCED_USER_INTERFACE)
        .useCases(useCase)
        .requirements(requirements);
  }

  /** A display message as a CSMS would set it; {@code state} null for any. */
  private static ObjectNode message(int id, String priority, @Nullable String state) {
    ObjectNode m =
        obj(
            "id",
            id,
            "priority",
            priority,
            "message",
            obj("format", "UTF8", "language", "en", "content", "Welcome to Kilowire"));
    if (state != null) {
      m.put("state", state);
    }
    return m;
  }

  /**
   * Memory state "a display message is configured": the CSMS sets one, the suite accepts it and
   * keeps its id (and priority, state) for the rest of the case.
   */
  static List<Step> configured(String priority, @Nullable String state) {
    String describe =
        "Make the CSMS set a display message of priority "
            + priority
            + (state == null ? "" : " for the state " + state)
            + " on this station";
    return steps(
        trigger(
            "SetDisplayMessage", Payload.of(obj("message", message(1, priority, state))), describe),
        expectCall(
                "SetDisplayMessage",
                check("message.id", atLeast(0)),
                check("message.priority", is(priority)),
                check("message.message.content", present()))
            .capture("message.id", MESSAGE_ID)
            .capture("message", "displayMessage"),
        respond(obj("status", "Accepted")));
  }

  /**
   * The CSMS sets a message as {@code shape} changes a plain one (the suite fills in the running
   * transaction and times) and the suite answers {@code status}.
   */
  private static List<Step> set(
      String instruction, UnaryOperator<ObjectNode> shape, String status, Check... checks) {
    return steps(
        trigger(
            "SetDisplayMessage",
            ctx -> obj("message", filledIn(ctx, shape.apply(message(2, "InFront", null)))),
            instruction),
        expectCall("SetDisplayMessage", checks),
        respond(obj("status", status)));
  }

  private static ObjectNode filledIn(CaseContext ctx, ObjectNode m) {
    if (m.has("transactionId") && m.get("transactionId").asText().startsWith("<")) {
      m.put("transactionId", Messages.transactionId(ctx));
    }
    for (String time : List.of("startDateTime", "endDateTime")) {
      if (m.has(time)) {
        m.put(
            time,
            io.kilowire.conformance.script.Json.dateTime(ctx.now().plus(Duration.ofMinutes(1))));
      }
    }
    return m;
  }

  private static ConformanceCase windowed(String id, String title, String field) {
    return display(id, title, "O01", field.equals("startDateTime") ? "O01.FR.06" : "O01.FR.07")
        .main(
            set(
                "Make the CSMS set a display message with a " + field + " a minute from now",
                m -> m.put(field, "<in a minute>"),
                "Accepted",
                check("message.id", present()),
                check("message." + field, present())));
  }

  private static ConformanceCase refused(
      String id, String what, String status, UnaryOperator<ObjectNode> shape) {
    return display(id, "Set a display message: the station refuses its " + what, "O01", "O01.FR.01")
        .main(
            set(
                "Make the CSMS set a display message whose " + what + " this station refuses",
                shape,
                status,
                check("message.id", present()),
                check("message." + (what.equals("format") ? "message.format" : what), present())));
  }

  /** The CSMS asks for display messages; the suite answers {@code status}. */
  private static List<Step> get(
      Payload payload, String instruction, String status, Check... checks) {
    List<Check> all = new ArrayList<>(List.of(checks));
    all.add(0, check(REQUEST_ID, atLeast(0)));
    return steps(
        trigger("GetDisplayMessages", payload, instruction),
        expectCall("GetDisplayMessages", all.toArray(Check[]::new)).capture(REQUEST_ID, REQUEST_ID),
        respond(obj("status", status)));
  }

  /** The station reports the configured message for the request the CSMS made (O03.FR.02). */
  private static List<Step> notify(String priority, @Nullable String state) {
    return exchange(
        "NotifyDisplayMessages",
        ctx -> {
          ObjectNode shown = message(ctx.var(MESSAGE_ID).asInt(), priority, state);
          return obj("requestId", ctx.var(REQUEST_ID).asInt(), "messageInfo", arr(shown));
        });
  }

  private static boolean holds(JsonNode ids, JsonNode id) {
    for (JsonNode e : ids) {
      if (e.asInt() == id.asInt()) {
        return true;
      }
    }
    return false;
  }
}
