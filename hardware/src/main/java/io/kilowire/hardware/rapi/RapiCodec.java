package io.kilowire.hardware.rapi;

import io.kilowire.hardware.rapi.RapiFrameException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure codec for the OpenEVSE RAPI line protocol; no I/O, no state.
 *
 * <p>Wire format: {@code $cc p1 p2 [:ss]^xk\r}. {@code ^xk} is the 8-bit XOR of every character
 * before the {@code ^}; the legacy form {@code *ck} is the 8-bit sum of every character before the
 * {@code *}. {@code :ss} is an optional sequence id (hex, never 00) that the board echoes in its
 * reply so a late reply cannot be mistaken for the answer to a newer command. This codec always
 * sends the XOR form with a sequence id and accepts both checksum forms on receipt.
 */
public final class RapiCodec {
  /** Frames longer than this are garbage: the board's own input buffer is 32 bytes. */
  public static final int MAX_LINE_LENGTH = 96;

  private RapiCodec() {}

  /** 8-bit XOR of all characters. */
  public static int xorChecksum(CharSequence s) {
    int x = 0;
    for (int i = 0; i < s.length(); i++) {
      x ^= s.charAt(i);
    }
    return x & 0xFF;
  }

  /** 8-bit sum of all characters (legacy {@code *} checksum). */
  public static int additiveChecksum(CharSequence s) {
    int x = 0;
    for (int i = 0; i < s.length(); i++) {
      x += s.charAt(i);
    }
    return x & 0xFF;
  }

  /**
   * Encodes a command including the trailing {@code \r}.
   *
   * @param sequenceId 1..255, or 0 to send no sequence id
   */
  public static String encode(String command, List<String> args, int sequenceId) {
    if (command.length() != 2) {
      throw new IllegalArgumentException("RAPI commands have two letters: " + command);
    }
    if (sequenceId < 0 || sequenceId > 0xFF) {
      throw new IllegalArgumentException("sequence id out of range: " + sequenceId);
    }
    StringBuilder sb = new StringBuilder(24).append('$').append(command);
    for (String a : args) {
      if (a.isEmpty() || a.chars().anyMatch(c -> c <= ' ' || c > '~' || "$^*:".indexOf(c) >= 0)) {
        throw new IllegalArgumentException("argument not encodable: '" + a + "'");
      }
      sb.append(' ').append(a);
    }
    if (sequenceId != 0) {
      sb.append(" :").append(hex2(sequenceId));
    }
    int ck = xorChecksum(sb);
    return sb.append('^').append(hex2(ck)).append('\r').toString();
  }

