package io.kilowire.core.fallback;

/** Something the station normally relies on is missing. */
public enum FallbackCondition {
  /** The CSMS is unreachable: balancing goes on locally with the stored profiles. */
  CSMS_OFFLINE,
  /** The site meter is silent or its data is stale: the safe budget applies, never "zero load". */
  SITE_METER_STALE,
  /** The group's site controller is silent: this member falls back to its pre-agreed safe share. */
  CONTROLLER_LOST
}
