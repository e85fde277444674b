/**
 * The fleet benchmark's instruments: {@link io.kilowire.emulator.bench.CallTimer} times every CALL
 * a station sends until its answer arrives, {@link io.kilowire.emulator.bench.FleetMetrics}
 * collects those round trips and counts, {@link io.kilowire.emulator.bench.ProcessStats} reads what
 * the process costs (CPU, resident memory, threads), and {@link
 * io.kilowire.emulator.bench.SinkProcess} runs the sink CSMS in a JVM of its own so that its cost
 * is not counted as the stations'.
 */
@NullMarked
package io.kilowire.emulator.bench;

import org.jspecify.annotations.NullMarked;