  /**
   * Decodes one line (without the terminating {@code \r}, starting at the {@code $}).
   *
   * @param requireChecksum reject lines without a checksum; firmware 2.0.1+ checksums every reply
   *     and notification, so a driver talking to such a board should require it
   */
  public static RapiFrame decode(String line, boolean requireChecksum) throws RapiFrameException {
    if (line.length() < 3 || line.charAt(0) != '$') {
      throw new RapiFrameException(Kind.MALFORMED, "not a RAPI line: " + printable(line));
    }
    if (line.length() > MAX_LINE_LENGTH) {
      throw new RapiFrameException(Kind.MALFORMED, "line too long: " + line.length());
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < ' ' || c > '~') {
        throw new RapiFrameException(Kind.MALFORMED, "non-printable byte: " + printable(line));
      }
    }
    String body = line;
    int xorAt = line.lastIndexOf('^');
    int sumAt = line.lastIndexOf('*');
    int ckAt = Math.max(xorAt, sumAt);
    if (ckAt >= 0) {
      if (ckAt != line.length() - 3) {
        throw new RapiFrameException(Kind.MALFORMED, "checksum not at the end: " + line);
      }
      int expected = parseHex(line.substring(ckAt + 1), line);
      body = line.substring(0, ckAt);
      int actual = ckAt == xorAt ? xorChecksum(body) : additiveChecksum(body);
      if (actual != expected) {
        throw new RapiFrameException(
            Kind.CHECKSUM,
            String.format(Locale.ROOT, "checksum %02X, computed %02X: %s", expected, actual, line));
      }
    } else if (requireChecksum) {
      throw new RapiFrameException(Kind.MALFORMED, "no checksum: " + line);
    }
    String[] parts = body.substring(1).trim().split(" +");
    String token = parts[0];
    if (token.length() != 2) {
      throw new RapiFrameException(Kind.MALFORMED, "bad token: " + line);
    }
    List<String> args = new ArrayList<>();
    int seq = 0;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (p.startsWith(":")) {
        if (i != parts.length - 1 || p.length() != 3) {
          throw new RapiFrameException(Kind.MALFORMED, "bad sequence id: " + line);
        }
        seq = parseHex(p.substring(1), line);
      } else {
        args.add(p);
      }
    }
    return new RapiFrame(token, args, seq);
  }

  /** {@code $OK evsestate elapsed pilotstate vflags} from {@code $GS}. */
  public static RapiStatus parseStatus(RapiFrame f) throws RapiFrameException {
    requireArgs(f, 4);
    int evse = parseHex(f.args().get(0), f);
    long elapsed = parseDec(f.args().get(1), f);
    int pilot = parseHex(f.args().get(2), f);
    int flags = parseHex(f.args().get(3), f);
    return new RapiStatus(EvseState.of(evse), evse, elapsed, EvseState.of(pilot), flags);
  }

  /** {@code $AT evsestate pilotstate currentcapacity vflags}. */
  public static RapiStateNotification parseStateNotification(RapiFrame f)
      throws RapiFrameException {
    requireArgs(f, 4);
    int evse = parseHex(f.args().get(0), f);
    int pilot = parseHex(f.args().get(1), f);
    long amps = parseDec(f.args().get(2), f);
    int flags = parseHex(f.args().get(3), f);
    if (amps > 255) {
      throw new RapiFrameException(Kind.MALFORMED, "current capacity out of range: " + f);
    }
    return new RapiStateNotification(
        EvseState.of(evse), evse, EvseState.of(pilot), (int) amps, flags);
  }

  /** {@code $AB postcode fwrev}. */
  public static RapiBootNotification parseBootNotification(RapiFrame f) throws RapiFrameException {
    if (f.args().isEmpty()) {
      throw new RapiFrameException(Kind.MALFORMED, "boot notification without post code: " + f);
    }
    int post = parseHex(f.args().get(0), f);
    String fw = f.args().size() > 1 ? f.args().get(1) : "";
    return new RapiBootNotification(post, fw);
  }

  /** {@code $OK milliamps millivolts} from {@code $GG}. */
  public static ChargingMeasurement parseMeasurement(RapiFrame f) throws RapiFrameException {
    requireArgs(f, 2);
    long ma = parseDec(f.args().get(0), f);
    long mv = parseDec(f.args().get(1), f);
    if (mv < 0 || ma < -1) {
      throw new RapiFrameException(Kind.MALFORMED, "implausible measurement: " + f);
    }
    return new ChargingMeasurement(ma, mv);
  }

  /** {@code $OK/$NK ampsset} from {@code $SC}. */
  public static int parseCurrentSet(RapiFrame f) throws RapiFrameException {
    requireArgs(f, 1);
    long a = parseDec(f.args().get(0), f);
    if (a < 0 || a > 255) {
      throw new RapiFrameException(Kind.MALFORMED, "current out of range: " + f);
    }
    return (int) a;
  }

  /** {@code $OK interval amps trigger} from {@code $SY}. */
  public static HeartbeatStatus parseHeartbeat(RapiFrame f) throws RapiFrameException {
    requireArgs(f, 3);
    return new HeartbeatStatus(
        (int) parseDec(f.args().get(0), f),
        (int) parseDec(f.args().get(1), f),
        (int) parseDec(f.args().get(2), f));
  }

  static String hex2(int v) {
    return String.format(Locale.ROOT, "%02X", v & 0xFF);
  }

  private static void requireArgs(RapiFrame f, int n) throws RapiFrameException {
    if (f.args().size() < n) {
      throw new RapiFrameException(Kind.MALFORMED, "expected " + n + " arguments: " + f);
    }
  }

  private static int parseHex(String s, Object context) throws RapiFrameException {
    if (s.isEmpty() || s.length() > 4) {
      throw new RapiFrameException(Kind.MALFORMED, "bad hex '" + s + "' in " + context);
    }
    try {
      return Integer.parseInt(s, 16);
    } catch (NumberFormatException e) {
      throw new RapiFrameException(Kind.MALFORMED, "bad hex '" + s + "' in " + context);
    }
  }

  private static long parseDec(String s, Object context) throws RapiFrameException {
    if (s.isEmpty() || s.length() > 12) {
      throw new RapiFrameException(Kind.MALFORMED, "bad number '" + s + "' in " + context);
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new RapiFrameException(Kind.MALFORMED, "bad number '" + s + "' in " + context);
    }
  }

  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < MAX_LINE_LENGTH; i++) {
      char c = s.charAt(i);
      if (c >= ' ' && c <= '~') {
        sb.append(c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
      }
    }
    return sb.toString();
  }
}
