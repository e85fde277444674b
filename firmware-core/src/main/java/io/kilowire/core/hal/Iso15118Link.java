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
   */
  record EvChargingNeeds(
      @Nullable Double energyRequestWh,
      double maxCurrentA,
      double minCurrentA,
      @Nullable Instant departureTime) {}

  /**
   * Limits for the EV.
   *
   * @param maxCurrentA per phase, amps
   * @param maxPowerW total, watts
   * @param validUntil the limits lapse at this instant unless renewed (the lease rule)
   */
  record HlcLimits(double maxCurrentA, double maxPowerW, Instant validUntil) {}
}
