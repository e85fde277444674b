package io.kilowire.core.hal;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A payment terminal built into the charger (OCPP 2.1 ad hoc payment, C18-C22): it takes the
 * driver's bank card and talks to its payment service provider (PSP); how is the terminal's own
 * business. The station decides the amounts and when: a pre-authorization (a hold) before charging,
 * then, once the transaction ended, either a capture of the final amount or a cancellation that
 * releases the hold. Each answer carries the PSP's reference of the payment (the {@code pspRef}),
 * which names the payment to the CSMS.
 *
 * <p>The futures complete on the station's thread: a runtime hands an outcome reached on another
 * thread back to it (as for {@link FirmwareInstaller}). A future that fails means the terminal or
 * its PSP could not be reached.
 */
public interface PaymentTerminal {

  /**
   * Asks the driver for a card at {@code evse} and the PSP to hold {@code amount} on it; completes
   * with the PSP's verdict.
   */
  CompletableFuture<Hold> authorize(int evse, BigDecimal amount);

  /**
   * Takes {@code amount} (at most the hold) of the payment {@code pspRef}; the rest is released.
   */
  CompletableFuture<Outcome> capture(String pspRef, BigDecimal amount);

  /** Releases the hold of the payment {@code pspRef}; nothing is taken. */
  CompletableFuture<Outcome> cancel(String pspRef);

  /**
   * The PSP's answer to a pre-authorization.
   *
   * @param pspRef the PSP's reference of the payment (up to 255 characters); also given for a
   *     decline, for the records
   * @param approved whether the amount is held
   * @param amount the amount held (0 when declined)
   * @param detail what the PSP said, for a declined card (null when approved)
   */
  record Hold(String pspRef, boolean approved, BigDecimal amount, @Nullable String detail) {
    public Hold {
      Objects.requireNonNull(pspRef, "pspRef");
      Objects.requireNonNull(amount, "amount");
      if (pspRef.isEmpty() || pspRef.length() > 255) {
        throw new IllegalArgumentException("pspRef must have 1 to 255 characters");
      }
    }

    public static Hold approved(String pspRef, BigDecimal amount) {
      return new Hold(pspRef, true, amount, null);
    }

    public static Hold declined(String pspRef, String detail) {
      return new Hold(pspRef, false, BigDecimal.ZERO, detail);
    }
  }

  /** How a capture or cancellation ended (the OCPP 2.1 PaymentStatusEnumType values). */
  enum Status {
    /** The amount was taken. */
    SETTLED,
    /** The hold was released; nothing taken. */
    CANCELED,
    /** The PSP refused to take the amount. */
    REJECTED,
    /** It could not be done (e.g. the PSP could not be reached). */
    FAILED
  }

  /**
   * The PSP's answer to a capture or a cancellation.
   *
   * @param amount the amount taken, or attempted to be taken when it failed
   * @param detail what the terminal or PSP said (null: nothing)
   * @param receiptUrl where the driver finds the terminal's receipt (null: the terminal made none)
   */
  record Outcome(
      Status status, BigDecimal amount, @Nullable String detail, @Nullable String receiptUrl) {
    public Outcome {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(amount, "amount");
    }
  }
}
