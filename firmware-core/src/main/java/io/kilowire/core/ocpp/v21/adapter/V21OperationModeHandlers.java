package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.Transaction;
import io.kilowire.core.ocpp.v21.TransactionEventRequest;
import io.kilowire.core.ocpp.v21.TriggerReason;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.limits.OperationModeChanges;
import java.util.Optional;

/**
 * 2.1's report of a new operation mode: when the mode in force on an EVSE changes during its
 * transaction (a profile with another operationMode starts or ends), the station sends
 * TransactionEvent Updated with triggerReason OperationModeChanged and the mode now in force in
 * transactionInfo.operationMode.
 */
public final class V21OperationModeHandlers {
  private V21OperationModeHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    OperationModeChanges changes = station.operationModes();
    changes.announce();
    endpoint.amend(TransactionEventRequest.class, r -> withModeChange(r, changes));
  }

  /** The periodic update the mode change asked for, worded as 2.1 says it. */
  private static TransactionEventRequest withModeChange(
      TransactionEventRequest r, OperationModeChanges changes) {
    if (r.triggerReason() != TriggerReason.METER_VALUE_PERIODIC) {
      return r;
    }
    Transaction t = r.transactionInfo();
    Optional<OperationMode> changed = changes.takeChange(t.transactionId());
    if (changed.isEmpty()) {
      return r;
    }
    Transaction info =
        V21TransactionEvents.info(t, V21SmartChargingMapping.mode(changed.get()), t.tariffId());
    return V21TransactionEvents.with(
        r, info, r.costDetails(), TriggerReason.OPERATION_MODE_CHANGED);
  }
}
