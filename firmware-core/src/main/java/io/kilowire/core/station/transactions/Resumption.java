package io.kilowire.core.station.transactions;

import io.kilowire.core.transaction.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * OCPP 2.1's resumption of transactions across a reboot (B13 Reset ImmediateAndResume, E17): which
 * transactions a reboot interrupted, and what becomes of each once the station is up again. Two
 * settings decide (2.1 TxCtrlr): ResumptionTimeout, the longest interruption a transaction survives
 * (0: the station resumes none, and refuses a reset that asks it to), and
 * AllowEnergyTransferResumption, whether energy flows again by itself or the EVSE stays suspended.
 * Pure: time is passed in.
 */
public final class Resumption {
  /** What becomes of an interrupted transaction once the station is up again. */
  public enum Outcome {
    /** It goes on and the EV gets energy again (TxResumed, chargingState as before). */
    RESUME_WITH_ENERGY,
    /** It goes on without energy until someone acts (TxResumed, chargingState SuspendedEVSE). */
    RESUME_SUSPENDED,
    /** The interruption outlasted ResumptionTimeout: the transaction ends. */
    END
  }

  /**
   * A transaction a reboot interrupted, on its EVSE, since when, and the reason it ends with if it
   * cannot go on (Reboot after a reset, PowerLoss after a power cut).
   */
  public record Interrupted(int evse, String transactionId, Instant since, StopReason cause) {}

  private Supplier<Duration> timeout = () -> Duration.ZERO;
  private BooleanSupplier energyAllowed = () -> false;
  private final List<Interrupted> interrupted = new ArrayList<>();

  /** The settings in force, read when they are needed (a CSMS may change them at any time). */
  public void configure(Supplier<Duration> resumptionTimeout, BooleanSupplier energyAllowed) {
    this.timeout = resumptionTimeout;
    this.energyAllowed = energyAllowed;
  }

  /** Whether the station resumes transactions at all (ResumptionTimeout above zero). */
  public boolean enabled() {
    Duration t = timeout.get();
    return !t.isNegative() && !t.isZero();
  }

  /** {@code cause} interrupts {@code transactionId} on {@code evse} at {@code at}. */
  public void interrupt(int evse, String transactionId, Instant at, StopReason cause) {
    interrupted.add(new Interrupted(evse, transactionId, at, cause));
  }

  /** The transactions interrupted and not yet taken up, in the order they were; now forgotten. */
  public List<Interrupted> takeInterrupted() {
    List<Interrupted> taken = List.copyOf(interrupted);
    interrupted.clear();
    return taken;
  }

  /** What becomes of a transaction interrupted {@code since}, taken up {@code now}. */
  public Outcome outcome(Instant since, Instant now) {
    if (!enabled() || Duration.between(since, now).compareTo(timeout.get()) > 0) {
      return Outcome.END;
    }
    return energyAllowed.getAsBoolean() ? Outcome.RESUME_WITH_ENERGY : Outcome.RESUME_SUSPENDED;
  }
}
