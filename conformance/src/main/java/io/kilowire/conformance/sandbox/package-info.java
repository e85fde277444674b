/**
 * The built-in target: the emulator's sandbox CSMS set up from the lab configuration, and the
 * driver that triggers it.
 */
@NullMarked
package io.kilowire.conformance.sandbox;

import org.jspecify.annotations.NullMarked;
