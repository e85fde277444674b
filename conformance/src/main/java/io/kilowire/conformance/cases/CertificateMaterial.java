package io.kilowire.conformance.cases;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.script.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The certificate material the certificate-management cases hand to the CSMS: a self-signed test
 * root made for this suite (EC P-256, CN "Kilowire Conformance Test Root"), and the hash data a
 * station reports for it (SHA-256 of its issuer and of its public key).
 */
public final class CertificateMaterial {
  /** The test root in PEM. */
  public static final String ROOT_PEM = read("test-root.pem");

  /** Its serial number, in hex as OCPP writes it. */
  public static final String SERIAL = "16e4c9cf7b665c25f6d12ba0530db6ac551c583d";

  public static final String ISSUER_NAME_HASH =
      "2beec691899510d74e53a1f12f040cf0c7642341b7a2e6d0a307f2b55d15748d";

  public static final String ISSUER_KEY_HASH =
      "8d90d45ae78a7848b79dd842c0ce4108251caefb85febc385067e512177cbd33";

  private CertificateMaterial() {}

  /** The CertificateHashData of the test root (SHA256). */
  public static ObjectNode hashData() {
    return Json.obj(
        "hashAlgorithm",
        "SHA256",
        "issuerNameHash",
        ISSUER_NAME_HASH,
        "issuerKeyHash",
        ISSUER_KEY_HASH,
        "serialNumber",
        SERIAL);
  }

  private static String read(String resource) {
    try (InputStream in = CertificateMaterial.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
