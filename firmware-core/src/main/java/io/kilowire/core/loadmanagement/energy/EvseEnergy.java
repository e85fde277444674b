package io.kilowire.core.loadmanagement.energy;

import org.jspecify.annotations.Nullable;

/**
 * How one EVSE uses the sun, where it differs from the site.
 *
 * @param mode its charging mode; null = the site's
 * @param phaseSwitching the EVSE can switch a three-phase EV between one and three phases (a
 *     contactor per phase), so a solar EV can start on one phase with a third of the surplus
 */
public record EvseEnergy(@Nullable ChargingMode mode, boolean phaseSwitching) {
  public static final EvseEnergy SITE = new EvseEnergy(null, false);
}
