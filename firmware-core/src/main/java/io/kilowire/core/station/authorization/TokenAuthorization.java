package io.kilowire.core.station.authorization;

import io.kilowire.core.authorization.AuthorizationDecision;
import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationQuery;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.AuthorizationSettings;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.IdentifierType;
import io.kilowire.core.authorization.InvalidIdAction;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.station.reservations.ReservationBook;
import io.kilowire.core.station.reservations.Reservations;
import io.kilowire.core.station.transactions.Transactions;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens at the station: presented at a reader (to start, or to stop the transaction they started)
 * and sent by a remote start. The {@link AuthorizationService} decides by its rules (local list,
 * cache, offline rules); when they say so the CSMS is asked (Authorize), and an accepted token
 * authorizes its EVSE in {@link Transactions}. The CSMS's later verdict on a running transaction's
 * token goes through the same service.
 */
public final class TokenAuthorization {
  private static final Logger LOG = LoggerFactory.getLogger(TokenAuthorization.class);

  private final AuthorizationService auth;
  private final Transactions transactions;
  private final Reservations reservations;
  private final CsmsGateway gateway;
  private final TaskScheduler scheduler;
  private final StationParameters params;
  private final BooleanSupplier registered;
  private final IntPredicate available;
  private final IntPredicate admits;
  private final IntSupplier reboots;
  private final IntConsumer statusMayHaveChanged;
  private java.util.function.BiConsumer<Integer, io.kilowire.core.authorization.PersonalMessage>
      personalMessage = (evse, message) -> {};
  private java.util.function.IntConsumer accepted = evse -> {};

  /**
   * @param reservations which EVSE a token may use, and the reservation it uses there
   * @param available whether an EVSE takes sessions at all: operative and without a fault
   * @param admits whether an EVSE may start a new session: no reset pending for it
   * @param reboots how many reboots the station did (an answer from before one starts nothing)
   * @param statusMayHaveChanged told an EVSE whose status a token may have changed
   */
  public TokenAuthorization(
      StationContext context,
      AuthorizationService auth,
      Transactions transactions,
      Reservations reservations,
      IntPredicate available,
      IntPredicate admits,
      IntSupplier reboots,
      IntConsumer statusMayHaveChanged) {
    this.auth = auth;
    this.transactions = transactions;
    this.reservations = reservations;
    this.gateway = context.gateway();
    this.scheduler = context.scheduler();
    this.params = context.params();
    this.registered = context.registered();
    this.available = available;
    this.admits = admits;
    this.reboots = reboots;
    this.statusMayHaveChanged = statusMayHaveChanged;
  }

  /**
   * A token presented at an EVSE's reader: stops the EVSE's transaction if it is the same token,
   * otherwise authorizes it for a new transaction.
   */
  public void present(int evse, String idToken, String idTokenType) {
    String unfit = unfit(idToken, idTokenType);
    if (unfit != null) {
      LOG.warn("token on EVSE {} ignored: {}", evse, unfit);
      return;
    }
    Transaction tx = transactions.transaction(evse);
    if (tx != null && tx.authorized()) {
      if (tx.idToken().equals(idToken)) {
        transactions.end(evse, StopReason.LOCAL, idToken);
        statusMayHaveChanged.accept(evse);
      }
      return;
    }
    // Without a transaction the token asks for a new one; a transaction started on cable
    // connection waits for its token.
    if (tx == null && !available.test(evse)) {
      return;
    }
    if (tx == null && !admits.test(evse)) {
      LOG.info("token {} on EVSE {} ignored: a reset is pending", idToken, evse);
      return;
    }
    if (!reservations.mayTry(evse, idToken)) {
      LOG.info("token {} on EVSE {} refused: the EVSE is reserved for another", idToken, evse);
      return;
    }
    decide(
        AuthorizationQuery.presented(token(idToken, idTokenType), registered.getAsBoolean())
            .atEvse(evse),
        idTokenType,
        evse,
        null);
  }

  /**
   * A remote start on {@code evse} (null: the first free one), carrying a TxProfile for the
   * transaction it begins or not: true if accepted. The token is decided after the reply.
   */
  public boolean remoteStart(
      @Nullable Integer evse,
      String idToken,
      String type,
      @Nullable Integer remoteStartId,
      @Nullable ChargingProfile txProfile) {
    Integer target =
        evse != null
            ? evse
            : transactions.freeEvse(
                e -> available.test(e) && admits.test(e) && reservations.mayTry(e, idToken));
    if (target == null
        || !transactions.has(target)
        || transactions.transaction(target) != null
        || !available.test(target)
        || !admits.test(target)
        || !reservations.mayTry(target, idToken)) {
      return false;
    }
    int e = target;
    transactions.holdTxProfile(e, txProfile);
    // After the reply: the rules decide whether the token is authorized with the CSMS first.
    scheduler.schedule(
        Duration.ZERO,
        () ->
            decide(
                AuthorizationQuery.remoteStart(token(idToken, type), registered.getAsBoolean())
                    .atEvse(e),
                type,
                e,
                remoteStartId));
    return true;
  }

