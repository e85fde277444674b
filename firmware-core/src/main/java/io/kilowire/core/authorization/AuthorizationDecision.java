package io.kilowire.core.authorization;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to do with a token: start now, ask the CSMS first, or refuse; why; and which store (if any)
 * the decision rests on.
 *
 * @param reason why; it also fixes the {@link #verdict()}
 * @param source where the deciding information came from
 * @param info the information the decision rests on, when there is any
 */
public record AuthorizationDecision(
    Reason reason, Source source, @Nullable AuthorizationInfo info) {

  /** The three possible outcomes. */
  public enum Verdict {
    /** Start the transaction now, without an Authorize. */
    ACCEPT,
    /** Send Authorize and decide on the answer ({@link AuthorizationService#onAuthorizeAnswer}). */
    ASK_CSMS,
    /** Do not start. */
    REJECT
  }

  /** Where the information behind a decision came from. */
  public enum Source {
    LOCAL_LIST,
    CACHE,
    CSMS,
    /** No stored information was used (a rule or a setting decided). */
    NONE
  }

  /** Why; each reason belongs to exactly one verdict. */
  public enum Reason {
    /** 2.0.1 AuthCtrlr.Enabled is false: transactions start without authorization. */
    AUTHORIZATION_DISABLED(Verdict.ACCEPT),
    /** A 2.0.1 NoAuthorization token: the station has nothing to identify the driver with. */
    NO_AUTHORIZATION_TOKEN(Verdict.ACCEPT),
    /** Remote start while remote starts need no authorization (1.6 §5.11, 2.0.1 F01). */
    REMOTE_START_WITHOUT_AUTHORIZATION(Verdict.ACCEPT),
    /** Online, local pre-authorization on, and a valid local entry: no need to wait. */
    PRE_AUTHORIZED_LOCALLY(Verdict.ACCEPT),
    /** Offline, local authorization offline on, and a valid local entry. */
    AUTHORIZED_LOCALLY_OFFLINE(Verdict.ACCEPT),
    /**
     * Offline, no local entry authorizes the token, and unknown tokens are allowed offline (1.6
     * §3.5.4, 2.0.1 C15). The transaction starts with a token nobody vouched for; the CSMS rules on
     * it when the start reaches it.
     */
    UNKNOWN_TOKEN_ALLOWED_OFFLINE(Verdict.ACCEPT),
    /** The CSMS answered Authorize with Accepted. */
    ACCEPTED_BY_CSMS(Verdict.ACCEPT),

    /** Online and local pre-authorization is off: every token goes to the CSMS. */
    PRE_AUTHORIZATION_OFF(Verdict.ASK_CSMS),
    /** Online and neither the local list nor the cache knows the token. */
    NOT_KNOWN_LOCALLY(Verdict.ASK_CSMS),
    /**
     * Online and the local entry is not valid (refused status, expired, other EVSE): the CSMS may
     * know better (2.0.1 C10.FR.03, C12.FR.05 and C14, which AuthCacheCtrlr and
     * LocalAuthListCtrlr.DisablePostAuthorize switch off).
     */
    LOCAL_ENTRY_NEEDS_CONFIRMATION(Verdict.ASK_CSMS),

    /** The local entry's status is neither Accepted nor Expired (Blocked, Invalid, ...). */
    LOCAL_ENTRY_NOT_ACCEPTED(Verdict.REJECT),
    /** The local entry's expiry has passed, or its status is Expired (1.6 §3.5.4). */
    LOCAL_ENTRY_EXPIRED(Verdict.REJECT),
    /** The local entry is valid, but not at this EVSE (2.0.1 IdTokenInfo.evseId). */
    NOT_VALID_AT_THIS_EVSE(Verdict.REJECT),
    /** Offline, the token is unknown locally, and unknown tokens are refused offline. */
    UNKNOWN_TOKEN_REFUSED_OFFLINE(Verdict.REJECT),
    /** Offline, the token is valid locally, but local authorization offline is off. */
    LOCAL_AUTHORIZATION_OFFLINE_OFF(Verdict.REJECT),
    /** The CSMS answered with a status other than Accepted, or for another EVSE. */
    REJECTED_BY_CSMS(Verdict.REJECT);

    private final Verdict verdict;

    Reason(Verdict verdict) {
      this.verdict = verdict;
    }

    public Verdict verdict() {
      return verdict;
    }
  }

  public AuthorizationDecision {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
  }

  public Verdict verdict() {
    return reason.verdict();
  }

  /** Whether the transaction may start now. */
  public boolean startsTransaction() {
    return verdict() == Verdict.ACCEPT;
  }

  /** Whether an Authorize must go to the CSMS before anything starts. */
  public boolean sendsAuthorize() {
    return verdict() == Verdict.ASK_CSMS;
  }

  /**
   * Whether the transaction starts with a token that nothing authorized (unknown-offline). The
   * transaction layer marks such a transaction so that, when the CSMS answers its start with a
   * status other than Accepted, it applies {@link AuthorizationService#onTransactionAnswer} (1.6
   * StopTransactionOnInvalidId, 2.0.1 TxCtrlr.StopTxOnInvalidId) instead of treating the token as
   * checked.
   */
  public boolean startsUnauthorized() {
    return reason == Reason.UNKNOWN_TOKEN_ALLOWED_OFFLINE;
  }
}
