package io.kilowire.core.transport;

import java.util.Objects;

/**
 * Why a connection ended, or why an attempt never opened. {@link Kind} is what callers branch on;
 * {@code code} is the WebSocket close code where one exists (RFC 6455, or -1 when the connection
 * never opened), {@code httpStatus} the CSMS's answer to the upgrade when it was not 101 (-1
 * otherwise) and {@code detail} a human-readable explanation for logs.
 */
public record CloseReason(Kind kind, int code, String detail, int httpStatus) {
  public CloseReason {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** A reason without an HTTP status. */
  public CloseReason(Kind kind, int code, String detail) {
    this(kind, code, detail, -1);
  }

  /**
   * The CSMS answered the upgrade and refused it with a client error (4xx: 401 credentials, 403
   * forbidden, 404 unknown station, ...): retrying at once will not help.
   */
  public boolean refused() {
    return httpStatus >= 400 && httpStatus < 500;
  }

  public static CloseReason of(Kind kind, String detail) {
    return new CloseReason(kind, -1, detail);
  }

  /** The classes of ending a station reacts to differently (log, security event, back-off). */
  public enum Kind {
    /** TCP connect failed, or the peer vanished before the upgrade completed. */
    UNREACHABLE,
    /** Nothing opened within the connect timeout (TCP, TLS and HTTP upgrade together). */
    CONNECT_TIMEOUT,
    /**
     * The TLS handshake failed: unknown CA, name mismatch, protocol version, or the CSMS refused
     * our client certificate (OCPP: InvalidCentralSystemCertificate / InvalidCsmsCertificate).
     */
    TLS_FAILURE,
    /** The CSMS answered the upgrade with HTTP 401 or 403: wrong or missing credentials. */
    AUTH_REJECTED,
    /** The CSMS answered the upgrade with another non-101 status (e.g. 404 unknown station). */
    HANDSHAKE_REJECTED,
    /** The CSMS selected no subprotocol, or one we did not offer. */
    SUBPROTOCOL_REFUSED,
    /** The peer stopped answering WebSocket pings within the bound. */
    LIVENESS_TIMEOUT,
    /** The peer closed an open connection with a close frame. */
    CLOSED_BY_PEER,
    /** An open connection ended without a close frame (reset, EOF). */
    CONNECTION_LOST,
    /** We closed it. */
    CLOSED_LOCALLY,
    /** We closed it because the peer broke the WebSocket protocol. */
    PROTOCOL_ERROR
  }
}
