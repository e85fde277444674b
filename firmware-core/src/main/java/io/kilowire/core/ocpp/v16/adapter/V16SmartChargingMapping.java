package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.ocpp.v16.ChargingProfileKind;
import io.kilowire.core.ocpp.v16.ChargingProfilePurpose;
import io.kilowire.core.ocpp.v16.ChargingProfileStatus;
import io.kilowire.core.ocpp.v16.ChargingRateUnit;
import io.kilowire.core.ocpp.v16.ChargingSchedulePeriod;
import io.kilowire.core.ocpp.v16.ClearChargingProfileRequest;
import io.kilowire.core.ocpp.v16.ClearChargingProfileResponse;
import io.kilowire.core.ocpp.v16.ClearChargingProfileStatus;
import io.kilowire.core.ocpp.v16.GetCompositeScheduleResponse;
import io.kilowire.core.ocpp.v16.GetCompositeScheduleStatus;
import io.kilowire.core.ocpp.v16.RecurrencyKind;
import io.kilowire.core.ocpp.v16.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v16.SetChargingProfileResponse;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.ClearCriteria;
import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.ProfileKind;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.ProfileRules;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.Recurrency;
import io.kilowire.core.smartcharging.RejectionReason;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Translates OCPP 1.6 smart-charging records to and from the version-free smart-charging types.
 * Pure functions. A 1.6 connector is the domain's EVSE; a 1.6 transactionId travels as its decimal
 * text.
 */
public final class V16SmartChargingMapping {
  /**
   * 1.6's SetChargingProfile rules: a profile replaces the one in its slot (purpose, stack level,
   * connector), a TxProfile without transactionId belongs to the running transaction, and a
   * Relative profile's startSchedule is ignored.
   */
  public static final ProfileRules PROFILE_RULES = new ProfileRules(true, false, false, false);

  private V16SmartChargingMapping() {}

  /** The domain profile of a SetChargingProfile.req, set on its connector. */
  public static ChargingProfile profile(SetChargingProfileRequest request) {
    return profile(request.connectorId(), request.csChargingProfiles());
  }

  /** The domain profile of a wire profile on {@code connectorId}. */
  public static ChargingProfile profile(
      int connectorId, io.kilowire.core.ocpp.v16.ChargingProfile wire) {
    Integer tx = wire.transactionId();
    RecurrencyKind recurrency = wire.recurrencyKind();
    return ChargingProfile.builder(wire.chargingProfileId(), purpose(wire.chargingProfilePurpose()))
        .stackLevel(wire.stackLevel())
        .kind(kind(wire.chargingProfileKind()))
        .recurrency(recurrency == null ? null : recurrency(recurrency))
        .validFrom(wire.validFrom())
        .validTo(wire.validTo())
        .transactionId(tx == null ? null : tx.toString())
        .evseId(connectorId)
        .schedule(schedule(wire.chargingSchedule()))
        .build();
  }

  /**
   * The wire form of a domain profile (for reports and RemoteStartTransaction). Only the first
   * schedule travels: 1.6 has one.
   *
   * @throws IllegalArgumentException for a purpose 1.6 lacks or a non-numeric transaction id
   */
  public static io.kilowire.core.ocpp.v16.ChargingProfile wire(ChargingProfile p) {
    String tx = p.transactionId();
    Recurrency recurrency = p.recurrency();
    return new io.kilowire.core.ocpp.v16.ChargingProfile(
        p.id(),
        tx == null ? null : Integer.valueOf(tx),
        p.stackLevel(),
        purpose(p.purpose()),
        kind(p.kind()),
        recurrency == null ? null : recurrency(recurrency),
        p.validFrom(),
        p.validTo(),
        wire(p.schedule()));
  }

  public static ChargingSchedule schedule(io.kilowire.core.ocpp.v16.ChargingSchedule wire) {
    List<SchedulePeriod> periods = new ArrayList<>();
    for (ChargingSchedulePeriod p : wire.chargingSchedulePeriod()) {
      periods.add(new SchedulePeriod(p.startPeriod(), p.limit(), p.numberPhases(), null));
    }
    return new ChargingSchedule(
        0,
        wire.startSchedule(),
        wire.duration(),
        unit(wire.chargingRateUnit()),
        periods,
        wire.minChargingRate());
  }

  public static io.kilowire.core.ocpp.v16.ChargingSchedule wire(ChargingSchedule s) {
    List<ChargingSchedulePeriod> periods = new ArrayList<>();
    for (SchedulePeriod p : s.periods()) {
      periods.add(new ChargingSchedulePeriod(p.startPeriod(), p.limit(), p.numberPhases()));
    }
    return new io.kilowire.core.ocpp.v16.ChargingSchedule(
        s.duration(), s.startSchedule(), unit(s.unit()), periods, s.minChargingRate());
  }

  /** The SetChargingProfile.conf for a validation outcome. */
  public static SetChargingProfileResponse response(ValidationResult result) {
    if (result.isAccepted()) {
      return new SetChargingProfileResponse(ChargingProfileStatus.ACCEPTED);
    }
    return new SetChargingProfileResponse(status(result.rejection()));
  }

