package io.kilowire.core.hal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The minimal boundary to an ISO 15118 / DIN 70121 stack: the EV's charging needs come in, limits
 * go out. The message mapping (SAScheduleList, EVSEMaxCurrent, -20 target power) lives in {@code
 * io.kilowire.core.hal.iso15118} (SPEC-FACTS F).
 */
public interface Iso15118Link {

  /** Receives what the EV asks for. */
  interface Listener {
    /** High-level communication started (true) or ended (false); the pilot shows 5 % while on. */
    void sessionActive(int evse, boolean active);

    void chargingNeeds(int evse, EvChargingNeeds needs);
  }

  /** Registers the one listener; replaces any earlier one. */
  void setListener(Listener listener);

  /** Offers the EV new limits; the stack renegotiates when a schedule is already agreed (F.2). */
  void offerLimits(int evse, HlcLimits limits);

  /**
   * What the EV reports in ChargeParameterDiscovery / ScheduleExchange.
   *
   * @param energyRequestWh energy the EV wants, if it said
   * @param maxCurrentA the EV's maximum current per phase
   * @param minCurrentA the EV's minimum current per phase
   * @param departureTime when the driver leaves, if the EV said
   * @param maxDischargeCurrentA null unless the EV chose ISO 15118-20 bidirectional power transfer
   *     (BPT): then the most it may feed back, per phase, at or above 0
   */
  record EvChargingNeeds(
      @Nullable Double energyRequestWh,
      double maxCurrentA,
      double minCurrentA,
      @Nullable Instant departureTime,
      @Nullable Double maxDischargeCurrentA) {
    public EvChargingNeeds {
      if (maxDischargeCurrentA != null && !(maxDischargeCurrentA >= 0)) {
        throw new IllegalArgumentException(
            "maxDischargeCurrentA must be >= 0: " + maxDischargeCurrentA);
      }
    }

    /** An EV that charges only (no BPT). */
    public EvChargingNeeds(
        @Nullable Double energyRequestWh,
        double maxCurrentA,
        double minCurrentA,
        @Nullable Instant departureTime) {
      this(energyRequestWh, maxCurrentA, minCurrentA, departureTime, null);
    }

    /** The EV takes part in bidirectional power transfer (ISO 15118-20 BPT). */
    public boolean bidirectional() {
      return maxDischargeCurrentA != null;
    }
  }

  /**
   * Limits for the EV.
   *
   * @param maxCurrentA per phase, amps
   * @param maxPowerW total, watts
   * @param validUntil the limits lapse at this instant unless renewed (the lease rule)
   * @param maxDischargeCurrentA the most the EV may feed back, per phase, at or above 0 (ISO
   *     15118-20 BPT EVSEMaximumDischargeCurrent; 0 without BPT)
   * @param maxDischargePowerW the same in watts, total (EVSEMaximumDischargePower)
   * @param targetPowerW what the EV should transfer, total, negative to discharge (ISO 15118-20
   *     Dynamic mode EVSETargetActivePower, from an OCPP 2.1 setpoint); null: the EV chooses within
   *     the limits
   */
  record HlcLimits(
      double maxCurrentA,
      double maxPowerW,
      Instant validUntil,
      double maxDischargeCurrentA,
      double maxDischargePowerW,
      @Nullable Double targetPowerW) {
    public HlcLimits {
      if (maxDischargeCurrentA < 0 || maxDischargePowerW < 0) {
        throw new IllegalArgumentException("discharge limits are magnitudes, >= 0");
      }
      if (targetPowerW != null
          && (targetPowerW > maxPowerW || -targetPowerW > maxDischargePowerW)) {
        throw new IllegalArgumentException(
            "target "
                + targetPowerW
                + " W outside [-"
                + maxDischargePowerW
                + ", "
                + maxPowerW
                + "]");
      }
    }

    /** Charging limits only: no discharging, no target. */
    public HlcLimits(double maxCurrentA, double maxPowerW, Instant validUntil) {
      this(maxCurrentA, maxPowerW, validUntil, 0, 0, null);
    }
  }
}
