package io.kilowire.hardware.rapi;

/**
 * The board's state as reported by {@code $GS}.
 *
 * @param evseState decoded EVSE state
 * @param evseStateCode raw code, kept for states this driver does not name
 * @param elapsedSeconds charge time of the current or last session
 * @param pilotState pilot state (same code space)
 * @param flags the board's volatile flag bits
 */
public record RapiStatus(
    EvseState evseState, int evseStateCode, long elapsedSeconds, EvseState pilotState, int flags) {}
