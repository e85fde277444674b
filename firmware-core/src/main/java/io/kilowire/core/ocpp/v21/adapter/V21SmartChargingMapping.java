package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.model.Primitives;
import io.kilowire.core.ocpp.v201.adapter.V201SmartChargingMapping;
import io.kilowire.core.ocpp.v21.ChargingProfileKind;
import io.kilowire.core.ocpp.v21.ChargingProfilePurpose;
import io.kilowire.core.ocpp.v21.ChargingSchedulePeriod;
import io.kilowire.core.ocpp.v21.GetCompositeScheduleResponse;
import io.kilowire.core.ocpp.v21.ReportChargingProfilesRequest;
import io.kilowire.core.ocpp.v21.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v21.SetChargingProfileResponse;
import io.kilowire.core.ocpp.v21.V2XFreqWattPoint;
import io.kilowire.core.ocpp.v21.V2XSignalWattPoint;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.LimitPerPhase;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.smartcharging.PhaseValues;
import io.kilowire.core.smartcharging.ProfileKind;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.ProfileRules;
import io.kilowire.core.smartcharging.ReactiveSetpoint;
import io.kilowire.core.smartcharging.RejectionReason;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.V2xCurves;
import io.kilowire.core.smartcharging.ValidationResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * 2.1 charging profiles ↔ the engine's domain, for callers holding 2.1 records (the emulator's
 * {@code schedule} command). The profile rules are 2.0.1's; a 2.1 profile goes through the 2.0.1
 * mapping by its shared fields plus the bidirectional ones the engine has (operation mode,
 * discharge limit, setpoint, frequency support); what else 2.1 adds is refused by name ({@link
 * Untranslatable}).
 */
public final class V21SmartChargingMapping {
  /** 2.1 replaces, stacks and ties TxProfiles to transactions as 2.0.1 does. */
  public static final ProfileRules PROFILE_RULES = V201SmartChargingMapping.PROFILE_RULES;

  private V21SmartChargingMapping() {}

  /**
   * The fields 2.1 adds that the engine models and this mapping carries itself: a period's
   * operation mode, discharge limit and setpoint ({@link SchedulePeriod#bidirectional}) and their
   * values per phase ({@link PhaseValues}), a Dynamic profile's update interval and time, a
   * profile's offline rules.
   */
  private static final Set<String> CARRIED_HERE =
      Set.of(
          "dischargeLimit",
          "setpoint",
          "operationMode",
          "limit_L2",
          "limit_L3",
          "dischargeLimit_L2",
          "dischargeLimit_L3",
          "setpoint_L2",
          "setpoint_L3",
          "setpointReactive",
          "setpointReactive_L2",
          "setpointReactive_L3",
          "v2xBaseline",
          "v2xFreqWattCurve",
          "v2xSignalWattCurve",
          "dynUpdateInterval",
          "dynUpdateTime",
          "maxOfflineDuration",
          "invalidAfterOfflineDuration");

