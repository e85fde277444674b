package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.TokenRole;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The OCPP 2.0.1 payloads the suite sends as a station, built from the case's context. */
final class Messages {
  /** Case variables the transaction messages keep. */
  static final String TRANSACTION_ID = "transactionId";

  static final String SEQ_NO = "seqNo";
  static final String OPEN = "openTransaction";
  static final String REMOTE_START_ID = "remoteStartId";

  /** The EVSE the station side acts on now (a case may run transactions on several). */
  static final String ACTIVE_EVSE = "activeEvse";

  private Messages() {}

  static int activeEvse(CaseContext ctx) {
    return ctx.var(ACTIVE_EVSE).asInt(ctx.evseId());
  }

  /** A per-EVSE variable: {@code name@evse} of the active EVSE. */
  static String key(CaseContext ctx, String name) {
    return name + "@" + activeEvse(ctx);
  }

  /** The field equals the active EVSE's transaction id. */
  static io.kilowire.conformance.script.Expectation isTransactionId() {
    return io.kilowire.conformance.script.Expect.is(
        "the running transaction's id", Messages::transactionId);
  }

  /** The active EVSE's transaction id. */
  static String transactionId(CaseContext ctx) {
    return ctx.text(key(ctx, TRANSACTION_ID));
  }

  static ObjectNode idToken(CaseContext ctx, TokenRole role) {
    LabConfiguration.Token t = ctx.token(role);
    return obj("idToken", t.idToken(), "type", t.type());
  }

  static Payload boot(String reason) {
    return ctx ->
        obj(
            "reason",
            reason,
            "chargingStation",
            obj(
                "model",
                ctx.lab().identity().model(),
                "vendorName",
                ctx.lab().identity().vendorName()));
  }

  static Payload authorize(TokenRole role) {
    return ctx -> obj("idToken", idToken(ctx, role));
  }

  static Payload status(String connectorStatus) {
    return status(connectorStatus, null, null);
  }

  /** A StatusNotification; null EVSE/connector: the configured ones. */
  static Payload status(
      String connectorStatus, @Nullable Integer evseId, @Nullable Integer connectorId) {
    return ctx ->
        obj(
            "timestamp",
            ctx.now(),
            "connectorStatus",
            connectorStatus,
            "evseId",
            evseId == null ? activeEvse(ctx) : evseId,
            "connectorId",
            connectorId == null ? ctx.connectorId() : connectorId);
  }

  /** A NotifyEvent reporting a connector's AvailabilityState. */
  static Payload availabilityEvent(
      String state, @Nullable Integer evseId, @Nullable Integer connectorId) {
    return ctx ->
        notifyEvent(
            ctx,
            "Delta",
            state,
            obj(
                "name",
                "Connector",
                "evse",
                obj(
                    "id",
                    evseId == null ? activeEvse(ctx) : evseId,
                    "connectorId",
                    connectorId == null ? ctx.connectorId() : connectorId)),
            "AvailabilityState",
            "HardWiredNotification");
  }

  /** A NotifyEvent with one event: {@code variable} of {@code component} is {@code value}. */
  static ObjectNode notifyEvent(
      CaseContext ctx,
      String trigger,
      String value,
      ObjectNode component,
      String variable,
      String notificationType) {
    return obj(
        "generatedAt",
        ctx.now(),
        "seqNo",
        0,
        "eventData",
        arr(
            obj(
                "eventId",
                1,
                "timestamp",
                ctx.now(),
                "trigger",
                trigger,
                "actualValue",
                value,
                "component",
                component,
                "variable",
                obj("name", variable),
                "eventNotificationType",
                notificationType)));
  }

  /**
   * A TransactionEvent. {@code eventType} "auto" sends Started when no transaction is open (a new
   * transaction id, seqNo 0) and Updated otherwise; Ended closes the transaction.
   */
  static TransactionEvent transactionEvent(String eventType, String triggerReason) {
    return new TransactionEvent(eventType, triggerReason);
  }

  /** Builds TransactionEventRequests; each field optional. */
  static final class TransactionEvent implements Payload {
    private final String eventType;
    private final String triggerReason;
    private @Nullable String chargingState;
    private @Nullable String stoppedReason;
    private @Nullable TokenRole idToken;
    private boolean remoteStartId;
    private @Nullable String meterContext;
    private boolean offline;
    private boolean withEvse = true;
    private @Nullable ObjectNode customData;
    private boolean signed;
    private @Nullable String seqNoBase;
    private int seqNoAdd;

    private TransactionEvent(String eventType, String triggerReason) {
      this.eventType = eventType;
      this.triggerReason = triggerReason;
    }

    TransactionEvent chargingState(String state) {
      this.chargingState = state;
      return this;
    }

    TransactionEvent stoppedReason(String reason) {
      this.stoppedReason = reason;
      return this;
    }

