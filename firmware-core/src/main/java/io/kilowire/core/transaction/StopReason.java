package io.kilowire.core.transaction;

/** Why a transaction ended; both versions' reason enums carry these names. */
public enum StopReason {
  DE_AUTHORIZED,
  EMERGENCY_STOP,
  EV_DISCONNECTED,
  HARD_RESET,
  LOCAL,
  OTHER,
  POWER_LOSS,
  REBOOT,
  REMOTE,
  SOFT_RESET,
  UNLOCK_COMMAND
}
