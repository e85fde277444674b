package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.v201.ChargingLimitSource;
import io.kilowire.core.ocpp.v201.ChargingProfileCriterion;
import io.kilowire.core.ocpp.v201.ChargingProfileKind;
import io.kilowire.core.ocpp.v201.ChargingProfilePurpose;
import io.kilowire.core.ocpp.v201.ChargingProfileStatus;
import io.kilowire.core.ocpp.v201.ChargingRateUnit;
import io.kilowire.core.ocpp.v201.ChargingSchedulePeriod;
import io.kilowire.core.ocpp.v201.ClearChargingProfile;
import io.kilowire.core.ocpp.v201.ClearChargingProfileRequest;
import io.kilowire.core.ocpp.v201.ClearChargingProfileResponse;
import io.kilowire.core.ocpp.v201.ClearChargingProfileStatus;
import io.kilowire.core.ocpp.v201.GenericStatus;
import io.kilowire.core.ocpp.v201.GetChargingProfileStatus;
import io.kilowire.core.ocpp.v201.GetChargingProfilesRequest;
import io.kilowire.core.ocpp.v201.GetChargingProfilesResponse;
import io.kilowire.core.ocpp.v201.GetCompositeScheduleResponse;
import io.kilowire.core.ocpp.v201.RecurrencyKind;
import io.kilowire.core.ocpp.v201.ReportChargingProfilesRequest;
import io.kilowire.core.ocpp.v201.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v201.SetChargingProfileResponse;
import io.kilowire.core.ocpp.v201.StatusInfo;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.ClearCriteria;
import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.LimitSource;
import io.kilowire.core.smartcharging.ProfileKind;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.ProfileQuery;
import io.kilowire.core.smartcharging.ProfileRules;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.Recurrency;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.ValidationResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Translates OCPP 2.0.1 smart-charging records to and from the version-free smart-charging types.
 * Pure functions; building a record runs its schema checks.
 */
public final class V201SmartChargingMapping {
  private static final int MAX_ADDITIONAL_INFO = 512;

  /**
   * 2.0.1's SetChargingProfile rules (2.1 keeps them): a profile replaces only the one with its id,
   * a clash of stack level is refused, a TxProfile names its transaction, and a Relative profile
   * has no startSchedule.
   */
  public static final ProfileRules PROFILE_RULES = new ProfileRules(false, true, true, true);

  private V201SmartChargingMapping() {}

  /** The domain profile of a SetChargingProfileRequest, set on its EVSE by the CSMS. */
  public static ChargingProfile profile(SetChargingProfileRequest request) {
    return profile(request.evseId(), request.chargingProfile(), LimitSource.CSO);
  }

  public static ChargingProfile profile(
      int evseId, io.kilowire.core.ocpp.v201.ChargingProfile wire, LimitSource source) {
    RecurrencyKind recurrency = wire.recurrencyKind();
    List<ChargingSchedule> schedules = new ArrayList<>();
    for (var s : wire.chargingSchedule()) {
      schedules.add(schedule(s));
    }
    return ChargingProfile.builder(wire.id(), purpose(wire.chargingProfilePurpose()))
        .stackLevel(wire.stackLevel())
        .kind(kind(wire.chargingProfileKind()))
        .recurrency(recurrency == null ? null : recurrency(recurrency))
        .validFrom(wire.validFrom())
        .validTo(wire.validTo())
        .transactionId(wire.transactionId())
        .evseId(evseId)
        .schedules(schedules)
        .source(source)
        .build();
  }

  /** The wire form of a domain profile, for ReportChargingProfiles. */
  public static io.kilowire.core.ocpp.v201.ChargingProfile wire(ChargingProfile p) {
    Recurrency recurrency = p.recurrency();
    List<io.kilowire.core.ocpp.v201.ChargingSchedule> schedules = new ArrayList<>();
    for (ChargingSchedule s : p.schedules()) {
      schedules.add(wire(s));
    }
    return new io.kilowire.core.ocpp.v201.ChargingProfile(
        null,
        p.id(),
        p.stackLevel(),
        purpose(p.purpose()),
        kind(p.kind()),
        recurrency == null ? null : recurrency(recurrency),
        p.validFrom(),
        p.validTo(),
        schedules,
        p.transactionId());
  }

