package io.kilowire.core.loadmanagement.energy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Everything about a site's energy besides the grid fuse and the EVs: its PV, its battery, what it
 * may export, what energy costs, and how the EVSEs use the sun.
 *
 * @param zone the time zone of every time of day here (profile, clouds, tariffs)
 * @param pv the rooftop PV; null = none
 * @param battery the stationary battery; null = none
 * @param exportLimitKw the most the site may feed into the grid (0 = zero export); null = no limit
 * @param tariff the prices by time of day; null = not known
 * @param mode the site's charging mode, which every EVSE uses unless {@code evses} says otherwise
 * @param evses per EVSE id, what differs from the site
 * @param solar start and stop holds, reading staleness, urgency of departures
 */
public record SiteEnergy(
    ZoneId zone,
    @Nullable PvArray pv,
    @Nullable Battery battery,
    @Nullable Double exportLimitKw,
    @Nullable Tariff tariff,
    ChargingMode mode,
    Map<String, EvseEnergy> evses,
    SolarRules solar) {
  /** A site with neither PV nor battery, every EVSE on the grid budget. */
  public static final SiteEnergy NONE =
      new SiteEnergy(
          ZoneOffset.UTC, null, null, null, null, ChargingMode.GRID, Map.of(), SolarRules.DEFAULTS);

  public SiteEnergy {
    evses = Map.copyOf(evses);
    if (exportLimitKw != null) {
      EnergyFields.within(exportLimitKw, 0, 1_000_000, "exportLimitKw");
    }
    EnergyFields.require(
        !uses(mode, evses, ChargingMode::solar) || pv != null,
        "chargingMode",
        "solar-first and solar-only need a pv section (no sun, no surplus)");
    EnergyFields.require(
        !uses(mode, evses, m -> m == ChargingMode.COST) || tariff != null,
        "chargingMode",
        "cost needs a tariffs section (no prices, no cheap hours)");
  }

  private static boolean uses(
      ChargingMode mode, Map<String, EvseEnergy> evses, Predicate<ChargingMode> which) {
    return which.test(mode)
        || evses.values().stream().anyMatch(e -> e.mode() != null && which.test(e.mode()));
  }

  /** The mode EVSE {@code evseId} charges in. */
  public ChargingMode modeOf(String evseId) {
    EvseEnergy e = evses.get(evseId);
    return e == null || e.mode() == null ? mode : e.mode();
  }

  /** Whether EVSE {@code evseId} can switch between one and three phases. */
  public boolean phaseSwitching(String evseId) {
    EvseEnergy e = evses.get(evseId);
    return e != null && e.phaseSwitching();
  }

  /** True when any EVSE charges from the sun. */
  public boolean usesSolar() {
    return uses(mode, evses, ChargingMode::solar);
  }

  /** True when any EVSE charges by the tariffs. */
  public boolean usesCost() {
    return uses(mode, evses, m -> m == ChargingMode.COST);
  }

  /** The clear-day-with-clouds production at {@code time} of day, kW (0 without PV). */
  public double pvKwAt(LocalTime time) {
    return pv == null ? 0 : pv.kwAt(time);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder(NONE);
  }

  /** Starts from {@link #NONE}. */
  public static final class Builder {
    private ZoneId zone;
    private @Nullable PvArray pv;
    private @Nullable Battery battery;
    private @Nullable Double exportLimitKw;
    private @Nullable Tariff tariff;
    private ChargingMode mode;
    private Map<String, EvseEnergy> evses;
    private SolarRules solar;

    private Builder(SiteEnergy from) {
      zone = from.zone;
      pv = from.pv;
      battery = from.battery;
      exportLimitKw = from.exportLimitKw;
      tariff = from.tariff;
      mode = from.mode;
      evses = from.evses;
      solar = from.solar;
    }

    public Builder zone(ZoneId v) {
      zone = v;
      return this;
    }

    public Builder pv(@Nullable PvArray v) {
      pv = v;
      return this;
    }

    public Builder battery(@Nullable Battery v) {
      battery = v;
      return this;
    }

    public Builder exportLimitKw(@Nullable Double v) {
      exportLimitKw = v;
      return this;
    }

    public Builder tariff(@Nullable Tariff v) {
      tariff = v;
      return this;
    }

    public Builder mode(ChargingMode v) {
      mode = v;
      return this;
    }

    public Builder evses(Map<String, EvseEnergy> v) {
      evses = v;
      return this;
    }

    public Builder solar(SolarRules v) {
      solar = v;
      return this;
    }

    public SiteEnergy build() {
      return new SiteEnergy(zone, pv, battery, exportLimitKw, tariff, mode, evses, solar);
    }
  }
}
