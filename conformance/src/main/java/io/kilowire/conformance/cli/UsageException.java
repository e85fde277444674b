package io.kilowire.conformance.cli;

/** A flag or file that parsed but cannot be used: exit code 2, the flag or field named. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
