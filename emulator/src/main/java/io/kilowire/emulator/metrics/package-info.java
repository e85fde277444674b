/**
 * The run's Prometheus metrics ({@code /metrics} on the control port), kept by Micrometer from the
 * control plane's events and the fleet.
 */
@NullMarked
package io.kilowire.emulator.metrics;

import org.jspecify.annotations.NullMarked;
