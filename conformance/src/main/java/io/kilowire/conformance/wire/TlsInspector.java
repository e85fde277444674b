package io.kilowire.conformance.wire;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * Looks at a CSMS's TLS endpoint the way the A00 test cases ask: which version it negotiates, the
 * cipher suites OCPP requires of a CSMS, its certificate (key size, serial number, common name),
 * and whether it refuses a TLS 1.1 ClientHello. The TLS 1.1 probe writes a ClientHello by hand: a
 * JVM will not offer TLS 1.1 any more, but a CSMS must be shown to refuse it.
 */
public final class TlsInspector {
  /** The suites OCPP requires of a CSMS, by the kind of key its certificate has. */
  static final Map<String, List<String>> REQUIRED_SUITES =
      Map.of(
          "EC",
          List.of(
              "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
          "RSA",
          List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"));

  /**
   * What the inspection found.
   *
   * @param protocol the version negotiated by default ("TLSv1.3", "TLSv1.2"), null when no
   *     handshake completed
   * @param suites each required suite for the certificate's key, and whether the CSMS took it
   * @param keyAlgorithm RSA or EC
   * @param keyBits the key size
   * @param commonName the certificate subject's CN, null when it has none
   * @param serial whether the certificate has a serial number
   * @param acceptsTls11 whether the CSMS answered a TLS 1.1 ClientHello with a ServerHello
   * @param failure why the first handshake failed, if it did
   */
  public record Report(
      @Nullable String protocol,
      Map<String, Boolean> suites,
      String keyAlgorithm,
      int keyBits,
      @Nullable String commonName,
      boolean serial,
      boolean acceptsTls11,
      @Nullable String failure) {}

  private TlsInspector() {}

  /** Inspects the TLS endpoint of {@code csms} using {@code context} (trust, client key). */
  public static Report inspect(URI csms, SSLContext context, Duration timeout) {
    String host = csms.getHost();
    int port = csms.getPort() > 0 ? csms.getPort() : 443;
    X509Certificate leaf;
    String protocol;
    try (SSLSocket socket = open(context, host, port, timeout)) {
      socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      socket.startHandshake();
      protocol = socket.getSession().getProtocol();
      leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
    } catch (IOException e) {
      return new Report(null, Map.of(), "", 0, null, false, false, e.toString());
    }
    String algorithm = leaf.getPublicKey().getAlgorithm();
    int bits =
        leaf.getPublicKey() instanceof RSAPublicKey rsa
            ? rsa.getModulus().bitLength()
            : leaf.getPublicKey() instanceof ECPublicKey ec
                ? ec.getParams().getCurve().getField().getFieldSize()
                : 0;
    Map<String, Boolean> suites = new LinkedHashMap<>();
    for (String suite : REQUIRED_SUITES.getOrDefault(algorithm, List.of())) {
      suites.put(suite, takes(context, host, port, suite, timeout));
    }
    return new Report(
        protocol,
        suites,
        algorithm,
        bits,
        commonName(leaf),
        leaf.getSerialNumber() != null,
        acceptsTls11(host, port, timeout),
        null);
  }

  private static SSLSocket open(SSLContext context, String host, int port, Duration timeout)
      throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
    plain.setSoTimeout((int) timeout.toMillis());
    return (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
  }

  private static boolean takes(
      SSLContext context, String host, int port, String suite, Duration timeout) {
    try (SSLSocket socket = open(context, host, port, timeout)) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.setEnabledCipherSuites(new String[] {suite});
      socket.startHandshake();
      return suite.equals(socket.getSession().getCipherSuite());
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static @Nullable String commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  /**
   * Sends a TLS 1.1 ClientHello and reads the first record: a handshake record of version 1.1 (a
   * ServerHello) means the CSMS took it; an alert, a close or anything else means it refused.
   */
  static boolean acceptsTls11(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(clientHello11(host));
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[3];
      in.readFully(header);
      return header[0] == 0x16 && header[1] == 0x03 && header[2] == 0x02;
    } catch (IOException e) {
      return false;
    }
  }

  /** A TLS 1.1 ClientHello record with common 1.1 suites, SNI and the usual EC extensions. */
  static byte[] clientHello11(String host) {
    ByteBuffer body = ByteBuffer.allocate(512);
    body.put((byte) 0x03).put((byte) 0x02); // client_version TLS 1.1
    byte[] random = new byte[32];
    ThreadLocalRandom.current().nextBytes(random);
    body.put(random);
    body.put((byte) 0); // no session id
    int[] suites = {0xC009, 0xC00A, 0xC013, 0xC014, 0x002F, 0x0035, 0x000A};
    body.putShort((short) (suites.length * 2));
    for (int s : suites) {
      body.putShort((short) s);
    }
    body.put((byte) 1).put((byte) 0); // compression: null
    List<byte[]> extensions = new ArrayList<>();
    if (!host.matches("[0-9.]+|.*:.*")) {
      byte[] name = host.getBytes(StandardCharsets.US_ASCII);
      ByteBuffer sni = ByteBuffer.allocate(9 + name.length);
      sni.putShort((short) 0x0000).putShort((short) (5 + name.length));
      sni.putShort((short) (3 + name.length)).put((byte) 0).putShort((short) name.length).put(name);
      extensions.add(sni.array());
    }
    extensions.add(new byte[] {0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18});
    extensions.add(new byte[] {0x00, 0x0b, 0x00, 0x02, 0x01, 0x00});
    int extensionBytes = extensions.stream().mapToInt(e -> e.length).sum();
    body.putShort((short) extensionBytes);
    extensions.forEach(body::put);
    int bodyLength = body.position();
    ByteBuffer record = ByteBuffer.allocate(9 + bodyLength);
    record.put((byte) 0x16).put((byte) 0x03).put((byte) 0x01); // handshake, record version 1.0
    record.putShort((short) (4 + bodyLength));
    record.put((byte) 0x01); // ClientHello
    record.put((byte) 0).putShort((short) bodyLength);
    record.put(body.array(), 0, bodyLength);
    return record.array();
  }
}
