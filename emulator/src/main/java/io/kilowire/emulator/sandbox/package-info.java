/** The built-in sandbox CSMS: accepts, authorizes and prints what it sees. */
@NullMarked
package io.kilowire.emulator.sandbox;

import org.jspecify.annotations.NullMarked;
