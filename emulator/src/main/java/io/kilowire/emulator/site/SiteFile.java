package io.kilowire.emulator.site;

import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.emulator.station.EvModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A site description ({@code run --site FILE}): the core's {@link SiteConfig} plus what only the
 * emulator needs — the building load, which station and EVSE each slot is, the EVs that arrive,
 * demand-response windows. Times of day are in {@code zone} and repeat every simulated day.
 *
 * @param name a label for the output
 * @param config the grid connection and the EVSEs, as the load balancer sees them
 * @param start when the simulation starts; null = midnight of today (virtual time) or now (real
 *     time)
 * @param zone the time zone of the times of day
 * @param step how often the site meter is read and the balancer steps
 * @param building the non-EV load
 * @param evses the EVSEs with their place among the emulated stations, in file order
 * @param arrivals the EVs that come, every day
 * @param demandResponses limits on the EVs' total power, every day
 * @param v2g the evening peak in which the sandbox CSMS asks the V2G EVs to feed the building (OCPP
 *     2.1); null = none
 * @param grid the grid's frequency and voltage over the day, read by the stations' grid sensors;
 *     null = the stations have no grid sensor
 */
public record SiteFile(
    String name,
    SiteConfig config,
    @Nullable Instant start,
    ZoneId zone,
    Duration step,
    BuildingLoad building,
    List<Evse> evses,
    List<Arrival> arrivals,
    List<DemandResponseWindow> demandResponses,
    @Nullable V2gPeak v2g,
    @Nullable GridModel grid) {
  public SiteFile {
    evses = List.copyOf(evses);
    arrivals = List.copyOf(arrivals);
    demandResponses = List.copyOf(demandResponses);
  }

  /** A site without a V2G peak whose stations have no grid sensor. */
  public SiteFile(
      String name,
      SiteConfig config,
      @Nullable Instant start,
      ZoneId zone,
      Duration step,
      BuildingLoad building,
      List<Evse> evses,
      List<Arrival> arrivals,
      List<DemandResponseWindow> demandResponses) {
    this(name, config, start, zone, step, building, evses, arrivals, demandResponses, null);
  }

  /** A site whose stations have no grid sensor. */
  public SiteFile(
      String name,
      SiteConfig config,
      @Nullable Instant start,
      ZoneId zone,
      Duration step,
      BuildingLoad building,
      List<Evse> evses,
      List<Arrival> arrivals,
      List<DemandResponseWindow> demandResponses,
      @Nullable V2gPeak v2g) {
    this(name, config, start, zone, step, building, evses, arrivals, demandResponses, v2g, null);
  }

  /**
   * Every day from {@code from} until {@code until} (past midnight when earlier) the CSMS asks each
   * V2G EV to feed back {@code dischargeA} per phase (a CentralSetpoint TxProfile); the site keeps
   * what they feed back together within the fuse.
   */
  public record V2gPeak(LocalTime from, LocalTime until, double dischargeA) {}

  /** The same site with {@code peak} as its V2G peak (null: none). */
  public SiteFile withV2g(@Nullable V2gPeak peak) {
    return new SiteFile(
        name, config, start, zone, step, building, evses, arrivals, demandResponses, peak, grid);
  }

  /** The id the balancer knows an EVSE by: {@code <station>/<evse>}, e.g. {@code 3/1}. */
  public static String slotId(int station, int evse) {
    return station + "/" + evse;
  }

  /**
   * An EVSE of the site.
   *
   * @param station the emulated station, 1-based (the run's station ids are numbered the same way)
   * @param evse the EVSE (1.6: connector) on that station, 1-based
   * @param slot how the balancer sees it
   */
  public record Evse(int station, int evse, EvseSlot slot) {}

  /**
   * An EV that plugs in every day at {@code at} and leaves at {@code departure} (the next day when
   * that is earlier).
   *
   * @param socPercent its state of charge on arrival
   * @param ev how it charges (battery, target, maximum current, phases, response delay)
   */
  public record Arrival(
      LocalTime at, int station, int evse, EvModel ev, double socPercent, LocalTime departure) {}

  /**
   * From {@code from} to {@code until} every day, the EVs together take at most {@code limitKw}.
   */
  public record DemandResponseWindow(LocalTime from, LocalTime until, double limitKw) {}

  /** How many stations the site needs. */
  public int stations() {
    return evses.stream().mapToInt(Evse::station).max().orElse(0);
  }

  /** How many EVSEs each station needs (the most any station has). */
  public int evsesPerStation() {
    return evses.stream().mapToInt(Evse::evse).max().orElse(0);
  }
}
