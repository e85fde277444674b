package io.kilowire.emulator.station;

import java.time.Duration;

/**
 * How a simulated EV charges: it draws what the pilot offers up to its own maximum, follows a
 * change of the pilot after {@code responseDelay} (IEC 61851-1 allows up to 5 s), tapers linearly
 * above {@code taperFromPercent} state of charge down to {@code taperEndA} at 100 %, and stops at
 * {@code targetSocPercent}.
 *
 * @param batteryWh usable battery capacity
 * @param targetSocPercent the EV stops charging here (100 = full)
 * @param maxCurrentA the most it draws per phase
 * @param phases the phases it draws on (1..3)
 * @param responseDelay how long it takes to follow a new pilot current
 * @param taperFromPercent where the taper begins
 * @param taperEndA what it still draws just below 100 %
 */
public record EvModel(
    double batteryWh,
    double targetSocPercent,
    double maxCurrentA,
    int phases,
    Duration responseDelay,
    double taperFromPercent,
    double taperEndA) {
  /** The default response delay of the emulator's EVs. */
  public static final Duration DEFAULT_RESPONSE_DELAY = Duration.ofSeconds(2);

  /** The longest response delay IEC 61851-1 allows an EV. */
  public static final Duration MAX_RESPONSE_DELAY = Duration.ofSeconds(5);

  public EvModel {
    if (!(batteryWh > 0)) {
      throw new IllegalArgumentException("batteryWh must be > 0");
    }
    if (!(targetSocPercent > 0) || targetSocPercent > 100) {
      throw new IllegalArgumentException("targetSocPercent must be in (0, 100]");
    }
    if (!(maxCurrentA > 0)) {
      throw new IllegalArgumentException("maxCurrentA must be > 0");
    }
    if (phases < 1 || phases > 3) {
      throw new IllegalArgumentException("phases must be 1, 2 or 3");
    }
    if (responseDelay.isNegative() || responseDelay.compareTo(MAX_RESPONSE_DELAY) > 0) {
      throw new IllegalArgumentException("responseDelay must be between 0 and 5 s");
    }
    if (!(taperFromPercent >= 0) || taperFromPercent > 100) {
      throw new IllegalArgumentException("taperFromPercent must be in [0, 100]");
    }
    if (!(taperEndA >= 0) || taperEndA > maxCurrentA) {
      throw new IllegalArgumentException("taperEndA must be in [0, maxCurrentA]");
    }
  }

  /** An EV with the default behaviour: 2 s response, taper above 80 % down to 2 A, charges full. */
  public static EvModel of(double batteryWh, double maxCurrentA, int phases) {
    return new EvModel(
        batteryWh, 100, maxCurrentA, phases, DEFAULT_RESPONSE_DELAY, 80, Math.min(2, maxCurrentA));
  }

  public EvModel withTargetSoc(double percent) {
    return new EvModel(
        batteryWh, percent, maxCurrentA, phases, responseDelay, taperFromPercent, taperEndA);
  }

  public EvModel withResponseDelay(Duration delay) {
    return new EvModel(
        batteryWh, targetSocPercent, maxCurrentA, phases, delay, taperFromPercent, taperEndA);
  }

  /** Whether it stopped charging at {@code socPercent}. */
  public boolean done(double socPercent) {
    return socPercent >= targetSocPercent;
  }

  /** The most it accepts per phase at {@code socPercent}: its maximum, tapered, 0 when done. */
  public double acceptA(double socPercent) {
    if (done(socPercent)) {
      return 0;
    }
    if (socPercent <= taperFromPercent || taperFromPercent >= 100) {
      return maxCurrentA;
    }
    double f = (socPercent - taperFromPercent) / (100 - taperFromPercent);
    return maxCurrentA - f * (maxCurrentA - taperEndA);
  }

  /** What it draws per phase at {@code socPercent} when the pilot offers {@code offeredA}. */
  public double drawA(double offeredA, double socPercent) {
    return Math.max(0, Math.min(offeredA, acceptA(socPercent)));
  }

  /** The energy still wanted to reach the target from {@code socPercent}. */
  public double energyNeededWh(double socPercent) {
    return Math.max(0, (targetSocPercent - socPercent) / 100 * batteryWh);
  }
}
