package io.kilowire.core.store;

import org.jspecify.annotations.Nullable;

/** A store could not do what was asked; the message names the location and what failed. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String location;

  public StoreException(String location, String problem) {
    this(location, problem, null);
  }

  public StoreException(String location, String problem, @Nullable Throwable cause) {
    super(problem + " [" + location + "]" + (cause == null ? "" : ": " + cause), cause);
    this.location = location;
  }

  /** The file or directory (or in-memory store) concerned. */
  public String location() {
    return location;
  }
}
