package io.kilowire.conformance.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.conformance.pki.Certificates;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Expect;
import io.kilowire.conformance.script.Expectation;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.Verbs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Steps of the certificate-signing cases: a CSR of a fresh key, and the chain the CSMS returns. */
public final class CertificateSteps {
  /** The case variable holding the PEM CSR. */
  public static final String CSR = "csr";

  private static final String CSR_KEY = "csrKey";

  private static final String CSR_PRIVATE_KEY = "csrPrivateKey";

  private CertificateSteps() {}

  /** Makes a key pair and a CSR for it (CN the station id, O the configured vendor). */
  public static Step makeCsr() {
    return Verbs.compute(
        "make a key pair and a certificate signing request",
        ctx -> {
          KeyPair keys = Certificates.ecKeyPair();
          ctx.set(
              CSR, Certificates.csr(keys, ctx.station().id(), ctx.lab().identity().vendorName()));
          ctx.set(CSR_KEY, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
          ctx.set(CSR_PRIVATE_KEY, Certificates.privateKeyPem(keys.getPrivate()));
        });
  }

  /**
   * Keeps the chain of the CertificateSigned just received, and the key of the CSR, as PEM files:
   * the client certificate the station presents once it is on security profile 3 ({@link
   * Credentials#upgraded()}).
   */
  public static Step keepSignedCertificate() {
    return Verbs.compute(
        "keep the signed certificate and its key as the station's client certificate",
        ctx -> {
          try {
            Path dir = Files.createTempDirectory("kilowire-upgrade");
            dir.toFile().deleteOnExit();
            Path certificate =
                Files.writeString(
                    dir.resolve("client.pem"),
                    ctx.var(CaseContext.LAST_CALL).path("certificateChain").asText());
            certificate.toFile().deleteOnExit();
            Path key = Files.writeString(dir.resolve("client-key.pem"), ctx.text(CSR_PRIVATE_KEY));
            key.toFile().deleteOnExit();
            ctx.set(Credentials.UPGRADE_CERTIFICATE, certificate.toString());
            ctx.set(Credentials.UPGRADE_KEY, key.toString());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** A PEM chain whose first certificate holds the key of the case's CSR. */
  public static Expectation chainForTheCsr() {
    return Expect.that(
        "a PEM certificate chain for the key of the CSR",
        (JsonNode v, CaseContext ctx) -> {
          if (!v.isTextual()) {
            return false;
          }
          List<X509Certificate> chain = Certificates.chain(v.textValue());
          byte[] wanted = Base64.getDecoder().decode(ctx.text(CSR_KEY));
          return !chain.isEmpty()
              && Arrays.equals(chain.get(0).getPublicKey().getEncoded(), wanted);
        });
  }
}
