package io.kilowire.emulator.station;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v201.BootNotificationRequest;
import io.kilowire.core.ocpp.v201.BootNotificationResponse;
import io.kilowire.core.ocpp.v201.BootReason;
import io.kilowire.core.ocpp.v201.ChargingStation;
import io.kilowire.core.ocpp.v201.ConnectorStatus;
import io.kilowire.core.ocpp.v201.DataTransferRequest;
import io.kilowire.core.ocpp.v201.DataTransferResponse;
import io.kilowire.core.ocpp.v201.DataTransferStatus;
import io.kilowire.core.ocpp.v201.HeartbeatRequest;
import io.kilowire.core.ocpp.v201.HeartbeatResponse;
import io.kilowire.core.ocpp.v201.RegistrationStatus;
import io.kilowire.core.ocpp.v201.StatusNotificationRequest;
import io.kilowire.core.ocpp.v201.StatusNotificationResponse;
import io.kilowire.core.ocpp.v201.TriggerMessageRequest;
import io.kilowire.core.ocpp.v201.TriggerMessageResponse;
import io.kilowire.core.ocpp.v201.TriggerMessageStatus;
import io.kilowire.core.runtime.OcppClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** OCPP 2.0.1: EVSEs 1..n with one connector each. */
final class V201StationProtocol implements StationProtocol {
  private final OcppClient client;
  private final Consumer<Runnable> afterReply;

  V201StationProtocol(OcppClient client, Consumer<Runnable> afterReply) {
    this.client = client;
    this.afterReply = afterReply;
  }

  @Override
  public OcppVersion version() {
    return OcppVersion.V201;
  }

  @Override
  public void registerHandlers(RpcSession session, int evses) {
    session.handle(
        TriggerMessageRequest.class,
        r -> {
          Integer evse = r.evse() == null ? null : r.evse().id();
          if (evse != null && (evse < 1 || evse > evses)) {
            return new TriggerMessageResponse(null, TriggerMessageStatus.REJECTED, null);
          }
          switch (r.requestedMessage()) {
            case BOOT_NOTIFICATION -> afterReply.accept(() -> boot(client));
            case HEARTBEAT -> afterReply.accept(() -> heartbeat(client));
            case STATUS_NOTIFICATION ->
                afterReply.accept(
                    () -> {
                      if (evse == null) {
                        reportConnectors(client, evses);
                      } else {
                        status(client, evse);
                      }
                    });
            default -> {
              return new TriggerMessageResponse(null, TriggerMessageStatus.NOT_IMPLEMENTED, null);
            }
          }
          return new TriggerMessageResponse(null, TriggerMessageStatus.ACCEPTED, null);
        });
    session.handle(
        DataTransferRequest.class,
        r -> new DataTransferResponse(null, DataTransferStatus.UNKNOWN_VENDOR_ID, null, null));
  }

  @Override
  public CompletableFuture<BootResult> boot(OcppClient client) {
    ChargingStation station =
        ChargingStation.of(V16StationProtocol.MODEL, V16StationProtocol.VENDOR);
    return client
        .call(
            BootNotificationRequest.of(station, BootReason.POWER_UP),
            BootNotificationResponse.class)
        .thenApply(
            r ->
                new BootResult(
                    r.status() == RegistrationStatus.ACCEPTED,
                    r.status().value(),
                    Duration.ofSeconds(Math.max(0, r.interval()))));
  }

  @Override
  public void reportConnectors(OcppClient client, int evses) {
    for (int e = 1; e <= evses; e++) {
      status(client, e);
    }
  }

  private void status(OcppClient client, int evse) {
    client.call(
        StatusNotificationRequest.of(client.scheduler().now(), ConnectorStatus.AVAILABLE, evse, 1),
        StatusNotificationResponse.class);
  }

  @Override
  public CompletableFuture<?> heartbeat(OcppClient client) {
    return client.call(HeartbeatRequest.of(), HeartbeatResponse.class);
  }
}
