package io.kilowire.core.configuration;

import java.util.List;

/**
 * The TxCtrlr variables 2.1 adds for resuming transactions across a reboot (B13 Reset
 * ImmediateAndResume, E17), listed on a 2.1 station only: ResumptionTimeout, the longest
 * interruption (in seconds) a transaction survives, 0 for none; AllowEnergyTransferResumption,
 * whether energy flows again by itself once a transaction is resumed. And MaxEnergyOnInvalidId, and
 * SupportedLimits.
 */
public final class V21TxVariables {
  private V21TxVariables() {}

  public static final DeviceVariable<Integer> RESUMPTION_TIMEOUT =
      DeviceVariable.of(
          V201Variables.TxCtrlr.ID,
          VariableId.of("ResumptionTimeout"),
          ValueType.nonNegativeInteger(),
          0,
          k -> k.readWrite().unit("s"));

  public static final DeviceVariable<Boolean> ALLOW_ENERGY_TRANSFER_RESUMPTION =
      DeviceVariable.of(
          V201Variables.TxCtrlr.ID,
          VariableId.of("AllowEnergyTransferResumption"),
          ValueType.bool(),
          false,
          Key::readWrite);

  /**
   * The energy (Wh) a transaction may still take once the CSMS found its token invalid after it
   * started, while StopTxOnInvalidId is false; 0: its energy stops at once.
   */
  public static final DeviceVariable<Integer> MAX_ENERGY_ON_INVALID_ID =
      DeviceVariable.of(
          V201Variables.TxCtrlr.ID,
          VariableId.of("MaxEnergyOnInvalidId"),
          ValueType.nonNegativeInteger(),
          0,
          k -> k.readWrite().unit("Wh"));

  /** The fields of 2.1's TransactionLimitType, in the schema's order. */
  static final List<String> TRANSACTION_LIMITS =
      List.of("maxCost", "maxEnergy", "maxTime", "maxSoC");

  /**
   * The transaction limits (E16) the station keeps and stops the energy at: all of
   * TransactionLimitType (a cost limit against the local or the CSMS's cost; a SoC limit only where
   * the EV tells its state of charge). The members are the type's field names; the appendix names
   * the variable, Part 2's spelling of its members was not at hand.
   */
  public static final DeviceVariable<List<String>> SUPPORTED_LIMITS =
      DeviceVariable.of(
          V201Variables.TxCtrlr.ID,
          VariableId.of("SupportedLimits"),
          ValueType.memberList(TRANSACTION_LIMITS),
          TRANSACTION_LIMITS,
          Key::asConstant);

  public static final List<DeviceVariable<?>> ALL =
      List.of(
          RESUMPTION_TIMEOUT,
          ALLOW_ENERGY_TRANSFER_RESUMPTION,
          MAX_ENERGY_ON_INVALID_ID,
          SUPPORTED_LIMITS);
}
