package io.kilowire.core.transport;

import org.jspecify.annotations.Nullable;

/** Reading the causes of a failed connection, for both station transports. */
final class Failures {
  private Failures() {}

  /** The first {@code type} in the cause chain of {@code error}, or null. */
  static <T extends Throwable> @Nullable T find(@Nullable Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** "SimpleName: message", for a log line or a {@link CloseReason} detail. */
  static String describe(@Nullable Throwable error) {
    if (error == null) {
      return "";
    }
    String message = error.getMessage();
    return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
