package io.kilowire.core.station.certificates;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** X.509 certificates as OCPP carries them: PEM text, one or several blocks (A00.FR.507). */
public final class PemCertificates {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END CERTIFICATE-----");

  private PemCertificates() {}

  /**
   * The certificates of a PEM text, in order.
   *
   * @throws IllegalArgumentException naming what is wrong: no block, or a block that is no X.509
   *     certificate
   */
  public static List<X509Certificate> parse(String pem) {
    Matcher m = BLOCK.matcher(pem);
    List<X509Certificate> out = new ArrayList<>();
    CertificateFactory factory = factory();
    while (m.find()) {
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("certificate " + (out.size() + 1) + " is not Base64");
      }
      try {
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      } catch (CertificateException | ClassCastException e) {
        throw new IllegalArgumentException(
            "certificate " + (out.size() + 1) + " is not an X.509 certificate: " + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate block (-----BEGIN CERTIFICATE-----)");
    }
    return List.copyOf(out);
  }

  /** One PEM block per certificate, in order. */
  public static String write(List<X509Certificate> certificates) {
    StringBuilder out = new StringBuilder();
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    for (X509Certificate c : certificates) {
      try {
        out.append("-----BEGIN CERTIFICATE-----\n")
            .append(base64.encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a parsed certificate cannot be encoded", e);
      }
    }
    return out.toString();
  }

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("this JVM has no X.509 support", e);
    }
  }
}
