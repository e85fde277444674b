package io.kilowire.core.configuration;

import static io.kilowire.core.configuration.ValueType.bool;
import static io.kilowire.core.configuration.ValueType.memberList;

import java.util.ArrayList;
import java.util.List;

/**
 * 2.1 bidirectional charging (block Q): one V2XChargingCtrlr component per EVSE, listed on a 2.1
 * station only. What the EVSE can do is live (its hardware and the operation modes the station
 * runs), so a CSMS reads what is in force; Enabled is the CSMS's switch: false, and the EVSE feeds
 * nothing back and refuses a TxProfile that asks it to.
 */
public final class V21V2xVariables {
  private V21V2xVariables() {}

  public static final String NAME = "V2XChargingCtrlr";

  /** The values of 2.1 OperationModeEnumType, in the schema's order. */
  static final List<String> OPERATION_MODES =
      List.of(
          "Idle",
          "ChargingOnly",
          "CentralSetpoint",
          "ExternalSetpoint",
          "ExternalLimits",
          "CentralFrequency",
          "LocalFrequency",
          "LocalLoadBalancing");

  /** The values of 2.1 EnergyTransferModeEnumType, in the schema's order. */
  static final List<String> ENERGY_TRANSFER_MODES =
      List.of(
          "AC_single_phase",
          "AC_two_phase",
          "AC_three_phase",
          "DC",
          "AC_BPT",
          "AC_BPT_DER",
          "AC_DER",
          "DC_BPT",
          "DC_ACDP",
          "DC_ACDP_BPT",
          "WPT");

  public static ComponentId component(int evse) {
    return new ComponentId(NAME, null, evse, null);
  }

  /** Live: whether the EVSE's power electronics can feed energy back. */
  public static DeviceVariable<Boolean> available(int evse) {
    return DeviceVariable.of(
        component(evse), VariableId.of("Available"), bool(), false, k -> k.notPersisted());
  }

  /** The CSMS's switch for discharging on this EVSE; kept across restarts. */
  public static DeviceVariable<Boolean> enabled(int evse) {
    return DeviceVariable.of(
        component(evse), VariableId.of("Enabled"), bool(), true, Key::readWrite);
  }

  /** Live: the operation modes the station runs on this EVSE (K01.FR.115 refuses the others). */
  public static DeviceVariable<List<String>> supportedOperationModes(int evse) {
    return DeviceVariable.of(
        component(evse),
        VariableId.of("SupportedOperationModes"),
        memberList(OPERATION_MODES),
        List.of("ChargingOnly"),
        k -> k.notPersisted());
  }

  /** Live: how the EVSE transfers energy (its phases or DC, and BPT where it can feed back). */
  public static DeviceVariable<List<String>> supportedEnergyTransferModes(int evse) {
    return DeviceVariable.of(
        component(evse),
        VariableId.of("SupportedEnergyTransferModes"),
        memberList(ENERGY_TRANSFER_MODES),
        List.of("AC_three_phase"),
        k -> k.notPersisted());
  }

  // Immutable, so the stations of one layout share one list (thousands in an emulator).
  private static final SharedDefinitions<StationLayout, List<DeviceVariable<?>>> BY_LAYOUT =
      new SharedDefinitions<>(V21V2xVariables::made);

  /** The component's variables for every EVSE of {@code layout}. */
  public static List<DeviceVariable<?>> all(StationLayout layout) {
    return BY_LAYOUT.get(layout);
  }

  private static List<DeviceVariable<?>> made(StationLayout layout) {
    List<DeviceVariable<?>> all = new ArrayList<>();
    for (StationLayout.Evse evse : layout.evses()) {
      all.add(available(evse.id()));
      all.add(enabled(evse.id()));
      all.add(supportedOperationModes(evse.id()));
      all.add(supportedEnergyTransferModes(evse.id()));
    }
    return List.copyOf(all);
  }

  /**
   * The energy transfer modes of an EVSE with {@code supplyPhases} (0: DC), with bidirectional
   * power transfer where it can feed back.
   */
  public static List<String> energyTransferModes(int supplyPhases, boolean bidirectional) {
    String charging =
        switch (supplyPhases) {
          case 0 -> "DC";
          case 1 -> "AC_single_phase";
          case 2 -> "AC_two_phase";
          default -> "AC_three_phase";
        };
    if (!bidirectional) {
      return List.of(charging);
    }
    return List.of(charging, supplyPhases == 0 ? "DC_BPT" : "AC_BPT");
  }
}
