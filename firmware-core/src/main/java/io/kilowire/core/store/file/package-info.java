/**
 * The file-backed store, at the edge: {@link io.kilowire.core.store.file.FileRecordLog} (segment
 * files of checksummed frames) and {@link io.kilowire.core.store.file.FileSnapshotStore} (one file
 * per blob, replaced by atomic rename). See {@code docs/STORE.md} for the format and guarantees.
 */
@NullMarked
package io.kilowire.core.store.file;

import org.jspecify.annotations.NullMarked;
