package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.der.DerControl;
import io.kilowire.core.der.DerControlType;
import io.kilowire.core.der.DerControls;
import io.kilowire.core.der.DerSetting;
import io.kilowire.core.der.DerUnit;
import io.kilowire.core.der.GridFault;
import io.kilowire.core.der.InvalidDerControl;
import io.kilowire.core.ocpp.v21.DERControl;
import io.kilowire.core.ocpp.v21.DERCurve;
import io.kilowire.core.ocpp.v21.DERCurveGet;
import io.kilowire.core.ocpp.v21.DERCurvePoints;
import io.kilowire.core.ocpp.v21.DERUnit;
import io.kilowire.core.ocpp.v21.EnterService;
import io.kilowire.core.ocpp.v21.EnterServiceGet;
import io.kilowire.core.ocpp.v21.FixedPF;
import io.kilowire.core.ocpp.v21.FixedPFGet;
import io.kilowire.core.ocpp.v21.FixedVar;
import io.kilowire.core.ocpp.v21.FixedVarGet;
import io.kilowire.core.ocpp.v21.FreqDroop;
import io.kilowire.core.ocpp.v21.FreqDroopGet;
import io.kilowire.core.ocpp.v21.Gradient;
import io.kilowire.core.ocpp.v21.GradientGet;
import io.kilowire.core.ocpp.v21.GridEventFault;
import io.kilowire.core.ocpp.v21.Hysteresis;
import io.kilowire.core.ocpp.v21.LimitMaxDischarge;
import io.kilowire.core.ocpp.v21.LimitMaxDischargeGet;
import io.kilowire.core.ocpp.v21.ReportDERControlRequest;
import io.kilowire.core.ocpp.v21.SetDERControlRequest;
import io.kilowire.core.ocpp.v21.VoltageParams;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * 2.1's DER control records ↔ the domain's {@code der} values. The enums share their constants'
 * names. A request's setting must be the field its control type takes, and only that one; fields
 * the station does not act on (a curve's reactivePowerParams, and each field of its voltageParams)
 * are {@link Untranslatable}, naming the field and why; an empty voltageParams asks for nothing.
 */
public final class V21DerMapping {
  private V21DerMapping() {}

  public static DerControlType type(DERControl type) {
    return DerControlType.valueOf(type.name());
  }

  public static DERControl type(DerControlType type) {
    return DERControl.valueOf(type.name());
  }

  /**
   * The control a SetDERControl sets.
   *
   * @throws InvalidDerControl the request does not hold together (missing or extra setting, ...)
   * @throws Untranslatable a field the domain does not model
   */
  public static DerControl control(SetDERControlRequest r) {
    DerControlType type = type(r.controlType());
    Map<String, @Nullable Object> given = new LinkedHashMap<>();
    given.put("curve", r.curve());
    given.put("enterService", r.enterService());
    given.put("fixedPFAbsorb", r.fixedPFAbsorb());
    given.put("fixedPFInject", r.fixedPFInject());
    given.put("fixedVar", r.fixedVar());
    given.put("freqDroop", r.freqDroop());
    given.put("gradient", r.gradient());
    given.put("limitMaxDischarge", r.limitMaxDischarge());
    String field = field(type);
    for (Map.Entry<String, @Nullable Object> e : given.entrySet()) {
      if (e.getValue() != null && !e.getKey().equals(field)) {
        throw new InvalidDerControl(
            "InvalidValue",
            e.getKey() + " does not go with controlType " + r.controlType().value());
      }
    }
    if (given.get(field) == null) {
      throw new InvalidDerControl(
          "MissingParam", field + " is required for controlType " + r.controlType().value());
    }
    // Every setting carries its own priority and, where it has one, its window.
    Made made =
        (priority, start, duration, setting) ->
            new DerControl(r.controlId(), type, r.isDefault(), priority, start, duration, setting);
    try {
      return switch (type.shape()) {
        case CURVE -> {
          DERCurve c = r.curve();
          yield made.of(c.priority(), c.startTime(), c.duration(), curve(c, "curve"));
        }
        case FIXED_PF -> {
          FixedPF pf =
              type == DerControlType.FIXED_PF_ABSORB ? r.fixedPFAbsorb() : r.fixedPFInject();
          yield made.of(
              pf.priority(),
              pf.startTime(),
              pf.duration(),
              new DerSetting.FixedPowerFactor(pf.displacement(), pf.excitation()));
        }
        case FIXED_VAR -> {
          FixedVar v = r.fixedVar();
          yield made.of(
              v.priority(),
              v.startTime(),
              v.duration(),
              new DerSetting.FixedReactive(v.setpoint(), unit(v.unit())));
        }
        case FREQ_DROOP -> {
          FreqDroop d = r.freqDroop();
          yield made.of(
              d.priority(),
              d.startTime(),
              d.duration(),
              new DerSetting.FrequencyDroop(
                  d.overFreq(), d.underFreq(), d.overDroop(), d.underDroop(), d.responseTime()));
        }
        case LIMIT_MAX_DISCHARGE -> {
          LimitMaxDischarge l = r.limitMaxDischarge();
          DERCurve trip = l.powerMonitoringMustTrip();
          yield made.of(
              l.priority(),
              l.startTime(),
              l.duration(),
              new DerSetting.DischargeLimit(
                  l.pctMaxDischargePower(),
                  trip == null ? null : curve(trip, "limitMaxDischarge.powerMonitoringMustTrip")));
        }
        case ENTER_SERVICE -> {
          EnterService e = r.enterService();
          yield made.of(
              e.priority(),
              null,
              null,
              new DerSetting.EnterService(
                  e.highVoltage(),
                  e.lowVoltage(),
                  e.highFreq(),
                  e.lowFreq(),
                  e.delay(),
                  e.randomDelay(),
                  e.rampRate()));
        }
        case GRADIENTS -> {
          Gradient g = r.gradient();
          yield made.of(
              g.priority(), null, null, new DerSetting.Gradients(g.gradient(), g.softGradient()));
        }
      };
    } catch (InvalidDerControl e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // A setting's own check (points out of order, a bound above its high side, ...).
      throw new InvalidDerControl("InvalidValue", field + ": " + e.getMessage());
    }
  }

  /** A control of the request's id, type and kind, from what its setting carries. */
  private interface Made {
    DerControl of(
        int priority, @Nullable Instant start, @Nullable BigDecimal duration, DerSetting setting);
  }

  /** The request field that carries a control of {@code type}. */
  static String field(DerControlType type) {
    return switch (type.shape()) {
      case CURVE -> "curve";
      case ENTER_SERVICE -> "enterService";
      case FIXED_PF -> type == DerControlType.FIXED_PF_ABSORB ? "fixedPFAbsorb" : "fixedPFInject";
      case FIXED_VAR -> "fixedVar";
      case FREQ_DROOP -> "freqDroop";
      case GRADIENTS -> "gradient";
      case LIMIT_MAX_DISCHARGE -> "limitMaxDischarge";
    };
  }

  private static DerSetting.Curve curve(DERCurve c, String path) {
    if (c.reactivePowerParams() != null) {
      throw new Untranslatable(path + ".reactivePowerParams", "not modelled");
    }
    VoltageParams v = c.voltageParams();
    if (v != null) {
      String tenMinutes =
          "the station does not monitor the 10-minute mean voltage (EN 50549-1 4.9.3.4),"
              + " so it cannot trip on it";
      if (v.hv10MinMeanValue() != null) {
        throw new Untranslatable(path + ".voltageParams.hv10MinMeanValue", tenMinutes);
      }
      if (v.hv10MinMeanTripDelay() != null) {
        throw new Untranslatable(path + ".voltageParams.hv10MinMeanTripDelay", tenMinutes);
      }
      if (v.powerDuringCessation() != null) {
        throw new Untranslatable(
            path + ".voltageParams.powerDuringCessation",
            "the station exchanges no power during momentary cessation, neither active nor"
                + " reactive");
      }
    }
    List<DerSetting.Point> points = new ArrayList<>();
    for (DERCurvePoints p : c.curveData()) {
      points.add(new DerSetting.Point(p.x(), p.y()));
    }
    Hysteresis h = c.hysteresis();
    return new DerSetting.Curve(
        points,
        unit(c.yUnit()),
        c.responseTime(),
        h == null
            ? null
            : new DerSetting.Hysteresis(
                h.hysteresisHigh(),
                h.hysteresisLow(),
                h.hysteresisDelay(),
                h.hysteresisGradient()));
  }

  private static DerUnit unit(DERUnit unit) {
    return DerUnit.valueOf(unit.name());
  }

  private static DERUnit unit(DerUnit unit) {
    return DERUnit.valueOf(unit.name());
  }

  // ------------------------------------------------------------------------------ reports

  /** The ReportDERControl carrying {@code held} (at most 24 per list, as the book keeps them). */
  public static ReportDERControlRequest report(int requestId, List<DerControls.Held> held) {
    List<DERCurveGet> curves = new ArrayList<>();
    List<EnterServiceGet> enterService = new ArrayList<>();
    List<FixedPFGet> absorb = new ArrayList<>();
    List<FixedPFGet> inject = new ArrayList<>();
    List<FixedVarGet> fixedVar = new ArrayList<>();
    List<FreqDroopGet> droops = new ArrayList<>();
    List<GradientGet> gradients = new ArrayList<>();
    List<LimitMaxDischargeGet> limits = new ArrayList<>();
    for (DerControls.Held h : held) {
      DerControl c = h.control();
      boolean superseded = h.superseded();
      int priority = c.priority();
      Instant start = c.start();
      BigDecimal duration = c.durationSeconds();
      DerSetting s = c.setting();
      if (s instanceof DerSetting.Curve curve) {
        curves.add(
            new DERCurveGet(
                curve(curve, priority, start, duration),
                c.id(),
                type(c.type()),
                c.isDefault(),
                superseded,
                null));
      } else if (s instanceof DerSetting.EnterService e) {
        enterService.add(
            new EnterServiceGet(
                new EnterService(
                    priority,
                    e.highVoltage(),
                    e.lowVoltage(),
                    e.highFreq(),
                    e.lowFreq(),
                    e.delay(),
                    e.randomDelay(),
                    e.rampRate(),
                    null),
                c.id(),
                null));
      } else if (s instanceof DerSetting.FixedPowerFactor pf) {
        FixedPFGet get =
            new FixedPFGet(
                new FixedPF(priority, pf.displacement(), pf.excitation(), start, duration, null),
                c.id(),
                c.isDefault(),
                superseded,
                null);
        (c.type() == DerControlType.FIXED_PF_ABSORB ? absorb : inject).add(get);
      } else if (s instanceof DerSetting.FixedReactive v) {
        fixedVar.add(
            new FixedVarGet(
                new FixedVar(priority, v.setpoint(), unit(v.unit()), start, duration, null),
                c.id(),
                c.isDefault(),
                superseded,
                null));
      } else if (s instanceof DerSetting.FrequencyDroop d) {
        droops.add(
            new FreqDroopGet(
                new FreqDroop(
                    priority,
                    d.overFreq(),
                    d.underFreq(),
                    d.overDroop(),
                    d.underDroop(),
                    d.responseTime(),
                    start,
                    duration,
                    null),
                c.id(),
                c.isDefault(),
                superseded,
                null));
      } else if (s instanceof DerSetting.Gradients g) {
        gradients.add(
            new GradientGet(
                new Gradient(priority, g.gradient(), g.softGradient(), null), c.id(), null));
      } else if (s instanceof DerSetting.DischargeLimit l) {
        DerSetting.Curve trip = l.monitoringTrip();
        limits.add(
            new LimitMaxDischargeGet(
                c.id(),
                c.isDefault(),
                superseded,
                new LimitMaxDischarge(
                    priority,
                    l.pctMaxDischargePower(),
                    trip == null ? null : curve(trip, priority, null, null),
                    start,
                    duration,
                    null),
                null));
      }
    }
    return new ReportDERControlRequest(
        orNull(curves),
        orNull(enterService),
        orNull(absorb),
        orNull(inject),
        orNull(fixedVar),
        orNull(droops),
        orNull(gradients),
        orNull(limits),
        requestId,
        null,
        null);
  }

  private static DERCurve curve(
      DerSetting.Curve c, int priority, @Nullable Instant start, @Nullable BigDecimal duration) {
    List<DERCurvePoints> points =
        c.points().stream().map(p -> new DERCurvePoints(p.x(), p.y(), null)).toList();
    DerSetting.Hysteresis h = c.hysteresis();
    return new DERCurve(
        points,
        h == null ? null : new Hysteresis(h.high(), h.low(), h.delay(), h.gradient(), null),
        priority,
        null,
        null,
        unit(c.yUnit()),
        c.responseTime(),
        start,
        duration,
        null);
  }

  private static <T> @Nullable List<T> orNull(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  public static GridEventFault fault(GridFault fault) {
    return switch (fault) {
      case OVER_FREQUENCY -> GridEventFault.OVER_FREQUENCY;
      case UNDER_FREQUENCY -> GridEventFault.UNDER_FREQUENCY;
      case OVER_VOLTAGE -> GridEventFault.OVER_VOLTAGE;
      case UNDER_VOLTAGE -> GridEventFault.UNDER_VOLTAGE;
    };
  }
}
