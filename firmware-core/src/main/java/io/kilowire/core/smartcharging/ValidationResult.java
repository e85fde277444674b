package io.kilowire.core.smartcharging;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating a SetChargingProfile: either accepted, with the profile as it will be
 * installed and the profiles it replaces, or rejected with a reason and a detail naming the rule.
 */
public record ValidationResult(
    @Nullable ChargingProfile profile,
    List<ChargingProfile> replaced,
    @Nullable RejectionReason reason,
    String detail) {
  public ValidationResult {
    replaced = List.copyOf(replaced);
    Objects.requireNonNull(detail, "detail");
    if ((profile == null) == (reason == null)) {
      throw new IllegalArgumentException("either a profile or a reason");
    }
  }

  static ValidationResult accepted(ChargingProfile profile, List<ChargingProfile> replaced) {
    return new ValidationResult(profile, replaced, null, "");
  }

  static ValidationResult rejected(RejectionReason reason, String detail) {
    return new ValidationResult(null, List.of(), reason, detail);
  }

  public boolean isAccepted() {
    return reason == null;
  }

  /** The accepted profile; fails on a rejection. */
  public ChargingProfile acceptedProfile() {
    if (profile == null) {
      throw new IllegalStateException("rejected: " + reason + " " + detail);
    }
    return profile;
  }

  /** The rejection reason; fails on an acceptance. */
  public RejectionReason rejection() {
    if (reason == null) {
      throw new IllegalStateException("accepted");
    }
    return reason;
  }
}
