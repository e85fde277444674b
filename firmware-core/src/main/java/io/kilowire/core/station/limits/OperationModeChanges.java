package io.kilowire.core.station.limits;

import io.kilowire.core.smartcharging.OperationMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The operation mode in force on each EVSE during its transaction, and when it changes (a profile
 * with another mode starts or ends). A version that reports such changes (2.1: TransactionEvent
 * OperationModeChanged) switches the announcements on; the others never see them.
 */
public final class OperationModeChanges {
  private final IntConsumer updateNow;
  private final Map<Integer, InForce> inForce = new HashMap<>();
  private final Map<String, OperationMode> due = new HashMap<>();
  private boolean announced;

  private record InForce(String transactionId, OperationMode mode) {}

  /** {@code updateNow} updates the EVSE's transaction at once (a periodic update). */
  OperationModeChanges(IntConsumer updateNow) {
    this.updateNow = updateNow;
  }

  /** From now on, a change of mode during a transaction sends an update of it at once. */
  public void announce() {
    announced = true;
  }

  /** The mode that changed, if the next update of {@code transactionId} reports it; once. */
  public Optional<OperationMode> takeChange(String transactionId) {
    return Optional.ofNullable(due.remove(transactionId));
  }

  /**
   * {@code mode} is in force on {@code evse} now ({@code transactionId} null: no transaction). The
   * mode at a transaction's start is no change; a later different one is.
   */
  void observe(int evse, @Nullable String transactionId, OperationMode mode) {
    if (transactionId == null) {
      inForce.remove(evse);
      return;
    }
    InForce before = inForce.put(evse, new InForce(transactionId, mode));
    if (announced
        && before != null
        && before.transactionId().equals(transactionId)
        && before.mode() != mode) {
      due.put(transactionId, mode);
      updateNow.accept(evse);
    }
  }
}
