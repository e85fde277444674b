/** The emulator command line and its console output. */
@NullMarked
package io.kilowire.emulator.cli;

import org.jspecify.annotations.NullMarked;
