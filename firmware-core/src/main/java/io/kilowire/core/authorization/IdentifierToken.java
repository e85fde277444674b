package io.kilowire.core.authorization;

import java.util.Objects;

/**
 * A presented identifier: its value and its kind. The domain holds the widest any version allows
 * (2.1's 255 characters and its types); each version's records hold it to that version's limits
 * (1.6 idTag 20, 2.0.1 idToken 36), so a token enters only through a boundary that takes it.
 *
 * <p>Two tokens are equal when their types are equal and their values are equal ignoring case: both
 * versions declare identifiers case-insensitive (the 1.6 IdToken type; 2.0.1 IdTokenType.idToken).
 * {@link #value()} keeps the spelling as received, so it goes back on the wire unchanged.
 *
 * @param value the identifier; at most {@link #MAX_LENGTH} characters (1.6 idTags are further held
 *     to 20 by the 1.6 records)
 * @param type the kind of identifier
 */
public record IdentifierToken(String value, IdentifierType type) {
  /** The 2.1 limit (IdTokenType.idToken maxLength 255); the largest of the versions'. */
  public static final int MAX_LENGTH = 255;

  public IdentifierToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    int length = value.codePointCount(0, value.length());
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "identifier of " + length + " characters exceeds " + MAX_LENGTH);
    }
  }

  /** An OCPP 1.6 idTag. */
  public static IdentifierToken idTag(String value) {
    return new IdentifierToken(value, IdentifierType.ID_TAG);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdentifierToken that
        && type == that.type
        && fold(value).equals(fold(that.value));
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + fold(value).hashCode();
  }

  /**
   * Case folding char by char, the way {@link String#equalsIgnoreCase} compares, so that equals and
   * hashCode agree for every input (String#toUpperCase would turn one char into two for some).
   * Public for whoever must key identifiers the same way.
   */
  public static String fold(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.append(Character.toLowerCase(Character.toUpperCase(s.charAt(i))));
    }
    return out.toString();
  }
}
