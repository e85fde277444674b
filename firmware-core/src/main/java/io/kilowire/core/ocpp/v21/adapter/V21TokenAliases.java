package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v21.IdToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 2.1's IdToken (up to 255 characters, any type name) carried through the 2.0.1 records (36
 * characters, a closed type enumeration) the station's one domain speaks. A token 2.0.1 can hold
 * passes unchanged; any other becomes an alias that 2.0.1 can hold — a digest of its type and
 * case-folded value, so one token always has one alias and compares equal to itself however the
 * CSMS spells its case, as 2.0.1 identifiers do — and the alias goes back to the token as the CSMS
 * sent it whenever the station names it in a 2.1 message (Authorize, TransactionEvent, …).
 *
 * <p>The aliases are remembered in memory, the most recent {@value #REMEMBERED} of them; a station
 * restarted with such a token still journaled would name it by its alias.
 */
final class V21TokenAliases {
  static final int REMEMBERED = 4096;

  /** The 2.0.1 type an alias carries; the domain treats no type specially but NoAuthorization. */
  private static final String ALIAS_TYPE = IdTokenType.CENTRAL.value();

  private static final String PREFIX = "21~";
  private static final int MAX_201_LENGTH = 36;

  private static final Map<String, IdToken> BY_ALIAS =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IdToken> eldest) {
          return size() > REMEMBERED;
        }
      };

  private V21TokenAliases() {}

  /** {@code token} as a 2.0.1 record can hold it: itself, or its alias. */
  static IdToken fitted(IdToken token) {
    boolean typeFits = is201Type(token.type());
    if (token.idToken().codePointCount(0, token.idToken().length()) <= MAX_201_LENGTH && typeFits) {
      return token;
    }
    String alias = PREFIX + digest(token.type() + '\n' + IdentifierToken.fold(token.idToken()));
    synchronized (BY_ALIAS) {
      BY_ALIAS.put(alias, IdToken.of(token.idToken(), token.type()));
    }
    return new IdToken(
        token.additionalInfo(), alias, typeFits ? token.type() : ALIAS_TYPE, token.customData());
  }

  /** {@code token} as the CSMS sent it, if it is an alias this station made. */
  static IdToken restored(IdToken token) {
    if (!token.idToken().startsWith(PREFIX)) {
      return token;
    }
    IdToken original;
    synchronized (BY_ALIAS) {
      original = BY_ALIAS.get(token.idToken().toLowerCase(java.util.Locale.ROOT));
    }
    return original == null
        ? token
        : new IdToken(
            token.additionalInfo(), original.idToken(), original.type(), token.customData());
  }

  private static boolean is201Type(String type) {
    for (IdTokenType t : IdTokenType.values()) {
      if (t.value().equals(type)) {
        return true;
      }
    }
    return false;
  }

  /** 128 bits of SHA-256 in lower-case hex: 32 characters, with the prefix within 2.0.1's 36. */
  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
