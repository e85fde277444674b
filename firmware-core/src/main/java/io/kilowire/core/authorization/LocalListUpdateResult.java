package io.kilowire.core.authorization;

/**
 * How a local list update ended. Anything but {@link #ACCEPTED} left the list and its version
 * exactly as they were. The adapters map these to 1.6 UpdateStatus and 2.0.1 SendLocalListStatus.
 */
public enum LocalListUpdateResult {
  ACCEPTED,
  /**
   * A differential update whose version is not newer than the list's (1.6 §6.42 UpdateStatus; 2.0.1
   * D01).
   */
  VERSION_MISMATCH,
  /** The station has no local list (1.6: LocalAuthListManagement not among its profiles). */
  NOT_SUPPORTED,
  /** The station has one but it is switched off (1.6 LocalAuthListEnabled, 2.0.1 Enabled). */
  NOT_ENABLED,
  /**
   * More entries than one message may carry (1.6 SendLocalListMaxLength, 2.0.1 ItemsPerMessage).
   */
  TOO_MANY_ENTRIES_IN_MESSAGE,
  /** The list would hold more entries than it can (1.6 LocalAuthListMaxLength, 2.0.1 Entries). */
  LIST_FULL,
  /** A token appears twice in one request; the specs require them to be unique. */
  DUPLICATE_TOKEN,
  /** A full update entry without authorization info, which only a differential update may send. */
  MISSING_INFO,
  /**
   * A negative version, which GetLocalListVersion could not report (-1 means "no list support").
   */
  INVALID_VERSION,
  /** The list could not be persisted; the update was rolled back. */
  STORAGE_FAILED;

  public boolean accepted() {
    return this == ACCEPTED;
  }
}
