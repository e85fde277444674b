package io.kilowire.emulator.station;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.BootNotificationRequest;
import io.kilowire.core.ocpp.v16.BootNotificationResponse;
import io.kilowire.core.ocpp.v16.ChargePointErrorCode;
import io.kilowire.core.ocpp.v16.ChargePointStatus;
import io.kilowire.core.ocpp.v16.DataTransferRequest;
import io.kilowire.core.ocpp.v16.DataTransferResponse;
import io.kilowire.core.ocpp.v16.DataTransferStatus;
import io.kilowire.core.ocpp.v16.HeartbeatRequest;
import io.kilowire.core.ocpp.v16.HeartbeatResponse;
import io.kilowire.core.ocpp.v16.RegistrationStatus;
import io.kilowire.core.ocpp.v16.StatusNotificationRequest;
import io.kilowire.core.ocpp.v16.StatusNotificationResponse;
import io.kilowire.core.ocpp.v16.TriggerMessageRequest;
import io.kilowire.core.ocpp.v16.TriggerMessageResponse;
import io.kilowire.core.ocpp.v16.TriggerMessageStatus;
import io.kilowire.core.runtime.OcppClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** OCPP 1.6: connectors 1..n, connector 0 is the charge point itself. */
final class V16StationProtocol implements StationProtocol {
  static final String VENDOR = "Kilowire";
  static final String MODEL = "KW-EMU";

  private final OcppClient client;
  private final Consumer<Runnable> afterReply;

  V16StationProtocol(OcppClient client, Consumer<Runnable> afterReply) {
    this.client = client;
    this.afterReply = afterReply;
  }

  @Override
  public OcppVersion version() {
    return OcppVersion.V16;
  }

  @Override
  public void registerHandlers(RpcSession session, int connectors) {
    session.handle(
        TriggerMessageRequest.class,
        r -> {
          Integer connector = r.connectorId();
          if (connector != null && (connector < 0 || connector > connectors)) {
            return new TriggerMessageResponse(TriggerMessageStatus.REJECTED);
          }
          switch (r.requestedMessage()) {
            case BOOT_NOTIFICATION -> afterReply.accept(() -> boot(client));
            case HEARTBEAT -> afterReply.accept(() -> heartbeat(client));
            case STATUS_NOTIFICATION ->
                afterReply.accept(
                    () -> {
                      if (connector == null) {
                        reportConnectors(client, connectors);
                      } else {
                        status(client, connector);
                      }
                    });
            default -> {
              return new TriggerMessageResponse(TriggerMessageStatus.NOT_IMPLEMENTED);
            }
          }
          return new TriggerMessageResponse(TriggerMessageStatus.ACCEPTED);
        });
    session.handle(
        DataTransferRequest.class,
        r -> new DataTransferResponse(DataTransferStatus.UNKNOWN_VENDOR_ID, null));
  }

  @Override
  public CompletableFuture<BootResult> boot(OcppClient client) {
    return client
        .call(BootNotificationRequest.of(VENDOR, MODEL), BootNotificationResponse.class)
        .thenApply(
            r ->
                new BootResult(
                    r.status() == RegistrationStatus.ACCEPTED,
                    r.status().value(),
                    Duration.ofSeconds(Math.max(0, r.interval()))));
  }

  @Override
  public void reportConnectors(OcppClient client, int connectors) {
    for (int c = 0; c <= connectors; c++) {
      status(client, c);
    }
  }

  private void status(OcppClient client, int connector) {
    client.call(
        new StatusNotificationRequest(
            connector,
            ChargePointErrorCode.NO_ERROR,
            null,
            ChargePointStatus.AVAILABLE,
            client.scheduler().now(),
            null,
            null),
        StatusNotificationResponse.class);
  }

  @Override
  public CompletableFuture<?> heartbeat(OcppClient client) {
    return client.call(new HeartbeatRequest(), HeartbeatResponse.class);
  }
}
