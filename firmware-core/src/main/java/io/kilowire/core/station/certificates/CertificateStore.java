package io.kilowire.core.station.certificates;

import io.kilowire.core.store.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the station keeps of certificates, persisted as one snapshot after every change: the CA
 * certificates installed by use, the station's own credentials by kind, and the key pairs whose
 * signing request awaits its certificate. A damaged snapshot is logged and the station starts
 * without certificates rather than not at all.
 */
final class CertificateStore {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateStore.class);
  static final String NAME = "certificates";
  private static final String HEADER = "kilowire-certificates 1";

  /** A CA certificate installed for a use. */
  record Root(CertificateUse use, X509Certificate certificate) {}

  private final SnapshotStore snapshots;
  private final List<Root> roots = new ArrayList<>();
  private final Map<SigningKind, StationCredential> credentials = new EnumMap<>(SigningKind.class);
  private final Map<SigningKind, KeyPair> pending = new EnumMap<>(SigningKind.class);

  CertificateStore(SnapshotStore snapshots) {
    this.snapshots = snapshots;
  }

  List<Root> roots() {
    return List.copyOf(roots);
  }

  void add(Root root) {
    roots.add(root);
    save();
  }

  void replace(Root old, Root now) {
    roots.set(roots.indexOf(old), now);
    save();
  }

  void remove(Root root) {
    roots.remove(root);
    save();
  }

  Optional<StationCredential> credential(SigningKind kind) {
    return Optional.ofNullable(credentials.get(kind));
  }

  void credential(StationCredential credential) {
    credentials.put(credential.kind(), credential);
    save();
  }

  Optional<KeyPair> pending(SigningKind kind) {
    return Optional.ofNullable(pending.get(kind));
  }

  void pending(SigningKind kind, @Nullable KeyPair keys) {
    if (keys == null) {
      pending.remove(kind);
    } else {
      pending.put(kind, keys);
    }
    save();
  }

  int size() {
    int n = roots.size();
    for (StationCredential c : credentials.values()) {
      n += c.chain().size();
    }
    return n;
  }

  void load() {
    Optional<byte[]> data = snapshots.read(NAME);
    if (data.isEmpty()) {
      return;
    }
    try {
      parse(new String(data.get(), StandardCharsets.UTF_8));
    } catch (RuntimeException | GeneralSecurityException e) {
      LOG.error("the certificate store is damaged; starting without certificates", e);
      roots.clear();
      credentials.clear();
      pending.clear();
    }
  }

  private void parse(String text) throws GeneralSecurityException {
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      throw new IllegalArgumentException("not a certificate store: " + lines[0]);
    }
    Base64.Decoder b64 = Base64.getDecoder();
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    for (int i = 1; i < lines.length; i++) {
      String[] t = lines[i].split(" ");
      switch (t[0]) {
        case "root" ->
            roots.add(new Root(CertificateUse.valueOf(t[1]), certificate(x509, b64.decode(t[2]))));
        case "credential" -> {
          PrivateKey key =
              KeyFactory.getInstance(t[2])
                  .generatePrivate(new PKCS8EncodedKeySpec(b64.decode(t[3])));
          List<X509Certificate> chain = new ArrayList<>();
          for (int j = 4; j < t.length; j++) {
            chain.add(certificate(x509, b64.decode(t[j])));
          }
          SigningKind kind = SigningKind.valueOf(t[1]);
          credentials.put(kind, new StationCredential(kind, chain, key));
        }
        case "pending" -> {
          KeyFactory keys = KeyFactory.getInstance(t[2]);
          PrivateKey key = keys.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(t[3])));
          PublicKey pub = keys.generatePublic(new X509EncodedKeySpec(b64.decode(t[4])));
          pending.put(SigningKind.valueOf(t[1]), new KeyPair(pub, key));
        }
        default -> throw new IllegalArgumentException("unknown entry " + t[0]);
      }
    }
  }

  private static X509Certificate certificate(CertificateFactory x509, byte[] der)
      throws GeneralSecurityException {
    return (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der));
  }

  private void save() {
    Base64.Encoder b64 = Base64.getEncoder();
    StringBuilder out = new StringBuilder(HEADER);
    try {
      for (Root r : roots) {
        out.append("\nroot ")
            .append(r.use().name())
            .append(' ')
            .append(b64.encodeToString(r.certificate().getEncoded()));
      }
      for (StationCredential c : credentials.values()) {
        out.append("\ncredential ")
            .append(c.kind().name())
            .append(' ')
            .append(c.key().getAlgorithm())
            .append(' ')
            .append(b64.encodeToString(c.key().getEncoded()));
        for (X509Certificate cert : c.chain()) {
          out.append(' ').append(b64.encodeToString(cert.getEncoded()));
        }
      }
      for (Map.Entry<SigningKind, KeyPair> p : pending.entrySet()) {
        KeyPair keys = p.getValue();
        out.append("\npending ")
            .append(p.getKey().name())
            .append(' ')
            .append(keys.getPrivate().getAlgorithm())
            .append(' ')
            .append(b64.encodeToString(keys.getPrivate().getEncoded()))
            .append(' ')
            .append(b64.encodeToString(keys.getPublic().getEncoded()));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a held certificate cannot be encoded", e);
    }
    snapshots.write(NAME, out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
