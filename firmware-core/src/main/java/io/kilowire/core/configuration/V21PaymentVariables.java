package io.kilowire.core.configuration;

import static io.kilowire.core.configuration.ValueType.bool;

import java.util.List;

/**
 * 2.1 ad hoc payment (C17-C25): the PaymentCtrlr component (named in the 2.1 errata's controller
 * list) of a station without a payment terminal, listed on a 2.1 station only. Available false
 * tells a CSMS not to count on card payments at the station; without a web-payment display there is
 * no WebPaymentsCtrlr either.
 */
public final class V21PaymentVariables {
  private V21PaymentVariables() {}

  public static final ComponentId ID = ComponentId.of("PaymentCtrlr");

  /** No payment terminal: the station takes no ad hoc payment. */
  public static final DeviceVariable<Boolean> AVAILABLE =
      DeviceVariable.of(ID, VariableId.of("Available"), bool(), false, Key::asConstant);

  public static final List<DeviceVariable<?>> ALL = List.of(AVAILABLE);
}
