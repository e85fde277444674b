package io.kilowire.emulator.station;

import io.kilowire.core.station.EnergyOffer;
import io.kilowire.core.station.EvControlMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a simulated EV charges: it draws what the pilot offers up to its own maximum, follows a
 * change of the pilot after {@code responseDelay} (IEC 61851-1 allows up to 5 s), tapers linearly
 * above {@code taperFromPercent} state of charge down to {@code taperEndA} at 100 %, and stops at
 * {@code targetSocPercent}. A V2G EV ({@link #withV2g}) also feeds energy back over ISO 15118-20
 * bidirectional power transfer, up to {@code maxDischargeA}, while its state of charge is above
 * {@code minSocPercent}.
 *
 * @param batteryWh usable battery capacity
 * @param targetSocPercent the EV stops charging here (100 = full)
 * @param maxCurrentA the most it draws per phase
 * @param phases the phases it draws on (1..3)
 * @param responseDelay how long it takes to follow a new pilot current
 * @param taperFromPercent where the taper begins
 * @param taperEndA what it still draws just below 100 %
 * @param maxDischargeA the most it feeds back per phase; 0: it charges only
 * @param minSocPercent it feeds back only while its state of charge is above this
 * @param controlMode how a V2G EV is controlled over ISO 15118-20: by the station's targets
 *     (dynamic, the default) or by schedules, when it also offers energy ({@link #energyOffer})
 */
public record EvModel(
    double batteryWh,
    double targetSocPercent,
    double maxCurrentA,
    int phases,
    Duration responseDelay,
    double taperFromPercent,
    double taperEndA,
    double maxDischargeA,
    double minSocPercent,
    EvControlMode controlMode) {
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
    if (!(maxDischargeA >= 0)) {
      throw new IllegalArgumentException("maxDischargeA must be >= 0");
    }
    if (!(minSocPercent >= 0) || minSocPercent > 100) {
      throw new IllegalArgumentException("minSocPercent must be in [0, 100]");
    }
    java.util.Objects.requireNonNull(controlMode, "controlMode");
  }

  /** An EV that charges only. */
  public EvModel(
      double batteryWh,
      double targetSocPercent,
      double maxCurrentA,
      int phases,
      Duration responseDelay,
      double taperFromPercent,
      double taperEndA) {
    this(
        batteryWh,
        targetSocPercent,
        maxCurrentA,
        phases,
        responseDelay,
        taperFromPercent,
        taperEndA,
        0,
        0,
        EvControlMode.DYNAMIC);
  }

  /** An EV with the default behaviour: 2 s response, taper above 80 % down to 2 A, charges full. */
  public static EvModel of(double batteryWh, double maxCurrentA, int phases) {
    return new EvModel(
        batteryWh, 100, maxCurrentA, phases, DEFAULT_RESPONSE_DELAY, 80, Math.min(2, maxCurrentA));
  }

  public EvModel withTargetSoc(double percent) {
    return new EvModel(
        batteryWh,
        percent,
        maxCurrentA,
        phases,
        responseDelay,
        taperFromPercent,
        taperEndA,
        maxDischargeA,
        minSocPercent,
        controlMode);
  }

  public EvModel withResponseDelay(Duration delay) {
    return new EvModel(
        batteryWh,
        targetSocPercent,
        maxCurrentA,
        phases,
        delay,
        taperFromPercent,
        taperEndA,
        maxDischargeA,
        minSocPercent,
        controlMode);
  }

  /** The same EV on {@code count} phases (a three-phase car on a single-phase EVSE). */
  public EvModel withPhases(int count) {
    return new EvModel(
        batteryWh,
        targetSocPercent,
        maxCurrentA,
        count,
        responseDelay,
        taperFromPercent,
        taperEndA,
        maxDischargeA,
        minSocPercent,
        controlMode);
  }

  /** This EV able to feed back up to {@code dischargeA} per phase while above {@code minSoc} %. */
  public EvModel withV2g(double dischargeA, double minSoc) {
    return new EvModel(
        batteryWh,
        targetSocPercent,
        maxCurrentA,
        phases,
        responseDelay,
        taperFromPercent,
        taperEndA,
        dischargeA,
        minSoc,
        controlMode);
  }

  /** This EV controlled by {@code mode} over ISO 15118-20. */
  public EvModel withControlMode(EvControlMode mode) {
    return new EvModel(
        batteryWh,
        targetSocPercent,
        maxCurrentA,
        phases,
        responseDelay,
        taperFromPercent,
        taperEndA,
        maxDischargeA,
        minSocPercent,
        mode);
  }

  /** Whether it takes part in bidirectional power transfer (ISO 15118-20 BPT). */
  public boolean v2g() {
    return maxDischargeA > 0;
  }

  /**
   * What it transfers per phase at {@code socPercent}, negative when it feeds back: with a {@code
   * targetA} (the station's setpoint) it follows it within what it is offered each way and what it
   * can do; without one it charges as {@link #drawA} says.
   *
   * @param dischargeOfferA the most it may feed back, at or above 0
   */
  public double flowA(
      double chargeOfferA,
      double dischargeOfferA,
      @org.jspecify.annotations.Nullable Double targetA,
      double socPercent) {
    double charge = drawA(chargeOfferA, socPercent);
    if (targetA == null) {
      return charge;
    }
    if (targetA >= 0) {
      return Math.min(targetA, charge);
    }
    if (socPercent <= minSocPercent) {
      return 0;
    }
    return -Math.min(-targetA, Math.min(dischargeOfferA, maxDischargeA));
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

  /**
   * What a V2G EV offers to feed back from {@code now} at {@code socPercent} (ISO 15118-20
   * EVEnergyOffer): its maximum on {@code phases} at {@code volts} for as long as its energy above
   * the floor lasts; at the floor, nothing for a day.
   */
  public EnergyOffer energyOffer(Instant now, double socPercent, double volts, int phases) {
    double powerW = maxDischargeA * volts * phases;
    double aboveFloorWh = -energyToSocWh(minSocPercent, socPercent);
    long seconds = powerW > 0 ? (long) Math.floor(aboveFloorWh / powerW * 3600) : 0;
    EnergyOffer.Entry entry =
        seconds >= 1
            ? new EnergyOffer.Entry(Duration.ofSeconds(seconds), -powerW)
            : new EnergyOffer.Entry(Duration.ofDays(1), 0);
    return new EnergyOffer(now, List.of(entry));
  }

  /** Energy from {@code socPercent} to {@code toPercent}; negative when it is above it. */
  public double energyToSocWh(double toPercent, double socPercent) {
    return (toPercent - socPercent) / 100 * batteryWh;
  }
}
