package io.kilowire.core.store.file;

import io.kilowire.core.store.StoreException;

/** The store directory is already open, in this process or another one. */
public final class StoreLockedException extends StoreException {
  private static final long serialVersionUID = 1L;

  StoreLockedException(String location, String problem) {
    super(location, problem);
  }
}
