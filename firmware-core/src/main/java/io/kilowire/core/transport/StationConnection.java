package io.kilowire.core.transport;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.RpcSession;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/** The CSMS side's view of one connected station ({@link OcppWebSocketServer}). */
public interface StationConnection {
  /** The station identity from the URL path, percent-decoded. */
  String stationId();

  /** The subprotocol both sides agreed on. */
  OcppVersion version();

  /** This connection's RPC session (role CSMS): make CSMS-initiated calls through it. */
  RpcSession session();

  @Nullable InetSocketAddress remoteAddress();

  /** The TLS session, with the station certificate for profile 3; empty on plain ws. */
  Optional<SSLSession> tlsSession();

  boolean isOpen();

  /** Closes the connection normally (1000). */
  void close();

  /** Closes with a WebSocket close code and reason. */
  void close(int code, String reason);
}
