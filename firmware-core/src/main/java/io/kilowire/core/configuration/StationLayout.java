package io.kilowire.core.configuration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the station maker builds: EVSEs with their connectors, power and phases. Both registries
 * derive their hardware keys from it (1.6 NumberOfConnectors; 2.0.1 EVSE and Connector components).
 *
 * @param vendorName as in BootNotification (at most 50 characters)
 * @param model as in BootNotification (at most 20 characters)
 * @param evses numbered 1, 2, ... in order
 */
public record StationLayout(String vendorName, String model, List<Evse> evses) {
  public StationLayout {
    Objects.requireNonNull(vendorName, "vendorName");
    Objects.requireNonNull(model, "model");
    evses = List.copyOf(evses);
    if (evses.isEmpty()) {
      throw new IllegalArgumentException("a station has at least one EVSE");
    }
    for (int i = 0; i < evses.size(); i++) {
      if (evses.get(i).id() != i + 1) {
        throw new IllegalArgumentException("EVSE ids must run 1, 2, ...: " + evses);
      }
    }
  }

  /**
   * One EVSE.
   *
   * @param maxPower the most power it can deliver, in W
   * @param supplyPhases AC phases connected (0 for DC)
   * @param connectors numbered 1, 2, ... within the EVSE
   */
  public record Evse(int id, BigDecimal maxPower, int supplyPhases, List<Connector> connectors) {
    public Evse {
      connectors = List.copyOf(connectors);
      if (connectors.isEmpty()) {
        throw new IllegalArgumentException("EVSE " + id + " has no connector");
      }
      for (int i = 0; i < connectors.size(); i++) {
        if (connectors.get(i).id() != i + 1) {
          throw new IllegalArgumentException("connector ids must run 1, 2, ...: " + connectors);
        }
      }
      if (supplyPhases < 0 || supplyPhases > 3) {
        throw new IllegalArgumentException("supplyPhases must be 0..3: " + supplyPhases);
      }
    }
  }

  /**
   * One connector.
   *
   * @param type an OCPP 2.0.1 ConnectorEnumType value such as {@code cType2} or {@code sType2}
   */
  public record Connector(int id, String type) {}

  /** One EVSE with one connector: the common wallbox. */
  public static StationLayout singleConnector(
      String vendorName, String model, BigDecimal maxPower, int supplyPhases, String type) {
    return new StationLayout(
        vendorName,
        model,
        List.of(new Evse(1, maxPower, supplyPhases, List.of(new Connector(1, type)))));
  }

  /** Connectors over all EVSEs: OCPP 1.6 numbers them 1..n across the station. */
  public int connectorCount() {
    return evses.stream().mapToInt(e -> e.connectors().size()).sum();
  }

  /** The most phases any EVSE has. */
  public int supplyPhases() {
    return evses.stream().mapToInt(Evse::supplyPhases).max().orElse(0);
  }
}
