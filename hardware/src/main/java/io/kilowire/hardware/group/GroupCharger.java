package io.kilowire.hardware.group;

import io.kilowire.core.loadmanagement.group.MemberState;

/**
 * The charger a {@link GroupNode} governs: what its EV wants, and where the group's limit goes.
 * Called on the node's thread; implementations must not block.
 */
public interface GroupCharger {
  /**
   * @param active an EV wants energy
   * @param evMaxA the most the EV takes per phase (the EVSE's rating when unknown)
   * @param drawA what the EVSE's meter measures now, largest phase
   */
  record Demand(boolean active, double evMaxA, double drawA) {}

  Demand demand();

  /** The member's limit changed (or its state did): apply {@code amps} per phase. */
  void limit(double amps, MemberState state);

  /** An allocation of the current controller was accepted (feeds the station's watchdog). */
  default void controllerHeard() {}

  /** A built-in EV for tests and demos: it takes everything up to {@code evMaxA}; 0 = none. */
  static GroupCharger simulated(double evMaxA) {
    return new GroupCharger() {
      private double limitA;

      @Override
      public Demand demand() {
        return new Demand(evMaxA > 0, evMaxA, Math.min(limitA, evMaxA));
      }

      @Override
      public void limit(double amps, MemberState state) {
        limitA = amps;
      }
    };
  }
}
