package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.CostDetails;
import io.kilowire.core.ocpp.v21.MeterValue;
import io.kilowire.core.ocpp.v21.OperationMode;
import io.kilowire.core.ocpp.v21.Transaction;
import io.kilowire.core.ocpp.v21.TransactionEventRequest;
import io.kilowire.core.ocpp.v21.TriggerReason;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A 2.1 TransactionEvent with what a 2.1 feature adds to it, the rest as the station made it. */
final class V21TransactionEvents {
  private V21TransactionEvents() {}

  /** {@code t} with another operation mode and tariff. */
  static Transaction info(
      Transaction t, @Nullable OperationMode operationMode, @Nullable String tariffId) {
    return new Transaction(
        t.transactionId(),
        t.chargingState(),
        t.timeSpentCharging(),
        t.stoppedReason(),
        t.remoteStartId(),
        operationMode,
        tariffId,
        t.transactionLimit(),
        t.customData());
  }

  /** {@code r} with {@code info}, {@code costDetails} and {@code triggerReason} instead. */
  static TransactionEventRequest with(
      TransactionEventRequest r,
      Transaction info,
      @Nullable CostDetails costDetails,
      TriggerReason triggerReason) {
    return with(r, r.meterValue(), info, costDetails, triggerReason);
  }

  /** {@code r} with {@code meterValue} instead. */
  static TransactionEventRequest with(
      TransactionEventRequest r, @Nullable List<MeterValue> meterValue) {
    return with(r, meterValue, r.transactionInfo(), r.costDetails(), r.triggerReason());
  }

  private static TransactionEventRequest with(
      TransactionEventRequest r,
      @Nullable List<MeterValue> meterValue,
      Transaction info,
      @Nullable CostDetails costDetails,
      TriggerReason triggerReason) {
    return new TransactionEventRequest(
        costDetails,
        r.eventType(),
        meterValue,
        r.timestamp(),
        triggerReason,
        r.seqNo(),
        r.offline(),
        r.numberOfPhasesUsed(),
        r.cableMaxCurrent(),
        r.reservationId(),
        r.preconditioningStatus(),
        r.evseSleep(),
        info,
        r.evse(),
        r.idToken(),
        r.customData());
  }
}
