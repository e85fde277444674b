/** Frame traces: DIR/<stationId>.ocpp.jsonl. */
@NullMarked
package io.kilowire.emulator.trace;

import org.jspecify.annotations.NullMarked;
