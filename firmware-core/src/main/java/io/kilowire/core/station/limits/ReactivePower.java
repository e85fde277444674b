package io.kilowire.core.station.limits;

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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OCPP 2.1 reactive setpoints on the outputs: a profile asking for reactive power is taken only
 * where the EVSE can exchange it ({@link StationHardware#canExchangeReactive}; a TxDefaultProfile:
 * where the output is bidirectional), and the setpoint in force goes to each such output, on
 * change.
 */
final class ReactivePower {
  private final int evseCount;
  private final SmartChargingService smartCharging;
  private final StationHardware outputs;

  /** What each output was last given (absent: nothing yet). */
  private final Map<Integer, @Nullable Double> offered = new HashMap<>();

  ReactivePower(int evseCount, SmartChargingService smartCharging, StationHardware outputs) {
    this.evseCount = evseCount;
    this.smartCharging = smartCharging;
    this.outputs = outputs;
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

  /** Gives each output that can exchange reactive power the setpoint in force, in amps. */
  void apply(Map<Integer, ActiveTransaction> active, Instant now) {
    for (int e = 1; e <= evseCount; e++) {
      Double amps = null;
      if (outputs.canExchangeReactive(e)) {
        BigDecimal value = smartCharging.reactive(active, e, now, RateUnit.A);
        amps = value == null ? null : value.doubleValue();
      }
      if (!offered.containsKey(e) || !Objects.equals(offered.get(e), amps)) {
        if (amps != null || offered.get(e) != null) {
          outputs.offerReactive(e, amps);
        }
        offered.put(e, amps);
      }
    }
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