  /**
   * The domain profile of a 2.1 SetChargingProfile: the fields 2.0.1 shares through the 2.0.1
   * mapping, then each period's operation mode, discharge limit and setpoint.
   *
   * @throws Untranslatable for a 2.1 feature the engine does not model yet, with its path
   */
  public static ChargingProfile profile(SetChargingProfileRequest request) {
    io.kilowire.core.ocpp.v21.ChargingProfile profile = request.chargingProfile();
    boolean dynamic = profile.chargingProfileKind() == ChargingProfileKind.DYNAMIC;
    boolean priority = profile.chargingProfilePurpose() == ChargingProfilePurpose.PRIORITY_CHARGING;
    boolean limitless =
        profile.chargingSchedule().stream()
            .flatMap(s -> s.chargingSchedulePeriod().stream())
            .anyMatch(p -> p.limit() == null);
    // 2.0.1 has no Dynamic kind, no PriorityCharging purpose and no period without a limit: the
    // shared fields go through as Absolute, TxDefaultProfile and a stand-in limit; the kind, the
    // purpose and each period's own limit (or none) are set after.
    SetChargingProfileRequest sharedRequest =
        dynamic || priority || limitless
            ? new SetChargingProfileRequest(
                request.evseId(),
                withShape(
                    profile,
                    dynamic ? ChargingProfileKind.ABSOLUTE : profile.chargingProfileKind(),
                    priority
                        ? ChargingProfilePurpose.TX_DEFAULT_PROFILE
                        : profile.chargingProfilePurpose(),
                    limitless ? withStandInLimits(profile.chargingSchedule()) : null),
                request.customData())
            : request;
    ChargingProfile translated =
        V201SmartChargingMapping.profile(
            V21Translation.translate(
                sharedRequest,
                io.kilowire.core.ocpp.v201.SetChargingProfileRequest.class,
                Mode.STRICT,
                CARRIED_HERE));
    ChargingProfile shared =
        translated.toBuilder()
            .kind(dynamic ? ProfileKind.DYNAMIC : translated.kind())
            .purpose(priority ? ProfilePurpose.PRIORITY_CHARGING : translated.purpose())
            .maxOfflineDuration(profile.maxOfflineDuration())
            .invalidAfterOfflineDuration(Boolean.TRUE.equals(profile.invalidAfterOfflineDuration()))
            .dynUpdateInterval(profile.dynUpdateInterval())
            .dynUpdateTime(profile.dynUpdateTime())
            .build();
    List<io.kilowire.core.ocpp.v21.ChargingSchedule> wire =
        request.chargingProfile().chargingSchedule();
    List<ChargingSchedule> schedules = new ArrayList<>();
    for (int i = 0; i < wire.size(); i++) {
      ChargingSchedule s = shared.schedules().get(i);
      List<ChargingSchedulePeriod> wirePeriods = wire.get(i).chargingSchedulePeriod();
      List<SchedulePeriod> periods = new ArrayList<>();
      for (int j = 0; j < wirePeriods.size(); j++) {
        ChargingSchedulePeriod p = wirePeriods.get(j);
        periods.add(
            s.periods()
                .get(j)
                .withLimit(p.limit()) // the 2.1 period's own, or none: never the stand-in
                .bidirectional(
                    p.dischargeLimit(),
                    p.setpoint(),
                    p.operationMode() == null
                        ? null
                        : OperationMode.valueOf(p.operationMode().name()))
                .withPerPhase(
                    new PhaseValues(
                        p.limit_L2(),
                        p.limit_L3(),
                        p.dischargeLimit_L2(),
                        p.dischargeLimit_L3(),
                        p.setpoint_L2(),
                        p.setpoint_L3()))
                .withSetpointReactive(
                    p.setpointReactive() == null
                        ? null
                        : new ReactiveSetpoint(
                            p.setpointReactive(), p.setpointReactive_L2(), p.setpointReactive_L3()))
                .withV2x(curves(p)));
      }
      schedules.add(
          new ChargingSchedule(
              s.id(), s.startSchedule(), s.duration(), s.unit(), periods, s.minChargingRate()));
    }
    return shared.toBuilder().schedules(schedules).build();
  }

  /** A period's frequency support (baseline, frequency-watt and signal-watt curves). */
  private static V2xCurves curves(ChargingSchedulePeriod p) {
    List<V2xCurves.Point> frequency = new ArrayList<>();
    if (p.v2xFreqWattCurve() != null) {
      p.v2xFreqWattCurve()
          .forEach(pt -> frequency.add(new V2xCurves.Point(pt.frequency(), pt.power())));
    }
    List<V2xCurves.Point> signal = new ArrayList<>();
    if (p.v2xSignalWattCurve() != null) {
      p.v2xSignalWattCurve()
          .forEach(
              pt -> signal.add(new V2xCurves.Point(BigDecimal.valueOf(pt.signal()), pt.power())));
    }
    return new V2xCurves(p.v2xBaseline(), frequency, signal);
  }

  /**
   * The limit a 2.1 period without one carries through 2.0.1's records, which require one. It is
   * only ever there in passing: {@link #profile} takes each period's limit from the 2.1 request,
   * {@link #reports} from the domain profile, so it reaches neither the engine nor the wire.
   */
  private static final BigDecimal STAND_IN_LIMIT = BigDecimal.ZERO;

  /** {@code schedules} with the stand-in limit in each period that has none. */
  private static List<io.kilowire.core.ocpp.v21.ChargingSchedule> withStandInLimits(
      List<io.kilowire.core.ocpp.v21.ChargingSchedule> schedules) {
    List<io.kilowire.core.ocpp.v21.ChargingSchedule> out = new ArrayList<>();
    for (io.kilowire.core.ocpp.v21.ChargingSchedule s : schedules) {
      out.add(
          withPeriods(
              s,
              s.chargingSchedulePeriod().stream()
                  .map(
                      p ->
                          p.limit() == null
                              ? bidirectional(
                                  p, STAND_IN_LIMIT, p.dischargeLimit(), p.setpoint(), null, null)
                              : p)
                  .toList()));
    }
    return out;
  }

