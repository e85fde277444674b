/**
 * The real-time shell around the core: a station's OCPP client that connects, reconnects with
 * back-off and runs its RPC session on one thread, and a {@link
 * io.kilowire.core.scheduling.TaskScheduler} on a real executor.
 */
@NullMarked
package io.kilowire.core.runtime;

import org.jspecify.annotations.NullMarked;
