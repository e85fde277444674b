package io.kilowire.core.der;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One DER control as the CSMS set it: its id, type, whether it is a default control (in force
 * whenever no scheduled one of its type is) or a scheduled one (in force from {@code start} for
 * {@code duration}, open-ended without one), its priority (0 is the highest) and its setting.
 * Checked once, here: a control that does not hold together throws {@link InvalidDerControl}.
 */
public record DerControl(
    String id,
    DerControlType type,
    boolean isDefault,
    int priority,
    @Nullable Instant start,
    @Nullable BigDecimal durationSeconds,
    DerSetting setting) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public DerControl {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(setting, "setting");
    if (id.isEmpty() || id.length() > 36) {
      throw new InvalidDerControl("InvalidValue", "controlId must have 1 to 36 characters");
    }
    if (priority < 0) {
      throw new InvalidDerControl("InvalidValue", "priority must be 0 or more");
    }
    if (setting.shape() != type.shape()) {
      throw new InvalidDerControl(
          "InvalidValue", type + " takes a " + type.shape() + " setting, not " + setting.shape());
    }
    if (!isDefault && type.defaultOnly()) {
      // R04.FR.14: these two exist only as default controls.
      throw new InvalidDerControl("InvalidValue", type + " can only be a default control");
    }
    if (!isDefault && start == null) {
      throw new InvalidDerControl("MissingParam", "startTime is required for a scheduled control");
    }
    if (!isDefault && durationSeconds == null) {
      // The schema: startTime and duration are "only absent when default is true".
      throw new InvalidDerControl("MissingParam", "duration is required for a scheduled control");
    }
    if (setting instanceof DerSetting.Curve curve && !type.takes(curve.yUnit())) {
      throw new InvalidDerControl(
          "InvalidValue", type + " cannot take a curve in " + curve.yUnit());
    }
    if (setting instanceof DerSetting.FixedPowerFactor pf) {
      if (pf.displacement().signum() <= 0 || pf.displacement().compareTo(BigDecimal.ONE) > 0) {
        throw new InvalidDerControl(
            "InvalidValue", "displacement (a power factor) must lie above 0 and at most 1");
      }
      if (pf.excitation() != (type == DerControlType.FIXED_PF_ABSORB)) {
        throw new InvalidDerControl(
            "InvalidValue",
            "excitation "
                + pf.excitation()
                + " contradicts "
                + type
                + " (true: absorbing, false: injecting)");
      }
    }
    if (setting instanceof DerSetting.FixedReactive v) {
      if (v.unit() != DerUnit.PCT_MAX_VAR && v.unit() != DerUnit.PCT_VAR_AVAIL) {
        throw new InvalidDerControl(
            "InvalidValue", "FIXED_VAR cannot take a setpoint in " + v.unit());
      }
      if (v.setpoint().abs().compareTo(HUNDRED) > 0) {
        throw new InvalidDerControl("InvalidValue", "setpoint must lie in -100..100 %");
      }
    }
    if (type == DerControlType.WATT_PF) {
      for (DerSetting.Point p : ((DerSetting.Curve) setting).points()) {
        if (p.y().signum() == 0 || p.y().abs().compareTo(BigDecimal.ONE) > 0) {
          throw new InvalidDerControl(
              "InvalidValue", "a WattPF point's y is a power factor: 0 < |y| <= 1, not " + p.y());
        }
      }
    }
    if (durationSeconds != null && durationSeconds.signum() <= 0) {
      throw new InvalidDerControl("InvalidValue", "duration must be above 0 s");
    }
  }

  /** Whether this control's window holds {@code now}: always for a default control. */
  public boolean activeAt(Instant now) {
    if (isDefault || start == null) {
      return true;
    }
    @Nullable Instant end = end();
    return !now.isBefore(start) && (end == null || now.isBefore(end));
  }

  /** The end of a scheduled control's window; null when open-ended or a default control. */
  public @Nullable Instant end() {
    if (isDefault || start == null || durationSeconds == null) {
      return null;
    }
    return start.plus(Duration.ofMillis(durationSeconds.movePointRight(3).longValue()));
  }

  /** Whether the windows of the two controls share an instant (defaults share every instant). */
  boolean overlaps(DerControl other) {
    if (isDefault || other.isDefault) {
      return isDefault == other.isDefault;
    }
    Instant aStart = Objects.requireNonNull(start);
    Instant bStart = Objects.requireNonNull(other.start);
    @Nullable Instant aEnd = end();
    @Nullable Instant bEnd = other.end();
    return (aEnd == null || bStart.isBefore(aEnd)) && (bEnd == null || aStart.isBefore(bEnd));
  }
}