    TransactionEvent idToken(TokenRole role) {
      this.idToken = role;
      return this;
    }

    /** Carries the remoteStartId the CSMS sent (the case variable). */
    TransactionEvent remoteStartId() {
      this.remoteStartId = true;
      return this;
    }

    /** Adds a meter value with this reading context. */
    TransactionEvent meterValue(String context) {
      this.meterContext = context;
      return this;
    }

    TransactionEvent offline() {
      this.offline = true;
      return this;
    }

    TransactionEvent withoutEvse() {
      this.withEvse = false;
      return this;
    }

    TransactionEvent customData(ObjectNode data) {
      this.customData = data;
      return this;
    }

    /** Adds a signed meter value (signedMeterValue) to the meter value. */
    TransactionEvent signed() {
      this.signed = true;
      return this;
    }

    /**
     * Sends seqNo {@code base + add}, {@code base} a case variable, instead of the next number
     * (events delivered out of order after an offline period).
     */
    TransactionEvent seqNo(String base, int add) {
      this.seqNoBase = base;
      this.seqNoAdd = add;
      return this;
    }

    @Override
    public ObjectNode build(CaseContext ctx) {
      boolean open = ctx.var(key(ctx, OPEN)).asBoolean(false);
      String type = eventType.equals("auto") ? (open ? "Updated" : "Started") : eventType;
      if (type.equals("Started") || ctx.var(key(ctx, TRANSACTION_ID)).isMissingNode()) {
        ctx.set(key(ctx, TRANSACTION_ID), "KW-" + UUID.randomUUID().toString().substring(0, 13));
        ctx.set(key(ctx, SEQ_NO), 0);
      }
      int seqNo;
      if (seqNoBase != null) {
        seqNo = ctx.var(seqNoBase).asInt() + seqNoAdd;
      } else {
        seqNo = ctx.var(key(ctx, SEQ_NO)).asInt();
        ctx.set(key(ctx, SEQ_NO), seqNo + 1);
      }
      if (type.equals("Started")) {
        ctx.set(key(ctx, OPEN), true);
      } else if (type.equals("Ended")) {
        ctx.set(key(ctx, OPEN), false);
      }
      String context =
          meterContext != null
              ? meterContext
              : type.equals("Started")
                  ? "Transaction.Begin"
                  : type.equals("Ended") ? "Transaction.End" : null;
      ObjectNode transaction =
          obj(
              "transactionId",
              transactionId(ctx),
              "chargingState",
              chargingState,
              "stoppedReason",
              stoppedReason,
              "remoteStartId",
              remoteStartId ? ctx.var(REMOTE_START_ID) : null,
              "customData",
              customData);
      return obj(
          "eventType",
          type,
          "timestamp",
          ctx.now(),
          "triggerReason",
          triggerReason,
          "seqNo",
          seqNo,
          "offline",
          offline ? Boolean.TRUE : null,
          "transactionInfo",
          transaction,
          "evse",
          withEvse ? obj("id", activeEvse(ctx), "connectorId", ctx.connectorId()) : null,
          "idToken",
          idToken == null ? null : Messages.idToken(ctx, idToken),
          "meterValue",
          context == null
              ? null
              : signed ? signedMeterValues(ctx, context) : meterValues(ctx, context),
          "customData",
          customData);
    }
  }

  /** One signed meter value in the given reading context. */
  static com.fasterxml.jackson.databind.node.ArrayNode signedMeterValues(
      CaseContext ctx, String context) {
    return arr(
        obj(
            "timestamp",
            ctx.now(),
            "sampledValue",
            arr(
                obj(
                    "value",
                    0.0,
                    "context",
                    context,
                    "measurand",
                    "Energy.Active.Import.Register",
                    "signedMeterValue",
                    obj(
                        "signedMeterData",
                        "S1dJUkUtU0lHTkVELU1FVEVSLURBVEE=",
                        "signingMethod",
                        "ECDSA-secp256r1-SHA256",
                        "encodingMethod",
                        "OCMF",
                        "publicKey",
                        "S1dJUkUtVEVTVC1LRVk=")))));
  }

  /** Meter values of {@code context} for MeterValuesRequest or a transaction. */
  static Payload meterValuesRequest(String context, @Nullable Integer evseId) {
    return ctx ->
        obj(
            "evseId",
            evseId == null ? activeEvse(ctx) : evseId,
            "meterValue",
            meterValues(ctx, context));
  }

  /** One meter value: the energy register, in the given reading context. */
  static com.fasterxml.jackson.databind.node.ArrayNode meterValues(
      CaseContext ctx, String context) {
    return arr(
        obj(
            "timestamp",
            ctx.now(),
            "sampledValue",
            arr(
                obj(
                    "value",
                    1250.0,
                    "context",
                    context,
                    "measurand",
                    "Energy.Active.Import.Register",
                    "unitOfMeasure",
                    obj("unit", "Wh")))));
  }
}
