package io.kilowire.core.station.firmware;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a signed firmware update (OCPP 2.0.1 L01, the 1.6 security extension): the signing
 * certificate is valid now and issued directly by a manufacturer root (no intermediates), and the
 * image's signature verifies with its key over the whole file with SHA-256. RSA signatures are
 * taken as RSA-PSS (as the specification says) or PKCS#1 v1.5, EC ones as ECDSA (the JDK has no
 * EC-Schnorr).
 */
final class FirmwareSignatures {
  private FirmwareSignatures() {}

  /** The signing certificate, if it is valid at {@code now} and issued by one of {@code roots}. */
  static @Nullable X509Certificate signer(String pem, List<X509Certificate> roots, Instant now) {
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      cert.checkValidity(Date.from(now));
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
    for (X509Certificate root : roots) {
      try {
        if (root.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
          root.checkValidity(Date.from(now));
          cert.verify(root.getPublicKey());
          return cert;
        }
      } catch (GeneralSecurityException e) {
        // not this root
      }
    }
    return null;
  }

  /** Whether {@code signatureBase64} is {@code signer}'s signature over the whole image. */
  static boolean verifies(X509Certificate signer, String signatureBase64, InputStream image) {
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(signatureBase64);
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      List<Signature> candidates = candidates(signer.getPublicKey());
      byte[] buffer = new byte[8192];
      for (int n = image.read(buffer); n >= 0; n = image.read(buffer)) {
        for (Signature s : candidates) {
          s.update(buffer, 0, n);
        }
      }
      for (Signature s : candidates) {
        try {
          if (s.verify(signature)) {
            return true;
          }
        } catch (java.security.SignatureException e) {
          // malformed for this scheme; try the next
        }
      }
      return false;
    } catch (GeneralSecurityException | IOException e) {
      return false;
    }
  }

  private static List<Signature> candidates(PublicKey key) throws GeneralSecurityException {
    List<Signature> out = new ArrayList<>();
    if (key instanceof RSAPublicKey) {
      Signature pss = Signature.getInstance("RSASSA-PSS");
      pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      pss.initVerify(key);
      out.add(pss);
      Signature pkcs1 = Signature.getInstance("SHA256withRSA");
      pkcs1.initVerify(key);
      out.add(pkcs1);
    } else if (key instanceof ECPublicKey) {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(key);
      out.add(ecdsa);
    }
    return out;
  }
}
