package io.kilowire.conformance.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.driver.CsmsDriver;
import io.kilowire.conformance.driver.DriverException;
import io.kilowire.conformance.driver.TriggerRequest;
import io.kilowire.conformance.script.Json;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in sandbox's own driver: it makes the sandbox send what a trigger asks for, filling in
 * the fields a CSMS chooses itself (a remoteStartId, a requestId), or answer the next boot as
 * asked. It never waits for the station's reply: the case's next step does.
 */
public final class SandboxDriver implements CsmsDriver {
  private static final List<String> REQUEST_ID_ACTIONS =
      List.of(
          "GetBaseReport",
          "GetReport",
          "GetChargingProfiles",
          "GetLog",
          "GetMonitoringReport",
          "GetDisplayMessages",
          "GetDERControl",
          "CustomerInformation",
          "SignedUpdateFirmware",
          "UpdateFirmware",
          "PublishFirmware");

  /** How long the sandbox's reservations hold unless a case asks otherwise. */
  private static final Duration RESERVATION_TIME = Duration.ofHours(1);

  private final SandboxCsms csms;
  private final AtomicInteger ids = new AtomicInteger(100);

  public SandboxDriver(SandboxCsms csms) {
    this.csms = csms;
  }

  @Override
  public void trigger(TriggerRequest request) {
    if (request.kind().equals("answer")) {
      configure(request);
      return;
    }
    ObjectNode payload = complete(request.action(), request.payload().deepCopy());
    CompletableFuture<String> sent =
        csms.call(request.stationId(), request.action(), Json.text(payload));
    if (sent.isCompletedExceptionally()) {
      try {
        sent.get();
      } catch (ExecutionException e) {
        throw new DriverException(
            "the sandbox cannot send " + request.action() + ": " + e.getCause().getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DriverException("interrupted", e);
      }
    }
  }

  private void configure(TriggerRequest request) {
    if (request.action().equals("TransactionEvent")) {
      try {
        csms.answerNextTransactionEvent(request.stationId(), Json.text(request.payload()));
      } catch (IllegalArgumentException e) {
        throw new DriverException(e.getMessage(), e);
      }
      return;
    }
    if (!request.action().equals("BootNotification")) {
      throw new DriverException(
          "the sandbox can only be set up to answer BootNotification or TransactionEvent, not "
              + request.action());
    }
    try {
      csms.answerNextBoot(request.stationId(), request.payload().path("status").asText());
    } catch (IllegalArgumentException e) {
      throw new DriverException(e.getMessage(), e);
    }
  }

  private ObjectNode complete(String action, ObjectNode payload) {
    if (action.equals("RequestStartTransaction") && !payload.has("remoteStartId")) {
      payload.put("remoteStartId", ids.incrementAndGet());
    }
    if (action.equals("InstallCertificate") && !payload.has("certificate")) {
      payload.put("certificate", csms.caCertificatePem());
    }
    // 1.6 UpdateFirmware (a top-level location) has no requestId; 2.0.1's does.
    boolean plainUpdate = action.equals("UpdateFirmware") && payload.has("location");
    if (REQUEST_ID_ACTIONS.contains(action) && !payload.has("requestId") && !plainUpdate) {
      payload.put("requestId", ids.incrementAndGet());
    }
    if (action.equals("ReserveNow")) {
      // A CSMS numbers its reservations and chooses how long they hold.
      boolean v16 = payload.has("connectorId");
      String id = v16 ? "reservationId" : "id";
      String expiry = v16 ? "expiryDate" : "expiryDateTime";
      if (!payload.has(id)) {
        payload.put(id, ids.incrementAndGet());
      }
      if (!payload.has(expiry)) {
        payload.put(
            expiry, csms.now().plus(RESERVATION_TIME).truncatedTo(ChronoUnit.SECONDS).toString());
      }
    }
    return payload;
  }

  @Override
  public String describe() {
    return "builtin";
  }
}
