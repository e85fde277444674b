package io.kilowire.core.runtime;

import io.kilowire.core.transport.TransportConfig;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the station changed of its connection's security while it runs: the client certificate the
 * CSMS signed (A02/A03), the CSMS roots it installed (M05), a rotated Basic-auth password (A01) and
 * a raised security profile (A05). {@link #apply} lays them over the configuration the station was
 * started with; the next connection uses the result. Written on the station's thread, read by the
 * transport's.
 */
public final class TransportCredentials {
  private volatile @Nullable List<X509Certificate> clientChain;
  private volatile @Nullable PrivateKey clientKey;
  private volatile @Nullable List<X509Certificate> trusted;
  private volatile @Nullable String password;
  private volatile @Nullable Integer securityProfile;

  void clientCertificate(List<X509Certificate> chain, PrivateKey key) {
    this.clientKey = key;
    this.clientChain = List.copyOf(chain);
  }

  void trusted(List<X509Certificate> roots) {
    this.trusted = roots.isEmpty() ? null : List.copyOf(roots);
  }

  void password(@Nullable String password) {
    this.password = password == null || password.isEmpty() ? null : password;
  }

  void securityProfile(int profile) {
    this.securityProfile = profile;
  }

  /** {@code base} with what the station changed since it started. */
  public TransportConfig apply(TransportConfig base) {
    TransportConfig.Builder b = base.toBuilder();
    List<X509Certificate> chain = clientChain;
    PrivateKey key = clientKey;
    if (chain != null && key != null) {
      b.clientCertificate(chain, key);
    }
    List<X509Certificate> roots = trusted;
    if (roots != null) {
      b.trustedCertificates(roots);
    }
    String pw = password;
    if (pw != null) {
      b.basicAuthPassword(pw);
    }
    Integer profile = securityProfile;
    if (profile != null && profile > base.securityProfile()) {
      b.securityProfile(profile);
      if (profile >= 2 && "ws".equalsIgnoreCase(base.csmsUrl().getScheme())) {
        // A profile with TLS reaches the same CSMS over wss: the 1.6 key names no new URL.
        b.csmsUrl(java.net.URI.create("wss" + base.csmsUrl().toString().substring(2)));
      }
    }
    return b.build();
  }
}
