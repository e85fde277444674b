package io.kilowire.core.configuration;

import static io.kilowire.core.configuration.ValueType.bool;

import java.util.List;

/**
 * 2.1 DER control (block R): the DERCtrlr component a 2.1 station adds to 2.0.1's device model. The
 * controller's two usual variables; the rest of its list in the 2.1 appendix was not at hand when
 * this was written.
 */
public final class V21DerVariables {
  private V21DerVariables() {}

  public static final ComponentId ID = ComponentId.of("DERCtrlr");

  /** The station takes DER controls (which types: SetDERControl answers NotSupported). */
  public static final DeviceVariable<Boolean> AVAILABLE =
      DeviceVariable.of(ID, VariableId.of("Available"), bool(), true, Key::asConstant);

  /** false: SetDERControl is Rejected (NotEnabled) and the controls held are not acted on. */
  public static final DeviceVariable<Boolean> ENABLED =
      DeviceVariable.of(ID, VariableId.of("Enabled"), bool(), true, k -> k.readWrite().mandatory());

  public static final List<DeviceVariable<?>> ALL = List.of(AVAILABLE, ENABLED);
}
