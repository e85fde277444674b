package io.kilowire.core.hal;

/**
 * The safe 3 &harr; 1 phase switching sequence of SPEC-FACTS E.5 as a table: state &times; event
 * &rarr; next state and the action to carry out. {@link PilotController} owns the timers and
 * performs the actions.
 */
public final class PhaseSwitch {
  private PhaseSwitch() {}

  /** Where the sequence stands. */
  public enum State {
    /** No switch in progress. */
    IDLE,
    /** Step 1 done (PWM 100 %); waiting up to 6 s for the EV to reach B (step 2). */
    WAIT_FOR_B,
    /** Steps 2-4 done (contactor open, CP off, phases switched); waiting to reconnect (step 5). */
    CP_DISCONNECTED
  }

  /** What happened. */
  public enum Event {
    REQUEST,
    EV_IN_B,
    B_TIMEOUT,
    RECONNECT_DUE
  }

  /** What to do. */
  public enum Action {
    NONE,
    /** Step 1: PWM 100 %, start the 6 s wait for B. */
    PAUSE_AND_WAIT,
    /** Steps 2-4 with the EV in B: open, CP off, switch phases; wait the normal reconnect delay. */
    OPEN_AND_DISCONNECT,
    /** Steps 2-4 after the timeout: opened under load, so wait the longer reconnect delay. */
    OPEN_UNDER_LOAD_AND_DISCONNECT,
    /** Step 5: CP back on; the pilot follows the limit again. */
    RECONNECT
  }

  /** One row of the table. */
  public record Step(State next, Action action) {}

  /** The table. Pairs not listed keep the state and do nothing (e.g. a second REQUEST). */
  public static Step step(State state, Event event) {
    return switch (state) {
      case IDLE ->
          switch (event) {
            case REQUEST -> new Step(State.WAIT_FOR_B, Action.PAUSE_AND_WAIT);
            case EV_IN_B, B_TIMEOUT, RECONNECT_DUE -> new Step(state, Action.NONE);
          };
      case WAIT_FOR_B ->
          switch (event) {
            case EV_IN_B -> new Step(State.CP_DISCONNECTED, Action.OPEN_AND_DISCONNECT);
            case B_TIMEOUT ->
                new Step(State.CP_DISCONNECTED, Action.OPEN_UNDER_LOAD_AND_DISCONNECT);
            case REQUEST, RECONNECT_DUE -> new Step(state, Action.NONE);
          };
      case CP_DISCONNECTED ->
          switch (event) {
            case RECONNECT_DUE -> new Step(State.IDLE, Action.RECONNECT);
            case REQUEST, EV_IN_B, B_TIMEOUT -> new Step(state, Action.NONE);
          };
    };
  }
}
