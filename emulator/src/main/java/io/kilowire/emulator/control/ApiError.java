package io.kilowire.emulator.control;

import org.jspecify.annotations.Nullable;

/**
 * A request the control API refuses: the HTTP status, the request field at fault (a body field, a
 * path parameter or a query parameter, by name; null when the request as a whole is wrong) and why.
 * Answered as {@code {"error": message, "field": field}}.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String field;

  public ApiError(int status, @Nullable String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiError badRequest(String field, String message) {
    return new ApiError(400, field, field + ": " + message);
  }

  public static ApiError notFound(String field, String message) {
    return new ApiError(404, field, message);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, null, message);
  }

  public int status() {
    return status;
  }

  public @Nullable String field() {
    return field;
  }
}
