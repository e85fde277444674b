package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.ChargingState;
import io.kilowire.core.ocpp.v21.Reason;
import io.kilowire.core.ocpp.v21.TransactionEvent;
import io.kilowire.core.ocpp.v21.TransactionEventRequest;
import io.kilowire.core.ocpp.v21.TransactionEventResponse;
import io.kilowire.core.ocpp.v21.TransactionLimit;
import io.kilowire.core.ocpp.v21.TriggerReason;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.transactions.TransactionLimits;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 2.1 transaction limits (E16) in 2.1's words: the transactionLimit in a TransactionEvent answer
 * becomes the transaction's limits ({@link TransactionLimits}); the update confirming it says
 * LimitSet with the limits in transactionInfo.transactionLimit; the one after a limit is reached
 * says which (EnergyLimitReached, TimeLimitReached, CostLimitReached, SoCLimitReached), with
 * chargingState SuspendedEVSE (both worded from the queued event's mark, {@link
 * V21TriggerMarkers}); so does every later update while the EV waits with no current. A transaction
 * a limit ended (TxStopPoint EnergyTransfer) says so in its Ended event's trigger.
 */
final class V21TransactionLimits {
  private static final Logger LOG = LoggerFactory.getLogger(V21TransactionLimits.class);

  private V21TransactionLimits() {}

  static void register(V21Endpoint endpoint, Station station) {
    TransactionLimits limits = station.transactionLimits();
    endpoint.amend(TransactionEventRequest.class, r -> worded(r, limits));
    endpoint.readAnswers(
        TransactionEventRequest.class,
        TransactionEventResponse.class,
        (request, answer) -> {
          TransactionLimit wire = answer.transactionLimit();
          if (wire == null || request.eventType() == TransactionEvent.ENDED) {
            return;
          }
          io.kilowire.core.transaction.TransactionLimit limit;
          try {
            limit = domain(wire);
          } catch (IllegalArgumentException e) {
            LOG.warn("the CSMS's transactionLimit cannot be kept: {}", e.getMessage());
            return;
          }
          String id = request.transactionInfo().transactionId();
          // After the answer is through: the confirmation queues behind it.
          station.afterReply(() -> limits.set(id, limit));
        });
  }

  /** The limits as the domain holds them; a negative one is refused by name. */
  static io.kilowire.core.transaction.TransactionLimit domain(TransactionLimit t) {
    return new io.kilowire.core.transaction.TransactionLimit(
        t.maxCost(),
        t.maxEnergy() == null ? null : t.maxEnergy().doubleValue(),
        t.maxTime() == null ? null : Duration.ofSeconds(t.maxTime()),
        t.maxSoC());
  }

  /** The update a limit asked for, worded as 2.1 says it; a suspension by a limit named so. */
  private static TransactionEventRequest worded(
      TransactionEventRequest r, TransactionLimits limits) {
    if (r.eventType() == TransactionEvent.ENDED) {
      // A limit ended it (TxStopPoint EnergyTransfer): 2.0.1 names no SoC or cost trigger.
      Reason stopped = r.transactionInfo().stoppedReason();
      if (stopped == Reason.SOC_LIMIT_REACHED) {
        return with(r, TriggerReason.SO_C_LIMIT_REACHED, null);
      }
      if (stopped == Reason.LOCAL_OUT_OF_CREDIT) {
        return with(r, TriggerReason.COST_LIMIT_REACHED, null);
      }
      return r;
    }
    if (r.eventType() != TransactionEvent.UPDATED) {
      return r;
    }
    String id = r.transactionInfo().transactionId();
    // LimitSet and *LimitReached come marked in the queued event (V21TriggerMarkers).
    if (limits.reachedBy(id).isPresent()
        && r.transactionInfo().chargingState() == ChargingState.SUSPENDED_EV) {
      // The EV stopped drawing because the station offers nothing: that is the EVSE's doing.
      return with(r, r.triggerReason(), ChargingState.SUSPENDED_EVSE);
    }
    return r;
  }

  private static TransactionEventRequest with(
      TransactionEventRequest r, TriggerReason trigger, @Nullable ChargingState state) {
    io.kilowire.core.ocpp.v21.Transaction t = r.transactionInfo();
    io.kilowire.core.ocpp.v21.Transaction info =
        new io.kilowire.core.ocpp.v21.Transaction(
            t.transactionId(),
            state != null ? state : t.chargingState(),
            t.timeSpentCharging(),
            t.stoppedReason(),
            t.remoteStartId(),
            t.operationMode(),
            t.tariffId(),
            t.transactionLimit(),
            t.customData());
    return V21TransactionEvents.with(r, info, r.costDetails(), trigger);
  }
}
