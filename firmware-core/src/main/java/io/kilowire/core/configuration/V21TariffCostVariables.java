package io.kilowire.core.configuration;

import java.util.List;

/**
 * The TariffCostCtrlr variables 2.1 adds for local cost calculation, listed on a 2.1 station only
 * (2.0.1's TariffCostCtrlr stays as {@link V201Variables.TariffCostCtrlr} has it): how many prices
 * a tariff component may have (more: TooManyElements) and whether prices may have conditions (else
 * ConditionNotSupported). Enabled[Tariff] switches the calculation, Enabled[Cost] the running cost
 * in Started and Updated.
 */
public final class V21TariffCostVariables {
  private V21TariffCostVariables() {}

  public static final DeviceVariable<Integer> MAX_ELEMENTS =
      DeviceVariable.of(
          V201Variables.TariffCostCtrlr.ID,
          VariableId.of("MaxElements", "Tariff"),
          ValueType.integer(1, 1000),
          10,
          Key::asConstant);

  public static final DeviceVariable<Boolean> CONDITIONS_SUPPORTED =
      DeviceVariable.of(
          V201Variables.TariffCostCtrlr.ID,
          VariableId.of("ConditionsSupported", "Tariff"),
          ValueType.bool(),
          true,
          Key::asConstant);

  /**
   * Every so many seconds a running transaction sends its running cost in an Updated of its own
   * (triggerReason RunningCost); 0: the cost only rides on the transaction's other updates.
   */
  public static final DeviceVariable<Integer> COST_INTERVAL =
      DeviceVariable.of(
          V201Variables.TariffCostCtrlr.ID,
          VariableId.of("Interval", "Cost"),
          ValueType.integer(0, 86_400),
          0,
          k -> k.readWrite().unit("s"));

  /**
   * What a driver's tariff the station cannot use (too many prices, conditions, malformed) comes
   * to: the EVSE's default tariff prices the transaction (UseDefaultTariff), or the CSMS does
   * (CentralCost), or the driver is not authorized here (Deauthorize: the Authorize answer counts
   * as NotAtThisLocation).
   */
  public static final DeviceVariable<String> HANDLE_FAILED_TARIFF =
      DeviceVariable.of(
          V201Variables.TariffCostCtrlr.ID,
          VariableId.of("HandleFailedTariff", "Tariff"),
          ValueType.optionList(List.of("UseDefaultTariff", "CentralCost", "Deauthorize")),
          "UseDefaultTariff",
          Key::readWrite);

  /**
   * True from a driver's tariff the station could not use until the next one it can (I08.FR.30/31);
   * read from the local cost calculation, not kept.
   */
  public static final DeviceVariable<Boolean> PROBLEM =
      DeviceVariable.of(
          V201Variables.TariffCostCtrlr.ID,
          VariableId.of("Problem"),
          ValueType.bool(),
          false,
          Key::notPersisted);

  public static final List<DeviceVariable<?>> ALL =
      List.of(MAX_ELEMENTS, CONDITIONS_SUPPORTED, COST_INTERVAL, HANDLE_FAILED_TARIFF, PROBLEM);
}
