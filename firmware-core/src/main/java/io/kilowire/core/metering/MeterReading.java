package io.kilowire.core.metering;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One reading of an EVSE's energy meter.
 *
 * @param energyWh the import register, monotonically increasing
 * @param powerW active power, negative while energy flows back from the EV (V2G)
 * @param currentA current per phase L1, L2, L3 (0 on unused phases), negative while energy flows
 *     back from the EV
 * @param voltageV voltage per phase to neutral
 * @param socPercent the EV's state of charge when it reports one
 * @param offeredCurrentA the current the station offered the EV at that instant, in amps per phase
 *     (Current.Offered): not measured by the meter but added by the station, which knows the limit
 *     in force; null when unknown (a reading straight from the hardware)
 * @param exportEnergyWh the export register (energy fed back from the EV), monotonically
 *     increasing; null for a meter that does not count it
 * @param reactivePowerVar reactive power over all phases, positive inductive (absorbed from the
 *     grid), negative capacitive (injected); null for a meter that does not read it
 * @param known what the station knows beside the meter at that instant (its discharge offer and
 *     setpoint, the EV's energy requests), reported as OCPP 2.1's measurands; null: nothing
 */
public record MeterReading(
    Instant at,
    double energyWh,
    double powerW,
    PerPhase currentA,
    PerPhase voltageV,
    @Nullable Integer socPercent,
    @Nullable Double offeredCurrentA,
    @Nullable Double exportEnergyWh,
    @Nullable Double reactivePowerVar,
    @Nullable Known known) {

  /**
   * What the station knows of an EVSE's session beside its meter, each null when unknown: what it
   * offers the EV to feed back (amps per phase, Current.Export.Offered), its setpoint (watts,
   * negative to discharge, Power.Active.Setpoint), and the energy the EV asks for over ISO 15118
   * (EnergyRequest.Target, .Minimum and .Maximum, in Wh) and, a BPT EV, the range it lets the grid
   * cycle (EnergyRequest.Minimum.V2X, .Maximum.V2X).
   */
  public record Known(
      @Nullable Double exportOfferedA,
      @Nullable Double setpointW,
      @Nullable Double energyTargetWh,
      @Nullable Double energyMinimumWh,
      @Nullable Double energyMaximumWh,
      @Nullable Double energyMinimumV2xWh,
      @Nullable Double energyMaximumV2xWh) {}

  /** A reading without what the station knows beside the meter. */
  public MeterReading(
      Instant at,
      double energyWh,
      double powerW,
      PerPhase currentA,
      PerPhase voltageV,
      @Nullable Integer socPercent,
      @Nullable Double offeredCurrentA,
      @Nullable Double exportEnergyWh,
      @Nullable Double reactivePowerVar) {
    this(
        at,
        energyWh,
        powerW,
        currentA,
        voltageV,
        socPercent,
        offeredCurrentA,
        exportEnergyWh,
        reactivePowerVar,
        null);
  }

  /** A reading with its export register, without reactive power. */
  public MeterReading(
      Instant at,
      double energyWh,
      double powerW,
      PerPhase currentA,
      PerPhase voltageV,
      @Nullable Integer socPercent,
      @Nullable Double offeredCurrentA,
      @Nullable Double exportEnergyWh) {
    this(
        at,
        energyWh,
        powerW,
        currentA,
        voltageV,
        socPercent,
        offeredCurrentA,
        exportEnergyWh,
        null);
  }

  /** A reading with the offered current, from a meter that does not count exported energy. */
  public MeterReading(
      Instant at,
      double energyWh,
      double powerW,
      PerPhase currentA,
      PerPhase voltageV,
      @Nullable Integer socPercent,
      @Nullable Double offeredCurrentA) {
    this(at, energyWh, powerW, currentA, voltageV, socPercent, offeredCurrentA, null);
  }

  /** A reading as the meter gives it, without the offered current. */
  public MeterReading(
      Instant at,
      double energyWh,
      double powerW,
      PerPhase currentA,
      PerPhase voltageV,
      @Nullable Integer socPercent) {
    this(at, energyWh, powerW, currentA, voltageV, socPercent, null, null);
  }

  /** The same reading with the current the station offered the EV then. */
  public MeterReading withOfferedCurrent(@Nullable Double amps) {
    return new MeterReading(
        at,
        energyWh,
        powerW,
        currentA,
        voltageV,
        socPercent,
        amps,
        exportEnergyWh,
        reactivePowerVar,
        known);
  }

  /** The same reading with what the station knows beside the meter then. */
  public MeterReading withKnown(@Nullable Known what) {
    return new MeterReading(
        at,
        energyWh,
        powerW,
        currentA,
        voltageV,
        socPercent,
        offeredCurrentA,
        exportEnergyWh,
        reactivePowerVar,
        what);
  }

  /** The same reading from a meter whose export register stands at {@code wh}. */
  public MeterReading withExportEnergy(double wh) {
    return new MeterReading(
        at,
        energyWh,
        powerW,
        currentA,
        voltageV,
        socPercent,
        offeredCurrentA,
        wh,
        reactivePowerVar,
        known);
  }

  /** The same reading from a meter that reads {@code var} of reactive power (null: none). */
  public MeterReading withReactivePower(@Nullable Double var) {
    return new MeterReading(
        at,
        energyWh,
        powerW,
        currentA,
        voltageV,
        socPercent,
        offeredCurrentA,
        exportEnergyWh,
        var,
        known);
  }

  /** Reactive power absorbed (inductive): never negative; null without a reading of it. */
  public @Nullable Double reactiveImportVar() {
    return reactivePowerVar == null ? null : Math.max(0, reactivePowerVar);
  }

  /** Reactive power injected (capacitive): never negative; null without a reading of it. */
  public @Nullable Double reactiveExportVar() {
    return reactivePowerVar == null ? null : Math.max(0, -reactivePowerVar);
  }

  /** Active power drawn from the grid: never negative, 0 while energy flows back. */
  public double importPowerW() {
    return Math.max(0, powerW);
  }

  /** Active power fed back to the grid: never negative, 0 while the EV charges. */
  public double exportPowerW() {
    return Math.max(0, -powerW);
  }

  /** Current drawn on {@code phase} (1-3): never negative, 0 while energy flows back. */
  public double importCurrentA(int phase) {
    return Math.max(0, currentA.get(phase));
  }

  /** Current fed back on {@code phase} (1-3): never negative, 0 while the EV charges. */
  public double exportCurrentA(int phase) {
    return Math.max(0, -currentA.get(phase));
  }

  /** A value per phase. */
  public record PerPhase(double l1, double l2, double l3) {
    public static final PerPhase ZERO = new PerPhase(0, 0, 0);

    public double get(int phase) {
      return switch (phase) {
        case 1 -> l1;
        case 2 -> l2;
        case 3 -> l3;
        default -> throw new IllegalArgumentException("phase " + phase);
      };
    }
  }

  /** An idle meter standing at {@code energyWh}. */
  public static MeterReading idle(Instant at, double energyWh, double voltage) {
    return new MeterReading(
        at, energyWh, 0, PerPhase.ZERO, new PerPhase(voltage, voltage, voltage), null);
  }
}
