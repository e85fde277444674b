package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v201.CustomData;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.ocpp.v21.Transaction;
import io.kilowire.core.ocpp.v21.TransactionEventRequest;
import io.kilowire.core.ocpp.v21.TransactionLimit;
import io.kilowire.core.ocpp.v21.TriggerReason;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the 2.0.1 gateway could not spell in a TransactionEvent, put into 2.1's words: it marks such
 * an event in its customData ({@link V201Gateway#TRIGGER_MARKER_VENDOR}) with the 2.1 trigger
 * reason (TxResumed, LimitSet, *LimitReached) and, for a limit, the transaction's limits. The mark
 * is part of the queued, journaled event, so an event sent long after it was made (offline, after a
 * restart) is worded as when it happened. Here the reason and the limits take their 2.1 places and
 * the mark is dropped.
 */
final class V21TriggerMarkers {
  private V21TriggerMarkers() {}

  static void register(V21Endpoint endpoint) {
    endpoint.amend(TransactionEventRequest.class, V21TriggerMarkers::worded);
  }

  static TransactionEventRequest worded(TransactionEventRequest r) {
    CustomData marker = r.customData();
    if (marker == null || !marker.vendorId().equals(V201Gateway.TRIGGER_MARKER_VENDOR)) {
      return r;
    }
    Object named = marker.properties().get(V201Gateway.TRIGGER_MARKER_REASON);
    TriggerReason reason = r.triggerReason();
    for (TriggerReason t : TriggerReason.values()) {
      if (t.value().equals(named)) {
        reason = t;
      }
    }
    Transaction t = r.transactionInfo();
    TransactionLimit limit =
        marker.properties().get(V201Gateway.TRIGGER_MARKER_LIMIT) instanceof Map<?, ?> m
            ? limit(m)
            : t.transactionLimit();
    Transaction info =
        new Transaction(
            t.transactionId(),
            t.chargingState(),
            t.timeSpentCharging(),
            t.stoppedReason(),
            t.remoteStartId(),
            t.operationMode(),
            t.tariffId(),
            limit,
            t.customData());
    TransactionEventRequest worded = V21TransactionEvents.with(r, info, r.costDetails(), reason);
    return new TransactionEventRequest(
        worded.costDetails(),
        worded.eventType(),
        worded.meterValue(),
        worded.timestamp(),
        worded.triggerReason(),
        worded.seqNo(),
        worded.offline(),
        worded.numberOfPhasesUsed(),
        worded.cableMaxCurrent(),
        worded.reservationId(),
        worded.preconditioningStatus(),
        worded.evseSleep(),
        worded.transactionInfo(),
        worded.evse(),
        worded.idToken(),
        null);
  }

  private static TransactionLimit limit(Map<?, ?> m) {
    BigDecimal time = decimal(m.get("maxTime"));
    BigDecimal soc = decimal(m.get("maxSoC"));
    return new TransactionLimit(
        decimal(m.get("maxCost")),
        decimal(m.get("maxEnergy")),
        time == null ? null : time.intValueExact(),
        soc == null ? null : soc.intValueExact(),
        null);
  }

  private static @Nullable BigDecimal decimal(@Nullable Object value) {
    return value == null ? null : new BigDecimal(value.toString());
  }
}
