package io.kilowire.emulator.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.emulator.site.SiteSimulation;
import java.time.Instant;

/**
 * A {@code --site} run's meter on the event stream: after every balancer step a {@code site} event
 * (station "site") with the grid limit, and per phase the building's load, what the EVs draw and
 * what the balancer left them, so the dashboard can plot the site's power against its limit. On a
 * site with PV or a battery it also carries what the PV produces (and what the inverter curtails),
 * what the battery gives (discharging positive) and its state of charge, and the grid's net power
 * (import positive, export negative).
 */
public final class SiteEvents implements SiteSimulation.Observer {
  private final EventHub hub;
  private final SiteConfig config;
  private double pvW;
  private double curtailedW;
  private double batteryW;
  private double batterySocPercent = Double.NaN;

  public SiteEvents(EventHub hub, SiteConfig config) {
    this.hub = hub;
    this.config = config;
  }

  @Override
  public void energy(
      Instant at, double pvW, double curtailedW, double batteryW, double batterySocPercent) {
    this.pvW = pvW;
    this.curtailedW = curtailedW;
    this.batteryW = batteryW;
    this.batterySocPercent = batterySocPercent;
  }

  @Override
  public void step(Instant at, PhaseCurrents buildingA, PhaseCurrents evA, Allocation allocation) {
    ObjectNode e = hub.event("site", "site");
    e.put("at", at.toString());
    e.put("gridLimitA", config.gridLimitA());
    double v = config.nominalVoltageV();
    double limitKw = config.gridLimitA() * 3 * v / 1000;
    Double contract = config.gridLimitKw();
    e.put("limitKw", contract == null ? limitKw : Math.min(limitKw, contract));
    PhaseCurrents grid = buildingA.plus(evA);
    e.put("powerKw", (grid.l1() + grid.l2() + grid.l3()) * v / 1000);
    e.put("evPowerKw", (evA.l1() + evA.l2() + evA.l3()) * v / 1000);
    phases(e.putArray("buildingA"), buildingA);
    phases(e.putArray("evA"), evA);
    phases(e.putArray("availableA"), allocation.availableA());
    SiteEnergy energy = config.energy();
    if (energy.pv() != null || energy.battery() != null) {
      e.put("gridKw", (grid.l1() + grid.l2() + grid.l3()) * v / 1000 - (pvW + batteryW) / 1000);
    }
    if (energy.pv() != null) {
      e.put("pvKw", pvW / 1000);
      e.put("curtailedKw", curtailedW / 1000);
    }
    if (energy.battery() != null && !Double.isNaN(batterySocPercent)) {
      e.put("batteryKw", batteryW / 1000);
      e.put("batterySocPercent", batterySocPercent);
      e.put("batterySetpointKw", allocation.batteryW() / 1000);
    }
    hub.publish(e);
  }

  private static void phases(ArrayNode out, PhaseCurrents a) {
    out.add(a.l1()).add(a.l2()).add(a.l3());
  }
}
