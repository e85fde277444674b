/**
 * The persistence port: an append-only {@link io.kilowire.core.store.RecordLog} for the
 * transaction-message queue and a {@link io.kilowire.core.store.SnapshotStore} of atomically
 * replaced blobs, with in-memory implementations. Files live at the edge, in {@code store.file}.
 */
@NullMarked
package io.kilowire.core.store;

import org.jspecify.annotations.NullMarked;
