package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.ocpp.v201.CustomData;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A domain token wider than 2.0.1's IdToken (2.1: up to 255 characters, types 2.0.1's enumeration
 * lacks) carried through the 2.0.1 records the 2.1 bridge reuses. The record's idToken holds a
 * stand-in 2.0.1 can hold, a digest of the type and case-folded value (so one token has one
 * stand-in however its case is spelled), and its customData ({@link #VENDOR}) the token itself.
 * Nothing is remembered anywhere: the domain reads the token out of the record, keeps it (journal,
 * cache, local list, reservations), and writes it back into the next record, which the 2.1 bridge
 * turns into the 2.1 IdToken. Only a 2.1 station holds such tokens, so 2.0.1's wire never sees one.
 */
public final class WideTokens {
  /** The vendor id of the customData that carries a wide token. */
  public static final String VENDOR = "io.kilowire.token";

  private static final String VALUE = "idToken";
  private static final String TYPE = "type";
  private static final String PREFIX = "21~";
  private static final int MAX_201_LENGTH = 36;

  /** The 2.0.1 type a stand-in carries when the token's own has no 2.0.1 spelling. */
  private static final IdTokenType STAND_IN_TYPE = IdTokenType.CENTRAL;

  private WideTokens() {}

  /**
   * The 2.0.1 record of token {@code value} of type {@code type} (a 2.0.1 enum name, or any type's
   * wire spelling): plain where 2.0.1 can hold it, else a stand-in carrying it.
   */
  public static IdToken record(String value, String type) {
    IdTokenType t201 = type201(type);
    if (t201 != null && fits201(value)) {
      return IdToken.of(value, t201);
    }
    String wire = t201 != null ? t201.value() : type;
    return new IdToken(
        new CustomData(VENDOR, Map.of(VALUE, value, TYPE, wire)),
        null,
        standIn(value, wire),
        t201 != null ? t201 : STAND_IN_TYPE);
  }

  /** Whether {@code token} carries a wide token. */
  public static boolean carries(IdToken token) {
    CustomData c = token.customData();
    return c != null
        && c.vendorId().equals(VENDOR)
        && c.properties().get(VALUE) instanceof String
        && c.properties().get(TYPE) instanceof String;
  }

  /** The token's value: the carried one, or the record's own. */
  public static String value(IdToken token) {
    return carries(token) ? (String) token.customData().properties().get(VALUE) : token.idToken();
  }

  /**
   * The token's type as the domain names it: the carried wire spelling, or the 2.0.1 enum name
   * (which the 2.0.1 mappings have always used).
   */
  public static String type(IdToken token) {
    return carries(token)
        ? (String) token.customData().properties().get(TYPE)
        : token.type().name();
  }

  /** The carried type's wire spelling, or the record's own. */
  public static String wireType(IdToken token) {
    return carries(token)
        ? (String) token.customData().properties().get(TYPE)
        : token.type().value();
  }

  /** The 2.0.1 type named {@code type} (enum name or wire spelling), or null if 2.0.1 has none. */
  public static @Nullable IdTokenType type201(String type) {
    for (IdTokenType t : IdTokenType.values()) {
      if (t.name().equals(type) || t.value().equals(type)) {
        return t;
      }
    }
    return null;
  }

  private static boolean fits201(String value) {
    return value.codePointCount(0, value.length()) <= MAX_201_LENGTH;
  }

  /** 128 bits of SHA-256 in lower-case hex: 32 characters, with the prefix within 2.0.1's 36. */
  private static String standIn(String value, String type) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((type + '\n' + IdentifierToken.fold(value)).getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
