package io.kilowire.core.ocpp.json;

/** A frame broke one of the {@link JsonLimits}. */
final class JsonLimitExceeded extends Exception {
  private static final long serialVersionUID = 1L;

  JsonLimitExceeded(String message) {
    super(message);
  }
}
