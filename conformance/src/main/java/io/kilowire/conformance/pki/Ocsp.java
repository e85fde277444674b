package io.kilowire.conformance.pki;

import io.kilowire.core.ocpp.v201.HashAlgorithm;
import io.kilowire.core.ocpp.v201.OCSPRequestData;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * What both ends of an OCSP check share: the CertID of a certificate (RFC 6960: the hashes of its
 * issuer's name and key, its serial number) and OCPP's spelling of it, OCSPRequestDataType (hex
 * hashes, the serial in hex, the responder's URL).
 */
public final class Ocsp {
  /** The hash algorithms OCPP 2.0.1 names (HashAlgorithmEnumType), by their OIDs. */
  private static final Map<String, ASN1ObjectIdentifier> ALGORITHMS =
      Map.of(
          "SHA256", NISTObjectIdentifiers.id_sha256,
          "SHA384", NISTObjectIdentifiers.id_sha384,
          "SHA512", NISTObjectIdentifiers.id_sha512);

  private static final HexFormat HEX = HexFormat.of();

  private Ocsp() {}

  static DigestCalculatorProvider digests() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("this JVM has no message digests", e);
    }
  }

  /** The CertID of the certificate {@code serial} that {@code issuer} issued. */
  public static CertificateID certificateId(
      X509Certificate issuer, BigInteger serial, String hashAlgorithm) {
    ASN1ObjectIdentifier oid = ALGORITHMS.get(hashAlgorithm);
    if (oid == null) {
      throw new IllegalArgumentException("not an OCPP hash algorithm: " + hashAlgorithm);
    }
    try {
      return new CertificateID(digests().get(new AlgorithmIdentifier(oid)), holder(issuer), serial);
    } catch (OCSPException | OperatorCreationException e) {
      throw new IllegalStateException("cannot hash the issuer", e);
    }
  }

  /**
   * The CertID a station's OCSP request data names.
   *
   * @throws IllegalArgumentException if a hash or the serial is not hex
   */
  public static CertificateID certificateId(OCSPRequestData data) {
    ASN1ObjectIdentifier oid = ALGORITHMS.get(data.hashAlgorithm().value());
    return new CertificateID(
        new CertID(
            new AlgorithmIdentifier(oid),
            new DEROctetString(HEX.parseHex(data.issuerNameHash())),
            new DEROctetString(HEX.parseHex(data.issuerKeyHash())),
            new ASN1Integer(new BigInteger(data.serialNumber(), 16))));
  }

  /** OCPP's form of {@code id}: lower-case hex hashes and serial, and the responder's URL. */
  public static OCSPRequestData requestData(CertificateID id, String responderUrl) {
    String algorithm =
        ALGORITHMS.entrySet().stream()
            .filter(e -> e.getValue().equals(id.getHashAlgOID()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("not an OCPP hash algorithm"));
    return OCSPRequestData.of(
        HashAlgorithm.valueOf(algorithm),
        HEX.formatHex(id.getIssuerNameHash()),
        HEX.formatHex(id.getIssuerKeyHash()),
        id.getSerialNumber().toString(16),
        responderUrl);
  }

  /** The name of {@code id}'s hash algorithm (SHA-1 when a CSMS chose it, else OCPP's name). */
  static String algorithmName(CertificateID id) {
    return ALGORITHMS.entrySet().stream()
        .filter(e -> e.getValue().equals(id.getHashAlgOID()))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(id.getHashAlgOID().equals(CertificateID.HASH_SHA1.getAlgorithm()) ? "SHA1" : "?");
  }

  /** Whether {@code id} names a certificate {@code issuer} issued (whatever its hash algorithm). */
  public static boolean issuedBy(CertificateID id, X509Certificate issuer) {
    try {
      return id.matchesIssuer(holder(issuer), digests());
    } catch (OCSPException e) {
      return false; // a hash algorithm this JVM does not know cannot name our issuer
    }
  }

  /** The OCSP responder URL of {@code certificate}'s Authority Information Access, if any. */
  public static @Nullable String responderUrl(X509Certificate certificate) {
    Extension aia = holder(certificate).getExtension(Extension.authorityInfoAccess);
    if (aia == null) {
      return null;
    }
    for (AccessDescription d :
        AuthorityInformationAccess.getInstance(aia.getParsedValue()).getAccessDescriptions()) {
      if (d.getAccessMethod().equals(X509ObjectIdentifiers.id_ad_ocsp)
          && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
        return d.getAccessLocation().getName().toString();
      }
    }
    return null;
  }

  static X509CertificateHolder holder(X509Certificate certificate) {
    try {
      return new X509CertificateHolder(certificate.getEncoded());
    } catch (CertificateEncodingException | IOException e) {
      throw new IllegalArgumentException("cannot read the certificate", e);
    }
  }
}
