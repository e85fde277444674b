package io.kilowire.hardware.rapi;

/**
 * {@code $SY} reply.
 *
 * @param intervalSeconds supervision interval; 0 means supervision is off
 * @param failsafeAmps current the board falls back to when a pulse is missed
 * @param trigger 0 never missed, 1 missed and acknowledged, 2 missed and still limiting
 */
public record HeartbeatStatus(int intervalSeconds, int failsafeAmps, int trigger) {}
