package io.kilowire.conformance.script;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One step of a case, as a value. The suite plays the station: it sends CALLs ({@link Send}) and
 * checks the CSMS's replies ({@link ExpectResult}, {@link ExpectError}); it asks the CSMS, through
 * the driver, to do something ({@link Trigger}), waits for the CSMS's CALL ({@link ExpectCall}) and
 * answers it ({@link Respond}, {@link RespondError}). Reusable states ({@link State}) group steps
 * under the name Part 6 / the OCTT document gives them.
 */
public sealed interface Step {
  /** How a report names the step. */
  String label();

  /** Sends a CALL of {@code action}; its reply is awaited by the next expect step. */
  record Send(String action, Payload payload, String label) implements Step {}

  /** The CSMS answers the last CALL with a CALLRESULT that passes {@code checks}. */
  record ExpectResult(List<Check> checks, List<Capture> captures, String label) implements Step {
    public ExpectResult {
      checks = List.copyOf(checks);
      captures = List.copyOf(captures);
    }

    /** This step, also keeping the value at {@code path} as {@code variable}. */
    public ExpectResult capture(String path, String variable) {
      return new ExpectResult(checks, append(captures, new Capture(path, variable)), label);
    }
  }

  /** The CSMS answers the last CALL with a CALLERROR of one of {@code codes} (empty: any). */
  record ExpectError(List<String> codes, String label) implements Step {
    public ExpectError {
      codes = List.copyOf(codes);
    }
  }

  /**
   * Asks the CSMS, through the driver, to send {@code action} with at least the fields of {@code
   * payload} ({@link Kind#SEND}), or to answer the station's next {@code action} with them ({@link
   * Kind#ANSWER}). {@code instruction} is the sentence a person would need.
   */
  record Trigger(String action, Payload payload, String instruction, Kind kind, String label)
      implements Step {
    /** What the CSMS is asked to do. */
    public enum Kind {
      SEND,
      ANSWER
    }
  }

  /**
   * The CSMS sends a CALL of {@code action} within {@code within} (null: the trigger timeout after
   * a trigger, else the response timeout) that passes {@code checks}. An optional call that does
   * not come, or whose place another action takes, is skipped together with its answer.
   */
  record ExpectCall(
      String action,
      @Nullable Duration within,
      List<Check> checks,
      List<Capture> captures,
      boolean optional,
      String label)
      implements Step {
    public ExpectCall {
      checks = List.copyOf(checks);
      captures = List.copyOf(captures);
    }

    /** This step, also keeping the value at {@code path} as {@code variable}. */
    public ExpectCall capture(String path, String variable) {
      return new ExpectCall(
          action, within, checks, append(captures, new Capture(path, variable)), optional, label);
    }

    /** This step, skipped with its answer when the CSMS does not send the call. */
    public ExpectCall asOptional() {
      return new ExpectCall(action, within, checks, captures, true, label + " (optional)");
    }

    /** This step, waiting {@code time} for the call. */
    public ExpectCall within(Duration time) {
      return new ExpectCall(action, time, checks, captures, optional, label);
    }
  }

  /** Answers the last expected CALL with a CALLRESULT. */
  record Respond(Payload payload, String label) implements Step {}

  /** Answers the last expected CALL with a CALLERROR. */
  record RespondError(String errorCode, String label) implements Step {}

  /**
   * Sends text as it is, e.g. a frame no schema allows; a CALL among it is awaited like a sent one.
   */
  record SendRaw(Function<CaseContext, String> frame, String label) implements Step {}

  /** Closes the connection and opens it again with {@code credentials}. */
  record Reconnect(Credentials credentials, String label) implements Step {}

  /** Opens a connection attempt with {@code credentials} that the CSMS must refuse. */
  record ExpectRefused(Credentials credentials, String label) implements Step {}

  /**
   * Opens a connection attempt offering {@code offered} subprotocols: the CSMS must select {@code
   * expected}, or (null) refuse the connection.
   */
  record ExpectSubprotocol(List<String> offered, @Nullable String expected, String label)
      implements Step {
    public ExpectSubprotocol {
      offered = List.copyOf(offered);
    }
  }

  /** Inspects the CSMS's TLS endpoint, as much as {@code scope} says. */
  record CheckTls(Scope scope, String label) implements Step {
    /** What a TLS inspection checks. */
    public enum Scope {
      /** The handshake: TLS 1.2 or later and the cipher suites OCPP requires of a CSMS. */
      HANDSHAKE,
      /**
       * The handshake, and the certificate: a serial number, a key of at least 2048 (RSA) or 224
       * (EC) bits, and the endpoint's name as common name.
       */
      SERVER_CERTIFICATE,
      /** Only that a TLS 1.1 ClientHello is turned away. */
      REFUSES_TLS11
    }
  }

  /** Closes the connection. */
  record Disconnect(String label) implements Step {}

  /** Lets time pass. */
  record Wait(Duration duration, String label) implements Step {}

  /**
   * A tool validation over what the case has seen so far (e.g. two calls together): FAILs with
   * {@code failure} when {@code test} does not hold.
   */
  record Verify(
      String label,
      java.util.function.Predicate<CaseContext> test,
      String failure,
      String requirement)
      implements Step {}

  /** Sets case variables (a new transaction id, a counter). */
  record Compute(Consumer<CaseContext> action, String label) implements Step {}

  private static <T> List<T> append(List<T> list, T item) {
    java.util.ArrayList<T> copy = new java.util.ArrayList<>(list);
    copy.add(item);
    return copy;
  }

  /** Steps built when the case runs, from its context (e.g. one per configured connector). */
  record Expand(String label, Function<CaseContext, List<Step>> steps) implements Step {}

  /** Runs {@code steps} only when {@code test} holds at that point of the case. */
  record When(String condition, java.util.function.Predicate<CaseContext> test, List<Step> steps)
      implements Step {
    public When {
      steps = List.copyOf(steps);
    }

    @Override
    public String label() {
      return "when " + condition;
    }
  }

  /** A reusable state: its steps, reported under its name. */
  record State(String name, List<Step> steps) implements Step {
    public State {
      steps = List.copyOf(steps);
    }

    @Override
    public String label() {
      return "state " + name;
    }
  }
}