  /**
   * How 1.6 answers a refused profile: NotSupported for a rate unit the station does not support
   * (our reading, gap H), Rejected for everything else. An unknown connector is Rejected too, as
   * ChangeAvailability, TriggerMessage and GetCompositeSchedule answer one; ERR16 3.39 reads as a
   * CALLERROR PropertyConstraintViolation, but a .conf with a status that says it is the clearer
   * answer.
   */
  public static ChargingProfileStatus status(RejectionReason reason) {
    return reason == RejectionReason.UNSUPPORTED_RATE_UNIT
        ? ChargingProfileStatus.NOT_SUPPORTED
        : ChargingProfileStatus.REJECTED;
  }

  /** The clear criteria of a ClearChargingProfile.req (OCPP 1.6 §6.13, ERR16 3.25/3.26). */
  public static ClearCriteria criteria(ClearChargingProfileRequest request) {
    ChargingProfilePurpose purpose = request.chargingProfilePurpose();
    return new ClearCriteria(
        request.id(),
        request.connectorId(),
        purpose == null ? null : purpose(purpose),
        request.stackLevel());
  }

  /** Accepted when something was cleared, Unknown otherwise. */
  public static ClearChargingProfileResponse clearResponse(List<ChargingProfile> removed) {
    return new ClearChargingProfileResponse(
        removed.isEmpty()
            ? ClearChargingProfileStatus.UNKNOWN
            : ClearChargingProfileStatus.ACCEPTED);
  }

  /** The unit to compute a composite in: the requested one, else the station's preferred unit. */
  public static RateUnit requestedUnit(@Nullable ChargingRateUnit requested, RateUnit preferred) {
    return requested == null ? preferred : unit(requested);
  }

  /**
   * GetCompositeSchedule.conf Accepted with the composite. Its schedule carries no startSchedule
   * (ERR16 3.57); the start travels in scheduleStart.
   */
  public static GetCompositeScheduleResponse compositeResponse(CompositeSchedule c) {
    List<ChargingSchedulePeriod> periods = new ArrayList<>();
    for (CompositePeriod p : c.periods()) {
      periods.add(new ChargingSchedulePeriod(p.startPeriod(), p.limit(), p.numberPhases()));
    }
    var schedule =
        new io.kilowire.core.ocpp.v16.ChargingSchedule(
            c.duration(), null, unit(c.unit()), periods, c.minChargingRate());
    return new GetCompositeScheduleResponse(
        GetCompositeScheduleStatus.ACCEPTED, c.evseId(), c.start(), schedule);
  }

  /** GetCompositeSchedule.conf Rejected, e.g. for an unknown connector (OCPP 1.6 §5.7). */
  public static GetCompositeScheduleResponse compositeRejected() {
    return GetCompositeScheduleResponse.of(GetCompositeScheduleStatus.REJECTED);
  }

  public static ProfilePurpose purpose(ChargingProfilePurpose purpose) {
    return switch (purpose) {
      case CHARGE_POINT_MAX_PROFILE -> ProfilePurpose.CHARGING_STATION_MAX;
      case TX_DEFAULT_PROFILE -> ProfilePurpose.TX_DEFAULT;
      case TX_PROFILE -> ProfilePurpose.TX;
    };
  }

  /** The 1.6 purpose; external constraints have none. */
  public static ChargingProfilePurpose purpose(ProfilePurpose purpose) {
    return switch (purpose) {
      case CHARGING_STATION_MAX -> ChargingProfilePurpose.CHARGE_POINT_MAX_PROFILE;
      case TX_DEFAULT -> ChargingProfilePurpose.TX_DEFAULT_PROFILE;
      case TX -> ChargingProfilePurpose.TX_PROFILE;
      case CHARGING_STATION_EXTERNAL_CONSTRAINTS, PRIORITY_CHARGING ->
          throw new IllegalArgumentException("OCPP 1.6 has no " + purpose + " purpose");
    };
  }

  public static ProfileKind kind(ChargingProfileKind kind) {
    return switch (kind) {
      case ABSOLUTE -> ProfileKind.ABSOLUTE;
      case RECURRING -> ProfileKind.RECURRING;
      case RELATIVE -> ProfileKind.RELATIVE;
    };
  }

  public static ChargingProfileKind kind(ProfileKind kind) {
    return switch (kind) {
      case ABSOLUTE -> ChargingProfileKind.ABSOLUTE;
      case RECURRING -> ChargingProfileKind.RECURRING;
      case RELATIVE -> ChargingProfileKind.RELATIVE;
      // Only a 2.1 CSMS sets Dynamic profiles; its mapping reports them as such.
      case DYNAMIC -> ChargingProfileKind.ABSOLUTE;
    };
  }

  public static Recurrency recurrency(RecurrencyKind kind) {
    return switch (kind) {
      case DAILY -> Recurrency.DAILY;
      case WEEKLY -> Recurrency.WEEKLY;
    };
  }

  public static RecurrencyKind recurrency(Recurrency recurrency) {
    return switch (recurrency) {
      case DAILY -> RecurrencyKind.DAILY;
      case WEEKLY -> RecurrencyKind.WEEKLY;
    };
  }

  public static RateUnit unit(ChargingRateUnit unit) {
    return switch (unit) {
      case A -> RateUnit.A;
      case W -> RateUnit.W;
    };
  }

  public static ChargingRateUnit unit(RateUnit unit) {
    return switch (unit) {
      case A -> ChargingRateUnit.A;
      case W -> ChargingRateUnit.W;
    };
  }
}
