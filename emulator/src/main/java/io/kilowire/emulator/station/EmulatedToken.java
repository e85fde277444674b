package io.kilowire.emulator.station;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The token an emulated EV presents: valid for its type, so that a strict CSMS takes it, and the
 * same for the same station and EVSE on every run (derived from a SHA-256 of both). Every token
 * fits a 1.6 idTag (CiString20) and a 2.0.1 idToken (36).
 *
 * <p>Formats (OCPP 2.0.1 Part 2, IdTokenEnumType): ISO14443 a 7-byte UID, 14 uppercase hex
 * characters (first byte 04, NXP's manufacturer code); ISO15693 an 8-byte UID, 16 hex characters
 * (E0, then the manufacturer code 04); eMAID per ISO 15118 / DIN SPEC 91286, country, provider,
 * nine-character instance and the eMI³ check digit, without separators ({@code DEKWE…}, 15
 * characters); Central and Local a plain identifier; KeyCode eight digits, as typed on a keypad.
 */
public final class EmulatedToken {
  private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /** The token types an emulated station can present, by their OCPP 2.0.1 names. */
  public enum Type {
    ISO14443("ISO14443"),
    ISO15693("ISO15693"),
    EMAID("eMAID"),
    CENTRAL("Central"),
    LOCAL("Local"),
    KEY_CODE("KeyCode");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    /** The 2.0.1 IdTokenEnumType value. */
    public String wireName() {
      return wireName;
    }

    /** The type named {@code name} (its 2.0.1 name, any case). */
    public static Optional<Type> byName(String name) {
      for (Type t : values()) {
        if (t.wireName.equalsIgnoreCase(name)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    /** The names, for messages and help: {@code ISO14443|ISO15693|...}. */
    public static String names() {
      StringBuilder b = new StringBuilder();
      for (Type t : values()) {
        b.append(b.length() == 0 ? "" : "|").append(t.wireName);
      }
      return b.toString();
    }
  }

  private EmulatedToken() {}

  /** The token of the EV on {@code evse} of station {@code stationId}. */
  public static String of(Type type, String stationId, int evse) {
    byte[] h = digest(type.name() + "/" + stationId + "/" + evse);
    HexFormat hex = HexFormat.of().withUpperCase();
    return switch (type) {
      case ISO14443 -> "04" + hex.formatHex(h, 0, 6);
      case ISO15693 -> "E004" + hex.formatHex(h, 0, 6);
      case EMAID -> {
        StringBuilder id = new StringBuilder("DEKWE");
        for (int i = 0; i < 9; i++) {
          id.append(ALPHANUMERIC.charAt(Byte.toUnsignedInt(h[i]) % ALPHANUMERIC.length()));
        }
        yield id.append(emaidCheckDigit(id.toString())).toString();
      }
      case CENTRAL -> "KWC" + hex.formatHex(h, 0, 6);
      case LOCAL -> "KWL" + hex.formatHex(h, 0, 6);
      case KEY_CODE ->
          String.format(Locale.ROOT, "%08d", Integer.toUnsignedLong(intOf(h)) % 100_000_000L);
    };
  }

  /**
   * The check digit of an eMAID's first 14 characters (the eMI³ "Check Digit Calculation for
   * Contract-IDs", used by ISO 15118 / DIN SPEC 91286): each character stands for a pair over GF(2)
   * and a pair over GF(3), position i weighs them with the i-th power of a 2×2 matrix in each
   * field, and the check character is the one that cancels the sums.
   */
  public static char emaidCheckDigit(String first14) {
    String id = first14.toUpperCase(Locale.ROOT);
    if (id.length() != 14) {
      throw new IllegalArgumentException("an eMAID without check digit has 14 characters: " + id);
    }
    int[][] p1 = {{0, 1}, {1, 1}};
    int[][] p2 = {{0, 1}, {1, 2}};
    int[][] m1 = {{1, 0}, {0, 1}};
    int[][] m2 = {{1, 0}, {0, 1}};
    int c1 = 0;
    int c2 = 0;
    int c3 = 0;
    int c4 = 0;
    for (int i = 0; i < id.length(); i++) {
      int v = ALPHANUMERIC.indexOf(id.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("not a letter or digit in an eMAID: " + id.charAt(i));
      }
      m1 = times(m1, p1, 2);
      m2 = times(m2, p2, 3);
      int q1 = v / 9 / 2;
      int q2 = v / 9 % 2;
      int r1 = v % 9 / 3;
      int r2 = v % 9 % 3;
      c1 += q1 * m1[0][0] + q2 * m1[1][0];
      c2 += q1 * m1[0][1] + q2 * m1[1][1];
      c3 += r1 * m2[0][0] + r2 * m2[1][0];
      c4 += r1 * m2[0][1] + r2 * m2[1][1];
    }
    int q1 = c1 % 2;
    int q2 = c2 % 2;
    int r1 = (3 - c4 % 3) % 3;
    int r2 = (6 - c3 % 3 - r1) % 3;
    return ALPHANUMERIC.charAt((q1 * 2 + q2) * 9 + r1 * 3 + r2);
  }

  private static int[][] times(int[][] a, int[][] b, int modulus) {
    int[][] c = new int[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        c[i][j] = (a[i][0] * b[0][j] + a[i][1] * b[1][j]) % modulus;
      }
    }
    return c;
  }

  private static int intOf(byte[] h) {
    return (h[0] & 0xFF) << 24 | (h[1] & 0xFF) << 16 | (h[2] & 0xFF) << 8 | (h[3] & 0xFF);
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