  /** {@code p} with the stand-in limit in each period that has none, for 2.0.1's mapping. */
  private static ChargingProfile withStandInLimits(ChargingProfile p) {
    if (p.schedules().stream()
        .flatMap(s -> s.periods().stream())
        .allMatch(SchedulePeriod::hasOwnLimit)) {
      return p;
    }
    List<ChargingSchedule> schedules = new ArrayList<>();
    for (ChargingSchedule s : p.schedules()) {
      schedules.add(
          new ChargingSchedule(
              s.id(),
              s.startSchedule(),
              s.duration(),
              s.unit(),
              s.periods().stream()
                  .map(period -> period.hasOwnLimit() ? period : period.withLimit(STAND_IN_LIMIT))
                  .toList(),
              s.minChargingRate()));
    }
    return p.toBuilder().schedules(schedules).build();
  }

  private static io.kilowire.core.ocpp.v21.ChargingProfile withShape(
      io.kilowire.core.ocpp.v21.ChargingProfile p,
      ChargingProfileKind kind,
      ChargingProfilePurpose purpose,
      @Nullable List<io.kilowire.core.ocpp.v21.ChargingSchedule> schedules) {
    return new io.kilowire.core.ocpp.v21.ChargingProfile(
        p.id(),
        p.stackLevel(),
        purpose,
        kind,
        p.recurrencyKind(),
        p.validFrom(),
        p.validTo(),
        p.transactionId(),
        p.maxOfflineDuration(),
        schedules == null ? p.chargingSchedule() : schedules,
        p.invalidAfterOfflineDuration(),
        p.dynUpdateInterval(),
        p.dynUpdateTime(),
        p.priceScheduleSignature(),
        p.customData());
  }

  /**
   * The refusal of a 2.1 profile that asks for what the station does not support and 2.1 answers
   * with Rejected rather than an error: the LocalGeneration purpose (K01.FR.120), useLocalTime,
   * randomizedDelay, limitAtSoC (K01.FR.123-125) and evseSleep (K01.FR.126); null when none is
   * asked.
   */
  public static @Nullable ValidationResult unsupported(SetChargingProfileRequest request) {
    io.kilowire.core.ocpp.v21.ChargingProfile p = request.chargingProfile();
    if (p.chargingProfilePurpose() == ChargingProfilePurpose.LOCAL_GENERATION) {
      return new ValidationResult(
          null,
          List.of(),
          RejectionReason.UNSUPPORTED_PURPOSE,
          "LocalGeneration is not in SupportedAdditionalPurposes");
    }
    for (io.kilowire.core.ocpp.v21.ChargingSchedule s : p.chargingSchedule()) {
      String feature = null;
      if (Boolean.TRUE.equals(s.useLocalTime())) {
        feature = "useLocalTime";
      } else if (s.randomizedDelay() != null && s.randomizedDelay() > 0) {
        feature = "randomizedDelay";
      } else if (s.limitAtSoC() != null) {
        feature = "limitAtSoC";
      } else if (s.chargingSchedulePeriod().stream()
          .anyMatch(period -> Boolean.TRUE.equals(period.evseSleep()))) {
        feature = "evseSleep";
      }
      if (feature != null) {
        return new ValidationResult(
            null,
            List.of(),
            RejectionReason.UNSUPPORTED_SCHEDULE_FEATURE,
            feature + " is not supported by this station");
      }
    }
    return null;
  }

  /** The 2.1 wire value of a domain operation mode. */
  public static io.kilowire.core.ocpp.v21.OperationMode mode(OperationMode mode) {
    return io.kilowire.core.ocpp.v21.OperationMode.valueOf(mode.name());
  }

  public static SetChargingProfileResponse response(ValidationResult result) {
    return V21Translation.translate(
        V201SmartChargingMapping.response(result), SetChargingProfileResponse.class, Mode.STRICT);
  }

  /** The composite with each period's discharge limit, setpoint and mode where it has them. */
  public static GetCompositeScheduleResponse compositeResponse(CompositeSchedule composite) {
    GetCompositeScheduleResponse shared =
        V21Translation.translate(
            V201SmartChargingMapping.compositeResponse(composite),
            GetCompositeScheduleResponse.class,
            Mode.STRICT);
    io.kilowire.core.ocpp.v21.CompositeSchedule s =
        java.util.Objects.requireNonNull(shared.schedule());
    List<ChargingSchedulePeriod> periods = new ArrayList<>();
    for (int i = 0; i < s.chargingSchedulePeriod().size(); i++) {
      CompositePeriod p = composite.periods().get(i);
      ChargingSchedulePeriod period =
          bidirectional(
              s.chargingSchedulePeriod().get(i),
              s.chargingSchedulePeriod().get(i).limit(),
              p.dischargeLimit(),
              p.setpoint(),
              p.operationMode(),
              null);
      LimitPerPhase perPhase = p.perPhase();
      BigDecimal reactive = p.setpointReactive();
      if (perPhase != null || reactive != null) {
        period =
            withPhases(
                period,
                perPhase == null
                    ? new PhaseValues(null, null, null, null, null, null)
                    : new PhaseValues(perPhase.l2(), perPhase.l3(), null, null, null, null),
                perPhase == null ? null : perPhase.l1(),
                reactive == null ? null : ReactiveSetpoint.of(reactive));
      }
      periods.add(period);
    }
    return new GetCompositeScheduleResponse(
        shared.status(),
        shared.statusInfo(),
        new io.kilowire.core.ocpp.v21.CompositeSchedule(
            s.evseId(), s.duration(), s.scheduleStart(), s.chargingRateUnit(), periods, null),
        null);
  }

