package io.kilowire.hardware.rapi;

/**
 * An {@code $AT} notification, sent by the board on every EVSE state change.
 *
 * @param evseState decoded EVSE state
 * @param evseStateCode raw EVSE state code
 * @param pilotState decoded pilot state
 * @param currentCapacityAmps current the pilot currently offers
 * @param flags the board's volatile flag bits
 */
public record RapiStateNotification(
    EvseState evseState,
    int evseStateCode,
    EvseState pilotState,
    int currentCapacityAmps,
    int flags) {}