  public static ChargingSchedule schedule(io.kilowire.core.ocpp.v201.ChargingSchedule wire) {
    List<SchedulePeriod> periods = new ArrayList<>();
    for (ChargingSchedulePeriod p : wire.chargingSchedulePeriod()) {
      periods.add(new SchedulePeriod(p.startPeriod(), p.limit(), p.numberPhases(), p.phaseToUse()));
    }
    return new ChargingSchedule(
        wire.id(),
        wire.startSchedule(),
        wire.duration(),
        unit(wire.chargingRateUnit()),
        periods,
        wire.minChargingRate());
  }

  public static io.kilowire.core.ocpp.v201.ChargingSchedule wire(ChargingSchedule s) {
    List<ChargingSchedulePeriod> periods = new ArrayList<>();
    for (SchedulePeriod p : s.periods()) {
      periods.add(
          new ChargingSchedulePeriod(
              null, p.startPeriod(), p.limit(), p.numberPhases(), p.phaseToUse()));
    }
    return new io.kilowire.core.ocpp.v201.ChargingSchedule(
        null,
        s.id(),
        s.startSchedule(),
        s.duration(),
        unit(s.unit()),
        periods,
        s.minChargingRate(),
        null);
  }

  /** Accepted, or Rejected with statusInfo: the reason code and the rule as additionalInfo. */
  public static SetChargingProfileResponse response(ValidationResult result) {
    if (result.isAccepted()) {
      return SetChargingProfileResponse.of(ChargingProfileStatus.ACCEPTED);
    }
    return new SetChargingProfileResponse(
        null,
        ChargingProfileStatus.REJECTED,
        statusInfo(result.rejection().reasonCode(), result.detail()));
  }

  /**
   * The clear criteria of a ClearChargingProfileRequest. With an id the criteria are ignored, as in
   * 1.6 (not confirmed for 2.0.1, SPEC-FACTS gap H.1).
   */
  public static ClearCriteria criteria(ClearChargingProfileRequest request) {
    ClearChargingProfile c = request.chargingProfileCriteria();
    if (c == null) {
      return new ClearCriteria(request.chargingProfileId(), null, null, null);
    }
    ChargingProfilePurpose purpose = c.chargingProfilePurpose();
    return new ClearCriteria(
        request.chargingProfileId(),
        c.evseId(),
        purpose == null ? null : purpose(purpose),
        c.stackLevel());
  }

  /**
   * Accepted when something was cleared, else Unknown. A request aimed at external constraints gets
   * Unknown with reasonCode InvalidValue: the CSMS may not clear them (K10.FR.06 as libocpp cites
   * it).
   */
  public static ClearChargingProfileResponse clearResponse(
      ClearChargingProfileRequest request, List<ChargingProfile> removed) {
    if (!removed.isEmpty()) {
      return ClearChargingProfileResponse.of(ClearChargingProfileStatus.ACCEPTED);
    }
    ClearChargingProfile c = request.chargingProfileCriteria();
    if (c != null
        && c.chargingProfilePurpose()
            == ChargingProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS) {
      return new ClearChargingProfileResponse(
          null,
          ClearChargingProfileStatus.UNKNOWN,
          statusInfo("InvalidValue", "external constraints cannot be cleared by the CSMS"));
    }
    return ClearChargingProfileResponse.of(ClearChargingProfileStatus.UNKNOWN);
  }

  /** The store query of a GetChargingProfilesRequest (SPEC-FACTS B.5). */
  public static ProfileQuery query(GetChargingProfilesRequest request) {
    ChargingProfileCriterion c = request.chargingProfile();
    ChargingProfilePurpose purpose = c.chargingProfilePurpose();
    List<Integer> ids = c.chargingProfileId();
    List<ChargingLimitSource> sources = c.chargingLimitSource();
    Set<LimitSource> domainSources = EnumSet.noneOf(LimitSource.class);
    if (sources != null) {
      for (ChargingLimitSource s : sources) {
        domainSources.add(source(s));
      }
    }
    return new ProfileQuery(
        request.evseId(),
        purpose == null ? null : purpose(purpose),
        c.stackLevel(),
        ids == null ? Set.of() : new HashSet<>(ids),
        domainSources);
  }

  /** Accepted when there is something to report, else NoProfiles. */
  public static GetChargingProfilesResponse getChargingProfilesResponse(
      List<ChargingProfile> found) {
    return new GetChargingProfilesResponse(
        null,
        found.isEmpty() ? GetChargingProfileStatus.NO_PROFILES : GetChargingProfileStatus.ACCEPTED,
        null);
  }