  /**
   * ReportChargingProfiles (K09) for a 2.1 CSMS: 2.0.1's grouping and paging, each profile as it
   * was set, its periods' discharge limits, setpoints and modes included.
   */
  public static List<ReportChargingProfilesRequest> reports(
      int requestId, List<ChargingProfile> found) {
    Map<Integer, ChargingProfile> byId = new HashMap<>();
    found.forEach(p -> byId.put(p.id(), p));
    List<ReportChargingProfilesRequest> out = new ArrayList<>();
    for (var report :
        V201SmartChargingMapping.reports(
            requestId, found.stream().map(V21SmartChargingMapping::withStandInLimits).toList())) {
      ReportChargingProfilesRequest shared =
          V21Translation.translate(report, ReportChargingProfilesRequest.class, Mode.STRICT);
      List<io.kilowire.core.ocpp.v21.ChargingProfile> profiles = new ArrayList<>();
      for (io.kilowire.core.ocpp.v21.ChargingProfile wire : shared.chargingProfile()) {
        profiles.add(withPeriodsOf(wire, java.util.Objects.requireNonNull(byId.get(wire.id()))));
      }
      out.add(
          new ReportChargingProfilesRequest(
              shared.requestId(),
              shared.chargingLimitSource(),
              profiles,
              shared.tbc(),
              shared.evseId(),
              null));
    }
    return out;
  }

  /** The 2.1 wire form of a domain profile, as ReportChargingProfiles carries it. */
  public static io.kilowire.core.ocpp.v21.ChargingProfile wire(ChargingProfile p) {
    return withPeriodsOf(
        V21Translation.translate(
            V201SmartChargingMapping.wire(withStandInLimits(p)),
            io.kilowire.core.ocpp.v21.ChargingProfile.class,
            Mode.STRICT),
        p);
  }

  private static io.kilowire.core.ocpp.v21.ChargingProfile withPeriodsOf(
      io.kilowire.core.ocpp.v21.ChargingProfile w, ChargingProfile domain) {
    List<io.kilowire.core.ocpp.v21.ChargingSchedule> schedules = new ArrayList<>();
    for (int i = 0; i < w.chargingSchedule().size(); i++) {
      io.kilowire.core.ocpp.v21.ChargingSchedule ws = w.chargingSchedule().get(i);
      List<SchedulePeriod> own = domain.schedules().get(i).periods();
      List<ChargingSchedulePeriod> periods = new ArrayList<>();
      for (int j = 0; j < ws.chargingSchedulePeriod().size(); j++) {
        SchedulePeriod p = own.get(j);
        ChargingSchedulePeriod period =
            bidirectional(
                ws.chargingSchedulePeriod().get(j),
                p.hasOwnLimit() ? ws.chargingSchedulePeriod().get(j).limit() : null,
                p.dischargeLimit(),
                p.setpoint(),
                p.operationMode(),
                p.v2x());
        PhaseValues perPhase = p.perPhase();
        ReactiveSetpoint reactive = p.setpointReactive();
        periods.add(
            perPhase == null && reactive == null
                ? period
                : withPhases(
                    period,
                    perPhase == null
                        ? new PhaseValues(null, null, null, null, null, null)
                        : perPhase,
                    null,
                    reactive));
      }
      schedules.add(withPeriods(ws, periods));
    }
    return new io.kilowire.core.ocpp.v21.ChargingProfile(
        w.id(),
        w.stackLevel(),
        domain.purpose() == ProfilePurpose.PRIORITY_CHARGING
            ? ChargingProfilePurpose.PRIORITY_CHARGING
            : w.chargingProfilePurpose(),
        domain.kind() == ProfileKind.DYNAMIC
            ? ChargingProfileKind.DYNAMIC
            : w.chargingProfileKind(),
        w.recurrencyKind(),
        w.validFrom(),
        w.validTo(),
        w.transactionId(),
        domain.maxOfflineDuration(),
        schedules,
        domain.invalidAfterOfflineDuration() ? Boolean.TRUE : null,
        domain.dynUpdateInterval(),
        domain.dynUpdateTime(),
        w.priceScheduleSignature(),
        null);
  }

