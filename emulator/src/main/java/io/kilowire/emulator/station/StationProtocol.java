package io.kilowire.emulator.station;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.runtime.OcppClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The version-specific messages of an emulated station. */
interface StationProtocol {
  /** The outcome of a BootNotification. */
  record BootResult(boolean accepted, String status, Duration interval) {}

  static StationProtocol forVersion(
      OcppVersion version, OcppClient client, Consumer<Runnable> afterReply) {
    return switch (version) {
      case V16 -> new V16StationProtocol(client, afterReply);
      case V201 -> new V201StationProtocol(client, afterReply);
      case V21 -> throw new IllegalArgumentException("OCPP 2.1 stations are not available yet");
    };
  }

  OcppVersion version();

  void registerHandlers(RpcSession session, int connectors);

  CompletableFuture<BootResult> boot(OcppClient client);

  void reportConnectors(OcppClient client, int connectors);

  CompletableFuture<?> heartbeat(OcppClient client);
}
