package io.kilowire.core.runtime;

import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.StationLayout;
import io.kilowire.core.configuration.V21V2xVariables;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.limits.OperationModes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A 2.1 station's V2XChargingCtrlr: its variables read from the hardware and the station, and its
 * Enabled switch acting on the outputs. With V2X switched off an EVSE counts as unable to discharge
 * now, so the station offers it nothing to feed back and refuses a TxProfile that asks it to; the
 * limits go out again the moment the switch changes.
 */
final class V2xSwitch {
  private V2xSwitch() {}

  /**
   * {@code hardware} whose {@link StationHardware#canDischarge} is also false where {@code enabled}
   * says no. Every other call reaches {@code hardware} unchanged, including the port's methods
   * added later (a proxy, not a hand-written forwarder that could miss one).
   */
  static StationHardware switched(StationHardware hardware, IntPredicate enabled) {
    return (StationHardware)
        Proxy.newProxyInstance(
            StationHardware.class.getClassLoader(),
            new Class<?>[] {StationHardware.class},
            (proxy, method, args) -> {
              if (method.getName().equals("canDischarge")
                  && method.getParameterCount() == 1
                  && !enabled.test((Integer) args[0])) {
                return false;
              }
              try {
                return method.invoke(hardware, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Whether V2X is on for {@code evse}: its Enabled variable, or on where the model lacks it. */
  static IntPredicate enabledIn(DeviceModel model) {
    return evse -> {
      var enabled = V21V2xVariables.enabled(evse);
      return !model.contains(enabled) || model.get(enabled);
    };
  }

  /**
   * Binds the live variables of each EVSE's V2XChargingCtrlr to {@code hardware} (what it can feed
   * back) and the modes the station runs; after a change of Enabled, {@code outputsChanged} runs
   * (the station applies its limits again).
   */
  static void bind(
      DeviceModel model, StationLayout layout, StationHardware hardware, Runnable outputsChanged) {
    for (StationLayout.Evse evse : layout.evses()) {
      int id = evse.id();
      if (!model.contains(V21V2xVariables.enabled(id))) {
        continue;
      }
      model.live(V21V2xVariables.available(id), () -> hardware.bidirectional(id));
      model.live(
          V21V2xVariables.supportedOperationModes(id),
          () -> wire(OperationModes.runnable(hardware.bidirectional(id), hardware.gridSensor())));
      model.live(
          V21V2xVariables.supportedEnergyTransferModes(id),
          () ->
              V21V2xVariables.energyTransferModes(evse.supplyPhases(), hardware.bidirectional(id)));
      model
          .configuration()
          .onChange(V21V2xVariables.enabled(id).actual(), (before, after) -> outputsChanged.run());
    }
  }

  /** Operation modes as 2.1 spells them (OperationModeEnumType). */
  private static List<String> wire(List<io.kilowire.core.smartcharging.OperationMode> modes) {
    return modes.stream()
        .map(m -> io.kilowire.core.ocpp.v21.adapter.V21SmartChargingMapping.mode(m).value())
        .toList();
  }
}
