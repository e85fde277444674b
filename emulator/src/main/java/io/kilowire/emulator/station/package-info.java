/** Emulated charging stations. */
@NullMarked
package io.kilowire.emulator.station;

import org.jspecify.annotations.NullMarked;
