package io.kilowire.core.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link SSLContext}s of the OCPP security profiles 2 and 3 from certificates and keys
 * (typically read with {@link Pem}). Protocol versions are restricted where a socket or engine is
 * made, see {@link #PROTOCOLS}.
 */
public final class TlsContexts {
  /**
   * TLS 1.2 and 1.3 only: OCPP 2.0.1 forbids anything older, and 1.6 stations need not offer it.
   */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  // The key store only lives in memory; PKCS12 wants some password to protect the key entry.
  private static final char[] STORE_PASSWORD = "in-memory".toCharArray();

  private TlsContexts() {}

  /** The station's context for a profile 2 or 3 configuration. */
  public static SSLContext forStation(TransportConfig config) {
    if (!config.usesTls()) {
      throw new IllegalArgumentException(
          "securityProfile " + config.securityProfile() + " does not use TLS");
    }
    PrivateKey key = config.clientPrivateKey();
    return create(
        config.securityProfile() == 3 && key != null
            ? keyManagers(config.clientCertificateChain(), key)
            : null,
        trustManagers(config.trustedCertificates()));
  }

  /**
   * A server context: the CSMS certificate chain (leaf first) and key, and the CAs client
   * certificates must chain to (empty: the JVM default; only consulted when client auth is on).
   */
  public static SSLContext forServer(
      List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trustedClientCas) {
    return create(keyManagers(chain, key), trustManagers(trustedClientCas));
  }

  /**
   * A client context without a certificate of its own that trusts servers chaining to {@code cas}
   * (empty: the JVM default), e.g. a maker's firmware server ({@code transfer.FileTransfers}).
   */
  public static SSLContext trusting(List<X509Certificate> cas) {
    return create(null, trustManagers(cas));
  }

  /** {@link #forServer(List, PrivateKey, List)} from PEM files. */
  public static SSLContext forServer(Path chainPem, Path keyPem, @Nullable Path trustedCaPem) {
    return forServer(
        Pem.readCertificates(chainPem),
        Pem.readPrivateKey(keyPem),
        trustedCaPem == null ? List.of() : Pem.readCertificates(trustedCaPem));
  }

  /** The protocols of {@link #PROTOCOLS} that {@code supported} offers, in preference order. */
  static String[] restrict(String[] supported) {
    List<String> offered = Arrays.asList(supported);
    List<String> result = new ArrayList<>();
    for (String p : PROTOCOLS) {
      if (offered.contains(p)) {
        result.add(p);
      }
    }
    if (result.isEmpty()) {
      throw new IllegalStateException("this JVM supports neither TLS 1.2 nor TLS 1.3");
    }
    return result.toArray(new String[0]);
  }

  private static SSLContext create(KeyManager @Nullable [] keys, TrustManager[] trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least the leaf");
    }
    try {
      KeyStore store = emptyStore();
      store.setKeyEntry("key", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, STORE_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "private key does not fit the certificate chain: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(List<X509Certificate> cas) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (cas.isEmpty()) {
        factory.init((KeyStore) null);
      } else {
        KeyStore store = emptyStore();
        int i = 0;
        for (X509Certificate ca : cas) {
          store.setCertificateEntry("ca-" + i++, ca);
        }
        factory.init(store);
      }
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the trust store: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create an empty key store", e);
    }
    return store;
  }
}
