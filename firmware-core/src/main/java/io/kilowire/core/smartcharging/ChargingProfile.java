package io.kilowire.core.smartcharging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A charging profile, version-neutral (OCPP 1.6 §7.8, 2.0.1 ChargingProfileType), together with the
 * EVSE it was set on. Of the OCPP 2.1 fields, {@code maxOfflineDuration} and {@code
 * invalidAfterOfflineDuration} take effect through {@link SmartChargingService#offline}; the
 * dynamic ones are stored only (SPEC-FACTS C).
 *
 * @param id the profile id (2.1 allows negative ids for external profiles)
 * @param stackLevel higher wins within a purpose
 * @param purpose what it limits
 * @param kind how its schedule is anchored
 * @param recurrency daily or weekly, for Recurring profiles
 * @param validFrom first valid instant; null = valid from receipt
 * @param validTo first invalid instant; null = valid until replaced
 * @param transactionId the transaction of a TxProfile (1.6 integers as text)
 * @param evseId the EVSE (1.6 connector) it was set on; 0 = the station
 * @param schedules 1 to 3 schedules; the composite uses the first (2.0.1: more exist only for ISO
 *     15118 SASchedule tuples, SPEC-FACTS B.1)
 * @param source who set it; {@link LimitSource#CSO} for the CSMS
 * @param maxOfflineDuration 2.1: seconds it stays valid while offline; null = no timeout
 * @param invalidAfterOfflineDuration 2.1: permanently invalid once offline longer than that
 * @param dynUpdateInterval 2.1: seconds between dynamic updates; null or 0 = never
 * @param dynUpdateTime 2.1: time of the last dynamic update
 */
public record ChargingProfile(
    int id,
    int stackLevel,
    ProfilePurpose purpose,
    ProfileKind kind,
    @Nullable Recurrency recurrency,
    @Nullable Instant validFrom,
    @Nullable Instant validTo,
    @Nullable String transactionId,
    int evseId,
    List<ChargingSchedule> schedules,
    LimitSource source,
    @Nullable Integer maxOfflineDuration,
    boolean invalidAfterOfflineDuration,
    @Nullable Integer dynUpdateInterval,
    @Nullable Instant dynUpdateTime) {
  public ChargingProfile {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    schedules = List.copyOf(schedules);
    if (schedules.isEmpty() || schedules.size() > 3) {
      throw new IllegalArgumentException("a profile holds 1 to 3 schedules: " + schedules.size());
    }
  }

  /** The schedule composites use. */
  public ChargingSchedule schedule() {
    return schedules.get(0);
  }

  /** Whether the profile is valid at {@code t}: validFrom inclusive, validTo exclusive. */
  public boolean isValidAt(Instant t) {
    return (validFrom == null || !t.isBefore(validFrom))
        && (validTo == null || t.isBefore(validTo));
  }

  /**
   * A builder with the given id and purpose, stack level 0, Absolute, on the station, set by CSO.
   */
  public static Builder builder(int id, ProfilePurpose purpose) {
    return new Builder(id, purpose);
  }

  /** A builder holding every field of this profile. */
  public Builder toBuilder() {
    Builder b = new Builder(id, purpose);
    b.stackLevel = stackLevel;
    b.kind = kind;
    b.recurrency = recurrency;
    b.validFrom = validFrom;
    b.validTo = validTo;
    b.transactionId = transactionId;
    b.evseId = evseId;
    b.schedules = schedules;
    b.source = source;
    b.maxOfflineDuration = maxOfflineDuration;
    b.invalidAfterOfflineDuration = invalidAfterOfflineDuration;
    b.dynUpdateInterval = dynUpdateInterval;
    b.dynUpdateTime = dynUpdateTime;
    return b;
  }

  /** Builds profiles; defaults as documented on {@link #builder}. */
  public static final class Builder {
    private int id;
    private ProfilePurpose purpose;
    private int stackLevel;
    private ProfileKind kind = ProfileKind.ABSOLUTE;
    private @Nullable Recurrency recurrency;
    private @Nullable Instant validFrom;
    private @Nullable Instant validTo;
    private @Nullable String transactionId;
    private int evseId;
    private List<ChargingSchedule> schedules = List.of();
    private LimitSource source = LimitSource.CSO;
    private @Nullable Integer maxOfflineDuration;
    private boolean invalidAfterOfflineDuration;
    private @Nullable Integer dynUpdateInterval;
    private @Nullable Instant dynUpdateTime;

    private Builder(int id, ProfilePurpose purpose) {
      this.id = id;
      this.purpose = purpose;
    }

    public Builder id(int value) {
      this.id = value;
      return this;
    }

    public Builder purpose(ProfilePurpose value) {
      this.purpose = value;
      return this;
    }

    public Builder stackLevel(int value) {
      this.stackLevel = value;
      return this;
    }

    public Builder kind(ProfileKind value) {
      this.kind = value;
      return this;
    }

    public Builder recurrency(@Nullable Recurrency value) {
      this.recurrency = value;
      return this;
    }

    public Builder validFrom(@Nullable Instant value) {
      this.validFrom = value;
      return this;
    }

    public Builder validTo(@Nullable Instant value) {
      this.validTo = value;
      return this;
    }

    public Builder transactionId(@Nullable String value) {
      this.transactionId = value;
      return this;
    }

    public Builder evseId(int value) {
      this.evseId = value;
      return this;
    }

    public Builder schedule(ChargingSchedule value) {
      this.schedules = List.of(value);
      return this;
    }

    public Builder schedules(List<ChargingSchedule> value) {
      this.schedules = List.copyOf(value);
      return this;
    }

    public Builder source(LimitSource value) {
      this.source = value;
      return this;
    }

    public Builder maxOfflineDuration(@Nullable Integer value) {
      this.maxOfflineDuration = value;
      return this;
    }

    public Builder invalidAfterOfflineDuration(boolean value) {
      this.invalidAfterOfflineDuration = value;
      return this;
    }

    public Builder dynUpdateInterval(@Nullable Integer value) {
      this.dynUpdateInterval = value;
      return this;
    }

    public Builder dynUpdateTime(@Nullable Instant value) {
      this.dynUpdateTime = value;
      return this;
    }

    public ChargingProfile build() {
      return new ChargingProfile(
          id,
          stackLevel,
          purpose,
          kind,
          recurrency,
          validFrom,
          validTo,
          transactionId,
          evseId,
          schedules,
          source,
          maxOfflineDuration,
          invalidAfterOfflineDuration,
          dynUpdateInterval,
          dynUpdateTime);
    }
  }
}
