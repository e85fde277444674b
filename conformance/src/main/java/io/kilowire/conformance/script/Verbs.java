package io.kilowire.conformance.script;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The verbs cases are written in; import statically. */
public final class Verbs {
  private Verbs() {}

  /** Steps from steps and lists of steps, in order. */
  public static List<Step> steps(Object... items) {
    List<Step> out = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Step step) {
        out.add(step);
      } else if (item instanceof Collection<?> many) {
        out.addAll(steps(many.toArray()));
      } else {
        throw new IllegalArgumentException("not a step: " + item);
      }
    }
    return out;
  }

  public static Step.Send send(String action, Payload payload) {
    return new Step.Send(action, payload, "send " + action);
  }

  public static Step.Send send(String action, Payload payload, String label) {
    return new Step.Send(action, payload, label);
  }

  public static Step.ExpectResult expectResult(Check... checks) {
    return new Step.ExpectResult(List.of(checks), List.of(), "expect a CALLRESULT");
  }

  /** Sends a CALL and expects a CALLRESULT passing {@code checks}. */
  public static List<Step> exchange(String action, Payload payload, Check... checks) {
    return List.of(send(action, payload), expectResult(checks));
  }

  /** The CSMS answers with a CALLERROR of one of {@code codes}. */
  public static Step.ExpectError expectError(String... codes) {
    return new Step.ExpectError(
        List.of(codes),
        codes.length == 0
            ? "expect a CALLERROR"
            : "expect CALLERROR " + String.join(" or ", codes));
  }

  /** Asks the CSMS, through the driver, to send {@code action} with at least these fields. */
  public static Step.Trigger trigger(String action, Payload payload, String instruction) {
    return new Step.Trigger(
        action, payload, instruction, Step.Trigger.Kind.SEND, "trigger " + action);
  }

  /** Asks the CSMS, through the driver, to answer the station's next {@code action} so. */
  public static Step.Trigger configure(String action, Payload payload, String instruction) {
    return new Step.Trigger(
        action,
        payload,
        instruction,
        Step.Trigger.Kind.ANSWER,
        "configure the " + action + " answer");
  }

  public static Step.ExpectCall expectCall(String action, Check... checks) {
    return new Step.ExpectCall(action, null, List.of(checks), List.of(), false, "expect " + action);
  }

  public static Step.Respond respond(Payload payload) {
    return new Step.Respond(payload, "respond");
  }

  public static Step.Respond respond(ObjectNode payload) {
    return new Step.Respond(Payload.of(payload), "respond " + Json.text(payload));
  }

  public static Step.RespondError respondError(String code) {
    return new Step.RespondError(code, "respond CALLERROR " + code);
  }

  public static Step.SendRaw sendRaw(String label, Function<CaseContext, String> frame) {
    return new Step.SendRaw(frame, "send raw: " + label);
  }

  public static Step.Reconnect reconnect(Credentials credentials) {
    return new Step.Reconnect(credentials, "reconnect (" + credentials.kind() + ")");
  }

  public static Step.ExpectRefused expectRefused(Credentials credentials) {
    return new Step.ExpectRefused(
        credentials, "expect the connection refused (" + credentials.kind() + ")");
  }

  /** An upgrade offering {@code offered} must be answered with {@code expected} (null: refused). */
  public static Step.ExpectSubprotocol expectSubprotocol(
      List<String> offered, @org.jspecify.annotations.Nullable String expected) {
    return new Step.ExpectSubprotocol(
        offered,
        expected,
        "offer "
            + String.join(", ", offered)
            + ": expect "
            + (expected == null ? "a refusal" : expected));
  }

  /** Inspects the CSMS's TLS endpoint ({@link Step.CheckTls}). */
  public static Step.CheckTls checkTls(Step.CheckTls.Scope scope) {
    return new Step.CheckTls(
        scope,
        switch (scope) {
          case HANDSHAKE -> "check the TLS version and cipher suites";
          case SERVER_CERTIFICATE -> "check the TLS version, cipher suites and server certificate";
          case REFUSES_TLS11 -> "check that a TLS 1.1 ClientHello is turned away";
        });
  }

  public static Step.Disconnect disconnect() {
    return new Step.Disconnect("close the connection");
  }

  public static Step.Wait waitFor(Duration time) {
    return new Step.Wait(time, "wait " + time.toMillis() + " ms");
  }

  /** FAILs the case with {@code failure} unless {@code test} holds. */
  public static Step.Verify verify(
      String label,
      java.util.function.Predicate<CaseContext> test,
      String failure,
      String requirement) {
    return new Step.Verify(label, test, failure, requirement);
  }

  public static Step.Compute compute(String label, Consumer<CaseContext> action) {
    return new Step.Compute(action, label);
  }

  public static Step.State state(String name, Object... stepsAndLists) {
    return new Step.State(name, steps(stepsAndLists));
  }

  /** Steps built when the case runs, from its context. */
  public static Step.Expand expand(String label, Function<CaseContext, List<Step>> steps) {
    return new Step.Expand(label, steps);
  }

  /** Steps that run only when {@code test} holds when they are reached. */
  public static Step.When when(
      String condition, java.util.function.Predicate<CaseContext> test, Object... stepsAndLists) {
    return new Step.When(condition, test, steps(stepsAndLists));
  }

  public static Check check(String path, Expectation expectation) {
    return new Check(path, expectation, "");
  }

  public static Check check(String path, Expectation expectation, String requirement) {
    return new Check(path, expectation, requirement);
  }
}
