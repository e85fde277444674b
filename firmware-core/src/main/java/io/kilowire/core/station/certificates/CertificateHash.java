package io.kilowire.core.station.certificates;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * How OCPP names a certificate (CertificateHashDataType, as in OCSP's CertID): hashes of its
 * issuer's distinguished name and of its issuer's public key, and its serial number. Hex digits
 * compare without regard to case, and a serial number without regard to leading zeros, since CSMSs
 * write both ways.
 *
 * @param algorithm {@code SHA256}, {@code SHA384} or {@code SHA512}
 */
public record CertificateHash(
    String algorithm, String issuerNameHash, String issuerKeyHash, String serialNumber) {
  /** The algorithm the station reports with (A00.FR.506 recommends SHA256). */
  public static final String DEFAULT_ALGORITHM = "SHA256";

  public CertificateHash {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(issuerNameHash, "issuerNameHash");
    Objects.requireNonNull(issuerKeyHash, "issuerKeyHash");
    Objects.requireNonNull(serialNumber, "serialNumber");
  }

  /**
   * The hash data of {@code certificate} issued by {@code issuer} (the certificate itself for a
   * self-signed root).
   */
  public static CertificateHash of(
      X509Certificate certificate, X509Certificate issuer, String algorithm) {
    MessageDigest digest = digest(algorithm);
    byte[] name = digest.digest(certificate.getIssuerX500Principal().getEncoded());
    // The key hash covers the subjectPublicKey BIT STRING's value, without tag and length.
    byte[] keyBits =
        SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded())
            .getPublicKeyData()
            .getBytes();
    byte[] key = digest.digest(keyBits);
    HexFormat hex = HexFormat.of();
    return new CertificateHash(
        algorithm,
        hex.formatHex(name),
        hex.formatHex(key),
        certificate.getSerialNumber().toString(16));
  }

  /** Whether both name the same certificate (same algorithm, hashes and serial number). */
  public boolean sameAs(CertificateHash other) {
    return algorithm.equalsIgnoreCase(other.algorithm)
        && issuerNameHash.equalsIgnoreCase(other.issuerNameHash)
        && issuerKeyHash.equalsIgnoreCase(other.issuerKeyHash)
        && serial(serialNumber).equals(serial(other.serialNumber));
  }

  private static String serial(String hex) {
    String s = hex.toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
    return s;
  }

  private static MessageDigest digest(String algorithm) {
    String jca =
        switch (algorithm.toUpperCase(Locale.ROOT)) {
          case "SHA256" -> "SHA-256";
          case "SHA384" -> "SHA-384";
          case "SHA512" -> "SHA-512";
          default -> throw new IllegalArgumentException("unknown hash algorithm " + algorithm);
        };
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jca + " is missing from this JVM", e);
    }
  }
}
