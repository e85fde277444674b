package io.kilowire.core.loadmanagement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Divides the limits on a whole charging station among its EVSEs: the station maximum (1.6
 * ChargePointMaxProfile, 2.0.1 ChargingStationMaxProfile) and the external constraints on EVSE 0,
 * which OCPP defines for the station as a whole (1.6 §3.13.2; 2.0.1 K01), never for each EVSE.
 *
 * <p>It is the site's allocation ({@link LoadBalancer}) on the station's own EVSEs, so the rules
 * are the same: equal shares among the EVSEs with a vehicle that wants current, each capped by its
 * own limit (profiles, local allocation, fallback cap, hardware, the EV's maximum); the 6 A
 * minimum, with pausing and turns when the limit cannot give every vehicle 6 A; what a tapering EV
 * does not draw offered to the others. An EVSE without a vehicle gets nothing while such a limit
 * holds. Every EVSE counts as wired L1, L2, L3, so single-phase EVs all count on L1: a station does
 * not know how they are spread, and that is the safe side. No ramp: the pilot's own rate limit
 * smooths rises. Pure and deterministic; not thread-safe.
 */
public final class StationSharing {
  private static final List<Phase> THREE_PHASES = List.of(Phase.L1, Phase.L2, Phase.L3);

  private final int evseCount;
  private final LoadBalancer balancer;

  /**
   * @param evseMaxA the hardware maximum of each EVSE in amps per phase, EVSE 1 first
   * @param nominalVoltageV to convert watts to amps
   */
  public StationSharing(List<Double> evseMaxA, double nominalVoltageV) {
    this.evseCount = evseMaxA.size();
    List<EvseSlot> slots = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < evseMaxA.size(); i++) {
      double max = evseMaxA.get(i);
      slots.add(new EvseSlot(evseId(i + 1), null, THREE_PHASES, max, max, 0));
      total += max;
    }
    // The site's own budget must never bind: only the shared limits do.
    this.balancer =
        new LoadBalancer(
            SiteConfig.builder(total + 1)
                .mode(AllocationMode.STATIC)
                .nominalVoltageV(nominalVoltageV)
                .ramp(Duration.ZERO, total + 1)
                .evses(slots)
                .build());
  }

  /** The id of EVSE {@code evse} in the demands passed to {@link #share}. */
  public static String evseId(int evse) {
    return Integer.toString(evse);
  }

  /**
   * Shares {@code limits} at {@code now}.
   *
   * @param demands one per EVSE with a session (ids from {@link #evseId}); {@link
   *     EvseDemand#evMaxA()} is the EVSE's own cap, the least of every per-EVSE limit
   */
  public Shares share(Instant now, List<SharedLimit> limits, List<EvseDemand> demands) {
    Allocation a = balancer.step(now, null, demands, limits);
    Map<Integer, Double> amps = new TreeMap<>();
    for (int evse = 1; evse <= evseCount; evse++) {
      amps.put(evse, a.limitA(evseId(evse)));
    }
    Set<Integer> waiting = new TreeSet<>();
    a.waiting().forEach(id -> waiting.add(Integer.parseInt(id)));
    return new Shares(amps, waiting, a.nextStep());
  }

  /**
   * One step's outcome.
   *
   * @param amps per EVSE (1..n), amps per phase; 0 = nothing (no vehicle, or its turn has not come)
   * @param waiting EVSEs whose vehicle wants current but gets none (below 6 A each)
   * @param nextStep when to share again even without a change (turns); null = on the next change
   */
  public record Shares(
      Map<Integer, Double> amps, Set<Integer> waiting, @Nullable Instant nextStep) {
    public Shares {
      amps = Map.copyOf(amps);
      waiting = Set.copyOf(waiting);
    }

    public double ampsOf(int evse) {
      Double a = amps.get(evse);
      return a == null ? 0 : a;
    }
  }
}
