package io.kilowire.core.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files a station is provisioned with: X.509 certificates (one or a chain) and an
 * unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC. Errors name the file.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};

  private Pem() {}

  /** All certificates in a PEM file, in file order (leaf first for a chain). */
  public static List<X509Certificate> readCertificates(Path file) {
    String text = read(file);
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(text)) {
        if (!block.type.equals("CERTIFICATE")) {
          continue;
        }
        Certificate cert = factory.generateCertificate(new ByteArrayInputStream(block.der(file)));
        certs.add((X509Certificate) cert);
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a valid X.509 certificate in " + file, e);
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("no BEGIN CERTIFICATE block in " + file);
    }
    return List.copyOf(certs);
  }

  /**
   * The private key in a PEM file: PKCS#8, unencrypted. Legacy PKCS#1 / SEC1 files and encrypted
   * keys are refused with a hint, because silently guessing formats hides provisioning mistakes.
   */
  public static PrivateKey readPrivateKey(Path file) {
    String text = read(file);
    for (Block block : blocks(text)) {
      switch (block.type) {
        case "PRIVATE KEY":
          return pkcs8(block.der(file), file);
        case "ENCRYPTED PRIVATE KEY":
          throw new IllegalArgumentException(
              "encrypted private key in " + file + "; provide an unencrypted PKCS#8 key");
        case "RSA PRIVATE KEY":
        case "EC PRIVATE KEY":
          throw new IllegalArgumentException(
              "legacy "
                  + block.type
                  + " in "
                  + file
                  + "; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
        default:
          // certificates or parameters next to the key are skipped
      }
    }
    throw new IllegalArgumentException("no BEGIN PRIVATE KEY block in " + file);
  }

  private static PrivateKey pkcs8(byte[] der, Path file) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm; the PKCS#8 header names it, but trying is simpler than parsing it
      }
    }
    throw new IllegalArgumentException(
        "private key in " + file + " is not an RSA, EC or EdDSA PKCS#8 key");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read PEM file " + file + ": " + e, e);
    }
  }

  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2)));
    }
    return blocks;
  }

  private static final class Block {
    final String type;
    final String body;

    Block(String type, String body) {
      this.type = type;
      this.body = body;
    }

    byte[] der(Path file) {
      try {
        return Base64.getMimeDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad base64 in " + type + " block of " + file, e);
      }
    }
  }
}
