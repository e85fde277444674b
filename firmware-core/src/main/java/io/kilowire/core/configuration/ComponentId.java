package io.kilowire.core.configuration;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a device-model variable lives: a component name, optional instance, and for EVSE- or
 * connector-level components the EVSE id and connector id. Two ids match only when all four agree.
 */
public record ComponentId(
    String name,
    @Nullable String instance,
    @Nullable Integer evseId,
    @Nullable Integer connectorId) {
  public ComponentId {
    Objects.requireNonNull(name, "name");
    if (connectorId != null && evseId == null) {
      throw new IllegalArgumentException("a connector is addressed within an EVSE");
    }
  }

  /** A station-wide component such as {@code OCPPCommCtrlr}. */
  public static ComponentId of(String name) {
    return new ComponentId(name, null, null, null);
  }

  /** The {@code EVSE} component of EVSE {@code id}. */
  public static ComponentId evse(int id) {
    return new ComponentId("EVSE", null, id, null);
  }

  /** The {@code Connector} component of a connector within an EVSE. */
  public static ComponentId connector(int evseId, int connectorId) {
    return new ComponentId("Connector", null, evseId, connectorId);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name);
    if (instance != null) {
      s.append('[').append(instance).append(']');
    }
    if (evseId != null) {
      s.append('@').append(evseId);
      if (connectorId != null) {
        s.append('.').append(connectorId);
      }
    }
    return s.toString();
  }
}
