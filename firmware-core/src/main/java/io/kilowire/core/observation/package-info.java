/**
 * Observers of a station and its wire (frame traces, consoles, metrics, any listener of frames or
 * events) are isolated from what they observe: {@link io.kilowire.core.observation.ObserverGuard}
 * runs their notifications so that a failure is counted and logged, never propagated.
 */
@NullMarked
package io.kilowire.core.observation;

import org.jspecify.annotations.NullMarked;
