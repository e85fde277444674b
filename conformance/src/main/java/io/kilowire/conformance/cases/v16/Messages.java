package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.script.Json.obj;

import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.TokenRole;
import org.jspecify.annotations.Nullable;

/** The OCPP 1.6 payloads the suite sends as a charge point, built from the case's context. */
final class Messages {
  /** The transactionId the CSMS gave in its StartTransaction.conf. */
  static final String TRANSACTION_ID = "transactionId";

  /** Shared with the runner: a transaction the case left running. */
  static final String OPEN = "openTransaction";

  private Messages() {}

  static String idTag(CaseContext ctx, TokenRole role) {
    return ctx.token(role).idToken();
  }

  static Payload boot() {
    return ctx ->
        obj(
            "chargePointVendor",
            ctx.lab().identity().vendorName(),
            "chargePointModel",
            ctx.lab().identity().model());
  }

  /** The configured connector's number (1.6 numbers connectors station-wide, from 1). */
  static int connector(CaseContext ctx) {
    return ctx.evseId();
  }

  static Payload status(String status) {
    return ctx -> status(ctx, connector(ctx), status, "NoError");
  }

  static Payload status(int connectorId, String status) {
    return ctx -> status(ctx, connectorId, status, "NoError");
  }

  static Payload status(String status, String errorCode) {
    return ctx -> status(ctx, connector(ctx), status, errorCode);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode status(
      CaseContext ctx, int connectorId, String status, String errorCode) {
    return obj(
        "connectorId",
        connectorId,
        "errorCode",
        errorCode,
        "status",
        status,
        "timestamp",
        ctx.now());
  }

  static Payload authorize(TokenRole role) {
    return ctx -> obj("idTag", idTag(ctx, role));
  }

  static Payload startTransaction(TokenRole role) {
    return ctx -> {
      ctx.set(OPEN, true);
      return obj(
          "connectorId",
          connector(ctx),
          "idTag",
          idTag(ctx, role),
          "meterStart",
          0,
          "timestamp",
          ctx.now());
    };
  }

  /** A transaction started {@code ago} earlier, sent now (after an offline period). */
  static Payload startTransactionAt(TokenRole role, java.time.Duration ago) {
    return ctx -> {
      ctx.set(OPEN, true);
      return obj(
          "connectorId",
          connector(ctx),
          "idTag",
          idTag(ctx, role),
          "meterStart",
          0,
          "timestamp",
          ctx.now().minus(ago));
    };
  }

  /** The case's transaction stopped {@code ago} earlier, sent now. */
  static Payload stopTransactionAt(String reason, java.time.Duration ago) {
    return ctx -> {
      ctx.set(OPEN, false);
      return obj(
          "transactionId",
          ctx.var(TRANSACTION_ID).asInt(),
          "meterStop",
          1250,
          "timestamp",
          ctx.now().minus(ago),
          "reason",
          reason);
    };
  }

  /** Stops the case's transaction; {@code idTag} null leaves it out. */
  static Payload stopTransaction(String reason, @Nullable TokenRole idTag) {
    return ctx -> {
      ctx.set(OPEN, false);
      return obj(
          "transactionId",
          ctx.var(TRANSACTION_ID).asInt(),
          "idTag",
          idTag == null ? null : idTag(ctx, idTag),
          "meterStop",
          1250,
          "timestamp",
          ctx.now(),
          "reason",
          reason);
    };
  }
}
