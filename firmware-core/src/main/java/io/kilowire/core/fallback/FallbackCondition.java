package io.kilowire.core.fallback;

/** Something the station normally relies on is missing. */
public enum FallbackCondition {
  /** The CSMS is unreachable: balancing goes on locally with the stored profiles. */
  CSMS_OFFLINE,
  /** The site meter is silent or its data is stale: the safe budget applies, never "zero load". */
  SITE_METER_STALE,
  /** The group's site controller is silent: this member falls back to its pre-agreed safe share. */
  CONTROLLER_LOST;

  /** The condition's name in reports to the CSMS (2.0.1 techCode, 1.6 techInfo). */
  public String code() {
    return switch (this) {
      case CSMS_OFFLINE -> "CsmsOffline";
      case SITE_METER_STALE -> "SiteMeterStale";
      case CONTROLLER_LOST -> "ControllerLost";
    };
  }

  /** One line for a report: "SiteMeterStale began: site meter silent". */
  public static String describe(FallbackEvent event) {
    return event.condition().code() + (event.active() ? " began: " : " ended: ") + event.detail();
  }
}