  /**
   * {@code p} with 2.1's values for L2 and L3; its limit replaced by {@code l1} where given (a
   * composite's limit is the lowest phase, its limit beside L2 and L3 is L1's).
   */
  private static ChargingSchedulePeriod withPhases(
      ChargingSchedulePeriod p,
      PhaseValues v,
      @Nullable BigDecimal l1,
      @Nullable ReactiveSetpoint reactive) {
    return new ChargingSchedulePeriod(
        p.startPeriod(),
        l1 == null ? p.limit() : Primitives.decimal(l1),
        decimal(v.limitL2()),
        decimal(v.limitL3()),
        p.numberPhases(),
        p.phaseToUse(),
        p.dischargeLimit(),
        decimal(v.dischargeLimitL2()),
        decimal(v.dischargeLimitL3()),
        p.setpoint(),
        decimal(v.setpointL2()),
        decimal(v.setpointL3()),
        reactive == null ? p.setpointReactive() : decimal(reactive.value()),
        reactive == null ? p.setpointReactive_L2() : decimal(reactive.l2()),
        reactive == null ? p.setpointReactive_L3() : decimal(reactive.l3()),
        p.preconditioningRequest(),
        p.evseSleep(),
        p.v2xBaseline(),
        p.operationMode(),
        p.v2xFreqWattCurve(),
        p.v2xSignalWattCurve(),
        p.customData());
  }

  private static @Nullable BigDecimal decimal(@Nullable BigDecimal value) {
    return value == null ? null : Primitives.decimal(value);
  }

  /** {@code ws} with {@code periods} in place of its own (custom data left out). */
  private static io.kilowire.core.ocpp.v21.ChargingSchedule withPeriods(
      io.kilowire.core.ocpp.v21.ChargingSchedule ws, List<ChargingSchedulePeriod> periods) {
    return new io.kilowire.core.ocpp.v21.ChargingSchedule(
        ws.id(),
        ws.limitAtSoC(),
        ws.startSchedule(),
        ws.duration(),
        ws.chargingRateUnit(),
        ws.minChargingRate(),
        ws.powerTolerance(),
        ws.signatureId(),
        ws.digestValue(),
        ws.useLocalTime(),
        periods,
        ws.randomizedDelay(),
        ws.salesTariff(),
        ws.absolutePriceSchedule(),
        ws.priceLevelSchedule(),
        null);
  }

  /**
   * {@code p} with {@code limit} (null: none) and 2.1's discharge limit, setpoint (null: absent)
   * and operation mode and curves (null: {@code p}'s).
   */
  private static ChargingSchedulePeriod bidirectional(
      ChargingSchedulePeriod p,
      @Nullable BigDecimal limit,
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint,
      @Nullable OperationMode mode,
      @Nullable V2xCurves curves) {
    return new ChargingSchedulePeriod(
        p.startPeriod(),
        limit,
        p.limit_L2(),
        p.limit_L3(),
        p.numberPhases(),
        p.phaseToUse(),
        dischargeLimit == null ? null : Primitives.decimal(dischargeLimit),
        p.dischargeLimit_L2(),
        p.dischargeLimit_L3(),
        setpoint == null ? null : Primitives.decimal(setpoint),
        p.setpoint_L2(),
        p.setpoint_L3(),
        p.setpointReactive(),
        p.setpointReactive_L2(),
        p.setpointReactive_L3(),
        p.preconditioningRequest(),
        p.evseSleep(),
        curves == null || curves.baselineW() == null
            ? p.v2xBaseline()
            : Primitives.decimal(curves.baselineW()),
        mode == null ? p.operationMode() : mode(mode),
        curves == null || curves.frequencyWatt().isEmpty()
            ? p.v2xFreqWattCurve()
            : curves.frequencyWatt().stream()
                .map(
                    pt ->
                        V2XFreqWattPoint.of(
                            Primitives.decimal(pt.x()), Primitives.decimal(pt.watts())))
                .toList(),
        curves == null || curves.signalWatt().isEmpty()
            ? p.v2xSignalWattCurve()
            : curves.signalWatt().stream()
                .map(pt -> V2XSignalWattPoint.of(pt.x().intValue(), Primitives.decimal(pt.watts())))
                .toList(),
        p.customData());
  }
}
