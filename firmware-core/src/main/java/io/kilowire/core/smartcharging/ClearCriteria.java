package io.kilowire.core.smartcharging;

import org.jspecify.annotations.Nullable;

/**
 * Which profiles a ClearChargingProfile removes (1.6 §6.13 and ERR16 3.25/3.26; 2.0.1
 * ClearChargingProfileRequest). No field: every profile. An id: that profile only, other fields
 * ignored (1.6; for 2.0.1 assumed alike, gap H.1). Otherwise every profile matching all given
 * fields. An evseId of 0 selects station-level profiles.
 */
public record ClearCriteria(
    @Nullable Integer id,
    @Nullable Integer evseId,
    @Nullable ProfilePurpose purpose,
    @Nullable Integer stackLevel) {
  /** Clears everything the CSMS may clear. */
  public static ClearCriteria all() {
    return new ClearCriteria(null, null, null, null);
  }

  /** Clears one profile by id. */
  public static ClearCriteria byId(int id) {
    return new ClearCriteria(id, null, null, null);
  }

  boolean matches(ChargingProfile p) {
    if (id != null) {
      return p.id() == id;
    }
    return (evseId == null || p.evseId() == evseId)
        && (purpose == null || p.purpose() == purpose)
        && (stackLevel == null || p.stackLevel() == stackLevel);
  }
}
