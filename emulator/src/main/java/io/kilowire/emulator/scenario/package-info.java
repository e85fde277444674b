/**
 * Scenarios ({@code run --scenario FILE}): a YAML timeline of control-API operations and
 * expectations on the stations, run in real or virtual time, reported as JUnit XML; the run fails
 * when an expectation does. See docs/SCENARIOS.md.
 */
@NullMarked
package io.kilowire.emulator.scenario;

import org.jspecify.annotations.NullMarked;