  /**
   * The ReportChargingProfilesRequests for {@code found}: one per (EVSE, source), in the order the
   * profiles come, tbc on all but the last (SPEC-FACTS B.5).
   */
  public static List<ReportChargingProfilesRequest> reports(
      int requestId, List<ChargingProfile> found) {
    Map<List<Object>, List<io.kilowire.core.ocpp.v201.ChargingProfile>> groups =
        new LinkedHashMap<>();
    for (ChargingProfile p : found) {
      groups.computeIfAbsent(List.of(p.evseId(), p.source()), k -> new ArrayList<>()).add(wire(p));
    }
    List<ReportChargingProfilesRequest> result = new ArrayList<>();
    int index = 0;
    for (var entry : groups.entrySet()) {
      index++;
      int evseId = (Integer) entry.getKey().get(0);
      LimitSource source = (LimitSource) entry.getKey().get(1);
      result.add(
          new ReportChargingProfilesRequest(
              null,
              requestId,
              source(source),
              entry.getValue(),
              index < groups.size() ? Boolean.TRUE : null,
              evseId));
    }
    return result;
  }

  /** The unit to compute a composite in: the requested one, else the station's preferred unit. */
  public static RateUnit requestedUnit(@Nullable ChargingRateUnit requested, RateUnit preferred) {
    return requested == null ? preferred : unit(requested);
  }

  /** GetCompositeScheduleResponse Accepted with the composite (K08). */
  public static GetCompositeScheduleResponse compositeResponse(CompositeSchedule c) {
    List<ChargingSchedulePeriod> periods = new ArrayList<>();
    for (CompositePeriod p : c.periods()) {
      periods.add(
          new ChargingSchedulePeriod(null, p.startPeriod(), p.limit(), p.numberPhases(), null));
    }
    var schedule =
        new io.kilowire.core.ocpp.v201.CompositeSchedule(
            null, periods, c.evseId(), c.duration(), c.start(), unit(c.unit()));
    return new GetCompositeScheduleResponse(null, GenericStatus.ACCEPTED, null, schedule);
  }

  /** GetCompositeScheduleResponse Rejected, e.g. for an unknown EVSE or unsupported unit. */
  public static GetCompositeScheduleResponse compositeRejected(String reasonCode, String detail) {
    return new GetCompositeScheduleResponse(
        null, GenericStatus.REJECTED, statusInfo(reasonCode, detail), null);
  }

  private static StatusInfo statusInfo(String reasonCode, String detail) {
    String info =
        detail.length() > MAX_ADDITIONAL_INFO ? detail.substring(0, MAX_ADDITIONAL_INFO) : detail;
    return new StatusInfo(null, reasonCode, info.isEmpty() ? null : info);
  }

  public static ProfilePurpose purpose(ChargingProfilePurpose purpose) {
    return switch (purpose) {
      case CHARGING_STATION_EXTERNAL_CONSTRAINTS ->
          ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS;
      case CHARGING_STATION_MAX_PROFILE -> ProfilePurpose.CHARGING_STATION_MAX;
      case TX_DEFAULT_PROFILE -> ProfilePurpose.TX_DEFAULT;
      case TX_PROFILE -> ProfilePurpose.TX;
    };
  }

  public static ChargingProfilePurpose purpose(ProfilePurpose purpose) {
    return switch (purpose) {
      case CHARGING_STATION_EXTERNAL_CONSTRAINTS ->
          ChargingProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS;
      case CHARGING_STATION_MAX -> ChargingProfilePurpose.CHARGING_STATION_MAX_PROFILE;
      case TX_DEFAULT -> ChargingProfilePurpose.TX_DEFAULT_PROFILE;
      case TX -> ChargingProfilePurpose.TX_PROFILE;
      // Only a 2.1 CSMS sets PriorityCharging profiles; its mapping reports them as such.
      case PRIORITY_CHARGING -> ChargingProfilePurpose.TX_DEFAULT_PROFILE;
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

  public static LimitSource source(ChargingLimitSource source) {
    return switch (source) {
      case EMS -> LimitSource.EMS;
      case OTHER -> LimitSource.OTHER;
      case SO -> LimitSource.SO;
      case CSO -> LimitSource.CSO;
    };
  }

  public static ChargingLimitSource source(LimitSource source) {
    return switch (source) {
      case EMS -> ChargingLimitSource.EMS;
      case OTHER -> ChargingLimitSource.OTHER;
      case SO -> ChargingLimitSource.SO;
      case CSO -> ChargingLimitSource.CSO;
    };
  }
}
