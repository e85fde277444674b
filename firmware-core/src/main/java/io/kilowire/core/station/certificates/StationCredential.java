package io.kilowire.core.station.certificates;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One of the station's own certificates with its private key: the chain, leaf first, as the CSMS
 * signed it. The key never leaves the station (A02.FR.05): no OCPP message carries it.
 */
public record StationCredential(SigningKind kind, List<X509Certificate> chain, PrivateKey key) {
  public StationCredential {
    Objects.requireNonNull(kind, "kind");
    chain = List.copyOf(chain);
    Objects.requireNonNull(key, "key");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a credential has at least its own certificate");
    }
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public Instant notBefore() {
    return leaf().getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return leaf().getNotAfter().toInstant();
  }

  /** Keeps the key out of logs. */
  @Override
  public String toString() {
    return "StationCredential[" + kind + ", " + leaf().getSubjectX500Principal().getName() + "]";
  }
}
