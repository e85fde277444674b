package io.kilowire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  @TempDir static Path dir;
  private static TestPki pki;

  @BeforeAll
  static void mintCertificates() {
    pki = TestPki.create(dir, "CP1");
  }

  @Test
  void readsAnRsaPkcs8Key() {
    PrivateKey key = Pem.readPrivateKey(pki.server().privateKey());

    assertEquals("RSA", key.getAlgorithm());
  }

  @Test
  void readsAnEcPkcs8Key() {
    PrivateKey key = Pem.readPrivateKey(pki.client().privateKey());

    assertEquals("EC", key.getAlgorithm());
  }

  @Test
  void readsEveryCertificateOfAChainInOrder() throws IOException {
    Path chain = dir.resolve("chain.pem");
    Files.writeString(
        chain,
        Files.readString(pki.client().certificate()) + Files.readString(pki.caCertificate()));

    List<X509Certificate> certs = Pem.readCertificates(chain);

    assertEquals(2, certs.size());
    assertTrue(certs.get(0).getSubjectX500Principal().getName().contains("CN=CP1"));
    assertTrue(certs.get(1).getSubjectX500Principal().getName().contains("Test CA"));
  }

  @Test
  void aLegacyPkcs1KeyIsRefusedWithAHint() throws IOException {
    Path legacy = dir.resolve("legacy.pem");
    Files.writeString(
        legacy, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

    String message =
        assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(legacy)).getMessage();

    assertTrue(message.contains("openssl pkcs8 -topk8 -nocrypt"), message);
  }

  @Test
  void anEncryptedKeyIsRefused() throws IOException {
    Path encrypted = dir.resolve("encrypted.pem");
    Files.writeString(
        encrypted,
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");

    String message =
        assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(encrypted))
            .getMessage();

    assertTrue(message.contains("encrypted private key"), message);
  }

  @Test
  void aMissingFileIsNamedInTheError() {
    Path missing = dir.resolve("missing.pem");

    String message =
        assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(missing))
            .getMessage();

    assertTrue(message.contains(missing.toString()), message);
  }

  @Test
  void aFileWithoutCertificatesIsRefused() {
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> Pem.readCertificates(pki.client().privateKey()))
            .getMessage();

    assertTrue(message.contains("no BEGIN CERTIFICATE block"), message);
  }
}
