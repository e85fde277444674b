package io.kilowire.core.station.limits;

import io.kilowire.core.der.ReactiveDemand;
import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.RejectionReason;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.smartcharging.ValidationResult;
import io.kilowire.core.station.StationHardware;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OCPP 2.1 reactive power on the outputs: a profile asking for reactive power is taken only where
 * the EVSE can exchange it ({@link StationHardware#canExchangeReactive}; a TxDefaultProfile: where
 * the output is bidirectional), and the target in force goes to each such output, on change.
 *
 * <p>The target is the reactive DER control's where one acts ({@link #der}), else the profile's
 * setpointReactive: a DER control carries the grid code the connection must meet, so it goes before
 * what a schedule asks (the station's reading; a cleared control hands the output back to the
 * profile). A DER target that follows the output's active power (power factor, WattVar, available
 * var) is worked out again every {@link #ACTIVE_POWER_REVIEW}. A curve's {@code responseTime} paces
 * the DER target as it paces the active-power controls ({@code der.DerPace}): each output's
 * reactive current follows it as a first-order lag that covers 90 % of a step within that time,
 * from what the output had (nothing: 0), worked out again every {@link #ACTIVE_POWER_REVIEW} until
 * it is reached; a control that ends hands the output back at once.
 */
final class ReactivePower {
  /** How often a DER target that follows the active power is worked out again. */
  static final Duration ACTIVE_POWER_REVIEW = Duration.ofSeconds(1);

  private final int evseCount;
  private final SmartChargingService smartCharging;
  private final StationHardware outputs;
  private final double maxA;

  /** What the reactive DER control in force asks; null: none. */
  private @Nullable ReactiveDemand der;

  /** What each output was last given (absent: nothing yet). */
  private final Map<Integer, @Nullable Double> offered = new HashMap<>();

  /** The DER target each lagging output was heading for at the last step. */
  private final Map<Integer, Double> derTargets = new HashMap<>();

  /** When the outputs were last given their targets (null: never). */
  private @Nullable Instant lastApply;

  /** Below this many amps from its target a lagging output is given the target itself. */
  private static final double SETTLED_A = 0.05;

  /**
   * @param maxA an output's maximum current per phase: its maximum apparent power, which DER
   *     controls count their percentages of
   */
  ReactivePower(
      int evseCount, SmartChargingService smartCharging, StationHardware outputs, double maxA) {
    this.evseCount = evseCount;
    this.smartCharging = smartCharging;
    this.outputs = outputs;
    this.maxA = maxA;
  }

  /** What the reactive DER control in force asks of the outputs (null: none). */
  void der(@Nullable ReactiveDemand demand) {
    this.der = demand;
  }

  /** Rejected where a period asks for reactive power an EVSE cannot exchange; else null. */
  @Nullable ValidationResult refusal(ChargingProfile profile) {
    if (!asksForReactive(profile) || possibleFor(profile)) {
      return null;
    }
    boolean tx = profile.purpose() == ProfilePurpose.TX;
    return new ValidationResult(
        null,
        List.of(),
        RejectionReason.REACTIVE_NOT_POSSIBLE,
        "setpointReactive: "
            + (tx
                ? "EVSE " + profile.evseId() + " cannot exchange reactive power with its EV now"
                : "no output here can exchange reactive power"));
  }

  /**
   * Whether {@code profile}'s EVSE can take a reactive setpoint: a TxProfile's now, another's on a
   * bidirectional output (for later transactions; on EVSE 0, any).
   */
  boolean possibleFor(ChargingProfile profile) {
    int evse = profile.evseId();
    boolean tx = profile.purpose() == ProfilePurpose.TX;
    boolean possible;
    if (evse < 1 || evse > evseCount) {
      possible = false;
      for (int e = 1; e <= evseCount && !possible; e++) {
        possible = outputs.bidirectional(e);
      }
    } else {
      possible = tx ? outputs.canExchangeReactive(evse) : outputs.bidirectional(evse);
    }
    return possible;
  }

  /**
   * Gives each output that can exchange reactive power the target in force, in amps; when it must
   * be worked out again as the active power changes.
   */
  @Nullable Instant apply(Map<Integer, ActiveTransaction> active, Instant now) {
    boolean follows = false;
    double dt =
        lastApply == null ? 0 : Math.max(0, Duration.between(lastApply, now).toMillis() / 1000.0);
    lastApply = now;
    for (int e = 1; e <= evseCount; e++) {
      Double amps = null;
      if (outputs.canExchangeReactive(e)) {
        if (der != null) {
          amps = derAmps(der, e);
          follows |= der.followsActivePower();
          BigDecimal responseTime = der.responseTime();
          if (responseTime != null && responseTime.signum() > 0) {
            Double had = offered.get(e);
            double from = had == null ? 0 : had;
            // Since the last step the output moved toward the target then in force (held between
            // steps); the new target counts from now.
            Double before = derTargets.get(e);
            double heldTarget = before == null ? from : before;
            double keep = Math.exp(-dt * Math.log(10) / responseTime.doubleValue());
            double lagged = heldTarget + (from - heldTarget) * keep;
            derTargets.put(e, amps);
            if (Math.abs(lagged - amps) >= SETTLED_A) {
              amps = lagged;
              follows = true; // not there yet: step again
            }
          } else {
            derTargets.remove(e);
          }
        } else {
          derTargets.remove(e);
          BigDecimal value = smartCharging.reactive(active, e, now, RateUnit.A);
          amps = value == null ? null : value.doubleValue();
        }
      }
      if (!offered.containsKey(e) || !Objects.equals(offered.get(e), amps)) {
        if (amps != null || offered.get(e) != null) {
          outputs.offerReactive(e, amps);
        }
        offered.put(e, amps);
      }
    }
    return follows ? now.plus(ACTIVE_POWER_REVIEW) : null;
  }

  /**
   * The DER target on output {@code evse} in amps per phase, inductive (absorbed) positive as the
   * HAL takes it, from its meter's active current (drawing positive there, feeding in 2.1's sign).
   */
  private double derAmps(ReactiveDemand demand, int evse) {
    double drawnA = outputs.read(evse).currentA().l1();
    double activePct = -drawnA / maxA * 100;
    return -demand.percentAt(activePct) / 100 * maxA;
  }

  private static boolean asksForReactive(ChargingProfile profile) {
    for (ChargingSchedule s : profile.schedules()) {
      for (SchedulePeriod p : s.periods()) {
        if (p.setpointReactive() != null) {
          return true;
        }
      }
    }
    return false;
  }
}
