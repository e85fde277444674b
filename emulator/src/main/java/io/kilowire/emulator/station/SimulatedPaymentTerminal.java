package io.kilowire.emulator.station;

import io.kilowire.core.hal.PaymentTerminal;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An emulated station's payment terminal: every card is approved for the amount asked, every
 * capture and cancellation goes through, each at once and the same way on every run. The PSP
 * references count up per terminal ({@code SIM-<station>-1}, {@code -2}, …) so a test can name
 * them. It can be told to decline cards or to have captures refused or failing, for testing a
 * CSMS's handling of C22.
 */
public final class SimulatedPaymentTerminal implements PaymentTerminal {
  /** How the simulated PSP answers captures. */
  public enum CaptureMode {
    SETTLE,
    REJECT,
    FAIL
  }

  private final String prefix;
  private int payments;
  private @Nullable String declining;
  private CaptureMode captures = CaptureMode.SETTLE;

  public SimulatedPaymentTerminal(String stationId) {
    this.prefix = "SIM-" + Objects.requireNonNull(stationId) + "-";
  }

  /** From now on cards are declined with {@code reason} (null: approved again). */
  public synchronized void decline(@Nullable String reason) {
    this.declining = reason;
  }

  /** From now on captures end as {@code mode} says. */
  public synchronized void captures(CaptureMode mode) {
    this.captures = Objects.requireNonNull(mode);
  }

  @Override
  public synchronized CompletableFuture<Hold> authorize(int evse, BigDecimal amount) {
    String ref = prefix + ++payments;
    String reason = declining;
    return CompletableFuture.completedFuture(
        reason == null ? Hold.approved(ref, amount) : Hold.declined(ref, reason));
  }

  @Override
  public synchronized CompletableFuture<Outcome> capture(String pspRef, BigDecimal amount) {
    Outcome outcome =
        switch (captures) {
          case SETTLE -> new Outcome(Status.SETTLED, amount, null, null);
          case REJECT ->
              new Outcome(Status.REJECTED, amount, "declined by the simulated PSP", null);
          case FAIL -> new Outcome(Status.FAILED, amount, "simulated PSP not reachable", null);
        };
    return CompletableFuture.completedFuture(outcome);
  }

  @Override
  public CompletableFuture<Outcome> cancel(String pspRef) {
    return CompletableFuture.completedFuture(
        new Outcome(Status.CANCELED, BigDecimal.ZERO, null, null));
  }
}
