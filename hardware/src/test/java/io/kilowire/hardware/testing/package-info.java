/** Test fixtures: socat pseudo-terminal pairs whose far end the test plays as the device. */
@NullMarked
package io.kilowire.hardware.testing;

import org.jspecify.annotations.NullMarked;