  /**
   * Runs the authorization rules (local list, cache, offline rules; see AuthorizationRules) and,
   * when they say so, asks the CSMS; an accepted token authorizes the EVSE.
   */
  private void decide(
      AuthorizationQuery query, String type, int evse, @Nullable Integer remoteStartId) {
    auth.reconfigure(settings(params), scheduler.now());
    AuthorizationDecision decision = auth.authorize(query, scheduler.now());
    int epoch = reboots.getAsInt();
    switch (decision.verdict()) {
      case ACCEPT -> accept(evse, query.token().value(), type, remoteStartId, decision.info());
      case REJECT -> LOG.info("token {} refused: {}", query.token().value(), decision.reason());
      case ASK_CSMS ->
          gateway
              .authorize(query.token().value(), type)
              .whenComplete(
                  (info, failure) -> {
                    if (epoch != reboots.getAsInt()) {
                      LOG.info("token {}: the station rebooted meanwhile", query.token().value());
                      return;
                    }
                    if (failure == null) {
                      if (info.personalMessage() != null) {
                        personalMessage.accept(evse, info.personalMessage());
                      }
                      if (auth.onAuthorizeAnswer(query, info, scheduler.now())
                          .startsTransaction()) {
                        accept(evse, query.token().value(), type, remoteStartId, info);
                      }
                    } else {
                      // No answer: decide again as offline (local list, cache, unknown-id rule).
                      AuthorizationQuery offline =
                          new AuthorizationQuery(
                              query.token(), query.origin(), query.evseId(), false);
                      AuthorizationDecision again = auth.authorize(offline, scheduler.now());
                      if (again.verdict() == AuthorizationDecision.Verdict.ACCEPT) {
                        accept(evse, query.token().value(), type, remoteStartId, again.info());
                      }
                    }
                  });
    }
  }

  /**
   * An accepted token authorizes {@code evse}, unless the EVSE is kept for another token; the
   * reservation it uses there (matched by the token or its group, {@code info}) goes with the
   * transaction.
   */
  private void accept(
      int evse,
      String token,
      String type,
      @Nullable Integer remoteStartId,
      @Nullable AuthorizationInfo info) {
    IdentifierToken group = info == null ? null : info.groupToken();
    ReservationBook.Claim claim =
        reservations.claim(evse, token, group == null ? null : group.value());
    if (claim.allowed()) {
      transactions.authorized(evse, token, type, remoteStartId, claim.reservationId());
      accepted.accept(evse);
    }
  }

  /** Who learns that a token was accepted for an EVSE (I04: the fallback tariff, if no other). */
  public void onAccepted(java.util.function.IntConsumer listener) {
    this.accepted = listener;
  }

  /**
   * Who shows the personal message the CSMS answers a token with (I01: the driver's tariff), with
   * the EVSE the token was presented for.
   */
  public void onPersonalMessage(
      java.util.function.BiConsumer<Integer, io.kilowire.core.authorization.PersonalMessage>
          listener) {
    this.personalMessage = listener;
  }

  /** What to do with a running transaction whose token the CSMS judged in a transaction answer. */
  public InvalidIdAction transactionAnswered(Transaction tx, AuthorizationInfo info) {
    return auth.onTransactionAnswer(token(tx.idToken(), tx.idTokenType()), info, scheduler.now());
  }

  /**
   * Why the station's version cannot carry a token read at the reader (1.6 idTag 20 characters;
   * 2.0.1 idToken 36 and its eight types; 2.1 255 and a type of at most 20), or null if it can.
   */
  private @Nullable String unfit(String idToken, String type) {
    int length = idToken.codePointCount(0, idToken.length());
    OcppVersion version =
        gateway.version() == OcppVersion.V16
            ? OcppVersion.V16
            : params.ocpp21() ? OcppVersion.V21 : OcppVersion.V201;
    int max = version == OcppVersion.V16 ? 20 : version == OcppVersion.V201 ? 36 : 255;
    if (length > max) {
      return "a token of " + length + " characters; " + version.subprotocol() + " holds " + max;
    }
    IdentifierType named = IdentifierType.named(type);
    if (version == OcppVersion.V201 && (named == null || !named.in201())) {
      return "type " + type + " is not an OCPP 2.0.1 IdTokenEnumType";
    }
    if (version == OcppVersion.V21 && type.length() > 20) {
      return "type " + type + " is longer than OCPP 2.1's 20 characters";
    }
    return null;
  }

  /** The token as the authorization rules know it: 1.6 idTags have no type. */
  private IdentifierToken token(String value, String type) {
    if (gateway.version() == OcppVersion.V16) {
      return IdentifierToken.idTag(value);
    }
    IdentifierType t = IdentifierType.named(type);
    return new IdentifierToken(value, t != null ? t : IdentifierType.ISO14443);
  }

  /** The authorization settings the station's parameters say, read anew for each decision. */
  public static AuthorizationSettings settings(StationParameters params) {
    return AuthorizationSettings.builder()
        .localPreAuthorize(params.localPreAuthorize())
        .localAuthorizeOffline(params.localAuthorizeOffline())
        .allowOfflineTxForUnknownId(params.allowOfflineTxForUnknownId())
        .authorizeRemoteStart(params.authorizeRemoteStart())
        .stopTransactionOnInvalidId(params.stopTransactionOnInvalidId())
        .cacheEnabled(params.authorizationCacheEnabled())
        .cacheDisablePostAuthorize(params.cacheDisablePostAuthorize())
        .localListDisablePostAuthorize(params.localListDisablePostAuthorize())
        .localListEnabled(params.localAuthListEnabled())
        .localListMaxEntries(params.localListMaxEntries())
        .localListMaxEntriesPerMessage(params.localListMaxEntriesPerMessage())
        .build();
  }
}
