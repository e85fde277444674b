package io.kilowire.core.authorization;

import java.util.List;
import java.util.Objects;

/**
 * A SendLocalList request without its version-specific dress.
 *
 * @param version for a full update the version of the new list; for a differential update the
 *     version the list has after it (1.6 listVersion, 2.0.1 versionNumber)
 * @param type full or differential
 * @param entries the entries; empty when the request carried none
 */
public record LocalListUpdate(int version, LocalListUpdateType type, List<LocalListEntry> entries) {
  public LocalListUpdate {
    Objects.requireNonNull(type, "type");
    entries = List.copyOf(entries);
  }

  public static LocalListUpdate full(int version, List<LocalListEntry> entries) {
    return new LocalListUpdate(version, LocalListUpdateType.FULL, entries);
  }

  public static LocalListUpdate differential(int version, List<LocalListEntry> entries) {
    return new LocalListUpdate(version, LocalListUpdateType.DIFFERENTIAL, entries);
  }
}
