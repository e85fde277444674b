package io.kilowire.core.smartcharging;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The criteria of a 2.0.1 GetChargingProfilesRequest: evseId 0 = station-level profiles only, null
 * = any EVSE; empty id and source sets match anything (SPEC-FACTS B.5).
 */
public record ProfileQuery(
    @Nullable Integer evseId,
    @Nullable ProfilePurpose purpose,
    @Nullable Integer stackLevel,
    Set<Integer> ids,
    Set<LimitSource> sources) {
  public ProfileQuery {
    ids = Set.copyOf(ids);
    sources = Set.copyOf(sources);
  }

  /** Matches every profile. */
  public static ProfileQuery any() {
    return new ProfileQuery(null, null, null, Set.of(), Set.of());
  }

  boolean matches(ChargingProfile p) {
    return (evseId == null || p.evseId() == evseId)
        && (purpose == null || p.purpose() == purpose)
        && (stackLevel == null || p.stackLevel() == stackLevel)
        && (ids.isEmpty() || ids.contains(p.id()))
        && (sources.isEmpty() || sources.contains(p.source()));
  }
}
