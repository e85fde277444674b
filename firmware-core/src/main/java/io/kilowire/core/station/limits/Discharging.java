package io.kilowire.core.station.limits;

import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.BidirectionalLimit;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.ModeSignals;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.RejectionReason;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.smartcharging.StationDischarge;
import io.kilowire.core.smartcharging.ValidationResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * OCPP 2.1 discharging on the station's outputs: which profiles may ask for it, and how much each
 * EVSE may feed back. An EVSE discharges only where its hardware and its EV can ({@link
 * StationLimitGuard#canDischarge}); its own discharge limit and setpoint are the engine's ({@link
 * SmartChargingService#bidirectional}), and the station's discharge limit is shared among the EVSEs
 * that discharge, equally and each up to its own, so that what they feed back together never
 * exceeds it. Decreases go out before increases, as for charging.
 *
 * <p>On a station without bidirectional hardware nothing here runs, and nothing is offered.
 */
final class Discharging {
  private final int evseCount;
  private final SmartChargingService smartCharging;
  private final StationLimitGuard outputs;
  private final double[] applied;
  private final @Nullable Double[] setpoints;

  /** The DER controls' cap on each EVSE's discharge, amps per phase; null: none. */
  private @Nullable Double derCapA;

  Discharging(int evseCount, SmartChargingService smartCharging, StationLimitGuard outputs) {
    this.evseCount = evseCount;
    this.smartCharging = smartCharging;
    this.outputs = outputs;
    this.applied = new double[evseCount];
    // Unknown until the first apply, which then tells every output what it may feed back (0
    // included): hardware that outlived the station (a restart) may still hold an older offer.
    Arrays.fill(applied, Double.NaN);
    this.setpoints = new Double[evseCount];
  }

  /**
   * A TxProfile or TxDefaultProfile whose periods ask for more than charging, where the EVSE cannot
   * discharge, is refused; null lets the profile on to the usual checks.
   */
  @Nullable ValidationResult refusal(ChargingProfile profile) {
    boolean tx = profile.purpose() == ProfilePurpose.TX;
    if (!(tx || profile.purpose() == ProfilePurpose.TX_DEFAULT) || !asksToDischarge(profile)) {
      return null;
    }
    int evse = profile.evseId();
    boolean possible;
    if (evse < 1 || evse > evseCount) {
      possible = !tx && anyBidirectional(); // the station's TxDefault: a bidirectional EVSE at all
    } else {
      possible = tx ? outputs.canDischarge(evse) : outputs.bidirectional(evse);
    }
    if (possible) {
      return null;
    }
    String where =
        tx
            ? "EVSE "
                + evse
                + " cannot discharge now: no EV in an ISO 15118-20 bidirectional session,"
                + " or V2X is switched off there"
            : "the EVSE cannot feed energy back";
    return new ValidationResult(
        null, List.of(), RejectionReason.OPERATION_MODE_NOT_POSSIBLE, where);
  }

  /**
   * Puts each EVSE's discharge limit and setpoint on the outputs; returns when the profiles next
   * change (null: never, or no bidirectional EVSE).
   *
   * @param chargeA the charging limit just applied to each EVSE, amps per phase: a setpoint stays
   *     at or below it
   * @param localCapA a site controller's cap on each EVSE's discharge, amps per phase (infinity:
   *     none)
   * @param signals what the station's surroundings tell each EVSE's mode (a local setpoint)
   */
  @Nullable Instant apply(
      Map<Integer, ActiveTransaction> active,
      Instant now,
      IntToDoubleFunction chargeA,
      IntToDoubleFunction localCapA,
      IntFunction<ModeSignals> signals) {
    if (!anyBidirectional()) {
      // Nothing to discharge; a mode may still change where the charging limit does not (Idle).
      return smartCharging.operationModesInUse()
          ? smartCharging.stationDischarge(active, now, RateUnit.A).nextChange()
          : null;
    }
    StationDischarge station = smartCharging.stationDischarge(active, now, RateUnit.A);
    double[] own = new double[evseCount];
    Double[] setpoint = new Double[evseCount];
    for (int e = 1; e <= evseCount; e++) {
      if (!outputs.canDischarge(e)) {
        continue;
      }
      BidirectionalLimit range =
          smartCharging.bidirectional(active, e, now, RateUnit.A, signals.apply(e));
      own[e - 1] = Math.min(range.discharge().negate().doubleValue(), localCapA.applyAsDouble(e));
      if (derCapA != null) {
        own[e - 1] = Math.min(own[e - 1], derCapA);
      }
      BigDecimal wanted = range.setpoint();
      setpoint[e - 1] = wanted == null ? null : wanted.doubleValue();
    }
    BigDecimal limit = station.limit();
    double[] shares = limit == null ? own : shared(own, limit.doubleValue());
    outputs.dischargeLimit(limit == null ? null : limit.doubleValue());
    for (boolean decreases : new boolean[] {true, false}) {
      for (int i = 0; i < evseCount; i++) {
        if (decreases == (shares[i] < applied[i])) {
          Double wanted = setpoint[i];
          Double held =
              wanted == null
                  ? null
                  : Math.max(-shares[i], Math.min(chargeA.applyAsDouble(i + 1), wanted));
          if (shares[i] != applied[i] || !java.util.Objects.equals(held, setpoints[i])) {
            applied[i] = shares[i];
            setpoints[i] = held;
            outputs.offerDischarge(i + 1, shares[i], held);
          }
        }
      }
    }
    return station.nextChange();
  }

  /**
   * Which EVSEs are Idle now (2.1: the period in force transfers nothing either way); their
   * charging limit is 0. Cheap when no profile uses an operation mode.
   */
  IntPredicate idle(Map<Integer, ActiveTransaction> active, Instant now) {
    if (!smartCharging.operationModesInUse()) {
      return evse -> false;
    }
    return evse ->
        smartCharging.bidirectional(active, evse, now, RateUnit.A).mode() == OperationMode.IDLE;
  }

  /** The DER controls' cap on what each EVSE feeds back (null: none); applied on the next run. */
  void cap(@Nullable Double amps) {
    derCapA = amps;
  }

  /** What EVSE {@code evse} may feed back now, amps per phase (0: nothing). */
  double dischargeA(int evse) {
    double a = applied[evse - 1];
    return Double.isNaN(a) ? 0 : a;
  }

  /** {@code total} split equally among the EVSEs that want some, each up to what it wants. */
  static double[] shared(double[] wants, double total) {
    Integer[] order = new Integer[wants.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(wants[a], wants[b]));
    double[] shares = new double[wants.length];
    double left = Math.max(0, total);
    int takers = (int) Arrays.stream(wants).filter(w -> w > 0).count();
    for (int i : order) {
      if (wants[i] <= 0) {
        continue;
      }
      // Cut to 0.1 A, never rounded up, so the shares never add up to more than the limit.
      double share = Math.min(wants[i], Math.floor(left / takers * 10 + 1e-9) / 10);
      shares[i] = share;
      left -= share;
      takers--;
    }
    return shares;
  }

  /** Whether any EVSE's hardware can feed energy back. */
  boolean anyBidirectional() {
    for (int e = 1; e <= evseCount; e++) {
      if (outputs.bidirectional(e)) {
        return true;
      }
    }
    return false;
  }

  /** A period in a mode that may discharge (neither ChargingOnly nor Idle). */
  private static boolean asksToDischarge(ChargingProfile profile) {
    for (ChargingSchedule s : profile.schedules()) {
      for (SchedulePeriod p : s.periods()) {
        BigDecimal discharge = p.dischargeLimit();
        if (p.mode().actsBothWays()
            || (p.mode().mayDischarge() && discharge != null && discharge.signum() < 0)) {
          return true;
        }
      }
    }
    return false;
  }
}
