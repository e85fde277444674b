/**
 * The hardware-abstraction layer: ports an OEM implements for its board (control pilot, contactor,
 * meters, ISO 15118 link, fault inputs), value records for their data, and the pure translation of
 * an effective limit into a control-pilot signal (SPEC-FACTS E). No threads, no system clock: time
 * comes from an injected {@link io.kilowire.core.scheduling.TaskScheduler}.
 */
@NullMarked
package io.kilowire.core.hal;

import org.jspecify.annotations.NullMarked;
