package io.kilowire.core.der;

/**
 * The control types of OCPP 2.1 block R, with the setting each one carries. Names follow the
 * protocol's, so the adapter maps them by name.
 */
public enum DerControlType {
  ENTER_SERVICE(Shape.ENTER_SERVICE),
  FREQ_DROOP(Shape.FREQ_DROOP),
  FREQ_WATT(Shape.CURVE),
  FIXED_PF_ABSORB(Shape.FIXED_PF),
  FIXED_PF_INJECT(Shape.FIXED_PF),
  FIXED_VAR(Shape.FIXED_VAR),
  GRADIENTS(Shape.GRADIENTS),
  HF_MUST_TRIP(Shape.CURVE),
  HF_MAY_TRIP(Shape.CURVE),
  HV_MUST_TRIP(Shape.CURVE),
  HV_MOM_CESS(Shape.CURVE),
  HV_MAY_TRIP(Shape.CURVE),
  LIMIT_MAX_DISCHARGE(Shape.LIMIT_MAX_DISCHARGE),
  LF_MUST_TRIP(Shape.CURVE),
  LV_MUST_TRIP(Shape.CURVE),
  LV_MOM_CESS(Shape.CURVE),
  LV_MAY_TRIP(Shape.CURVE),
  POWER_MONITORING_MUST_TRIP(Shape.CURVE),
  VOLT_VAR(Shape.CURVE),
  VOLT_WATT(Shape.CURVE),
  WATT_PF(Shape.CURVE),
  WATT_VAR(Shape.CURVE);

  /** Which setting a control of this type carries (SetDERControl has one field per shape). */
  public enum Shape {
    CURVE,
    ENTER_SERVICE,
    FIXED_PF,
    FIXED_VAR,
    FREQ_DROOP,
    GRADIENTS,
    LIMIT_MAX_DISCHARGE
  }

  private final Shape shape;

  DerControlType(Shape shape) {
    this.shape = shape;
  }

  public Shape shape() {
    return shape;
  }

  /** EnterService and Gradients exist only as default controls (R04.FR.14). */
  public boolean defaultOnly() {
    return this == ENTER_SERVICE || this == GRADIENTS;
  }

  /** Whether a curve of this type may have its y axis in {@code unit}. */
  public boolean takes(DerUnit unit) {
    return switch (this) {
      case FREQ_WATT, VOLT_WATT -> unit == DerUnit.PCT_MAX_W || unit == DerUnit.PCT_W_AVAIL;
      case VOLT_VAR, WATT_VAR -> unit == DerUnit.PCT_MAX_VAR || unit == DerUnit.PCT_VAR_AVAIL;
      // A power factor has no unit of its own.
      case WATT_PF -> unit == DerUnit.NOT_APPLICABLE;
      default -> true;
    };
  }

  /** A control of the reactive power an output exchanges. */
  public boolean reactive() {
    return this == VOLT_VAR
        || this == FIXED_PF_ABSORB
        || this == FIXED_PF_INJECT
        || this == FIXED_VAR
        || this == WATT_PF
        || this == WATT_VAR;
  }

  /** A must-trip curve: outside it the station stops exchanging power with the grid. */
  public boolean mustTrip() {
    return this == HF_MUST_TRIP
        || this == LF_MUST_TRIP
        || this == HV_MUST_TRIP
        || this == LV_MUST_TRIP;
  }
}
