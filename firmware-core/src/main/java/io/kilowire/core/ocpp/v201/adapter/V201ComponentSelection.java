package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.ocpp.v201.Component;
import io.kilowire.core.ocpp.v201.ComponentVariable;
import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.ocpp.v201.Variable;

/**
 * Which device-model variables a ComponentVariable of GetReport / GetMonitoringReport names
 * (B08.FR.20-25, N02.FR.16-21): what it leaves out (instance, EVSE, connector, variable, variable
 * instance) matches every value.
 */
final class V201ComponentSelection {
  private V201ComponentSelection() {}

  static boolean selects(ComponentVariable w, ComponentId c, VariableId v) {
    Component want = w.component();
    if (!want.name().equals(c.name())) {
      return false;
    }
    if (want.instance() != null && !want.instance().equals(c.instance())) {
      return false;
    }
    EVSE evse = want.evse();
    if (evse != null
        && (!Integer.valueOf(evse.id()).equals(c.evseId())
            || (evse.connectorId() != null && !evse.connectorId().equals(c.connectorId())))) {
      return false;
    }
    Variable variable = w.variable();
    return variable == null
        || (variable.name().equals(v.name())
            && (variable.instance() == null || variable.instance().equals(v.instance())));
  }
}
