package io.kilowire.emulator.sandbox;

import io.kilowire.emulator.station.EmulatedToken;
import java.util.Optional;

/**
 * The idToken formats of OCPP 2.0.1 Part 2 (IdTokenEnumType) that a strict CSMS enforces: CitrineOS
 * answers an Authorize whose ISO14443 token is not 8 or 14 hexadecimal characters with CALLERROR
 * PropertyConstraintViolation. The sandbox does the same, so a station that gets the formats wrong
 * fails here first. Central, Local, KeyCode and the other types carry any string.
 */
final class TokenCheck {
  private TokenCheck() {}

  /** What is wrong with {@code token} for {@code type}; empty if it fits. */
  static Optional<String> problem(String type, String token) {
    return switch (type) {
      case "ISO14443" ->
          token.matches("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}")
              ? Optional.empty()
              : Optional.of("an ISO14443 idToken is a 4- or 7-byte UID, 8 or 14 hex characters");
      case "ISO15693" ->
          token.matches("[0-9A-Fa-f]{16}")
              ? Optional.empty()
              : Optional.of("an ISO15693 idToken is an 8-byte UID, 16 hex characters");
      case "eMAID" -> emaidProblem(token);
      default -> Optional.empty();
    };
  }

  /** ISO 15118: country (2 letters), provider (3), instance (9), optional check digit. */
  private static Optional<String> emaidProblem(String token) {
    String plain = token.replace("-", "").replace("*", "");
    if (!plain.matches("[A-Za-z]{2}[0-9A-Za-z]{12}[0-9A-Za-z]?")) {
      return Optional.of(
          "an eMAID is country, provider and instance (14 characters), + check digit");
    }
    if (plain.length() == 15
        && Character.toUpperCase(plain.charAt(14))
            != EmulatedToken.emaidCheckDigit(plain.substring(0, 14))) {
      return Optional.of("the eMAID's check digit is wrong");
    }
    return Optional.empty();
  }
}
