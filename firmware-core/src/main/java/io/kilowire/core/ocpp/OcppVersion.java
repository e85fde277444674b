package io.kilowire.core.ocpp;

import java.util.Optional;

/** The OCPP versions Kilowire speaks, named by their WebSocket subprotocol. */
public enum OcppVersion {
  V16("ocpp1.6"),
  V201("ocpp2.0.1"),
  V21("ocpp2.1");

  private final String subprotocol;

  OcppVersion(String subprotocol) {
    this.subprotocol = subprotocol;
  }

  /** The {@code Sec-WebSocket-Protocol} token, e.g. {@code ocpp2.0.1}. */
  public String subprotocol() {
    return subprotocol;
  }

  public static Optional<OcppVersion> fromSubprotocol(String token) {
    for (OcppVersion v : values()) {
      if (v.subprotocol.equals(token)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
