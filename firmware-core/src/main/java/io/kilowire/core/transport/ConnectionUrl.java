package io.kilowire.core.transport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The OCPP-J connection URL: the CSMS endpoint, a slash, and the station identity as one
 * percent-encoded path segment (OCPP-J §3.1). Encoding follows RFC 3986: every byte of the UTF-8
 * form outside the unreserved set {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}, so a space is
 * {@code %20} (never {@code +}, which is form encoding) and a {@code /} cannot split the identity.
 */
public final class ConnectionUrl {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ConnectionUrl() {}

  /**
   * {@code base} + "/" + the encoded station id. A base ending in "/" does not produce "//".
   *
   * @throws IllegalArgumentException if {@code base} carries a query or fragment, which the
   *     identity segment could not follow
   */
  public static URI of(URI base, String stationId) {
    if (base.getRawQuery() != null || base.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "csmsUrl must not have a query or fragment (the station id is appended): " + base);
    }
    String text = base.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text + "/" + encodeSegment(stationId));
  }

  /** Percent-encodes one path segment (RFC 3986 unreserved characters stay as they are). */
  public static String encodeSegment(String segment) {
    byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes one percent-encoded path segment as UTF-8. A {@code +} stays a plus sign.
   *
   * @throws IllegalArgumentException on a malformed escape or bytes that are not UTF-8
   */
  public static String decodeSegment(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          throw new IllegalArgumentException("truncated percent escape in " + segment);
        }
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad percent escape in " + segment);
        }
        bytes.write((hi << 4) | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        // Raw non-ASCII text is tolerated and taken as UTF-8, surrogate pairs included.
        int cp = segment.codePointAt(i);
        byte[] raw = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
        i += Character.charCount(cp) - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("path segment is not UTF-8: " + segment, e);
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
