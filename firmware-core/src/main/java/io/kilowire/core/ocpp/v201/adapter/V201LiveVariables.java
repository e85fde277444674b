package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.DeviceVariable;
import io.kilowire.core.configuration.V201Variables.ChargingStation;
import io.kilowire.core.configuration.V201Variables.LocalAuthListCtrlr;
import io.kilowire.core.configuration.V201Variables.MonitoringCtrlr;
import io.kilowire.core.configuration.V201Variables.SecurityCtrlr;
import io.kilowire.core.configuration.V201Variables.SmartChargingCtrlr;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.station.Station;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The device-model variables that report what the station is right now, read from the station at
 * each GetVariables or report: the availability of the station, each EVSE and its connector (as
 * StatusNotification reports it), each EVSE's present power, and the entries of the local list and
 * of installed charging profiles. Without this they read their defaults forever ("Available", 0).
 */
public final class V201LiveVariables {
  private V201LiveVariables() {}

  /** Makes the model's live variables read from {@code station}; absent ones are skipped. */
  public static void bind(DeviceModel model, Station station) {
    bind(model, ChargingStation.AVAILABILITY_STATE, () -> stationAvailability(station));
    for (int evse = 1; evse <= station.evseCount(); evse++) {
      int id = evse;
      Supplier<String> availability = () -> V201StationMapping.toWire(station.status(id)).value();
      bind(model, ComponentId.evse(id), "AvailabilityState", String.class, availability);
      bind(
          model,
          ComponentId.connector(id, V201Addresses.CONNECTOR),
          "AvailabilityState",
          String.class,
          availability);
      bind(
          model,
          ComponentId.evse(id),
          "Power",
          BigDecimal.class,
          () -> BigDecimal.valueOf(station.meterReading(id).powerW()));
    }
    bind(
        model,
        LocalAuthListCtrlr.ID,
        "Entries",
        Integer.class,
        () -> station.authorization().localListEntries().size());
    bind(
        model,
        SmartChargingCtrlr.ENTRIES_CHARGING_PROFILES.component(),
        SmartChargingCtrlr.ENTRIES_CHARGING_PROFILES.variable(),
        Integer.class,
        () -> station.smartCharging().profiles().size());
    bind(model, SecurityCtrlr.CERTIFICATE_ENTRIES, () -> station.certificates().entries());
    bind(
        model,
        MonitoringCtrlr.ACTIVE_MONITORING_BASE,
        () ->
            switch (station.monitoring().base()) {
              case ALL -> "All";
              case FACTORY_DEFAULT -> "FactoryDefault";
              case HARD_WIRED_ONLY -> "HardWiredOnly";
            });
    bind(model, MonitoringCtrlr.ACTIVE_MONITORING_LEVEL, () -> station.monitoring().level());
    bind(
        model,
        io.kilowire.core.configuration.V201Variables.DisplayMessageCtrlr.DISPLAY_MESSAGES,
        () -> station.display().count());
  }

  /** Unavailable when no EVSE is in service (all were taken out), else Available. */
  private static String stationAvailability(Station station) {
    for (int evse = 1; evse <= station.evseCount(); evse++) {
      if (station.isOperative(evse)) {
        return "Available";
      }
    }
    return "Unavailable";
  }

  private static <T> void bind(DeviceModel model, DeviceVariable<T> variable, Supplier<T> source) {
    if (model.contains(variable)) {
      model.live(variable, source);
    }
  }

  private static <T> void bind(
      DeviceModel model, ComponentId component, String name, Class<T> type, Supplier<T> source) {
    bind(model, component, VariableId.of(name), type, source);
  }

  private static <T> void bind(
      DeviceModel model,
      ComponentId component,
      VariableId variable,
      Class<T> type,
      Supplier<T> source) {
    Optional<DeviceVariable<?>> found = model.find(component, variable);
    if (found.isPresent()) {
      model.live(typed(found.get(), type), source);
    }
  }

  /** The variable with its value type checked against {@code type}. */
  @SuppressWarnings("unchecked")
  private static <T> DeviceVariable<T> typed(DeviceVariable<?> variable, Class<T> type) {
    Object sample = variable.actual().defaultValue();
    if (!type.isInstance(sample)) {
      throw new IllegalArgumentException(variable + " does not hold a " + type.getSimpleName());
    }
    return (DeviceVariable<T>) variable;
  }
}
