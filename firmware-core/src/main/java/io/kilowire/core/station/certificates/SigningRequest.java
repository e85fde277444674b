package io.kilowire.core.station.certificates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * A new key pair and its certificate signing request (RFC 2986, PEM), as A02.FR.02-03 ask: an
 * elliptic-curve key on P-256 (at least 224 bits, A00.FR.503), signed with ECDSA over SHA-256
 * (A00.FR.505-506), the subject the station's CN and, when configured, its organization's O.
 */
record SigningRequest(KeyPair keys, String pem) {
  static SigningRequest create(String commonName, String organizationName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      return forKeys(keys, commonName, organizationName);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make P-256 keys", e);
    }
  }

  /** A request for keys the station already has (a retry of the same CSR needs none new). */
  static SigningRequest forKeys(KeyPair keys, String commonName, String organizationName) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    if (!organizationName.isEmpty()) {
      subject.addRDN(BCStyle.O, organizationName);
    }
    subject.addRDN(BCStyle.CN, commonName);
    try {
      byte[] der =
          new PKCS10CertificationRequestBuilder(
                  subject.build(), SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()))
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
              .getEncoded();
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
      return new SigningRequest(
          keys,
          "-----BEGIN CERTIFICATE REQUEST-----\n" + body + "\n-----END CERTIFICATE REQUEST-----\n");
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot sign a certificate request", e);
    }
  }
}
